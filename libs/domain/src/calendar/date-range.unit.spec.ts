import { addDuration } from './add-duration';
import {
  BIRTH_DATES,
  businessDateRange,
  businessDatesFromProblem,
  DEFAULT_BUSINESS_DATES_FROM,
  describeDateRange,
  isWithinDateRange,
  SUPPORTED_DATES,
} from './date-range';
import { addWorkingDays, workingDaysBetween } from './dutch-holidays';

describe('the dates the system takes in', () => {
  describe('birth dates', () => {
    it.each(['1900-01-01', '1941-02-03', '2026-11-23', '2999-12-31'])('include %s', (date) => {
      expect(isWithinDateRange(date, BIRTH_DATES)).toBe(true);
    });

    it.each(['0000-01-01', '0001-01-01', '1582-10-15', '1899-12-31', '3000-01-01', '9999-12-31'])('exclude %s', (date) => {
      expect(isWithinDateRange(date, BIRTH_DATES)).toBe(false);
    });
  });

  describe('business dates', () => {
    it('start on 2000-01-01 unless the deployment says otherwise', () => {
      expect(DEFAULT_BUSINESS_DATES_FROM).toBe('2000-01-01');
      expect(businessDateRange()).toEqual({ from: '2000-01-01', to: '2999-12-31' });
    });

    it('include both bounds and exclude the days just outside', () => {
      const range = businessDateRange();
      expect(isWithinDateRange('2000-01-01', range)).toBe(true);
      expect(isWithinDateRange('2999-12-31', range)).toBe(true);
      expect(isWithinDateRange('1999-12-31', range)).toBe(false);
      expect(isWithinDateRange('3000-01-01', range)).toBe(false);
      expect(isWithinDateRange('0000-01-01', range)).toBe(false);
    });

    it('start on the configured first business date', () => {
      const range = businessDateRange('2015-01-01');
      expect(range).toEqual({ from: '2015-01-01', to: SUPPORTED_DATES.to });
      expect(isWithinDateRange('2014-12-31', range)).toBe(false);
      expect(isWithinDateRange('2015-01-01', range)).toBe(true);
    });

    it('refuse a first business date outside the supported dates, or one that is no date', () => {
      expect(() => businessDateRange('1899-12-31')).toThrow('The first business date must be a date from 1900-01-01 to 2999-12-31, got "1899-12-31"');
      expect(() => businessDateRange('2026-02-30')).toThrow('must be a date written as YYYY-MM-DD');
    });
  });

  it('takes only real dates written as YYYY-MM-DD, whatever the range', () => {
    for (const value of ['2026-02-30', '+20260-01-01', '2026-1-1', '2026-01-01T00:00:00Z', 20260101, null, undefined]) {
      expect(isWithinDateRange(value, SUPPORTED_DATES)).toBe(false);
    }
  });

  it('describes a range by its bounds only', () => {
    expect(describeDateRange(BIRTH_DATES)).toBe('a date from 1900-01-01 to 2999-12-31');
  });

  describe('businessDatesFromProblem (BUSINESS_DATES_FROM)', () => {
    it.each(['1900-01-01', '2000-01-01', '2026-11-23', '2999-12-31'])('accepts %s', (text) => {
      expect(businessDatesFromProblem(text)).toBeUndefined();
    });

    it.each([
      ['0000-01-01', 'must be a date from 1900-01-01 to 2999-12-31, got "0000-01-01"'],
      ['1899-12-31', 'must be a date from 1900-01-01 to 2999-12-31, got "1899-12-31"'],
      ['3000-01-01', 'must be a date from 1900-01-01 to 2999-12-31, got "3000-01-01"'],
      ['2000-13-01', 'must be a date written as YYYY-MM-DD, got "2000-13-01"'],
      ['1-1-2000', 'must be a date written as YYYY-MM-DD, got "1-1-2000"'],
    ])('refuses %s', (text, problem) => {
      expect(businessDatesFromProblem(text)).toBe(problem);
    });
  });

  // Why the bounds are where they are: every deadline from a date in range can still be computed and written down.
  it.each([SUPPORTED_DATES.from, SUPPORTED_DATES.to])('keeps deadline arithmetic from %s within four-digit years and the holiday calendar', (date) => {
    for (const duration of ['P28D', 'P2M', 'P6W', 'P3Y', 'P10Y']) {
      expect(addDuration(date, duration, 'calendar-days')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const fiveWorkingDaysLater = addWorkingDays(date, 5);
    expect(workingDaysBetween(date, fiveWorkingDaysLater)).toBe(5);
    expect(addWorkingDays(date, 3651)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
