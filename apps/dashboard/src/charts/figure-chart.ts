/**
 * A management figure per group and breakdown: bars of its first column. A suppressed cell ("<5", "x") has no bar and
 * keeps its marker in the tooltip and the table: the chart never guesses a number the API withheld.
 */
import type { EChartsCoreOption } from './echarts';
import type { FigureReport } from '../api-types';
import { palette } from './palette';

type Row = FigureReport['rows'][number];

export function rowLabel(report: FigureReport, row: Row): string {
  return [row.group, ...report.keyColumns.map((key) => row[key])].filter((v) => v !== undefined && v !== null).join(' · ');
}

export function figureSummary(report: FigureReport): string {
  const column = report.columns[0];
  if (!column || report.rows.length === 0) return `Staafdiagram van ${report.figure.title}: geen gegevens.`;
  const suppressed = report.rows.filter((row) => typeof row[column] === 'string').length;
  return [
    `Staafdiagram van ${report.figure.title}: ${column} voor ${report.rows.length} rijen.`,
    suppressed ? `${suppressed} kleine aantallen zijn afgeschermd en hebben geen staaf.` : '',
    'De tabel hieronder geeft alle waarden.',
  ].filter(Boolean).join(' ');
}

export function figureChartOption(report: FigureReport): EChartsCoreOption {
  const colours = palette();
  const column = report.columns[0] ?? '';
  return {
    textStyle: { color: colours.text },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, top: 32, bottom: 24, containLabel: true },
    xAxis: { type: 'value', name: column },
    yAxis: { type: 'category', inverse: true, data: report.rows.map((row) => rowLabel(report, row)) },
    series: [{
      name: column, type: 'bar', color: colours.neutral,
      data: report.rows.map((row) => (typeof row[column] === 'number' ? row[column] : null)),
    }],
  };
}
