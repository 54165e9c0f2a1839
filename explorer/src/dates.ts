// Calendar dates as the API writes them (`YYYY-MM-DD`), and the month steps of the time slider.

import type { DateBound, Precision } from './queries.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The day of the month the slider shows for a month: mid-month reads as "in that month". */
export const SLIDER_DAY = 15;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function parts(date: string): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number);
  return { year, month, day };
}

/** Months since year 0: consecutive months differ by one. */
export function monthIndex(date: string): number {
  const { year, month } = parts(date);
  return year * 12 + (month - 1);
}

export function monthStart(index: number): string {
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}-01`;
}

export function monthEnd(index: number): string {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${pad(year, 4)}-${pad(month)}-${pad(last)}`;
}

/** The date the slider shows for a month. */
export function sliderDate(index: number): string {
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}-${pad(SLIDER_DAY)}`;
}

export function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const { year, month, day } = parts(value);
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** 15 Dec 2017 */
export function formatDay(date: string): string {
  const { year, month, day } = parts(date);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** Dec 2017 */
export function formatMonth(date: string): string {
  const { year, month } = parts(date);
  return `${MONTHS[month - 1]} ${year}`;
}

/** A date as precisely as the sources fix it. */
export function formatAt(date: string, precision: Precision): string {
  if (precision === 'YEAR') return String(parts(date).year);
  if (precision === 'MONTH') return formatMonth(date);
  return formatDay(date);
}

/** "on or before 10 Dec 2017" when the date is only that of the first report (`ON_OR_BEFORE`). */
export function formatSince(since: string, precision: Precision, bound: DateBound = 'EXACT'): string {
  const start = formatAt(since, precision);
  return bound === 'ON_OR_BEFORE' ? `on or before ${start}` : start;
}

/** "Oct 2017 – no known end", "8 Dec 2017" (one day), "2015 – 2017", "on or before 10 Dec 2017 – no known end". */
export function formatSpan(
  since: string,
  until: string | null,
  precision: Precision,
  bound: DateBound = 'EXACT',
): string {
  const start = formatSince(since, precision, bound);
  if (until === null) return `${start} – no known end`;
  const end = formatAt(until, precision);
  return formatAt(since, precision) === end ? start : `${start} – ${end}`;
}

/** Days between two dates (b - a). */
export function daysBetween(a: string, b: string): number {
  const toTime = (s: string) => {
    const { year, month, day } = parts(s);
    return Date.UTC(year, month - 1, day);
  };
  return Math.round((toTime(b) - toTime(a)) / 86_400_000);
}
