import { businessDateOf, compareBusinessDates, daysBetween, isBusinessDate, latestOf, todayInNetherlands } from './business-date';

describe('business dates (local calendar dates in the Netherlands)', () => {
  describe('isBusinessDate', () => {
    it.each(['2026-01-14', '2026-02-28', '2026-12-31', '2028-02-29', '2000-02-29', '1941-02-03'])('accepts %s', (value) => {
      expect(isBusinessDate(value)).toBe(true);
    });

    it.each([
      ['a day that does not exist in February', '2026-02-30'],
      ['29 February in a year that is no leap year', '2027-02-29'],
      ['29 February in 1900 (divisible by 100, not by 400)', '1900-02-29'],
      ['31 April', '2026-04-31'],
      ['month 13', '2026-13-01'],
      ['month 00', '2026-00-10'],
      ['day 00', '2026-01-00'],
      ['one-digit month and day', '2026-2-3'],
      ['a Dutch notation', '03-02-2026'],
      ['slashes', '2026/02/03'],
      ['an instant rather than a date', '2026-04-24T22:30:00Z'],
      ['surrounding space', ' 2026-02-03'],
      ['a trailing newline', '2026-02-03\n'],
      ['a five-digit year', '+20260-02-03'],
      ['the empty string', ''],
    ])('rejects %s (%j)', (_what, value) => {
      expect(isBusinessDate(value)).toBe(false);
    });

    it.each([
      ['a number', 20260203],
      ['a Date', new Date('2026-02-03T12:00:00Z')],
      ['undefined', undefined],
      ['null', null],
      ['an object', { year: 2026, month: 2, day: 3 }],
    ])('rejects %s, which is no string', (_what, value) => {
      expect(isBusinessDate(value)).toBe(false);
    });
  });

  describe('businessDateOf: the Dutch calendar day of an instant', () => {
    it('puts 2026-04-24T22:30Z on 25 April, as it is 00:30 CEST in Amsterdam (boundary B7)', () => {
      expect(businessDateOf(new Date('2026-04-24T22:30:00Z'))).toBe('2026-04-25');
    });

    it('keeps 2026-04-24T21:59:59Z on 24 April (23:59:59 CEST)', () => {
      expect(businessDateOf(new Date('2026-04-24T21:59:59Z'))).toBe('2026-04-24');
    });

    it('starts 24 October at 22:00Z the day before, while summer time still holds', () => {
      expect(businessDateOf(new Date('2026-10-23T21:59:59Z'))).toBe('2026-10-23');
      expect(businessDateOf(new Date('2026-10-23T22:00:00Z'))).toBe('2026-10-24');
    });

    it('makes 25 October 2026, the day summer time ends, 25 hours long', () => {
      expect(businessDateOf(new Date('2026-10-24T21:59:59Z'))).toBe('2026-10-24');
      expect(businessDateOf(new Date('2026-10-24T22:00:00Z'))).toBe('2026-10-25');
      // 02:59 CEST and then 02:00 CET again: both hours are still 25 October.
      expect(businessDateOf(new Date('2026-10-25T00:30:00Z'))).toBe('2026-10-25');
      expect(businessDateOf(new Date('2026-10-25T01:30:00Z'))).toBe('2026-10-25');
      expect(businessDateOf(new Date('2026-10-25T22:59:59Z'))).toBe('2026-10-25');
      expect(businessDateOf(new Date('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
    });

    it('starts 26 October at 23:00Z the day before, in winter time (UTC+1)', () => {
      expect(businessDateOf(new Date('2026-10-26T22:59:59Z'))).toBe('2026-10-26');
      expect(businessDateOf(new Date('2026-10-26T23:00:00Z'))).toBe('2026-10-27');
    });

    it('makes 29 March 2026, the day summer time starts, 23 hours long', () => {
      expect(businessDateOf(new Date('2026-03-28T22:59:59Z'))).toBe('2026-03-28');
      expect(businessDateOf(new Date('2026-03-28T23:00:00Z'))).toBe('2026-03-29');
      expect(businessDateOf(new Date('2026-03-29T21:59:59Z'))).toBe('2026-03-29');
      expect(businessDateOf(new Date('2026-03-29T22:00:00Z'))).toBe('2026-03-30');
    });

    it('puts New Year’s Eve 23:30Z on New Year’s Day', () => {
      expect(businessDateOf(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    });

    it('gives today in the Netherlands for a given moment', () => {
      expect(todayInNetherlands(new Date('2026-04-24T22:30:00Z'))).toBe('2026-04-25');
      expect(todayInNetherlands(new Date('2026-04-24T12:00:00Z'))).toBe('2026-04-24');
    });
  });

  describe('daysBetween', () => {
    it('counts 28 days from a verkennend gesprek requested on 2026-10-02 to its deadline, across the DST change (B4)', () => {
      expect(daysBetween('2026-10-02', '2026-10-30')).toBe(28);
    });

    it('counts 28 days from 2026-03-27 to 2026-04-24, across the start of summer time (B7)', () => {
      expect(daysBetween('2026-03-27', '2026-04-24')).toBe(28);
    });

    it('counts the calendar days of §6.1: PIP to learning route 56 and 69 days', () => {
      expect(daysBetween('2026-02-16', '2026-04-13')).toBe(56);
      expect(daysBetween('2026-03-31', '2026-06-08')).toBe(69);
    });

    it('counts 29 February in a leap year and not in another', () => {
      expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
      expect(daysBetween('2027-02-28', '2027-03-01')).toBe(1);
    });

    it('counts 366 days through a leap year and 365 through another', () => {
      expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
      expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    });

    it('is 0 for the same day and negative when the second date is earlier', () => {
      expect(daysBetween('2026-05-06', '2026-05-06')).toBe(0);
      expect(daysBetween('2026-05-15', '2026-04-24')).toBe(-21);
    });
  });

  describe('compareBusinessDates', () => {
    it('is negative when the first date is earlier, positive when later, 0 when equal', () => {
      expect(compareBusinessDates('2026-04-24', '2026-04-25')).toBe(-1);
      expect(compareBusinessDates('2026-04-25', '2026-04-24')).toBe(1);
      expect(compareBusinessDates('2026-04-25', '2026-04-25')).toBe(0);
    });

    it('orders across months and years, not by day number', () => {
      expect(compareBusinessDates('2026-09-30', '2026-10-01')).toBe(-1);
      expect(compareBusinessDates('2025-12-31', '2026-01-01')).toBe(-1);
      expect(compareBusinessDates('2027-01-01', '2026-12-31')).toBe(1);
    });

    it('sorts a list of dates into calendar order', () => {
      const dates = ['2026-05-15', '2026-01-14', '2026-04-24', '2025-11-03', '2026-04-22'];
      expect([...dates].sort(compareBusinessDates)).toEqual(['2025-11-03', '2026-01-14', '2026-04-22', '2026-04-24', '2026-05-15']);
    });
  });

  describe('latestOf', () => {
    it('gives the latest date of a list, and nothing for an empty list', () => {
      expect(latestOf(['2026-04-24', '2026-05-15', '2026-05-06'])).toBe('2026-05-15');
      expect(latestOf(['2026-04-24'])).toBe('2026-04-24');
      expect(latestOf([])).toBeUndefined();
    });
  });
});
