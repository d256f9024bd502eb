import fc from 'fast-check';
import { FigureCell, FigureTable } from './figure-table';
import { ShownValue, suppressSmallCells, WITHHELD } from './small-cell-suppression';

/** A count table of one group broken down into cells with these counts, with its total. */
function countTable(counts: number[], extra: Partial<Record<'medianDays', (number | null)[]>> = {}): FigureTable {
  const row = (count: number, i: number): FigureCell => ({
    group: '2026',
    keys: { category: `c${i}` },
    values: extra.medianDays === undefined ? { count } : { count, medianDays: extra.medianDays[i] },
  });
  const total = counts.reduce((a, b) => a + b, 0);
  return {
    keyColumns: ['category'],
    columns: extra.medianDays === undefined ? ['count'] : ['count', 'medianDays'],
    rows: counts.map(row),
    totals: [{ group: '2026', keys: { category: 'totaal' }, values: { count: total } }],
  };
}

const shownCounts = (counts: number[], threshold = 5) => {
  const shown = suppressSmallCells(countTable(counts), threshold);
  return { cells: shown.rows.map((row) => row.values.count), total: shown.totals[0].values.count };
};

/**
 * Every value a reader could take a suppressed cell to have, given what is shown: `<t` cells 1..t−1, `x` cells from t
 * up to the total, and the cells adding up to the total when it is shown. Brute force, for small tables: the
 * reference the rule is held to.
 */
function possibleValues(shown: ShownValue[], total: ShownValue, threshold: number, trueTotal: number): Set<number>[] {
  const ranges = shown.map((value) => (value === WITHHELD ? range(threshold, trueTotal) : typeof value === 'string' ? range(1, threshold - 1) : [value as number]));
  const possible = shown.map(() => new Set<number>());
  const visit = (i: number, chosen: number[]) => {
    if (i === ranges.length) {
      const sum = chosen.reduce((a, b) => a + b, 0);
      const fits = total === WITHHELD || (typeof total === 'string' ? sum >= 1 && sum < threshold : sum === total);
      if (fits) chosen.forEach((value, j) => possible[j].add(value));
      return;
    }
    for (const value of ranges[i]) visit(i + 1, [...chosen, value]);
  };
  visit(0, []);
  return possible;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

describe('small-cell suppression', () => {
  it('shows a count of 1 to 4 as "<5", and 0 and 5 or more as they are (no breakdown total: nothing else to hide)', () => {
    const table: FigureTable = { keyColumns: [], columns: ['count'], rows: [0, 1, 4, 5, 12].map((count, i) => ({ group: `g${i}`, keys: {}, values: { count } })), totals: [] };
    expect(suppressSmallCells(table, 5).rows.map((row) => row.values.count)).toEqual([0, '<5', '<5', 5, 12]);
    expect(suppressSmallCells(table, 3).rows.map((row) => row.values.count)).toEqual([0, '<3', 4, 5, 12]);
    expect(suppressSmallCells(table, 1).rows.map((row) => row.values.count)).toEqual([0, 1, 4, 5, 12]);
  });

  it('withholds a median over fewer values than the threshold, not one over enough, and leaves "none" (null) alone', () => {
    const shown = suppressSmallCells(countTable([3, 7, 0], { medianDays: [12, 30, null] }), 5);
    expect(shown.rows.map((row) => row.values.medianDays)).toEqual([WITHHELD, 30, null]);
  });

  it('one suppressed cell beside a shown total: another cell is withheld, so the total minus the rest no longer gives it', () => {
    // 3 would be 20 − 10 − 7.
    expect(shownCounts([3, 10, 7])).toEqual({ cells: ['<5', 10, WITHHELD], total: 20 });
  });

  it('withholds a cell large enough to hide the small one: with 5 beside 1 the pair is 6, so the 1 would still follow', () => {
    // Hiding 5 (known ≥ 5) leaves 1 + x = 6 → the small one is 1. Hiding 40 instead leaves 1 + x = 41: 1 to 4.
    expect(shownCounts([1, 5, 40])).toEqual({ cells: ['<5', 5, WITHHELD], total: 46 });
  });

  it('two suppressed cells that can only be 1 and 1 (they add up to 2) are protected too', () => {
    expect(shownCounts([1, 1, 9])).toEqual({ cells: ['<5', '<5', WITHHELD], total: 11 });
  });

  it('withholds the total when every cell is suppressed and they still add up to one answer', () => {
    // Four cells of 1 add up to 4 < 5: the total is "<5" too, and four "<5" cells summing to at most 4 are all 1.
    expect(shownCounts([1, 1, 1, 1])).toEqual({ cells: ['<5', '<5', '<5', '<5'], total: WITHHELD });
    expect(shownCounts([2, 9])).toEqual({ cells: ['<5', WITHHELD], total: 11 });
  });

  it('leaves a table without small cells as it is', () => {
    expect(shownCounts([5, 9, 0])).toEqual({ cells: [5, 9, 0], total: 14 });
  });

  it('no suppressed cell can ever be worked out exactly from what is shown (generated tables, brute force)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 3, max: 6 }), (counts, threshold) => {
        const { cells, total } = shownCounts(counts, threshold);
        const trueTotal = counts.reduce((a, b) => a + b, 0);
        const possible = possibleValues(cells, total, threshold, trueTotal);
        cells.forEach((shown, i) => {
          expect(possible[i].has(counts[i])).toBe(true);
          if (typeof shown === 'string') expect(possible[i].size).toBeGreaterThan(1);
          else expect(shown).toBe(counts[i]);
        });
        if (typeof total === 'number') expect(total).toBe(trueTotal);
      }),
      { numRuns: 500 },
    );
  });
});
