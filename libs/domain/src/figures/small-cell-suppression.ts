import { COUNT_COLUMNS, FigureCell, FigureTable, STATISTIC_BASES } from './figure-table';

/**
 * Small-cell suppression of a figure table before a supervisor sees it (domain-research §3.0.8, §5.2.2: "Small-cell
 * suppression (e.g. < 5) on the tiny populations"). A count of 1 to threshold − 1 in a wijk, an age band and a
 * legal basis can be one household that everybody in the team knows: shown, it tells a supervisor (or anyone the
 * table is passed on to) about that household's support. So:
 *
 * 1. Primary: a count cell from 1 to threshold − 1 shows as `<threshold` ("<5"). 0 is shown: it is nobody.
 * 2. A median or P90 over fewer than threshold values shows as `x`: with 1 or 2 values it is a household's own days.
 * 3. Secondary (complementary) suppression: when a group shows a total over its breakdown, a suppressed cell must not
 *    follow from it by subtraction (one suppressed cell is the total minus the others; two suppressed cells that add
 *    up to 2 are both 1). The group total is kept (it is also what the figure gives without a breakdown), and other
 *    cells of the group are withheld as `x` until no suppressed cell can be worked out exactly: the smallest cell
 *    that does it alone, else the largest, and again. Only when no cell is left to withhold is the total withheld.
 *
 * A reader knows a `<5` cell lies between 1 and 4 and an `x` count cell at least 5; the check works with exactly that
 * (see `derivable`). It protects a table, one request at a time: tables of different groupings of the same items can
 * still be compared (the year against its twelve months), which is why published figures should use one grouping.
 */
export type ShownValue = number | string | null;

export interface ShownCell {
  group: string;
  keys: Record<string, string>;
  values: Record<string, ShownValue>;
}

export interface ShownTable {
  keyColumns: readonly string[];
  columns: readonly string[];
  rows: ShownCell[];
  totals: ShownCell[];
}

/** The text of a withheld cell: a complementary suppression, or a statistic over too few values. */
export const WITHHELD = 'x';

export function belowThreshold(threshold: number): string {
  return `<${threshold}`;
}

/** The table as it may be shown with this threshold (a threshold of 1 or less suppresses nothing). */
export function suppressSmallCells(table: FigureTable, threshold: number): ShownTable {
  const below = belowThreshold(threshold);
  const shown = (cell: FigureCell): ShownCell => ({ group: cell.group, keys: cell.keys, values: { ...cell.values } });
  const rows = table.rows.map(shown);
  const totals = table.totals.map(shown);
  const isSmall = (value: ShownValue) => typeof value === 'number' && value >= 1 && value < threshold;

  for (const [index, cell] of [...table.rows, ...table.totals].entries()) {
    const target = index < rows.length ? rows[index] : totals[index - rows.length];
    for (const column of table.columns) {
      const base = STATISTIC_BASES[column];
      if (COUNT_COLUMNS.includes(column) && isSmall(cell.values[column])) target.values[column] = below;
      else if (base !== undefined && cell.values[column] !== null && (cell.values[base] ?? 0) < threshold) target.values[column] = WITHHELD;
    }
  }

  if (threshold > 1) {
    for (const total of totals) {
      const group = rows.filter((row) => row.group === total.group);
      const raw = table.rows.filter((row) => row.group === total.group);
      for (const column of table.columns.filter((c) => COUNT_COLUMNS.includes(c))) {
        withholdUntilUnderivable(
          group.map((row, i) => ({ shown: row, value: raw[i].values[column] ?? 0 })),
          { shown: total, value: table.totals.find((t) => t.group === total.group)?.values[column] ?? 0 },
          column,
          threshold,
        );
      }
    }
  }
  return { keyColumns: table.keyColumns, columns: table.columns, rows, totals };
}

interface Entry {
  shown: ShownCell;
  value: number;
}

/** Withholds cells of one column of a group (then its total) until no suppressed cell follows from the rest. */
function withholdUntilUnderivable(cells: Entry[], total: Entry, column: string, threshold: number): void {
  const hidden = (entry: Entry) => typeof entry.shown.values[column] === 'string';
  const candidates = () => cells.filter((entry) => !hidden(entry) && entry.value > 0).sort((a, b) => a.value - b.value);
  while (cells.some(hidden) && derivable(cells, total, column, threshold)) {
    const open = candidates();
    if (open.length === 0) {
      total.shown.values[column] = WITHHELD;
      return;
    }
    const enough = open.find((entry) => {
      entry.shown.values[column] = WITHHELD;
      const still = derivable(cells, total, column, threshold);
      entry.shown.values[column] = entry.value;
      return !still;
    });
    (enough ?? open[open.length - 1]).shown.values[column] = WITHHELD;
  }
}

/**
 * Whether a reader could work out a suppressed cell of the column exactly from what is shown: each `<t` cell lies in
 * [1, t − 1], each `x` cell in [t, ∞), the total is known (or, suppressed, lies in [1, t − 1]; withheld, unknown), and
 * the suppressed cells add up to the total minus the cells shown. A cell is derivable when its least and greatest
 * possible values meet.
 */
function derivable(cells: readonly Entry[], total: Entry, column: string, threshold: number): boolean {
  const rangeOf = (shown: ShownValue): [number, number] =>
    shown === WITHHELD ? [threshold, Infinity] : typeof shown === 'string' ? [1, threshold - 1] : [shown ?? 0, shown ?? 0];
  const totalShown = total.shown.values[column];
  if (totalShown === WITHHELD) return false;
  const [totalLow, totalHigh] = rangeOf(totalShown);
  const shownSum = cells.filter((c) => typeof c.shown.values[column] !== 'string').reduce((sum, c) => sum + c.value, 0);
  const suppressed = cells.filter((c) => typeof c.shown.values[column] === 'string').map((c) => rangeOf(c.shown.values[column]));
  return suppressed.some(([low, high], i) => {
    const others = suppressed.filter((_, j) => j !== i);
    const othersLow = others.reduce((sum, [l]) => sum + l, 0);
    const othersHigh = others.reduce((sum, [, h]) => sum + h, 0);
    const least = Math.max(low, totalLow - shownSum - othersHigh);
    const most = Math.min(high, totalHigh - shownSum - othersLow);
    return least === most;
  });
}
