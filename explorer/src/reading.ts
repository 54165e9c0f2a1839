// How the graph is read: what a relation with no known end means (`openEnd`) and which relations are
// sourced well enough to show (`evidence`). One value, kept in the page's URL and sent as the same two
// arguments on every query that reads the graph through time (snapshot, changes, neighbourhood, an
// actor's relations, paths).

import type { EdgeRef } from './queries.js';

/** How to read a relation with no `until` (the API's `OpenEnd`). */
export type OpenEnd = 'ONGOING' | 'LAST_REPORTED';

/** The part of the API's `EvidenceFilter` the explorer offers. */
export interface EvidenceFilter {
  minPublishers?: number;
  statedOnly?: boolean;
}

export interface Reading {
  openEnd: OpenEnd;
  evidence: EvidenceFilter;
}

/** The API's default reading: every relation, and one with no known end holds until a source says it ended. */
export const DEFAULT_READING: Reading = { openEnd: 'ONGOING', evidence: {} };

/** The minimum-publishers choices the page offers (1: any relation). */
export const MIN_PUBLISHERS_CHOICES = [1, 2, 3] as const;

/** Reads the reading from the page's query string; anything unknown falls back to the default. */
export function readingFromParams(params: URLSearchParams): Reading {
  const openEnd = params.get('openEnd') === 'LAST_REPORTED' ? 'LAST_REPORTED' : 'ONGOING';
  const evidence: EvidenceFilter = {};
  const minPublishers = Number(params.get('minPublishers'));
  if (Number.isInteger(minPublishers) && minPublishers > 1) evidence.minPublishers = minPublishers;
  if (params.get('statedOnly') === '1') evidence.statedOnly = true;
  return { openEnd, evidence };
}

/** Writes the reading into a query string; the default writes nothing. */
export function writeReading(params: URLSearchParams, reading: Reading): void {
  if (reading.openEnd !== 'ONGOING') params.set('openEnd', reading.openEnd);
  if (reading.evidence.minPublishers) params.set('minPublishers', String(reading.evidence.minPublishers));
  if (reading.evidence.statedOnly) params.set('statedOnly', '1');
}

/** The reading as a short stable key (its query-string form): the graph element carries it for the tests. */
export function readingKey(reading: Reading): string {
  const params = new URLSearchParams();
  writeReading(params, reading);
  return params.toString();
}

/**
 * The GraphQL variables `$openEnd: OpenEnd!` and `$evidence: EvidenceFilter` of a query. With no
 * filter `evidence` is left out, so the argument is absent rather than null.
 */
export function readingVariables(reading: Reading): { openEnd: OpenEnd; evidence?: EvidenceFilter } {
  const evidence = Object.keys(reading.evidence).length > 0 ? { ...reading.evidence } : undefined;
  return evidence ? { openEnd: reading.openEnd, evidence } : { openEnd: reading.openEnd };
}

/**
 * A relation drawn on `at` under ONGOING although no source reports it since an earlier day: it has
 * no `until` and its last report is before `at`. Under LAST_REPORTED such a relation is not active
 * that day, so nothing is assumed.
 */
export function assumedContinuing(
  edge: Pick<EdgeRef, 'until' | 'lastReported'>,
  at: string,
  openEnd: OpenEnd,
): boolean {
  return openEnd === 'ONGOING' && edge.until === null && edge.lastReported < at;
}

/** A sentence for a person: how the graph is read. */
export function describeReading(reading: Reading): string {
  const parts = [
    reading.openEnd === 'LAST_REPORTED'
      ? 'relations with no known end only up to their last report'
      : 'relations with no known end assumed to continue',
  ];
  if (reading.evidence.minPublishers) parts.push(`reported by ${reading.evidence.minPublishers}+ publishers`);
  if (reading.evidence.statedOnly) parts.push('stated by a source itself');
  return parts.join(' · ');
}
