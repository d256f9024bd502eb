/**
 * #/normen/<normId>: one norm's report for a supervisor.
 *  (a) compliance per month: chart and table, provisional months marked, "Herzien" when restated;
 *  (b) the distribution of waiting days of the items that stopped, with median and P90;
 *  (c) compliance per team and per provider;
 *  (d) the early-warning worklist: pending items due within N days, soonest first;
 *  (e) CSV and Excel downloads of the monthly report.
 * Each section loads on its own, so a slow or failing one does not hold up the others.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import { apiAllPages, apiBlob, apiGet, type Query } from '../api-client';
import type { ComplianceResponse, CountGroup, DeadlineGroup, NormItem, NormItemsPage } from '../api-types';
import { chartFigure } from '../charts/chart-figure';
import { showChart } from '../charts/chart-registry';
import type { EChartsCoreOption } from '../charts/echarts';
import { complianceChartOption, complianceSummary, isDeadlineGroup } from '../charts/compliance-chart';
import { binLabel, distributionChartOption, distributionOf, distributionSummary, type Distribution } from '../charts/distribution-chart';
import { breakdownChartOption, breakdownSummary } from '../charts/breakdown-chart';
import { countChartOption, countSummary } from '../charts/count-chart';
import { reportFileName, saveBlob } from '../download';
import { answersFor, dateCell, formatNumber, formatPercentage, groupLabel, yesNo } from '../format';
import { describeError } from '../problem-error';
import { setStatus, showPage } from '../shell';
import { defaultParams, knownAtIso, reportControls, type ReportParams } from './report-controls';
import { sectionBody } from './section-view';
import { cell, emptyRow, headerRow, moreButton } from './tables';
import type { Section, ViewContext } from './view-context';

/** Per norm the last controls used, for coming back to the page within the session. */
const paramsByNorm = new Map<string, ReportParams>();

interface WaitingDays {
  distribution: Distribution;
  truncated: boolean;
  asOf: string;
  knownAt: string | null;
}

interface Worklist {
  items: NormItem[];
  next: string | null;
  asOf: string;
  knownAt: string | null;
}

interface State {
  normId: string;
  title: string;
  params: ReportParams;
  monthly: Section<ComplianceResponse>;
  byTeam: Section<ComplianceResponse>;
  byProvider: Section<ComplianceResponse>;
  waitingDays: Section<WaitingDays>;
  worklist: Section<Worklist>;
}

export async function showNorm(ctx: ViewContext, normId: string): Promise<void> {
  const state: State = {
    normId,
    title: `Norm ${normId}`,
    params: paramsByNorm.get(normId) ?? defaultParams(14),
    monthly: { state: 'loading' },
    byTeam: { state: 'loading' },
    byProvider: { state: 'loading' },
    waitingDays: { state: 'loading' },
    worklist: { state: 'loading' },
  };
  await loadAll(ctx, state);
}

async function loadAll(ctx: ViewContext, state: State): Promise<void> {
  for (const key of ['monthly', 'byTeam', 'byProvider', 'waitingDays', 'worklist'] as const) state[key] = { state: 'loading' };
  draw(ctx, state);
  setStatus('loading', 'Overzicht laden…');
  const base = reportQuery(state.params);
  const compliance = (groupBy: string) =>
    apiGet<ComplianceResponse>(`/norms/${encodeURIComponent(state.normId)}/compliance`, { ...base, groupBy });
  await Promise.all([
    settle(ctx, state, 'monthly', compliance('month'), 'compliance'),
    settle(ctx, state, 'byTeam', compliance('team'), 'by-team'),
    settle(ctx, state, 'byProvider', compliance('provider'), 'by-provider'),
    settle(ctx, state, 'waitingDays', loadWaitingDays(state), 'waiting-days'),
    settle(ctx, state, 'worklist', loadWorklist(state, undefined), null),
  ]);
  if (!ctx.isCurrent()) return;
  const failed = (['monthly', 'byTeam', 'byProvider', 'waitingDays', 'worklist'] as const).filter((k) => state[k].state === 'error');
  setStatus(failed.length ? 'error' : 'info', failed.length
    ? `Niet alles kon worden geladen (${failed.length} onderdelen); zie de meldingen bij die onderdelen.`
    : `Overzicht geladen voor peildatum ${state.params.asOf}.`);
}

