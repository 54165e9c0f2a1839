import type { Actor, Citation, Relation, Source } from '../domain/types.js';

/** A validated dataset, in the shapes the stores hold. */
export interface Dataset {
  sources: Source[];
  actors: Actor[];
  relations: Relation[];
  citations: Citation[];
}

/** Citations are built by the domain's one rule; re-exported for the dataset's callers. */
export { citationId, citationOf } from '../domain/citations.js';
