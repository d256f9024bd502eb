import { median, nearestRank } from '@casusregie/domain';

/** One line of the results: a figure, its baseline measured in the same run where there is one, and its goal. */
export interface BenchRow {
  bench: string;
  figure: string;
  unit: string;
  /** One value per run; the table shows their median. */
  values: number[];
  baseline?: { figure: string; values: number[] };
  /** The goal, and whether the median meets it. */
  goal?: { text: string; met: (value: number, ratio: number | undefined) => boolean };
}

export interface BenchContext {
  cpus: number;
  store: string;
  node: string;
  date: string;
  options: string;
}

/** The median of the runs' values. */
export function medianOf(values: readonly number[]): number {
  return median([...values].sort((a, b) => a - b)) ?? Number.NaN;
}

/** A latency percentile (nearest rank) of one run's samples. */
export function percentile(samples: readonly number[], percent: number): number {
  return nearestRank([...samples].sort((a, b) => a - b), percent) ?? Number.NaN;
}

export function ratioOf(row: BenchRow): number | undefined {
  return row.baseline === undefined ? undefined : medianOf(row.values) / medianOf(row.baseline.values);
}

/** The markdown table `npm run bench` prints and RESULTS.md records. */
export function renderTable(context: BenchContext, rows: readonly BenchRow[]): string {
  const lines = [
    `${context.date} · ${context.cpus} CPUs · store: ${context.store} · Node ${context.node} · ${context.options}`,
    '',
    '| # | figure | median | baseline (median) | ratio | goal | met |',
    '|---|---|---:|---|---:|---|---|',
  ];
  for (const row of rows) {
    const value = medianOf(row.values);
    const ratio = ratioOf(row);
    const baseline = row.baseline === undefined ? '' : `${row.baseline.figure}: ${format(medianOf(row.baseline.values))}`;
    const met = row.goal === undefined ? '' : row.goal.met(value, ratio) ? 'yes' : '**no**';
    lines.push(
      `| ${row.bench} | ${row.figure} | ${format(value)} ${row.unit} | ${baseline} | ${ratio === undefined ? '' : ratio.toFixed(ratio < 0.1 ? 3 : 2)} | ${row.goal?.text ?? ''} | ${met} |`,
    );
  }
  return lines.join('\n');
}

function format(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1);
}
