/**
 * #/cijfers/<figureId>: one management figure with a breakdown (team, wijk, provider, …: those the figure has) as a
 * chart and a table. Suppressed small cells are shown exactly as the API gives them ("<5", "x").
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import { apiGet } from '../api-client';
import type { Figure, FigureReport, FiguresResponse } from '../api-types';
import { chartFigure } from '../charts/chart-figure';
import { showChart } from '../charts/chart-registry';
import { figureChartOption, figureSummary } from '../charts/figure-chart';
import { answersFor, dateCell, formatNumber, groupLabel } from '../format';
import { showPage } from '../shell';
import { BREAKDOWN_LABEL, MEASURE_LABEL } from './figures-view';
import { defaultParams, knownAtIso, reportControls, type ReportParams } from './report-controls';
import { emptyRow, headerRow } from './tables';
import { load, type ViewContext } from './view-context';

const remembered = new Map<string, { params: ReportParams; breakdown: string }>();

export async function showFigure(ctx: ViewContext, figureId: string): Promise<void> {
  const settings = remembered.get(figureId) ?? { params: defaultParams(), breakdown: '' };
  showPage(`Cijfer ${figureId}`, html``);
  const list = await load(ctx, 'Cijfer laden…', () => apiGet<FiguresResponse>('/figures'));
  if (!list) return;
  const figure = list.figures.find((f) => f.id === figureId);
  if (!figure) {
    showPage('Cijfer niet gevonden', html`<p class="utrecht-paragraph">Dit cijfer bestaat niet voor uw gemeente.</p>`);
    return;
  }
  const controls = reportControls(settings.params, { id: 'figure-controls', extra: breakdownSelect(figure, settings.breakdown) },
    (params, form) => {
      const breakdown = String(new FormData(form).get('breakdown') ?? '');
      remembered.set(figureId, { params, breakdown });
      void showFigure(ctx, figureId);
    });
  showPage(figure.title, controls);
  const report = await load(ctx, 'Cijfer laden…', () => apiGet<FigureReport>(`/figures/${encodeURIComponent(figureId)}`, {
    from: settings.params.from, to: settings.params.to, asOf: settings.params.asOf,
    knownAt: knownAtIso(settings.params), breakdown: settings.breakdown || undefined,
  }));
  if (!report) return;
  const summary = figureSummary(report);
  showPage(figure.title, html`${controls}
    <p class="utrecht-paragraph">${figure.kNumber ? `${figure.kNumber}: ` : ''}${MEASURE_LABEL[figure.measure] ?? figure.measure}.
      Periode ${dateCell(report.from)} tot en met ${dateCell(report.to)}.</p>
    ${answersFor(report.asOf, report.knownAt)}
    ${report.restated ? html`<div class="utrecht-alert utrecht-alert--warning" data-testid="restated"><div class="utrecht-alert__content">
      <p class="utrecht-alert__message utrecht-paragraph"><strong>Herzien:</strong> de cijfers zoals nu bekend wijken af
      van deze cijfers zoals bekend op het gekozen moment.</p></div></div>` : nothing}
    <p class="utrecht-paragraph">Aantallen van 1 tot ${report.suppression.threshold} staan als "${report.suppression.below}",
      afgeschermde waarden als "${report.suppression.withheld}".</p>
    ${chartFigure('figure', figure.title, summary, figureTable(report, 'figure-table', report.rows, figure.title))}
    ${report.totals.length && report.breakdown.length ? html`<div class="utrecht-table-container">
      ${figureTable({ ...report, keyColumns: [] }, 'figure-totals-table', report.totals, `${figure.title}: totalen per groep`)}</div>` : nothing}`);
  showChart('figure', figureChartOption(report), summary);
}

function breakdownSelect(figure: Figure, selected: string): TemplateResult {
  return html`<div class="utrecht-form-field casusregie-control">
    <label class="utrecht-form-label" for="figure-breakdown">Uitsplitsen naar</label>
    <select id="figure-breakdown" name="breakdown" class="utrecht-select utrecht-select--html-select">
      <option value="" ?selected=${selected === ''}>Geen uitsplitsing</option>
      ${figure.breakdowns.map((b) => html`<option value=${b} ?selected=${selected === b}>${BREAKDOWN_LABEL[b] ?? b}</option>`)}
    </select>
  </div>`;
}

function value(v: unknown): string {
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string') return v;
  return '–';
}

function figureTable(report: FigureReport, testId: string, rows: FigureReport['rows'], caption: string): TemplateResult {
  const keys = report.keyColumns;
  const headers = ['Groep', ...keys.map((k) => BREAKDOWN_LABEL[k] ?? k), ...report.columns];
  return html`<table class="utrecht-table utrecht-table--html-table" data-testid=${testId}
    data-from=${report.from} data-to=${report.to} data-as-of=${report.asOf} data-known-at=${report.knownAt ?? nothing}>
    <caption class="utrecht-table__caption">${caption}</caption>
    ${headerRow(headers, 1 + keys.length)}
    <tbody class="utrecht-table__body">
      ${rows.length === 0 ? emptyRow(headers.length, 'Geen gegevens.') : rows.map((row) => html`
        <tr class="utrecht-table__row" data-group=${String(row.group ?? '')}>
          <th scope="row" class="utrecht-table__cell">${groupLabel(String(row.group ?? ''))}</th>
          ${keys.map((k) => html`<td class="utrecht-table__cell" data-field=${k}>${value(row[k])}</td>`)}
          ${report.columns.map((c) => html`<td class="utrecht-table__cell utrecht-table__cell--numeric-data"
            data-field=${c} data-value=${row[c] === null || row[c] === undefined ? '' : String(row[c])}>${value(row[c])}</td>`)}
        </tr>`)}
    </tbody>
  </table>`;
}
