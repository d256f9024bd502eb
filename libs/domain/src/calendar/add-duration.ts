import { LocalDate } from '@js-joda/core';
import { BusinessDate, daysBetween, isBusinessDate } from './business-date';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from './dutch-holidays';

/**
 * Deadlines on local calendar dates (SPEC §3 rule 1, domain-research §3.0.3): `deadline = start + duration`.
 *
 * - Calendar: years and months are calendar-month arithmetic that clamps to the last day of the month
 *   (31 Dec + P2M = 28/29 Feb; 29 Feb + P3Y = 28 Feb); weeks are 7 days; days are days.
 * - Years and months are added together as one number of months, then weeks and days (as java.time's Period does):
 *   2024-01-31 + P1Y1M = 2025-02-28, not 2025-02-28 + 1 month.
 * - Working days (Monday–Friday, not a Dutch public holiday): only whole days, `PnD`, meaning the n-th working day
 *   after the start. A month of working days has no meaning, so `P2M` on that calendar is refused.
 */
export type NormCalendar = 'calendar-days' | 'working-days';

export const NORM_CALENDARS: readonly NormCalendar[] = ['calendar-days', 'working-days'];

/** The parts of an ISO 8601 date duration `PnYnMnWnD` (each part optional, at least one present). */
export interface DateDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
}

const DATE_DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/**
 * Parses an ISO 8601 date duration: `P28D`, `P2M`, `P6W`, `P3Y`, `P1Y2M`, `P1M2W3D`. Time parts (`PT…`), signs,
 * fractions and lower case are refused with an Error that says what is expected.
 */
export function parseDateDuration(isoDuration: string): DateDuration {
  const match = typeof isoDuration === 'string' ? DATE_DURATION.exec(isoDuration) : null;
  if (match === null || isoDuration === 'P') {
    throw new Error(
      `Not an ISO 8601 date duration: ${JSON.stringify(isoDuration)}; expected PnYnMnWnD with whole numbers, e.g. P28D, P2M, P6W, P1Y2M`,
    );
  }
  const [years, months, weeks, days] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  if (![years, months, weeks, days].every(Number.isSafeInteger)) {
    throw new Error(`The ISO 8601 duration ${isoDuration} is too large`);
  }
  return { years, months, weeks, days };
}

/** True when `parseDateDuration` accepts the text. */
export function isDateDuration(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    parseDateDuration(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Every deadline of every norm item is one of these sums, and a projection judges hundreds of thousands of items on a
 * few thousand distinct start dates: the sums already made are kept (bounded; a pure function of its arguments).
 */
const SUMS_KEPT = 50_000;
const sums = new Map<string, BusinessDate>();

/** `start + isoDuration` on the given calendar (see the rules at the top of this file). */
export function addDuration(start: BusinessDate, isoDuration: string, calendar: NormCalendar): BusinessDate {
  const key = `${start}|${isoDuration}|${calendar}`;
  const known = sums.get(key);
  if (known !== undefined) return known;
  const sum = computeSum(start, isoDuration, calendar);
  if (sums.size >= SUMS_KEPT) sums.clear();
  sums.set(key, sum);
  return sum;
}

function computeSum(start: BusinessDate, isoDuration: string, calendar: NormCalendar): BusinessDate {
  const duration = parseDateDuration(isoDuration);
  const date = parse(start);
  if (calendar === 'working-days') {
    if (duration.years !== 0 || duration.months !== 0 || duration.weeks !== 0) {
      throw new Error(`A working-days duration counts whole working days (PnD, e.g. P5D); ${isoDuration} cannot be used on that calendar`);
    }
    return addWorkingDays(start, duration.days);
  }
  if (calendar !== 'calendar-days') throw new Error(`Unknown calendar ${JSON.stringify(calendar)}`);
  // plusMonths clamps to the end of the month (LocalDate.plusMonths resolves 31 → last valid day).
  return date
    .plusMonths(duration.years * 12 + duration.months)
    .plusDays(duration.weeks * 7 + duration.days)
    .toString();
}

/** `start + n` days on the calendar: calendar days, or the n-th working day after `start`. */
export function addDays(start: BusinessDate, n: number, calendar: NormCalendar): BusinessDate {
  if (!Number.isInteger(n) || n < 0) throw new Error(`A number of days must be a whole number ≥ 0, not ${n}`);
  return calendar === 'working-days' ? addWorkingDays(start, n) : parse(start).plusDays(n).toString();
}

/**
 * The days from `from` to `to` on the calendar: calendar days, or working days after `from` up to and including
 * `to`. Negative when `to` is earlier. Waiting days, days left and days overdue are all counted this way.
 */
export function elapsedDays(from: BusinessDate, to: BusinessDate, calendar: NormCalendar): number {
  return calendar === 'working-days' ? workingDaysBetween(from, to) : daysBetween(from, to);
}

/** The days of `[from, to]`, both included, on the calendar (0 when `to` is earlier): how long a suspension is. */
export function daysWithin(from: BusinessDate, to: BusinessDate, calendar: NormCalendar): number {
  if (to < from) return 0;
  return elapsedDays(from, to, calendar) + (calendar === 'working-days' && !isWorkingDay(from) ? 0 : 1);
}

function parse(date: BusinessDate): LocalDate {
  if (!isBusinessDate(date)) throw new Error(`Not a business date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return LocalDate.parse(date);
}
