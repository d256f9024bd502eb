import { DayOfWeek, LocalDate } from '@js-joda/core';
import { BusinessDate, isBusinessDate } from './business-date';

/**
 * Dutch public holidays as the Algemene termijnenwet (art. 3, lid 1) lists them — the days a statutory term does not
 * count when it is expressed in working days:
 *
 *   Nieuwjaarsdag · tweede Paasdag · Hemelvaartsdag · tweede Pinksterdag · Koningsdag · 5 mei · eerste en tweede Kerstdag
 *
 * Eerste Paas- and Pinksterdag are Sundays, so they are not listed; Goede Vrijdag is not a holiday under that act.
 * Easter is computed (the Anonymous Gregorian algorithm, Meeus/Jones/Butcher), not looked up, so every year works.
 *
 * Koningsdag: 27 April, or 26 April when the 27th is a Sunday (since 2014). Before 2014 the day was Koninginnedag:
 * 30 April, or 29 April when the 30th was a Sunday (the rule from 1980); years before 1980 are not modelled differently.
 * Holidays that fall on a weekend are still listed; a weekend day is no working day either way.
 */

export interface DutchPublicHoliday {
  date: BusinessDate;
  name: string;
}

const FIRST_YEAR = 1583; // the first full year of the Gregorian calendar
const LAST_YEAR = 9999; // BusinessDate is YYYY-MM-DD

/** Easter Sunday of a Gregorian year (Anonymous Gregorian algorithm, as in Meeus, *Astronomical Algorithms*, ch. 8). */
export function easterSunday(year: number): BusinessDate {
  checkYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return LocalDate.of(year, month, day).toString();
}

/** Every public holiday of the year with its Dutch name, in date order (two may share a date: Hemelvaart on 5 mei). */
export function dutchPublicHolidaysWithNames(year: number): DutchPublicHoliday[] {
  checkYear(year);
  const easter = LocalDate.parse(easterSunday(year));
  const holidays: DutchPublicHoliday[] = [
    { date: LocalDate.of(year, 1, 1).toString(), name: 'Nieuwjaarsdag' },
    { date: easter.plusDays(1).toString(), name: 'Tweede Paasdag' },
    { date: kingsDay(year), name: year >= 2014 ? 'Koningsdag' : 'Koninginnedag' },
    { date: LocalDate.of(year, 5, 5).toString(), name: 'Bevrijdingsdag' },
    { date: easter.plusDays(39).toString(), name: 'Hemelvaartsdag' },
    { date: easter.plusDays(50).toString(), name: 'Tweede Pinksterdag' },
    { date: LocalDate.of(year, 12, 25).toString(), name: 'Eerste Kerstdag' },
    { date: LocalDate.of(year, 12, 26).toString(), name: 'Tweede Kerstdag' },
  ];
  // A stable sort keeps the order above for holidays on the same date.
  return holidays.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/** The distinct dates of the year's public holidays, in date order. */
export function dutchPublicHolidays(year: number): BusinessDate[] {
  return [...holidaySet(year)];
}

/** The name(s) of the public holiday on a date, joined with " en ", or undefined on an ordinary day. */
export function dutchPublicHolidayName(date: BusinessDate): string | undefined {
  const names = dutchPublicHolidaysWithNames(yearOf(date))
    .filter((holiday) => holiday.date === date)
    .map((holiday) => holiday.name);
  return names.length === 0 ? undefined : names.join(' en ');
}

export function isDutchPublicHoliday(date: BusinessDate): boolean {
  return holidaySet(yearOf(date)).has(date);
}

/** Monday to Friday, and not a public holiday. */
export function isWorkingDay(date: BusinessDate): boolean {
  return isWorkingLocalDate(parse(date));
}

/**
 * The n-th working day after `date` (n ≥ 0, whole). `date` itself never counts, so a term of 1 working day from a
 * Friday ends on Monday; n = 0 gives `date` itself, working day or not.
 */
export function addWorkingDays(date: BusinessDate, n: number): BusinessDate {
  if (!Number.isInteger(n) || n < 0) throw new Error(`addWorkingDays needs a whole number of days ≥ 0, not ${n}`);
  let current = parse(date);
  let left = n;
  while (left > 0) {
    current = current.plusDays(1);
    if (isWorkingLocalDate(current)) left -= 1;
  }
  return current.toString();
}

/**
 * The working days after `from` up to and including `to`: the n for which `addWorkingDays(from, n)` is the last
 * working day on or before `to`. Negative (the same count, negated) when `to` is before `from`; 0 for the same day.
 */
export function workingDaysBetween(from: BusinessDate, to: BusinessDate): number {
  const start = parse(from);
  const end = parse(to);
  if (end.isBefore(start)) return -workingDaysBetween(to, from);
  let count = 0;
  for (let day = start.plusDays(1); !day.isAfter(end); day = day.plusDays(1)) {
    if (isWorkingLocalDate(day)) count += 1;
  }
  return count;
}

function isWorkingLocalDate(date: LocalDate): boolean {
  const dayOfWeek = date.dayOfWeek();
  return dayOfWeek !== DayOfWeek.SATURDAY && dayOfWeek !== DayOfWeek.SUNDAY && !holidaySet(date.year()).has(date.toString());
}

function kingsDay(year: number): BusinessDate {
  const [month, day] = year >= 2014 ? [4, 27] : [4, 30];
  const date = LocalDate.of(year, month, day);
  return (date.dayOfWeek() === DayOfWeek.SUNDAY ? date.minusDays(1) : date).toString();
}

const holidaySets = new Map<number, ReadonlySet<BusinessDate>>();

function holidaySet(year: number): ReadonlySet<BusinessDate> {
  let set = holidaySets.get(year);
  if (set === undefined) {
    set = new Set(dutchPublicHolidaysWithNames(year).map((holiday) => holiday.date));
    holidaySets.set(year, set);
  }
  return set;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw new Error(`Dutch public holidays are computed for Gregorian years ${FIRST_YEAR}–${LAST_YEAR}, not ${year}`);
  }
}

function parse(date: BusinessDate): LocalDate {
  if (!isBusinessDate(date)) throw new Error(`Not a business date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return LocalDate.parse(date);
}

function yearOf(date: BusinessDate): number {
  return parse(date).year();
}
