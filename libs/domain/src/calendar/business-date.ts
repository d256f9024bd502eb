import { ChronoUnit, DateTimeParseException, Instant, LocalDate, ZonedDateTime, ZoneId } from '@js-joda/core';
import '@js-joda/timezone';

/**
 * A business date: a local calendar date `YYYY-MM-DD` in the Netherlands, as a consultant writes it down.
 * KPIs and deadlines are computed on these, never on UTC instants (domain-research §3.0.2).
 */
export type BusinessDate = string;

export const BUSINESS_TIME_ZONE = ZoneId.of('Europe/Amsterdam');

const BUSINESS_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Dates found real so far (a handful of thousands in practice): each is parsed once, not once per norm item. */
const REAL_DATES_KEPT = 20_000;
const realDates = new Set<string>();

/** True for a real calendar date in `YYYY-MM-DD` form (so 2026-02-30 is not one). */
export function isBusinessDate(value: unknown): value is BusinessDate {
  if (typeof value !== 'string' || !BUSINESS_DATE_PATTERN.test(value)) return false;
  if (realDates.has(value)) return true;
  try {
    LocalDate.parse(value);
    if (realDates.size >= REAL_DATES_KEPT) realDates.clear();
    realDates.add(value);
    return true;
  } catch (error) {
    if (error instanceof DateTimeParseException) return false;
    throw error;
  }
}

/** The date it is now in the Netherlands. */
export function todayInNetherlands(now: Date = new Date()): BusinessDate {
  return businessDateOf(now);
}

/** The Dutch calendar date on which an instant falls (00:30 CEST is still that local day, not the UTC day before). */
export function businessDateOf(instant: Date): BusinessDate {
  return ZonedDateTime.ofInstant(Instant.ofEpochMilli(instant.getTime()), BUSINESS_TIME_ZONE).toLocalDate().toString();
}

/** Negative when a is earlier, 0 when equal, positive when later. ISO dates compare correctly as text. */
export function compareBusinessDates(a: BusinessDate, b: BusinessDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: BusinessDate, to: BusinessDate): number {
  return LocalDate.parse(from).until(LocalDate.parse(to), ChronoUnit.DAYS);
}

export function latestOf(dates: readonly BusinessDate[]): BusinessDate | undefined {
  return dates.reduce<BusinessDate | undefined>((latest, date) => (latest === undefined || date > latest ? date : latest), undefined);
}
