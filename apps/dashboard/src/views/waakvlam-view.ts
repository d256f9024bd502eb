/** #/waakvlam: waakvlam contacts due within N days, the overdue ones first (as the API lists them). */
import { html, type TemplateResult } from 'lit-html';
import { apiGet } from '../api-client';
import type { WaakvlamDuePage } from '../api-types';
import { answersFor, dateCell, formatNumber } from '../format';
import { describeError } from '../problem-error';
import { setStatus, showPage } from '../shell';
import { defaultParams, reportControls, type ReportParams } from './report-controls';
import { cell, emptyRow, headerRow, moreButton } from './tables';
import { load, type ViewContext } from './view-context';

let remembered: ReportParams = defaultParams(7);

export async function showWaakvlam(ctx: ViewContext): Promise<void> {
  const params = remembered;
  const controls = reportControls(params, { id: 'waakvlam-controls', period: false, knownAt: false,
    days: { label: 'Contact verwacht binnen (dagen)', max: 365 } }, (next) => {
    remembered = next;
    void showWaakvlam(ctx);
  });
  showPage('Waakvlam', controls);
  const page = await load(ctx, 'Waakvlamcontacten laden…', () => fetchPage(params, undefined));
  if (!page) return;
  let contacts = page.contacts;
  let next = page.next;
  const draw = () => showPage('Waakvlam', html`${controls}${table(page, contacts, params)}
    ${moreButton(next, 'Meer contacten laden', () => void more())}`);
  const more = async () => {
    try {
      const nextPage = await fetchPage(params, next ?? undefined);
      if (!ctx.isCurrent()) return;
      contacts = [...contacts, ...nextPage.contacts];
      next = nextPage.next;
      draw();
    } catch (error) {
      setStatus('error', describeError(error));
    }
  };
  draw();
}

function fetchPage(params: ReportParams, after: string | undefined): Promise<WaakvlamDuePage> {
  return apiGet<WaakvlamDuePage>('/waakvlam/due', { withinDays: params.days, asOf: params.asOf, limit: 100, after });
}

function table(page: WaakvlamDuePage, contacts: WaakvlamDuePage['contacts'], params: ReportParams): TemplateResult {
  const headers = ['Verwacht op', 'Status', 'Laatste contact', 'Team', 'Casusregisseur', 'Huishouden'];
  return html`${answersFor(page.asOf, null)}
    <div class="utrecht-table-container casusregie-table-scroll" role="region" tabindex="0" aria-label="Tabel van de waakvlamcontacten">
      <table class="utrecht-table utrecht-table--html-table" data-testid="waakvlam-table" data-as-of=${page.asOf}>
        <caption class="utrecht-table__caption">Waakvlamcontacten die binnen ${params.days} dagen verwacht worden of te laat zijn</caption>
        ${headerRow(headers)}
        <tbody class="utrecht-table__body">
          ${contacts.length === 0 ? emptyRow(headers.length, 'Geen waakvlamcontacten binnen deze termijn.') : contacts.map((c) => html`
            <tr class="utrecht-table__row ${c.overdue ? 'casusregie-overdue' : ''}" data-household-id=${c.householdId} data-trajectory-id=${c.trajectoryId}>
              <th scope="row" class="utrecht-table__cell" data-field="dueOn" data-value=${c.dueOn ?? ''}>${dateCell(c.dueOn)}</th>
              ${cell('overdue', c.overdue, c.overdue ? `Te laat (${formatNumber(c.daysOverdue)} dagen)` : `Nog ${formatNumber(c.daysLeft)} dagen`)}
              ${cell('lastContactOn', c.lastContactOn, dateCell(c.lastContactOn))}
              ${cell('team', c.team, c.team)}
              ${cell('coordinatorId', c.coordinatorId, c.coordinatorId ?? '–')}
              ${cell('householdId', c.householdId, html`<code>${c.householdId}</code>`)}
            </tr>`)}
        </tbody>
      </table>
    </div>`;
}
