import type { Actor, Citation, Relation, Source } from '../domain/types.js';

/** A validated dataset, in the shapes the stores hold. */
export interface Dataset {
  sources: Source[];
  actors: Actor[];
  relations: Relation[];
  citations: Citation[];
}

/** Citation ids are derived, so they stay stable as long as the relation and source ids do. */
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
