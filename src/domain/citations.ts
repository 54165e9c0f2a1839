import { CREDIBILITY, type Citation, type Source, type Stance } from './types.js';

/**
 * Citation ids are derived, so they stay stable as long as the relation and source ids do; and a
 * relation cites a source at most once, because the pair is the citation's key.
 */
export const citationId = (relationId: string, sourceId: string) => `${relationId}@${sourceId}`;

/** How a citation reports its relation; only `claimant` and `claimantActorId` have no default. */
export interface CitationClaim {
  claimant: string | null;
  claimantActorId: string | null;
  locator?: string | null;
  stance?: Stance;
  credibility?: number;
}

/** A citation of `source` by a relation, with who makes the claim (reporting, ungraded unless said). */
export const citationOf = (
  relationId: string,
  source: Source,
  { claimant, claimantActorId, locator = null, stance = 'REPORTS', credibility = CREDIBILITY.ungraded }: CitationClaim,
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
  stance,
  credibility,
});
