/**
 * The distribution of waiting days: a histogram of the waiting days of the items that stopped (as the API's median
 * and P90 do), with the median and the P90 as vertical marks. Bins are whole days up to 30 distinct values, wider
 * (equal width) beyond, so that a long tail does not make thousands of bars.
 */
import type { EChartsCoreOption } from './echarts';
import { palette } from './palette';
import { formatNumber } from '../format';

export interface Bin {
  from: number;
  to: number;
  count: number;
}

export interface Distribution {
  bins: Bin[];
  count: number;
  median: number | null;
  p90: number | null;
}

/** The same median and nearest-rank P90 as libs/domain/src/norms/norm-status.ts, so the numbers agree. */
export function distributionOf(values: number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { bins: [], count: 0, median: null, p90: null };
  const middle = Math.floor(n / 2);
  const median = n % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  const p90 = sorted[Math.max(1, Math.ceil((90 * n) / 100)) - 1];
  const min = Math.floor(sorted[0]);
  const max = Math.floor(sorted[n - 1]);
  const width = max - min + 1 <= 30 ? 1 : Math.ceil((max - min + 1) / 20);
  const bins: Bin[] = [];
  for (let from = min; from <= max; from += width) bins.push({ from, to: from + width - 1, count: 0 });
  for (const value of sorted) bins[Math.floor((Math.floor(value) - min) / width)].count += 1;
  return { bins, count: n, median, p90 };
}

export function binLabel(bin: Bin): string {
  return bin.from === bin.to ? `${bin.from}` : `${bin.from}–${bin.to}`;
}

function binIndexOf(bins: Bin[], value: number): number {
  return bins.findIndex((bin) => value >= bin.from && value <= bin.to + 0.999);
}

export function distributionSummary(d: Distribution): string {
  if (d.count === 0) return 'Histogram van de wachtdagen: nog geen afgeronde items in deze periode.';
  return `Histogram van de wachtdagen van ${d.count} afgeronde items: mediaan ${formatNumber(d.median)} dagen, `
    + `P90 ${formatNumber(d.p90)} dagen. De tabel hieronder geeft het aantal per klasse.`;
}

export function distributionChartOption(d: Distribution): EChartsCoreOption {
  const colours = palette();
  const labels = d.bins.map(binLabel);
  const marks = [
    d.median === null ? null : { name: 'Mediaan', xAxis: labels[binIndexOf(d.bins, d.median)], label: { formatter: `Mediaan ${formatNumber(d.median)}` } },
    d.p90 === null ? null : { name: 'P90', xAxis: labels[binIndexOf(d.bins, d.p90)], label: { formatter: `P90 ${formatNumber(d.p90)}` } },
  ].filter((mark) => mark !== null);
  return {
    textStyle: { color: colours.text },
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 24, top: 40, bottom: 48 },
    xAxis: { type: 'category', data: labels, name: 'Wachtdagen', nameLocation: 'middle', nameGap: 30 },
    yAxis: { type: 'value', name: 'Aantal', minInterval: 1 },
    series: [{
      name: 'Aantal items', type: 'bar', color: colours.neutral, barCategoryGap: '5%', data: d.bins.map((b) => b.count),
      markLine: {
        symbol: 'none', lineStyle: { color: colours.target, type: 'dashed', width: 2 },
        label: { color: colours.text }, data: marks,
      },
    }],
  };
}
