import { badInput } from './errors.js';
import type { DateSpan, DateWindow, IsoDate, Relation } from './types.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (so `2017-02-30` is false). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The ends of a window as a client writes them: either may be missing. */
export interface WindowEnds {
  from?: IsoDate | null;
  to?: IsoDate | null;
}

/**
 * The one way to make a `DateWindow`: each end a real date or open, and `from <= to`. Built once
 * where a request enters (a resolver, the importer, a benchmark) and passed on as is; stores and
 * Cypher statements never check a window again. Absent ends (or no argument at all) are open.
 * Throws BAD_USER_INPUT naming `field` otherwise. (The GraphQL `Date` scalar has already refused a
 * malformed date by then, with the same `isIsoDate`; the check here is for every other caller.)
 */
export function dateWindow(ends: WindowEnds | null | undefined, field = 'window'): DateWindow {
  const from = ends?.from ?? null;
  const to = ends?.to ?? null;
  const problem =
    from !== null && !isIsoDate(from)
      ? `from is not a YYYY-MM-DD date: ${JSON.stringify(from)}`
      : to !== null && !isIsoDate(to)
        ? `to is not a YYYY-MM-DD date: ${JSON.stringify(to)}`
        : from !== null && to !== null && from > to
          ? `from (${from}) is after to (${to})`
          : null;
  if (problem) throw badInput(field, `${field}: ${problem}`);
  return Object.freeze({ from, to }) as DateWindow;
}

/** Every date: the window of a query given none. */
export const ALL_TIME: DateWindow = dateWindow(null);

/** The window of a single day (`snapshot(at:)`, `balance(at:)`). */
export const dayWindow = (day: IsoDate, field = 'at'): DateWindow => dateWindow({ from: day, to: day }, field);

/** A window with both ends given, such as the span `changes` reports on. */
export const dateSpan = (from: IsoDate, to: IsoDate, field: string): DateSpan =>
  dateWindow({ from, to }, field) as DateSpan;

/**
 * The half of `isActiveIn` that depends on `since` alone: the relation starts after the window
 * ends. A walk over relations in `since` order stops at the first such relation.
 */
export const startsAfter = (relation: Pick<Relation, 'since'>, window: DateWindow): boolean =>
  window.to !== null && relation.since > window.to;
