/**
 * The charts on the current page by name ('compliance', 'waiting-days', 'by-team', 'by-provider', 'figure'). A view
 * draws a host element with data-chart=<name> (see chartFigure) and then calls showChart; the registry keeps one
 * ECharts instance per host and disposes them when the page changes. The browser tests read the options through
 * window.casusregieDashboard.chartOption(name).
 */
import { echarts, type EChartsCoreOption, type EChartsType } from './echarts';

const charts = new Map<string, EChartsType>();

export function showChart(name: string, option: EChartsCoreOption, summary: string): void {
  const host = document.querySelector<HTMLElement>(`[data-chart="${name}"]`);
  if (!host) return;
  let chart = charts.get(name);
  if (chart && chart.getDom() !== host) {
    chart.dispose();
    chart = undefined;
  }
  chart ??= echarts.init(host, undefined, { renderer: 'svg' });
  charts.set(name, chart);
  // ECharts' aria component writes role="img" and aria-label on the host; it gets the same summary as the template.
  chart.setOption({ ...option, aria: { enabled: true, label: { description: summary }, decal: { show: true } } }, true);
}

export function disposeCharts(): void {
  for (const chart of charts.values()) chart.dispose();
  charts.clear();
}

export function chartOption(name: string): unknown {
  return charts.get(name)?.getOption() ?? null;
}

export function resizeCharts(): void {
  for (const chart of charts.values()) chart.resize();
}