function reportQuery(params: ReportParams): Query {
  return { from: params.from, to: params.to, asOf: params.asOf, knownAt: knownAtIso(params) };
}

async function settle<K extends 'monthly' | 'byTeam' | 'byProvider' | 'waitingDays' | 'worklist'>(
  ctx: ViewContext, state: State, key: K, work: Promise<State[K] extends Section<infer T> ? T : never>, chart: string | null,
): Promise<void> {
  try {
    const data = await work;
    if (!ctx.isCurrent()) return;
    (state[key] as Section<unknown>) = { state: 'ok', data };
    if (key === 'monthly') state.title = (data as ComplianceResponse).norm.title;
  } catch (error) {
    if (!ctx.isCurrent()) return;
    (state[key] as Section<unknown>) = { state: 'error', message: describeError(error) };
  }
  draw(ctx, state);
  if (chart) drawChart(state, chart);
}

/** Every item of the norm as of asOf (paged), narrowed to the cohort's start dates and to those that stopped. */
async function loadWaitingDays(state: State): Promise<WaitingDays> {
  const { params } = state;
  const { items, truncated, first } = await apiAllPages<NormItemsPage, NormItem>(
    `/norms/${encodeURIComponent(state.normId)}/items`,
    { asOf: params.asOf, knownAt: knownAtIso(params), limit: 500 },
    (page) => page.items,
    40,
  );
  const days = items
    .filter((item) => item.startDate >= params.from && item.startDate <= params.to)
    .filter((item) => item.stopDate !== null && (item.status === 'on-time' || item.status === 'late'))
    .map((item) => item.waitingDays)
    .filter((value): value is number => value !== null);
  return { distribution: distributionOf(days), truncated, asOf: first.asOf, knownAt: first.knownAt };
}

async function loadWorklist(state: State, after: string | undefined): Promise<Worklist> {
  const { params } = state;
  const page = await apiGet<NormItemsPage>(`/norms/${encodeURIComponent(state.normId)}/items`, {
    status: 'pending', dueWithinDays: params.days, asOf: params.asOf, knownAt: knownAtIso(params), limit: 100, after,
  });
  const earlier = after && state.worklist.state === 'ok' ? state.worklist.data.items : [];
  // The API lists soonest deadline first; sorting again keeps that true across appended pages.
  const items = [...earlier, ...page.items].sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999'));
  return { items, next: page.next, asOf: page.asOf, knownAt: page.knownAt };
}

/** A chart's option and the summary that is its accessible name, from the section's data. */
function chartSpec(name: string, data: ComplianceResponse | WaitingDays): { option: EChartsCoreOption; summary: string } {
  if ('distribution' in data) {
    return { option: distributionChartOption(data.distribution), summary: distributionSummary(data.distribution) };
  }
  const deadline = data.groups.filter(isDeadlineGroup);
  const counts = data.groups.filter((g): g is CountGroup => !isDeadlineGroup(g));
  const what = name === 'by-team' ? 'team' : name === 'by-provider' ? 'provider' : null;
  if (data.norm.kind === 'count') {
    return { option: countChartOption(counts), summary: countSummary(what ? `${data.norm.title} per ${what === 'team' ? 'team' : 'aanbieder'}` : data.norm.title, counts) };
  }
  if (what) return { option: breakdownChartOption(deadline), summary: breakdownSummary(what, deadline) };
  return { option: complianceChartOption(data, deadline), summary: complianceSummary(data, deadline) };
}

function drawChart(state: State, name: string): void {
  const section = name === 'compliance' ? state.monthly : name === 'by-team' ? state.byTeam
    : name === 'by-provider' ? state.byProvider : state.waitingDays;
  if (section.state !== 'ok') return;
  const { option, summary } = chartSpec(name, section.data);
  showChart(name, option, summary);
}

