import { isValidBsn } from './bsn';

describe('isValidBsn (burgerservicenummer, elfproef)', () => {
  // 9·d1 + 8·d2 + 7·d3 + 6·d4 + 5·d5 + 4·d6 + 3·d7 + 2·d8 − 1·d9 must be a multiple of 11.
  it.each([
    ['111222333', '9+8+7+12+10+8+9+6−3 = 66 = 6·11'],
    ['123456782', '9+16+21+24+25+24+21+16−2 = 154 = 14·11'],
    ['000000310', 'leading zeros: 3·3 + 2·1 − 0 = 11'],
    ['012345672', 'a leading zero: 8+14+18+20+20+18+14−2 = 110 = 10·11'],
    ['999999990', '9·44 − 0 = 396 = 36·11'],
    ['314159265', '27+8+28+6+25+36+6+12−5 = 143 = 13·11'],
  ])('accepts %s (%s)', (bsn) => {
    expect(isValidBsn(bsn)).toBe(true);
  });

  it.each([
    ['111222334', 'last digit off by one: sum 65'],
    ['123456789', 'the classic counting sequence: sum 147'],
    ['123456783', 'last digit off by one from a valid number'],
    ['213456782', 'two digits swapped from a valid number'],
    ['000000311', 'leading zeros, checksum off: sum 10'],
    ['000000001', 'a negative sum (−1)'],
  ])('rejects %s (%s)', (bsn) => {
    expect(isValidBsn(bsn)).toBe(false);
  });

  it('rejects 000000000, which passes the sum but is no number anyone holds', () => {
    expect(isValidBsn('000000000')).toBe(false);
  });

  it.each([
    ['8 digits (a valid number with its leading zero dropped)', '12345672'],
    ['8 digits', '11122233'],
    ['10 digits', '1112223330'],
    ['10 digits (a valid number with a leading zero added)', '0111222333'],
    ['a letter', '11122233a'],
    ['spaces', '111 222 333'],
    ['dots', '111.222.333'],
    ['a sign', '+11222333'],
    ['surrounding space', ' 111222333'],
    ['a trailing newline', '111222333\n'],
    ['full-width digits', '１１１２２２３３３'],
    ['the empty string', ''],
  ])('rejects %s (%j)', (_what, value) => {
    expect(isValidBsn(value)).toBe(false);
  });

  it.each([
    ['the number 111222333', 111222333],
    ['the number 123456782', 123456782],
    ['a bigint', BigInt(111222333)],
    ['undefined', undefined],
    ['null', null],
    ['an array of digits', ['1', '1', '1', '2', '2', '2', '3', '3', '3']],
  ])('rejects %s, which is no string', (_what, value) => {
    expect(isValidBsn(value)).toBe(false);
  });

  it('accepts exactly the 9-digit strings whose weighted sum is a multiple of 11 (all 10 check digits of one prefix)', () => {
    // Of the ten numbers 11122233d, only d = 3 makes the sum (69 − d) a multiple of 11.
    const valid = Array.from({ length: 10 }, (_, d) => `11122233${d}`).filter(isValidBsn);
    expect(valid).toEqual(['111222333']);
  });
});
