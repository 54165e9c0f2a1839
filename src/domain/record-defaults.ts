import { CREDIBILITY, UNGRADED, type Citation, type RelationFacts, type Source } from './types.js';

/*
 * Records written before a field existed read with the field's default: a source ungraded, a
 * citation reporting and ungraded, a relation's `since` exact. Stores apply these where they read
 * what they kept (the embedded store's data folder, Neo4j's properties), so old data loads as is.
 */

type Partly<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

export const sourceWithDefaults = (s: Partly<Source, 'reliability'>): Source => ({
  ...s,
  reliability: s.reliability ?? UNGRADED,
});

export const citationWithDefaults = (c: Partly<Citation, 'stance' | 'credibility'>): Citation => ({
  ...c,
  stance: c.stance ?? 'REPORTS',
  credibility: c.credibility ?? CREDIBILITY.ungraded,
});

export const factsWithDefaults = <R extends Partly<RelationFacts, 'sinceBound'>>(r: R): R & RelationFacts => ({
  ...r,
  sinceBound: r.sinceBound ?? 'EXACT',
});
