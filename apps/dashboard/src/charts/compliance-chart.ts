/**
 * Compliance per month: stacked bars of on time, late and pending, the percentage on time as a line on a second axis,
 * the target as a dashed line, and provisional months (items still pending, the figure can change) marked both in
 * the axis label ("*") and with a shaded band.
 */
import type { EChartsCoreOption } from './echarts';
import type { ComplianceResponse, DeadlineGroup } from '../api-types';
import { palette } from './palette';
import { formatPercentage } from '../format';

export function isDeadlineGroup(group: ComplianceResponse['groups'][number]): group is DeadlineGroup {
  return 'onTime' in group;
}

export function complianceSummary(report: ComplianceResponse, groups: DeadlineGroup[]): string {
  if (groups.length === 0) return `Nalevingsgrafiek van ${report.norm.title}: geen gegevens in deze periode.`;
  const judged = groups.reduce((sum, g) => sum + g.onTime + g.late, 0);
  const onTime = groups.reduce((sum, g) => sum + g.onTime, 0);
  const pending = groups.reduce((sum, g) => sum + g.pending, 0);
  const overall = judged === 0 ? null : Math.round((onTime / judged) * 1000) / 10;
  const target = report.norm.target?.percentage;
  const provisional = groups.filter((g) => g.provisional).length;
  return [
    `Staafdiagram per maand van ${groups[0].group} tot en met ${groups[groups.length - 1].group}:`,
    `${onTime} op tijd van ${judged} beoordeeld (${formatPercentage(overall)}), ${pending} nog lopend.`,
    target !== undefined ? `Streefwaarde ${formatPercentage(target)}.` : '',
    provisional > 0 ? `${provisional} maanden zijn voorlopig.` : '',
    'De tabel hieronder geeft alle getallen.',
  ].filter(Boolean).join(' ');
}

export function complianceChartOption(report: ComplianceResponse, groups: DeadlineGroup[]): EChartsCoreOption {
  const colours = palette();
  const labels = groups.map((g) => (g.provisional ? `${g.group}*` : g.group));
  const target = groups.find((g) => g.target !== null)?.target ?? report.norm.target?.percentage ?? null;
  const provisionalBands = groups
    .map((g, index) => ({ g, index }))
    .filter(({ g }) => g.provisional)
    .map(({ index }) => [{ xAxis: labels[index] }, { xAxis: labels[index] }]);
  return {
    textStyle: { color: colours.text },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: colours.text } },
    grid: { left: 48, right: 56, top: 48, bottom: 48 },
    xAxis: { type: 'category', data: labels, name: '* voorlopig', nameLocation: 'end', nameGap: 8 },
    yAxis: [
      { type: 'value', name: 'Aantal', minInterval: 1 },
      { type: 'value', name: '% op tijd', min: 0, max: 100, position: 'right' },
    ],
    series: [
      {
        name: 'Op tijd', type: 'bar', stack: 'items', color: colours.onTime, data: groups.map((g) => g.onTime),
        markArea: provisionalBands.length
          ? { silent: true, itemStyle: { color: 'rgba(128,128,128,0.12)' }, label: { show: false }, data: provisionalBands }
          : undefined,
      },
      { name: 'Te laat', type: 'bar', stack: 'items', color: colours.late, data: groups.map((g) => g.late) },
      { name: 'Lopend', type: 'bar', stack: 'items', color: colours.pending, data: groups.map((g) => g.pending) },
      {
        name: 'Percentage op tijd', type: 'line', yAxisIndex: 1, color: colours.line, connectNulls: false,
        symbol: 'circle', symbolSize: 7, data: groups.map((g) => g.percentage),
      },
      ...(target === null
        ? []
        : [{
            name: 'Streefwaarde', type: 'line', yAxisIndex: 1, color: colours.target, symbol: 'none',
            lineStyle: { type: 'dashed', width: 2 }, data: groups.map(() => target),
          }]),
    ],
  };
}
