import { neutraliseFormula, toCsv } from './csv';

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
});