function draw(ctx: ViewContext, state: State): void {
  if (!ctx.isCurrent()) return;
  const { params } = state;
  showPage(state.title, html`
    ${reportControls(params, { id: 'norm-controls', days: { label: 'Werkvoorraad: deadline binnen (dagen)', max: 3650 } },
      (next) => {
        state.params = next;
        paramsByNorm.set(state.normId, next);
        void loadAll(ctx, state);
      })}
    <section aria-labelledby="h-compliance" class="casusregie-section">
      <h2 class="utrecht-heading-2" id="h-compliance">Naleving per maand</h2>
      ${sectionBody(state.monthly, (report) => monthlySection(state, report))}
    </section>
    <section aria-labelledby="h-waiting" class="casusregie-section">
      <h2 class="utrecht-heading-2" id="h-waiting">Verdeling van de wachttijd</h2>
      ${sectionBody(state.waitingDays, (data) => waitingDaysSection(data))}
    </section>
    <section aria-labelledby="h-team" class="casusregie-section">
      <h2 class="utrecht-heading-2" id="h-team">Per team</h2>
      ${sectionBody(state.byTeam, (report) => breakdownSection('by-team', 'Team', report))}
    </section>
    <section aria-labelledby="h-provider" class="casusregie-section">
      <h2 class="utrecht-heading-2" id="h-provider">Per aanbieder</h2>
      ${sectionBody(state.byProvider, (report) => breakdownSection('by-provider', 'Aanbieder', report))}
    </section>
    <section aria-labelledby="h-worklist" class="casusregie-section">
      <h2 class="utrecht-heading-2" id="h-worklist">Werkvoorraad: lopend, deadline binnen ${params.days} dagen</h2>
      ${sectionBody(state.worklist, (data) => worklistSection(ctx, state, data))}
    </section>`);
}

function restatedNotice(report: ComplianceResponse): TemplateResult | typeof nothing {
  if (!report.restated) return nothing;
  return html`<div class="utrecht-alert utrecht-alert--warning" data-testid="restated">
    <div class="utrecht-alert__content"><p class="utrecht-alert__message utrecht-paragraph">
      <strong>Herzien:</strong> de cijfers zoals nu bekend wijken af van deze cijfers zoals bekend op het gekozen moment.
    </p></div>
  </div>`;
}

function downloads(state: State): TemplateResult {
  const download = async (csv: 'rfc4180' | 'excel-nl') => {
    const { params } = state;
    setStatus('loading', 'Download voorbereiden…');
    try {
      const blob = await apiBlob(`/norms/${encodeURIComponent(state.normId)}/compliance`,
        { ...reportQuery(params), groupBy: 'month', csv }, 'text/csv');
      const knownAt = knownAtIso(params)?.replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '');
      saveBlob(blob, reportFileName(
        ['naleving', state.normId, params.from, params.to, `peildatum-${params.asOf}`, knownAt && `bekend-${knownAt}`,
          csv === 'excel-nl' ? 'excel' : undefined], 'csv'));
      setStatus('info', 'Het bestand is gedownload.');
    } catch (error) {
      setStatus('error', describeError(error));
    }
  };
  return html`<div class="utrecht-button-group casusregie-downloads">
    <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="download-csv"
      @click=${() => void download('rfc4180')}>Download CSV</button>
    <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="download-excel"
      @click=${() => void download('excel-nl')}>Download voor Excel (CSV met puntkomma's)</button>
  </div>`;
}

function tableAttributes(report: ComplianceResponse): { from: string; to: string; asOf: string; knownAt: string | typeof nothing } {
  return { from: report.from, to: report.to, asOf: report.asOf, knownAt: report.knownAt ?? nothing };
}

function monthlySection(state: State, report: ComplianceResponse): TemplateResult {
  const caption = `Naleving per maand: ${report.norm.title}`;
  const a = tableAttributes(report);
  const table = report.norm.kind === 'count'
    ? html`<table class="utrecht-table utrecht-table--html-table" data-testid="compliance-table"
        data-from=${a.from} data-to=${a.to} data-as-of=${a.asOf} data-known-at=${a.knownAt}>
        <caption class="utrecht-table__caption">${caption}</caption>
        ${countTableBody('Maand', report.groups.filter((g): g is CountGroup => !isDeadlineGroup(g)))}
      </table>`
    : html`<table class="utrecht-table utrecht-table--html-table" data-testid="compliance-table"
        data-from=${a.from} data-to=${a.to} data-as-of=${a.asOf} data-known-at=${a.knownAt}>
        <caption class="utrecht-table__caption">${caption}</caption>
        ${deadlineTableBody('Maand', report.groups.filter(isDeadlineGroup), true)}
      </table>`;
  const target = report.norm.target?.percentage;
  return html`
    ${answersFor(report.asOf, report.knownAt)}
    ${restatedNotice(report)}
    <p class="utrecht-paragraph">Periode (startdatum) ${dateCell(report.from)} tot en met ${dateCell(report.to)}.
      ${target !== undefined ? html`Streefwaarde: ${formatPercentage(target)} op tijd.` : nothing}
      Een maand is <strong>voorlopig</strong> (in de grafiek met * en een grijze band) zolang er nog items lopen.</p>
    ${chartFigure('compliance', caption, chartSpec('compliance', report).summary, table)}
    ${downloads(state)}`;
}

