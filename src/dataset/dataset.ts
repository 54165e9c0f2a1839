import type { Actor, Citation, RelationFacts, Source } from '../domain/types.js';

/** A validated dataset, in the shapes a write gives (stores derive each relation's evidence). */
export interface Dataset {
  sources: Source[];
  actors: Actor[];
  relations: RelationFacts[];
  citations: Citation[];
}

/** Citations are built by the domain's one rule; re-exported for the dataset's callers. */
export { citationId, citationOf } from '../domain/citations.js';
