import type { Actor, Citation, RelationFacts, Source } from '../domain/types.js';

/** A row (or record) that could not be read, with where it is and why. */
export interface RowProblem {
  /** `relations.csv line 12`, `line 7`, `relations[3]`. */
  where: string;
  message: string;
}

/** What a file says, read into our shapes, before it is compared with the graph. */
export interface ImportBatch {
  sources: Source[];
  actors: Actor[];
  relations: { relation: RelationFacts; citations: Citation[] }[];
  /** Rows that are wrong: reported, skipped, or fatal with --strict. */
  problems: RowProblem[];
  /** Input that could not be read at all (a missing file, bad JSON or CSV, missing columns): nothing is imported. */
  unreadable: RowProblem[];
  /** Rows that are fine but carry nothing to import (an ACLED protest), with why. */
  ignored: RowProblem[];
}

export const emptyBatch = (): ImportBatch => ({
  sources: [],
  actors: [],
  relations: [],
  problems: [],
  unreadable: [],
  ignored: [],
});
