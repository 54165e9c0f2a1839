import { compareIds } from './order.js';
import type { IsoDate, Relation } from './types.js';

export type ChangeKind = 'BEGAN' | 'ENDED';

export interface RelationChange {
  date: IsoDate;
  change: ChangeKind;
  relation: Relation;
}

/**
 * The changes between two dates (inclusive): a relation began on its `since` and ended on its
 * `until`. A relation that began and ended in the range gives both. Ordered by date, BEGAN before
 * ENDED on the same day, then by relation id.
 */
export function changesBetween(relations: readonly Relation[], from: IsoDate, to: IsoDate): RelationChange[] {
  const changes: RelationChange[] = [];
  for (const relation of relations) {
    if (relation.since >= from && relation.since <= to)
      changes.push({ date: relation.since, change: 'BEGAN', relation });
    if (relation.until !== null && relation.until >= from && relation.until <= to)
      changes.push({ date: relation.until, change: 'ENDED', relation });
  }
  return changes.sort(
    (a, b) =>
      compareIds(a.date, b.date) ||
      (a.change === b.change ? 0 : a.change === 'BEGAN' ? -1 : 1) ||
      compareIds(a.relation.id, b.relation.id),
  );
}
