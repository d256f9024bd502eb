import { neutraliseFormula, requestedCsv, toCsv } from './csv';

describe('CSV', () => {
  it.each(['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])('neutralises %j', (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });

  it.each(['GGNet', '2026-Q1', 'a=b', '', "'quoted"])('leaves %j as it is', (text) => {
    expect(neutraliseFormula(text)).toBe(text);
  });

  it('neutralises text cells but writes numbers, null and booleans as they are', () => {
    expect(toCsv([{ group: '=HYPERLINK("http://x","y")', delta: -3, ratio: -0.5, target: null, provisional: false }]).split('\n')).toEqual([
      'group,delta,ratio,target,provisional',
      `"'=HYPERLINK(""http://x"",""y"")",-3,-0.5,,false`,
      '',
    ]);
  });

  describe('for Dutch Excel (excel-nl)', () => {
    const rows = [
      { group: '2026', provider: 'Zorg; en welzijn', medianDays: 62.5, count: '<5', provisional: true, target: null },
      { group: '2027', provider: '=1+1', medianDays: -0.5, count: 12, provisional: false, target: 95 },
    ];

    it('starts with a UTF-8 byte-order mark, separates by semicolons, ends lines with CRLF and writes a decimal comma', () => {
      const csv = toCsv(rows, 'excel-nl');
      expect(csv.startsWith('\uFEFF')).toBe(true);
      expect(csv.slice(1).split('\r\n')).toEqual([
        'group;provider;medianDays;count;provisional;target',
        '2026;"Zorg; en welzijn";62,5;<5;true;',
        "2027;'=1+1;-0,5;12;false;95",
        '',
      ]);
    });

    it('leaves the default RFC 4180: commas, decimal points, LF, no byte-order mark', () => {
      expect(toCsv(rows)).toBe('group,provider,medianDays,count,provisional,target\n2026,Zorg; en welzijn,62.5,<5,true,\n2027,\'=1+1,-0.5,12,false,95\n');
    });

    it('writes the columns asked for, in that order, also those a row lacks', () => {
      expect(toCsv([{ b: 1, a: 2 }], 'rfc4180', ['a', 'b', 'c'])).toBe('a,b,c\n2,1,\n');
    });
  });

  it('is asked for by the csv parameter, or by Accept: text/csv without JSON', () => {
    expect(requestedCsv('excel-nl', 'application/json')).toBe('excel-nl');
    expect(requestedCsv(undefined, 'text/csv')).toBe('rfc4180');
    expect(requestedCsv(undefined, 'text/csv, application/json')).toBeUndefined();
    expect(requestedCsv(undefined, undefined)).toBeUndefined();
  });
});
