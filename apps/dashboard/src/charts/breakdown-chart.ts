/**
 * Compliance per team or per provider: stacked horizontal bars (on time, late, pending) per group, sorted as the API
 * gives them, with the percentage in the axis label so that the comparison does not rest on colour.
 */
import type { EChartsCoreOption } from './echarts';
import type { DeadlineGroup } from '../api-types';
import { palette } from './palette';
import { formatPercentage } from '../format';

export function breakdownSummary(what: string, groups: DeadlineGroup[]): string {
  if (groups.length === 0) return `Staafdiagram per ${what}: geen gegevens.`;
  const ranked = groups.filter((g) => g.percentage !== null).sort((a, b) => (a.percentage ?? 0) - (b.percentage ?? 0));
  const lowest = ranked[0];
  const highest = ranked[ranked.length - 1];
  return [
    `Staafdiagram van ${groups.length} ${what === 'team' ? 'teams' : 'aanbieders'}: op tijd, te laat en lopend.`,
    lowest && highest ? `Laagste percentage op tijd ${formatPercentage(lowest.percentage)} (${lowest.group}), hoogste ${formatPercentage(highest.percentage)} (${highest.group}).` : '',
    'De tabel hieronder geeft alle getallen.',
  ].filter(Boolean).join(' ');
}

export function breakdownChartOption(groups: DeadlineGroup[]): EChartsCoreOption {
  const colours = palette();
  const labels = groups.map((g) => `${g.group} (${formatPercentage(g.percentage)})`);
  return {
    textStyle: { color: colours.text },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, textStyle: { color: colours.text } },
    grid: { left: 8, right: 24, top: 40, bottom: 24, containLabel: true },
    xAxis: { type: 'value', name: 'Aantal', minInterval: 1 },
    yAxis: { type: 'category', data: labels, inverse: true },
    series: [
      { name: 'Op tijd', type: 'bar', stack: 'items', color: colours.onTime, data: groups.map((g) => g.onTime) },
      { name: 'Te laat', type: 'bar', stack: 'items', color: colours.late, data: groups.map((g) => g.late) },
      { name: 'Lopend', type: 'bar', stack: 'items', color: colours.pending, data: groups.map((g) => g.pending) },
    ],
  };
}
