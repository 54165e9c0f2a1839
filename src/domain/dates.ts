import type { DateWindow, IsoDate, Relation } from './types.js';

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

/** A window is valid when each end is a date and `from <= to`; returns a reason otherwise. */
export function windowProblem(window: DateWindow): string | null {
  if (window.from !== null && !isIsoDate(window.from))
    return `from is not a YYYY-MM-DD date: ${JSON.stringify(window.from)}`;
  if (window.to !== null && !isIsoDate(window.to)) return `to is not a YYYY-MM-DD date: ${JSON.stringify(window.to)}`;
  if (window.from !== null && window.to !== null && window.from > window.to) {
    return `from (${window.from}) is after to (${window.to})`;
  }
  return null;
}

/**
 * A relation is active in a window when it started on or before the window's end and had not
 * ended before the window's start: `since <= to` and (`until` is null or `until >= from`).
 */
export function isActiveIn(relation: Pick<Relation, 'since' | 'until'>, window: DateWindow | null): boolean {
  if (!window) return true;
  if (window.to !== null && relation.since > window.to) return false;
  if (window.from !== null && relation.until !== null && relation.until < window.from) return false;
  return true;
}

/** The window of a single day. */
export const dayWindow = (day: IsoDate): DateWindow => ({ from: day, to: day });
