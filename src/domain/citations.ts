import type { Citation, Source } from './types.js';

/**
 * Citation ids are derived, so they stay stable as long as the relation and source ids do; and a
 * relation cites a source at most once, because the pair is the citation's key.
 */
export const citationId = (relationId: string, sourceId: string) => `${relationId}@${sourceId}`;

/** A citation of `source` by a relation, with who makes the claim. */
export const citationOf = (
  relationId: string,
  source: Source,
  claimant: string | null,
  claimantActorId: string | null,
  locator: string | null = null,
): Citation => ({
  id: citationId(relationId, source.id),
  relationId,
  sourceId: source.id,
  title: source.title,
  publisher: source.publisher,
  published: source.published,
  publishedApproximate: source.publishedApproximate,
  claimant,
  claimantActorId,
  locator,
});
