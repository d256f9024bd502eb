import fc from 'fast-check';
import { LocalDate } from '@js-joda/core';
import { addDays, addDuration, elapsedDays, isDateDuration, parseDateDuration } from './add-duration';
import { daysBetween } from './business-date';

const dateArbitrary = fc
  .integer({ min: LocalDate.of(1990, 1, 1).toEpochDay(), max: LocalDate.of(2090, 12, 31).toEpochDay() })
  .map((epochDay) => LocalDate.ofEpochDay(epochDay).toString());

describe('addDuration: deadlines on local calendar dates (SPEC §3 rule 1)', () => {
  describe('boundary cases of domain-research §6.7', () => {
    it('B1: a PIP of 2025-12-31 + P2M is due 2026-02-28', () => {
      expect(addDuration('2025-12-31', 'P2M', 'calendar-days')).toBe('2026-02-28');
    });

    it.each([
      ['2026-01-31', '2026-03-31'],
      ['2026-08-31', '2026-10-31'],
      ['2026-12-30', '2027-02-28'],
    ])('B2: a PIP of %s + P2M is due %s', (start, deadline) => {
      expect(addDuration(start, 'P2M', 'calendar-days')).toBe(deadline);
    });

    it('B3: a PIP of 2027-12-31 + P2M is due 2028-02-29 (leap year)', () => {
      expect(addDuration('2027-12-31', 'P2M', 'calendar-days')).toBe('2028-02-29');
    });

    it('B4: a verkennend gesprek requested 2026-10-02 + P28D is due 2026-10-30, across the end of summer time', () => {
      expect(addDuration('2026-10-02', 'P28D', 'calendar-days')).toBe('2026-10-30');
    });

    it('B5: an exam term from 2024-02-29 + P3Y ends 2027-02-28', () => {
      expect(addDuration('2024-02-29', 'P3Y', 'calendar-days')).toBe('2027-02-28');
    });
  });

  it('adds weeks as 7 days: a Wmo melding of 2026-04-15 + P6W is due 2026-05-27', () => {
    expect(addDuration('2026-04-15', 'P6W', 'calendar-days')).toBe('2026-05-27');
  });

  it('adds §6.1’s PIP terms: 2026-02-16 → 2026-04-16 and 2026-03-31 → 2026-05-31', () => {
    expect(addDuration('2026-02-16', 'P2M', 'calendar-days')).toBe('2026-04-16');
    expect(addDuration('2026-03-31', 'P2M', 'calendar-days')).toBe('2026-05-31');
  });

  it('adds years and months together as months, then days', () => {
    expect(addDuration('2024-01-31', 'P1Y1M', 'calendar-days')).toBe('2025-02-28');
    expect(addDuration('2024-02-29', 'P1Y2M', 'calendar-days')).toBe('2025-04-29');
    expect(addDuration('2026-01-31', 'P1M1D', 'calendar-days')).toBe('2026-03-01');
    expect(addDuration('2026-01-01', 'P1M2W3D', 'calendar-days')).toBe('2026-02-18');
    expect(addDuration('2026-01-31', 'P0D', 'calendar-days')).toBe('2026-01-31');
  });

  it('keeps 29 February in a leap year four years on (2024-02-29 + P4Y = 2028-02-29)', () => {
    expect(addDuration('2024-02-29', 'P4Y', 'calendar-days')).toBe('2028-02-29');
  });

  it('clamps months to the end of the month and otherwise keeps the day of the month', () => {
    fc.assert(
      fc.property(dateArbitrary, fc.integer({ min: 0, max: 60 }), (start, months) => {
        const from = LocalDate.parse(start);
        const result = LocalDate.parse(addDuration(start, `P${months}M`, 'calendar-days'));
        const target = from.withDayOfMonth(1).plusMonths(months);
        expect(result.year()).toBe(target.year());
        expect(result.monthValue()).toBe(target.monthValue());
        expect(result.dayOfMonth()).toBe(Math.min(from.dayOfMonth(), target.lengthOfMonth()));
      }),
    );
  });

  it('adds PnD as n calendar days', () => {
    fc.assert(
      fc.property(dateArbitrary, fc.integer({ min: 0, max: 2000 }), (start, n) => {
        expect(daysBetween(start, addDuration(start, `P${n}D`, 'calendar-days'))).toBe(n);
      }),
    );
  });

  describe('on the working-days calendar', () => {
    it('gives the n-th working day: P5D from Thursday 2026-04-23 skips Koningsdag and ends on Friday 2026-05-01', () => {
      expect(addDuration('2026-04-23', 'P5D', 'working-days')).toBe('2026-05-01');
    });

    it('P5D from Thursday 2026-04-02 skips the weekend and Tweede Paasdag: Friday 2026-04-10', () => {
      expect(addDuration('2026-04-02', 'P5D', 'working-days')).toBe('2026-04-10');
    });

    it('P3D from Wednesday 2026-12-23 skips both Kerstdagen: Tuesday 2026-12-29', () => {
      expect(addDuration('2026-12-23', 'P3D', 'working-days')).toBe('2026-12-29');
    });

    it.each(['P2M', 'P1W', 'P1Y', 'P1M1D'])('refuses %s, which is not a number of whole days', (duration) => {
      expect(() => addDuration('2026-04-02', duration, 'working-days')).toThrow(/working-days duration counts whole working days \(PnD/);
    });
  });

  describe('parsing ISO 8601 date durations', () => {
    it('reads the parts', () => {
      expect(parseDateDuration('P1Y2M3W4D')).toEqual({ years: 1, months: 2, weeks: 3, days: 4 });
      expect(parseDateDuration('P28D')).toEqual({ years: 0, months: 0, weeks: 0, days: 28 });
      expect(parseDateDuration('P6W')).toEqual({ years: 0, months: 0, weeks: 6, days: 0 });
    });

    it.each(['', 'P', '28D', 'p28d', 'P28d', '-P28D', 'P-1D', 'PT24H', 'P1DT2H', 'P1.5M', 'P2M1Y', 'P1D1W', ' P1D', 'P1D ', 'P99999999999999999999D'])(
      'refuses %j',
      (text) => {
        expect(() => addDuration('2026-01-01', text, 'calendar-days')).toThrow(/ISO 8601/);
        expect(isDateDuration(text)).toBe(false);
      },
    );

    it('refuses a start that is no business date, and an unknown calendar', () => {
      expect(() => addDuration('2026-02-30', 'P1D', 'calendar-days')).toThrow(/business date/);
      expect(() => addDuration('2026-02-03', 'P1D', 'weekdays' as never)).toThrow(/Unknown calendar/);
    });
  });

  describe('addDays and elapsedDays on a calendar', () => {
    it('counts calendar days or working days', () => {
      expect(addDays('2026-04-23', 5, 'calendar-days')).toBe('2026-04-28');
      expect(addDays('2026-04-23', 5, 'working-days')).toBe('2026-05-01');
      expect(elapsedDays('2026-04-23', '2026-05-01', 'calendar-days')).toBe(8);
      expect(elapsedDays('2026-04-23', '2026-05-01', 'working-days')).toBe(5);
      expect(elapsedDays('2026-05-01', '2026-04-23', 'working-days')).toBe(-5);
    });

    it('refuses negative and fractional days', () => {
      expect(() => addDays('2026-04-23', -1, 'calendar-days')).toThrow(/whole number ≥ 0/);
      expect(() => addDays('2026-04-23', 0.5, 'working-days')).toThrow(/whole number ≥ 0/);
    });
  });

  describe('sums already made are kept', () => {
    it('answers a repeated sum as the first time, per start, duration and calendar, and still refuses what it refused', () => {
      const first = [addDuration('2026-04-23', 'P5D', 'working-days'), addDuration('2026-04-23', 'P5D', 'calendar-days')];
      expect(first).toEqual(['2026-05-01', '2026-04-28']);
      expect([addDuration('2026-04-23', 'P5D', 'working-days'), addDuration('2026-04-23', 'P5D', 'calendar-days')]).toEqual(first);
      expect(addDuration('2026-04-23', 'P6D', 'calendar-days')).toBe('2026-04-29');
      expect(addDuration('2026-04-24', 'P5D', 'calendar-days')).toBe('2026-04-29');
      for (let i = 0; i < 2; i++) expect(() => addDuration('2026-02-30', 'P1D', 'calendar-days')).toThrow(/business date/);
    });
  });
});
