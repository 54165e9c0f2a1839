import { compareIds } from './order.js';
import type { IsoDate, OpenEnd, Relation } from './types.js';

/** What happened to a relation on a day: it began, it ended, or (read `LAST_REPORTED`) a source last vouched for it. */
export const CHANGE_KINDS = ['BEGAN', 'ENDED', 'LAST_REPORTED'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface RelationChange {
  date: IsoDate;
  change: ChangeKind;
  relation: Relation;
}

/**
 * The dates on which a relation changes under an open-end reading: its `since`, its `until`, and,
 * read `LAST_REPORTED`, its last report when it has no `until` (a last report is not an end: no
 * source said it ended). The one place this rule lives; stores find relations by these dates.
 */
export function changeDates(relation: Relation, openEnd: OpenEnd): { date: IsoDate; change: ChangeKind }[] {
  const dates: { date: IsoDate; change: ChangeKind }[] = [{ date: relation.since, change: 'BEGAN' }];
  if (relation.until !== null) dates.push({ date: relation.until, change: 'ENDED' });
  else if (openEnd === 'LAST_REPORTED') dates.push({ date: relation.lastReported, change: 'LAST_REPORTED' });
  return dates;
}

const ORDER: Record<ChangeKind, number> = { BEGAN: 0, LAST_REPORTED: 1, ENDED: 2 };

/**
 * The changes between two dates (inclusive), as `changeDates` gives them. A relation that began
 * and ended in the range gives both. Ordered by date, BEGAN before LAST_REPORTED before ENDED on
 * the same day, then by relation id.
 */
export function changesBetween(
  relations: readonly Relation[],
  from: IsoDate,
  to: IsoDate,
  openEnd: OpenEnd,
): RelationChange[] {
  const changes: RelationChange[] = [];
  for (const relation of relations)
    for (const { date, change } of changeDates(relation, openEnd))
      if (date >= from && date <= to) changes.push({ date, change, relation });
  return changes.sort(
    (a, b) =>
      compareIds(a.date, b.date) || ORDER[a.change] - ORDER[b.change] || compareIds(a.relation.id, b.relation.id),
  );
}
