import { ConfigError, loadConfig } from './app-config';

describe('loadConfig: BUSINESS_DATES_FROM', () => {
  it('is 2000-01-01 by default', () => {
    expect(loadConfig({}).businessDatesFrom).toBe('2000-01-01');
    expect(loadConfig({ BUSINESS_DATES_FROM: ' ' }).businessDatesFrom).toBe('2000-01-01');
  });

  it.each(['1900-01-01', '2015-01-01', ' 2026-01-01 ', '2999-12-31'])('accepts %j', (value) => {
    expect(loadConfig({ BUSINESS_DATES_FROM: value }).businessDatesFrom).toBe(value.trim());
  });

  it.each([
    ['2015-02-30', 'must be a date written as YYYY-MM-DD, got "2015-02-30"'],
    ['01-01-2015', 'must be a date written as YYYY-MM-DD, got "01-01-2015"'],
    ['0000-01-01', 'must be a date from 1900-01-01 to 2999-12-31, got "0000-01-01"'],
    ['1899-12-31', 'must be a date from 1900-01-01 to 2999-12-31, got "1899-12-31"'],
    ['3000-01-01', 'must be a date from 1900-01-01 to 2999-12-31, got "3000-01-01"'],
  ])('refuses %s, naming the variable', (value, problem) => {
    expect(() => loadConfig({ BUSINESS_DATES_FROM: value })).toThrow(new ConfigError('BUSINESS_DATES_FROM', problem));
    expect(() => loadConfig({ BUSINESS_DATES_FROM: value })).toThrow(`BUSINESS_DATES_FROM: ${problem}`);
  });
});
