import { badInput } from './errors.js';
import { ALL_TIME, startsAfter } from './dates.js';
import { INPUT_LIMITS } from './input-limits.js';
import type { DateWindow, EvidenceFilter, IsoDate, OpenEnd, Reading, Relation, Reliability } from './types.js';

/** The filter that keeps every relation, whatever its sources. */
export const ANY_EVIDENCE: Readonly<EvidenceFilter> = Object.freeze({
  minSources: 0,
  minPublishers: 0,
  statedOnly: false,
  excludeDisputed: false,
  minReliability: null,
});

/** An evidence filter as a client writes it: any field may be missing or null. */
export type EvidenceFilterInput = { [K in keyof EvidenceFilter]?: EvidenceFilter[K] | null };

/**
 * The one way to make a `Reading`: a checked window, an open-end reading (ONGOING when absent) and
 * an evidence filter (absent fields keep everything). Counts must be whole numbers from 0 to the
 * most citations a relation may have; BAD_USER_INPUT names the field otherwise (`field.minSources`, or
 * plain `minSources` with a null `field`, as the export's query parameters are named).
 */
export function graphReading(
  window: DateWindow,
  openEnd: OpenEnd | null | undefined = null,
  evidence: EvidenceFilterInput | null | undefined = null,
  field: string | null = 'evidence',
): Reading {
  const count = (name: 'minSources' | 'minPublishers') => {
    const value = evidence?.[name] ?? 0;
    const max = INPUT_LIMITS.citationsPerRelation;
    const path = field === null ? name : `${field}.${name}`;
    if (!Number.isInteger(value) || value < 0 || value > max)
      throw badInput(path, `${path} must be a whole number from 0 to ${max}; got ${value}`);
    return value;
  };
  return Object.freeze({
    window,
    openEnd: openEnd ?? 'ONGOING',
    evidence: Object.freeze({
      minSources: count('minSources'),
      minPublishers: count('minPublishers'),
      statedOnly: evidence?.statedOnly ?? false,
      excludeDisputed: evidence?.excludeDisputed ?? false,
      minReliability: (evidence?.minReliability ?? null) as Reliability | null,
    }),
  }) as Reading;
}

/** Every relation ever recorded, read as its sources' ends say (the reading of a write's checks). */
export const EVERYTHING: Reading = graphReading(ALL_TIME);

/** The same reading over another window. */
export const withWindow = (reading: Reading, window: DateWindow): Reading =>
  Object.freeze({ ...reading, window }) as Reading;

/**
 * The last day a relation holds under a reading, null for no known end: its `until` when a source
 * gave one; otherwise, read `ONGOING`, none; read `LAST_REPORTED`, its last report.
 */
export const endUnder = (relation: Pick<Relation, 'until' | 'lastReported'>, openEnd: OpenEnd): IsoDate | null =>
  relation.until ?? (openEnd === 'LAST_REPORTED' ? relation.lastReported : null);

/**
 * The "active in window" condition, the one place TypeScript states it (Cypher states it once, in
 * `cypher/fragments/in-reading.cypher`): a relation is active in a window when it started on or
 * before the window's last day and had not ended (`endUnder`) before its first day.
 */
export function isActiveIn(relation: Pick<Relation, 'since' | 'until' | 'lastReported'>, reading: Reading): boolean {
  if (startsAfter(relation, reading.window)) return false;
  const end = endUnder(relation, reading.openEnd);
  return reading.window.from === null || end === null || end >= reading.window.from;
}

/** Whether a relation's evidence meets the filter (`Evidence` is derived in `evidence.ts`). */
export function hasEvidence(relation: Pick<Relation, 'evidence'>, filter: Readonly<EvidenceFilter>): boolean {
  const e = relation.evidence;
  return (
    e.sources >= filter.minSources &&
    e.publishers >= filter.minPublishers &&
    (!filter.statedOnly || e.stated) &&
    (!filter.excludeDisputed || !e.disputed) &&
    (filter.minReliability === null || (e.sources > 0 && e.bestReliability <= filter.minReliability))
  );
}

/** Whether a relation is read at all: active in the reading's window and sourced as it asks. */
export const inReading = (relation: Relation, reading: Reading): boolean =>
  isActiveIn(relation, reading) && hasEvidence(relation, reading.evidence);
