import { BusinessDate, isBusinessDate } from './business-date';

/**
 * The dates this system takes in. A date is only worth accepting if every part that handles it afterwards can hold
 * it and compute with it:
 *
 * - PostgreSQL's `date` (the read models) has no year 0 and refuses it (SQLSTATE 22008);
 * - the Dutch working-day calendar computes public holidays for Gregorian years only (from 1583);
 * - a business date is written `YYYY-MM-DD`, and a deadline is that date plus a norm's duration (P28D, P2M, P3Y, a
 *   waakvlam interval, a look-ahead of some years): the latest date leaves centuries of room, so no deadline runs
 *   into a fifth year digit.
 *
 * Within that, two ranges:
 *
 * - **birth dates** from 1900-01-01: nobody a sociaal team supports was born earlier, so an older date is a typing
 *   error;
 * - **business dates** — the dates of the process itself (registration, melding, every step, corrections, a
 *   provider's answers, plans, members joining and leaving) — from the first day the deployment records
 *   (`BUSINESS_DATES_FROM`, 2000-01-01 unless configured): the sociale teams date from the 2015 decentralisation,
 *   so an earlier date is a typing error too, and 2000 leaves room for older history taken over.
 *
 * Whether a business date lies in the future is a rule of the domain with today's date (`date-in-future`), not a
 * matter of range; the upper bound here only keeps the arithmetic inside what the stores can hold.
 */

/** A closed interval of dates: `from` and `to` are both included. */
export interface DateRange {
  from: BusinessDate;
  to: BusinessDate;
}

/** Every date the system can hold and compute with: birth dates, and the dates a supervisor may ask about. */
export const SUPPORTED_DATES: DateRange = { from: '1900-01-01', to: '2999-12-31' };

export const BIRTH_DATES: DateRange = SUPPORTED_DATES;

/** The first business date when `BUSINESS_DATES_FROM` is not set. */
export const DEFAULT_BUSINESS_DATES_FROM: BusinessDate = '2000-01-01';

/** The business dates a deployment records: from its first business date to the end of the supported dates. */
export function businessDateRange(businessDatesFrom: BusinessDate = DEFAULT_BUSINESS_DATES_FROM): DateRange {
  const problem = businessDatesFromProblem(businessDatesFrom);
  if (problem !== undefined) throw new Error(`The first business date ${problem}`);
  return { from: businessDatesFrom, to: SUPPORTED_DATES.to };
}

/** True when `date` is a business date (`YYYY-MM-DD`, a real day) within the range, bounds included. */
export function isWithinDateRange(date: unknown, range: DateRange): date is BusinessDate {
  // ISO dates of four-digit years compare correctly as text.
  return isBusinessDate(date) && date >= range.from && date <= range.to;
}

/** What a date outside the range is told, naming the bounds and never the date (a birth date is personal data). */
export function describeDateRange(range: DateRange): string {
  return `a date from ${range.from} to ${range.to}`;
}

/** Why a text cannot be the first business date, or undefined when it can: a date within the supported dates. */
export function businessDatesFromProblem(text: string): string | undefined {
  if (!isBusinessDate(text)) return `must be a date written as YYYY-MM-DD, got "${text}"`;
  if (!isWithinDateRange(text, SUPPORTED_DATES)) return `must be ${describeDateRange(SUPPORTED_DATES)}, got "${text}"`;
  return undefined;
}
