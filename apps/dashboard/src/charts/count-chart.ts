/** A count norm (e.g. K3, referrals to the wijk-GGD) per group: plain bars of the count, provisional groups marked. */
import type { EChartsCoreOption } from './echarts';
import type { CountGroup } from '../api-types';
import { palette } from './palette';

export function countSummary(title: string, groups: CountGroup[]): string {
  if (groups.length === 0) return `Staafdiagram van ${title}: geen gegevens.`;
  const total = groups.reduce((sum, g) => sum + g.count, 0);
  return `Staafdiagram van ${title} over ${groups.length} groepen, samen ${total}. De tabel hieronder geeft alle getallen.`;
}

export function countChartOption(groups: CountGroup[]): EChartsCoreOption {
  const colours = palette();
  return {
    textStyle: { color: colours.text },
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 24, top: 32, bottom: 48, containLabel: true },
    xAxis: { type: 'category', data: groups.map((g) => (g.provisional ? `${g.group}*` : g.group)) },
    yAxis: { type: 'value', name: 'Aantal', minInterval: 1 },
    series: [{ name: 'Aantal', type: 'bar', color: colours.neutral, data: groups.map((g) => g.count) }],
  };
}
