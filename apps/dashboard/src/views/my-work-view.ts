/**
 * #/mijn-werk: a consultant's caseload (the households they coordinate and those of their team, soonest next
 * deadline first) and worklist (norm items and waakvlam contacts due within N days, overdue first). Ids, dates and
 * codes only: no names on this page.
 */
import { html, type TemplateResult } from 'lit-html';
import { apiAllPages } from '../api-client';
import type { MyCaseloadPage, MyHousehold, MyWorkItem, MyWorklistPage } from '../api-types';
import { dateCell, formatNumber } from '../format';
import { href } from '../router';
import { showPage } from '../shell';
import { defaultParams, reportControls, type ReportParams } from './report-controls';
import { cell, emptyRow, headerRow } from './tables';
import { load, type ViewContext } from './view-context';

let remembered: ReportParams = defaultParams(7);

export const LEGAL_BASIS_LABEL: Record<string, string> = {
  'wmo-2015': 'Wmo 2015', jeugdwet: 'Jeugdwet', participatiewet: 'Participatiewet',
  'wet-inburgering-2021': 'Wet inburgering 2021', wgs: 'Wgs', none: 'Geen',
};

export async function showMyWork(ctx: ViewContext): Promise<void> {
  const params = remembered;
  const controls = reportControls(params, { id: 'worklist-controls', period: false, knownAt: false,
    days: { label: 'Werklijst: deadline binnen (dagen)', max: 365 } }, (next) => {
    remembered = next;
    void showMyWork(ctx);
  });
  showPage('Mijn werk', controls);
  const data = await load(ctx, 'Uw caseload en werklijst laden…', () => Promise.all([
    apiAllPages<MyCaseloadPage, MyHousehold>('/me/caseload', { limit: 500 }, (page) => page.households, 10),
    apiAllPages<MyWorklistPage, MyWorkItem>('/me/worklist', { asOf: params.asOf, dueWithinDays: params.days, limit: 500 },
      (page) => page.items, 10),
  ]));
  if (!data) return;
  const [caseload, worklist] = data;
  showPage('Mijn werk', html`${controls}
    <section aria-labelledby="h-worklist" class="casusregie-section">
      <h2 class="utrecht-heading-2" id="h-worklist">Werklijst</h2>
      ${worklistTable(worklist.items, worklist.first, params)}
    </section>
    <section aria-labelledby="h-caseload" class="casusregie-section">
      <h2 class="utrecht-heading-2" id="h-caseload">Caseload</h2>
      ${caseloadTable(caseload.items, caseload.first.asOf)}
    </section>`);
}

/** Soonest deadline first, so the overdue ones lead; the API sorts so already, this keeps it across pages. */
export function bySoonest<T extends { deadline: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.deadline.localeCompare(b.deadline));
}

export function workStatus(item: MyWorkItem): string {
  return item.status === 'late' ? `Te laat (${formatNumber(item.daysOverdue)} dagen)` : `Nog ${formatNumber(item.daysLeft)} dagen`;
}

export function normLabel(normId: string): string {
  return normId === 'waakvlam-contact-due' ? 'Waakvlamcontact' : normId;
}

function worklistTable(items: MyWorkItem[], page: MyWorklistPage, params: ReportParams): TemplateResult {
  const headers = ['Deadline', 'Status', 'Norm', 'Huishouden', 'Start'];
  return html`<p class="utrecht-paragraph">Peildatum ${dateCell(page.asOf)}.</p>
    <div class="utrecht-table-container casusregie-table-scroll" role="region" tabindex="0" aria-label="Tabel van de werklijst">
      <table class="utrecht-table utrecht-table--html-table" data-testid="worklist-table" data-as-of=${page.asOf}>
        <caption class="utrecht-table__caption">Deadlines binnen ${params.days} dagen en te late, eerstvolgende eerst</caption>
        ${headerRow(headers)}
        <tbody class="utrecht-table__body">
          ${items.length === 0 ? emptyRow(headers.length, 'Geen deadlines binnen deze termijn.') : bySoonest(items).map((item) => html`
            <tr class="utrecht-table__row ${item.status === 'late' ? 'casusregie-overdue' : ''}" data-household-id=${item.householdId}
              data-norm-id=${item.normId} data-item-key=${item.itemKey}>
              <th scope="row" class="utrecht-table__cell" data-field="deadline" data-value=${item.deadline}>${dateCell(item.deadline)}</th>
              ${cell('status', item.status, workStatus(item))}
              ${cell('normId', item.normId, normLabel(item.normId))}
              <td class="utrecht-table__cell" data-field="householdId" data-value=${item.householdId}>
                <a class="utrecht-link utrecht-link--html-a" href=${href.household(item.householdId)}>Huishouden <code>${shortId(item.householdId)}</code></a>
              </td>
              ${cell('startDate', item.startDate, dateCell(item.startDate))}
            </tr>`)}
        </tbody>
      </table>
    </div>`;
}

/** The first block of a UUID: enough to tell households apart on screen; the link carries the whole id. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

function caseloadTable(households: MyHousehold[], asOf: string): TemplateResult {
  const headers = ['Huishouden', 'Team', 'Casusregisseur', 'Niveau', 'Open trajecten', 'Eerstvolgende deadline'];
  return html`<div class="utrecht-table-container casusregie-table-scroll" role="region" tabindex="0" aria-label="Tabel van de caseload">
    <table class="utrecht-table utrecht-table--html-table" data-testid="caseload-table" data-as-of=${asOf}>
      <caption class="utrecht-table__caption">Huishoudens die u coördineert en die van uw team, eerstvolgende deadline eerst</caption>
      ${headerRow(headers)}
      <tbody class="utrecht-table__body">
        ${households.length === 0 ? emptyRow(headers.length, 'Geen huishoudens.') : households.map((h) => html`
          <tr class="utrecht-table__row" data-household-id=${h.householdId}>
            <th scope="row" class="utrecht-table__cell">
              <a class="utrecht-link utrecht-link--html-a" href=${href.household(h.householdId)}>Huishouden <code>${shortId(h.householdId)}</code></a>
            </th>
            ${cell('team', h.team, h.team)}
            ${cell('coordinatorId', h.coordinatorId, h.isCoordinator ? 'U' : h.coordinatorId ?? 'Niet toegewezen')}
            ${cell('level', h.level, h.level ?? '–')}
            ${cell('trajectories', h.trajectories.length, h.trajectories.length === 0 ? '–'
              : h.trajectories.map((t) => `${LEGAL_BASIS_LABEL[t.legalBasis] ?? t.legalBasis}${t.waakvlamActive ? ' (waakvlam)' : ''}`).join(', '))}
            ${cell('nextDeadline', h.nextDeadline?.deadline, h.nextDeadline
              ? html`${dateCell(h.nextDeadline.deadline)} · ${normLabel(h.nextDeadline.normId)} · ${workStatus(h.nextDeadline)}` : '–')}
          </tr>`)}
      </tbody>
    </table>
  </div>`;
}