/** The deadline-norm table: one row per group, the counts as the API gives them. */
function deadlineTableBody(groupHeader: string, groups: DeadlineGroup[], periods: boolean): TemplateResult {
  const headers = [groupHeader, 'Op tijd', 'Te laat', 'Lopend', 'Uitgezonderd', '% op tijd', 'Streefwaarde', 'Voorlopig',
    'Mediaan (dagen)', 'P90 (dagen)'];
  return html`${headerRow(headers, 1)}
    <tbody class="utrecht-table__body">
      ${groups.length === 0 ? emptyRow(headers.length, 'Geen items in deze periode.') : groups.map((g) => html`
        <tr class="utrecht-table__row ${g.provisional ? 'casusregie-provisional' : ''}" data-group=${g.group}>
          <th scope="row" class="utrecht-table__cell">${periods ? groupLabel(g.group) : g.group}${g.provisional ? ' *' : ''}</th>
          ${cell('onTime', g.onTime, formatNumber(g.onTime), true)}
          ${cell('late', g.late, formatNumber(g.late), true)}
          ${cell('pending', g.pending, formatNumber(g.pending), true)}
          ${cell('excluded', g.excluded, formatNumber(g.excluded), true)}
          ${cell('percentage', g.percentage, formatPercentage(g.percentage), true)}
          ${cell('target', g.target, formatPercentage(g.target), true)}
          ${cell('provisional', g.provisional, yesNo(g.provisional))}
          ${cell('medianDays', g.medianDays, formatNumber(g.medianDays), true)}
          ${cell('p90Days', g.p90Days, formatNumber(g.p90Days), true)}
        </tr>`)}
    </tbody>`;
}

function countTableBody(groupHeader: string, groups: CountGroup[]): TemplateResult {
  const headers = [groupHeader, 'Aantal', 'Personen', 'Minimum per jaar', 'Gehaald', 'Prognose', 'Voorlopig'];
  return html`${headerRow(headers, 1)}
    <tbody class="utrecht-table__body">
      ${groups.length === 0 ? emptyRow(headers.length, 'Geen items in deze periode.') : groups.map((g) => html`
        <tr class="utrecht-table__row ${g.provisional ? 'casusregie-provisional' : ''}" data-group=${g.group}>
          <th scope="row" class="utrecht-table__cell">${groupLabel(g.group)}${g.provisional ? ' *' : ''}</th>
          ${cell('count', g.count, formatNumber(g.count), true)}
          ${cell('distinctPersons', g.distinctPersons, formatNumber(g.distinctPersons), true)}
          ${cell('minimumCount', g.minimumCount, formatNumber(g.minimumCount), true)}
          ${cell('met', g.met, yesNo(g.met))}
          ${cell('forecast', g.forecast, formatNumber(g.forecast), true)}
          ${cell('provisional', g.provisional, yesNo(g.provisional))}
        </tr>`)}
    </tbody>`;
}

