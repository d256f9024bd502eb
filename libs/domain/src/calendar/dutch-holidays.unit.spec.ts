import fc from 'fast-check';
import { LocalDate } from '@js-joda/core';
import {
  addWorkingDays,
  dutchPublicHolidayName,
  dutchPublicHolidays,
  dutchPublicHolidaysWithNames,
  easterSunday,
  isDutchPublicHoliday,
  isWorkingDay,
  workingDaysBetween,
} from './dutch-holidays';

const dateArbitrary = fc
  .integer({ min: LocalDate.of(2000, 1, 1).toEpochDay(), max: LocalDate.of(2060, 12, 31).toEpochDay() })
  .map((epochDay) => LocalDate.ofEpochDay(epochDay).toString());

describe('Dutch public holidays (Algemene termijnenwet art. 3)', () => {
  describe('easterSunday (Anonymous Gregorian algorithm)', () => {
    it.each([
      [2024, '2024-03-31'],
      [2025, '2025-04-20'],
      [2026, '2026-04-05'],
      [2027, '2027-03-28'],
      [2038, '2038-04-25'],
      [2285, '2285-03-22'],
      [1818, '1818-03-22'],
      [1943, '1943-04-25'],
      [2000, '2000-04-23'],
      [2019, '2019-04-21'],
      [2008, '2008-03-23'],
      [1583, '1583-04-10'],
    ])('puts Easter %i on %s', (year, easter) => {
      expect(easterSunday(year)).toBe(easter);
    });

    it('always gives a Sunday between 22 March and 25 April', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1583, max: 9999 }), (year) => {
          const easter = LocalDate.parse(easterSunday(year));
          expect(easter.dayOfWeek().toString()).toBe('SUNDAY');
          expect(easter.toString() >= `${year}-03-22` && easter.toString() <= `${year}-04-25`).toBe(true);
        }),
      );
    });

    it('refuses years outside the Gregorian calendar and the four-digit range', () => {
      expect(() => easterSunday(1582)).toThrow(/1583–9999/);
      expect(() => easterSunday(10000)).toThrow(/1583–9999/);
      expect(() => easterSunday(2026.5)).toThrow(/2026.5/);
    });
  });

  it('lists the eight holidays of 2026 with their names, in date order', () => {
    expect(dutchPublicHolidaysWithNames(2026)).toEqual([
      { date: '2026-01-01', name: 'Nieuwjaarsdag' },
      { date: '2026-04-06', name: 'Tweede Paasdag' },
      { date: '2026-04-27', name: 'Koningsdag' },
      { date: '2026-05-05', name: 'Bevrijdingsdag' },
      { date: '2026-05-14', name: 'Hemelvaartsdag' },
      { date: '2026-05-25', name: 'Tweede Pinksterdag' },
      { date: '2026-12-25', name: 'Eerste Kerstdag' },
      { date: '2026-12-26', name: 'Tweede Kerstdag' },
    ]);
  });

  it('derives Hemelvaartsdag (Easter + 39) and Tweede Pinksterdag (Easter + 50) from Easter', () => {
    const derived = (year: number) =>
      dutchPublicHolidaysWithNames(year)
        .filter((h) => h.name === 'Hemelvaartsdag' || h.name === 'Tweede Pinksterdag' || h.name === 'Tweede Paasdag')
        .map((h) => h.date);
    expect(derived(2024)).toEqual(['2024-04-01', '2024-05-09', '2024-05-20']);
    expect(derived(2025)).toEqual(['2025-04-21', '2025-05-29', '2025-06-09']);
    expect(derived(2027)).toEqual(['2027-03-29', '2027-05-06', '2027-05-17']);
    expect(derived(2038)).toEqual(['2038-04-26', '2038-06-03', '2038-06-14']);
    expect(derived(2285)).toEqual(['2285-03-23', '2285-04-30', '2285-05-11']);
  });

  describe('Koningsdag', () => {
    it('is on 26 April in 2025, since 27 April 2025 is a Sunday', () => {
      expect(dutchPublicHolidayName('2025-04-26')).toBe('Koningsdag');
      expect(isDutchPublicHoliday('2025-04-27')).toBe(false);
    });

    it('is on 27 April in 2026 (a Monday)', () => {
      expect(dutchPublicHolidayName('2026-04-27')).toBe('Koningsdag');
      expect(isDutchPublicHoliday('2026-04-26')).toBe(false);
      expect(isWorkingDay('2026-04-27')).toBe(false);
    });

    it('was on 26 April in 2014, its first year, and stays on a Saturday in 2019', () => {
      expect(dutchPublicHolidayName('2014-04-26')).toBe('Koningsdag');
      expect(dutchPublicHolidayName('2019-04-27')).toBe('Koningsdag');
    });

    it('was Koninginnedag on 30 April before 2014, on 29 April when the 30th was a Sunday', () => {
      expect(dutchPublicHolidayName('2013-04-30')).toBe('Koninginnedag');
      expect(dutchPublicHolidayName('2006-04-29')).toBe('Koninginnedag');
      expect(isDutchPublicHoliday('2006-04-30')).toBe(false);
    });
  });

  it('keeps one date when Hemelvaartsdag falls on 5 mei (2016), naming both', () => {
    expect(dutchPublicHolidays(2016)).toEqual(['2016-01-01', '2016-03-28', '2016-04-27', '2016-05-05', '2016-05-16', '2016-12-25', '2016-12-26']);
    expect(dutchPublicHolidayName('2016-05-05')).toBe('Bevrijdingsdag en Hemelvaartsdag');
  });

  it('does not count Goede Vrijdag, Eerste Paasdag on its own, or 31 December as holidays', () => {
    expect(isDutchPublicHoliday('2026-04-03')).toBe(false);
    expect(isWorkingDay('2026-04-03')).toBe(true);
    expect(isWorkingDay('2026-12-31')).toBe(true);
    expect(dutchPublicHolidays(2026)).not.toContain('2026-04-05');
  });

  describe('isWorkingDay', () => {
    it('is Monday to Friday, not Saturday or Sunday', () => {
      expect(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08'].map(isWorkingDay)).toEqual([
        true,
        true,
        true,
        true,
        true,
        false,
        false,
      ]);
    });

    it('is false on every holiday that falls on a weekday', () => {
      expect(['2026-01-01', '2026-04-06', '2026-04-27', '2026-05-05', '2026-05-14', '2026-05-25', '2026-12-25'].some(isWorkingDay)).toBe(false);
    });

    it('refuses what is no business date', () => {
      expect(() => isWorkingDay('2026-02-30')).toThrow(/business date/);
    });
  });

  describe('addWorkingDays', () => {
    it('gives the date itself for 0 days and the next Monday for 1 day from a Friday', () => {
      expect(addWorkingDays('2026-03-06', 0)).toBe('2026-03-06');
      expect(addWorkingDays('2026-03-07', 0)).toBe('2026-03-07');
      expect(addWorkingDays('2026-03-06', 1)).toBe('2026-03-09');
      expect(addWorkingDays('2026-03-07', 1)).toBe('2026-03-09');
    });

    it('skips Tweede Paasdag (not Goede Vrijdag): 5 working days from Thursday 2026-04-02 end on Friday 04-10', () => {
      expect(addWorkingDays('2026-04-02', 5)).toBe('2026-04-10');
      expect(addWorkingDays('2026-04-02', 1)).toBe('2026-04-03');
      expect(addWorkingDays('2026-04-03', 1)).toBe('2026-04-07');
    });

    it('skips Koningsdag 2026 and then runs into Bevrijdingsdag and Hemelvaart', () => {
      expect(addWorkingDays('2026-04-23', 5)).toBe('2026-05-01');
      expect(addWorkingDays('2026-04-30', 3)).toBe('2026-05-06');
      expect(addWorkingDays('2026-05-12', 2)).toBe('2026-05-15');
    });

    it('skips both Kerstdagen and Nieuwjaarsdag over the turn of the year', () => {
      expect(addWorkingDays('2026-12-23', 5)).toBe('2026-12-31');
      expect(addWorkingDays('2026-12-23', 6)).toBe('2027-01-04');
      expect(addWorkingDays('2027-12-24', 1)).toBe('2027-12-27');
    });

    it('refuses negative and fractional numbers of days', () => {
      expect(() => addWorkingDays('2026-04-02', -1)).toThrow(/≥ 0/);
      expect(() => addWorkingDays('2026-04-02', 1.5)).toThrow(/whole/);
    });
  });

  describe('workingDaysBetween', () => {
    it('counts the working days after `from` up to and including `to`', () => {
      expect(workingDaysBetween('2026-04-02', '2026-04-10')).toBe(5);
      expect(workingDaysBetween('2026-12-23', '2027-01-04')).toBe(6);
      expect(workingDaysBetween('2026-04-02', '2026-04-02')).toBe(0);
      expect(workingDaysBetween('2026-03-06', '2026-03-08')).toBe(0);
    });

    it('is negative when `to` is earlier', () => {
      expect(workingDaysBetween('2026-04-10', '2026-04-02')).toBe(-5);
    });

    it('counts 254 working days in 2026: 261 weekdays less 7 holidays on a weekday (Tweede Kerstdag is a Saturday)', () => {
      expect(workingDaysBetween('2025-12-31', '2026-12-31')).toBe(261 - 7);
    });

    it('is the inverse of addWorkingDays', () => {
      fc.assert(
        fc.property(dateArbitrary, fc.integer({ min: 0, max: 400 }), (date, n) => {
          expect(workingDaysBetween(date, addWorkingDays(date, n))).toBe(n);
        }),
      );
    });

    it('lands addWorkingDays on a working day for n ≥ 1', () => {
      fc.assert(
        fc.property(dateArbitrary, fc.integer({ min: 1, max: 60 }), (date, n) => {
          expect(isWorkingDay(addWorkingDays(date, n))).toBe(true);
        }),
      );
    });
  });
});
