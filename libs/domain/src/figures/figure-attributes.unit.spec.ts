import { ageBandOn, UNKNOWN } from './age-bands';
import { FIGURE_DIMENSIONS } from './figure-definition';
import { periodsWithin } from './periods';
import { FIGURE_ITEM_SETS, itemSetOf, SHIPPED_FIGURES } from './shipped-figures';
import { checkWijkIndeling, postcodeArea, WIJK_INDELINGEN, wijkOf } from './wijk-indeling';

describe('age bands at the melding', () => {
  it.each([
    ['2008-09-15', '2026-09-14', '0-17'],
    ['2008-09-15', '2026-09-15', '18-26'],
    ['1999-08-19', '2026-01-14', '18-26'],
    ['1999-08-19', '2026-08-19', '27-66'],
    ['1959-03-01', '2026-02-28', '27-66'],
    ['1959-03-01', '2026-03-01', '67+'],
    ['1941-02-03', '2025-09-08', '67+'],
  ])('born %s, melding %s: %s', (birthDate, on, band) => {
    expect(ageBandOn(birthDate, on)).toBe(band);
  });

  it('counts a 29 February birthday from 1 March in a year without one', () => {
    expect(ageBandOn('2008-02-29', '2026-02-28')).toBe('0-17');
    expect(ageBandOn('2008-02-29', '2026-03-01')).toBe('18-26');
  });

  it('is onbekend for an erased, missing or later birth date', () => {
    expect([ageBandOn('[erased]', '2026-01-01'), ageBandOn(undefined, '2026-01-01'), ageBandOn('2026-02-01', '2026-01-01')]).toEqual([UNKNOWN, UNKNOWN, UNKNOWN]);
  });
});

describe('wijk of a postcode', () => {
  it('reads the 4 digits of any way a postcode is written, and nothing else', () => {
    expect(['6901 AB', '6901AB', '6901', ' 6901 ab '].map(postcodeArea)).toEqual(['6901', '6901', '6901', '6901']);
    expect(['[erased]', '0901 AB', '69012', '', undefined].map(postcodeArea)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('maps a postcode area to its wijk in the municipality’s table, and to onbekend outside it', () => {
    expect(wijkOf('GM0356', '3431 AB')).toBe('Nieuwegein-Noord');
    expect(wijkOf('GM0299', '6915 XY')).toBe('Lobith');
    expect(wijkOf('GM0299', '3431 AB')).toBe(UNKNOWN);
    expect(wijkOf('GM9999', '3431 AB')).toBe(UNKNOWN);
    expect(wijkOf('GM0356', '[erased]')).toBe(UNKNOWN);
  });

  it('refuses a table that puts a postcode area in two wijken, or is no postcode area', () => {
    expect(() => checkWijkIndeling({ municipality: 'GM0001', name: 'X', source: 'test', wijken: { A: ['1234'], B: ['1234'] } })).toThrow(/1234 lies in both A and B/);
    expect(() => checkWijkIndeling({ municipality: 'GM0001', name: 'X', source: 'test', wijken: { A: ['123'] } })).toThrow(/not a 4-digit/);
    expect(Object.keys(WIJK_INDELINGEN).sort()).toEqual(['GM0243', 'GM0299', 'GM0356']);
  });
});

describe('periods within a span', () => {
  it('cuts the first and last period at the span’s ends', () => {
    expect(periodsWithin('2026-02-10', '2026-07-05', 'quarter')).toEqual([
      { key: '2026-Q1', from: '2026-02-10', to: '2026-03-31' },
      { key: '2026-Q2', from: '2026-04-01', to: '2026-06-30' },
      { key: '2026-Q3', from: '2026-07-01', to: '2026-07-05' },
    ]);
    expect(periodsWithin('2024-02-01', '2024-02-29', 'month')).toEqual([{ key: '2024-02', from: '2024-02-01', to: '2024-02-29' }]);
    expect(periodsWithin('2025-12-31', '2026-01-01', 'year').map((p) => p.key)).toEqual(['2025', '2026']);
    expect(periodsWithin('2026-02-01', '2026-01-01', 'month')).toEqual([]);
  });
});

describe('the shipped figures', () => {
  it('each name an item set, dimensions a figure has, a unique id and a source, and are figures, not norms', () => {
    expect(new Set(SHIPPED_FIGURES.map((figure) => figure.id)).size).toBe(SHIPPED_FIGURES.length);
    for (const figure of SHIPPED_FIGURES) {
      expect(FIGURE_ITEM_SETS).toContain(itemSetOf(figure));
      expect(figure.kind).toBe('figure');
      expect(figure.source.length).toBeGreaterThan(40);
      for (const dimension of figure.breakdowns) expect(FIGURE_DIMENSIONS).toContain(dimension);
    }
    expect(SHIPPED_FIGURES.map((figure) => figure.kNumber).filter(Boolean).sort()).toEqual(['K10', 'K24', 'K27', 'K28', 'K31', 'K32']);
  });
});