function waitingDaysSection(data: WaitingDays): TemplateResult {
  const d = data.distribution;
  const caption = 'Aantal afgeronde items per aantal wachtdagen';
  const table = html`<table class="utrecht-table utrecht-table--html-table" data-testid="waiting-days-table">
    <caption class="utrecht-table__caption">${caption}</caption>
    ${headerRow(['Wachtdagen', 'Aantal items'], 1)}
    <tbody class="utrecht-table__body">
      ${d.bins.length === 0 ? emptyRow(2, 'Nog geen afgeronde items in deze periode.') : d.bins.map((bin) => html`
        <tr class="utrecht-table__row" data-bin=${binLabel(bin)}>
          <th scope="row" class="utrecht-table__cell">${binLabel(bin)}</th>
          ${cell('count', bin.count, formatNumber(bin.count), true)}
        </tr>`)}
    </tbody>
  </table>`;
  return html`
    ${answersFor(data.asOf, data.knownAt)}
    <p class="utrecht-paragraph">Wachtdagen van de items met een startdatum in de periode die gestopt zijn (op tijd
      of te laat): ${formatNumber(d.count)} items, mediaan <strong data-testid="median-days">${formatNumber(d.median)}</strong>
      dagen, P90 <strong data-testid="p90-days">${formatNumber(d.p90)}</strong> dagen.</p>
    ${data.truncated ? html`<p class="utrecht-paragraph"><strong>Let op:</strong> er zijn meer items dan het dashboard
      ophaalt; de verdeling is over de eerste 20.000 items.</p>` : nothing}
    ${chartFigure('waiting-days', 'Verdeling van de wachtdagen', distributionSummary(d), table)}`;
}

function breakdownSection(name: 'by-team' | 'by-provider', groupHeader: string, report: ComplianceResponse): TemplateResult {
  const caption = `Naleving per ${groupHeader.toLowerCase()}: ${report.norm.title}`;
  const a = tableAttributes(report);
  const body = report.norm.kind === 'count'
    ? countTableBody(groupHeader, report.groups.filter((g): g is CountGroup => !isDeadlineGroup(g)))
    : deadlineTableBody(groupHeader, report.groups.filter(isDeadlineGroup), false);
  const table = html`<table class="utrecht-table utrecht-table--html-table" data-testid=${`${name}-table`}
    data-from=${a.from} data-to=${a.to} data-as-of=${a.asOf} data-known-at=${a.knownAt}>
    <caption class="utrecht-table__caption">${caption}</caption>${body}
  </table>`;
  return html`${answersFor(report.asOf, report.knownAt)} ${restatedNotice(report)}
    ${chartFigure(name, caption, chartSpec(name, report).summary, table)}`;
}

function worklistSection(ctx: ViewContext, state: State, data: Worklist): TemplateResult {
  const headers = ['Deadline', 'Dagen over', 'Startdatum', 'Team', 'Casusregisseur', 'Opgeschort (dagen)', 'Huishouden'];
  const more = async () => {
    try {
      const next = await loadWorklist(state, data.next ?? undefined);
      if (!ctx.isCurrent()) return;
      state.worklist = { state: 'ok', data: next };
      draw(ctx, state);
    } catch (error) {
      setStatus('error', describeError(error));
    }
  };
  return html`${answersFor(data.asOf, data.knownAt)}
    <div class="utrecht-table-container casusregie-table-scroll" role="region" tabindex="0" aria-label="Tabel van de werkvoorraad">
      <table class="utrecht-table utrecht-table--html-table" data-testid="norm-worklist-table">
        <caption class="utrecht-table__caption">Lopende items met een deadline binnen ${state.params.days} dagen, eerstvolgende deadline eerst</caption>
        ${headerRow(headers)}
        <tbody class="utrecht-table__body">
          ${data.items.length === 0 ? emptyRow(headers.length, 'Geen lopende items met een deadline binnen deze termijn.') : data.items.map((item) => html`
            <tr class="utrecht-table__row" data-household-id=${item.householdId} data-item-key=${item.itemKey}>
              <th scope="row" class="utrecht-table__cell" data-field="deadline" data-value=${item.deadline ?? ''}>${dateCell(item.deadline)}</th>
              ${cell('daysLeft', item.daysLeft, formatNumber(item.daysLeft), true)}
              ${cell('startDate', item.startDate, dateCell(item.startDate))}
              ${cell('team', item.team, item.team)}
              ${cell('coordinatorId', item.coordinatorId, item.coordinatorId ?? '–')}
              ${cell('suspendedDays', item.suspendedDays, formatNumber(item.suspendedDays), true)}
              ${cell('householdId', item.householdId, html`<code>${item.householdId}</code>`)}
            </tr>`)}
        </tbody>
      </table>
    </div>
    ${moreButton(data.next, 'Meer items laden', () => void more())}`;
}
