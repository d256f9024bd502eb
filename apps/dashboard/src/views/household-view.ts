/**
 * #/huishoudens/<householdId>: a household's timeline for its consultant: every event with its business date
 * (occurredOn), grouped per trajectory where the event names one, and its open deadlines. The page shows event types,
 * dates and roles only: no names, BSNs or free text, which the deadlines do not need (data minimisation).
 *
 * The API has no "norm items of one household" for consultants; the deadlines are the consultant's own worklist over
 * the longest horizon it allows (365 days, overdue always included), narrowed to this household.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import { apiAllPages, apiGet } from '../api-client';
import type { Household, HouseholdEvent, HouseholdEventsPage, MyWorkItem, MyWorklistPage, RestrictedTrajectory, Trajectory } from '../api-types';
import { dateCell, instantCell } from '../format';
import { showPage } from '../shell';
import { bySoonest, LEGAL_BASIS_LABEL, normLabel, shortId, workStatus } from './my-work-view';
import { cell, emptyRow, headerRow } from './tables';
import { load, type ViewContext } from './view-context';

const EVENT_LABEL: Record<string, string> = {
  HouseholdRegistered: 'Huishouden geregistreerd', MemberAdded: 'Gezinslid toegevoegd', MemberLeft: 'Gezinslid vertrokken',
  CoordinatorAssigned: 'Casusregisseur toegewezen', PlanAgreed: 'Plan afgesproken', PlanRevised: 'Plan herzien',
  TrajectoryOpened: 'Melding: traject geopend', IntakeHeld: 'Intake gehouden', TriageCompleted: 'Triage afgerond',
  ExploratoryConversationRequested: 'Verkennend gesprek aangevraagd', ExploratoryConversationHeld: 'Verkennend gesprek gehouden',
  ReferralMade: 'Verwijzing gedaan', ReferralAccepted: 'Verwijzing geaccepteerd', ReferralDeclined: 'Verwijzing afgewezen',
  ReferralWithdrawn: 'Verwijzing ingetrokken', CareStarted: 'Zorg gestart', CareEnded: 'Zorg beëindigd',
  SupportScaledUp: 'Opgeschaald', SupportScaledDown: 'Afgeschaald', WaakvlamStarted: 'Waakvlam gestart',
  WaakvlamContactRecorded: 'Waakvlamcontact', WaakvlamEnded: 'Waakvlam beëindigd', PipEstablished: 'PIP vastgesteld',
  PipAmended: 'PIP gewijzigd', LearningRouteStarted: 'Leerroute gestart', TrajectoryClosed: 'Traject afgesloten',
  TrajectoryReopened: 'Traject heropend', ClockSuspended: 'Termijn opgeschort', TrajectoryRestricted: 'Traject afgeschermd',
  TrajectoryAccessGranted: 'Toegang tot traject verleend', EventCorrected: 'Gebeurtenis gecorrigeerd',
  EventWithdrawn: 'Gebeurtenis ingetrokken', PersonalDataErased: 'Persoonsgegevens gewist',
};

const ROLE_LABEL: Record<string, string> = {
  consultant: 'consulent', supervisor: 'toezichthouder', provider: 'aanbieder', admin: 'beheerder', system: 'systeem',
};

/** Every event, page by page (fromVersion / nextFromVersion), up to a cap that no real household reaches. */
async function allEvents(householdId: string): Promise<{ events: HouseholdEvent[]; truncated: boolean }> {
  const events: HouseholdEvent[] = [];
  let fromVersion: number | null = 1;
  for (let pages = 0; fromVersion !== null && pages < 20; pages += 1) {
    const page: HouseholdEventsPage = await apiGet<HouseholdEventsPage>(
      `/households/${encodeURIComponent(householdId)}/events`, { fromVersion, limit: 500 });
    events.push(...page.events);
    fromVersion = page.nextFromVersion;
  }
  return { events, truncated: fromVersion !== null };
}

export async function showHousehold(ctx: ViewContext, householdId: string): Promise<void> {
  const title = `Huishouden ${shortId(householdId)}`;
  showPage(title, html``);
  const data = await load(ctx, 'Huishouden laden…', () => Promise.all([
    apiGet<Household>(`/households/${encodeURIComponent(householdId)}`),
    allEvents(householdId),
    apiAllPages<MyWorklistPage, MyWorkItem>('/me/worklist', { dueWithinDays: 365, limit: 500 }, (page) => page.items, 10),
  ]));
  if (!data) return;
  const [household, { events, truncated }, worklist] = data;
  const items = bySoonest(worklist.items.filter((item) => item.householdId === householdId));
  const trajectoryOf = (event: HouseholdEvent) =>
    typeof event.data.trajectoryId === 'string' ? event.data.trajectoryId : null;
  const householdEvents = events.filter((event) => trajectoryOf(event) === null);
  const activeMembers = household.members.filter((m) => m.status === 'active').length;

  showPage(title, html`
    <dl class="utrecht-data-list casusregie-facts" data-testid="household-facts" data-household-id=${household.id}>
      <div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">Team</dt><dd class="utrecht-data-list__item-value">${household.team}</dd></div>
      <div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">Geregistreerd op</dt><dd class="utrecht-data-list__item-value">${dateCell(household.registeredOn)}</dd></div>
      <div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">Casusregisseur</dt><dd class="utrecht-data-list__item-value">${household.coordinator ? html`${household.coordinator.coordinatorId} (sinds ${dateCell(household.coordinator.since)})` : 'Niet toegewezen'}</dd></div>
      <div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">Gezinsleden</dt><dd class="utrecht-data-list__item-value">${activeMembers} actief van ${household.members.length}</dd></div>
    </dl>
    <section aria-labelledby="h-deadlines" class="casusregie-section">
      <h2 class="utrecht-heading-2" id="h-deadlines">Deadlines</h2>
      ${itemsTable(items, worklist.first.asOf)}
    </section>
    <section aria-labelledby="h-timeline" class="casusregie-section">
      <h2 class="utrecht-heading-2" id="h-timeline">Tijdlijn</h2>
      ${truncated ? html`<p class="utrecht-paragraph"><strong>Let op:</strong> alleen de eerste 10.000 gebeurtenissen worden getoond.</p>` : nothing}
      ${household.trajectories.map((t) => trajectorySection(t, events.filter((e) => trajectoryOf(e) === t.trajectoryId)))}
      ${eventsTable('household-events', 'Gebeurtenissen van het huishouden (niet bij een traject)', householdEvents)}
    </section>`);
}

function isRestricted(t: Trajectory | RestrictedTrajectory): t is RestrictedTrajectory {
  return !('legalBasis' in t) && t.restricted === true;
}

function trajectorySection(t: Trajectory | RestrictedTrajectory, events: HouseholdEvent[]): TemplateResult {
  const id = `traject-${t.trajectoryId}`;
  if (isRestricted(t)) {
    return html`<section aria-labelledby=${id} class="casusregie-trajectory" data-trajectory-id=${t.trajectoryId}>
      <h3 class="utrecht-heading-3" id=${id}>Afgeschermd traject</h3>
      <p class="utrecht-paragraph">De gegevens van dit traject zijn alleen zichtbaar voor de betrokkenen.</p>
    </section>`;
  }
  const heading = `Traject ${LEGAL_BASIS_LABEL[t.legalBasis ?? ''] ?? t.legalBasis ?? ''}`.trim();
  return html`<section aria-labelledby=${id} class="casusregie-trajectory" data-trajectory-id=${t.trajectoryId}>
    <h3 class="utrecht-heading-3" id=${id}>${heading}</h3>
    <p class="utrecht-paragraph">Melding ${dateCell(t.openedOn)} · ${t.status === 'closed' ? html`afgesloten ${dateCell(t.closedOn)}` : 'open'}
      ${t.level ? ` · niveau ${t.level}` : ''}${t.waakvlam?.active ? ' · waakvlam' : ''}</p>
    ${eventsTable(`events-${t.trajectoryId}`, `Gebeurtenissen van dit traject (${heading})`, events)}
  </section>`;
}

function eventsTable(testId: string, caption: string, events: HouseholdEvent[]): TemplateResult {
  const headers = ['Datum', 'Gebeurtenis', 'Vastgelegd', 'Door'];
  const ordered = [...events].sort((a, b) => a.occurredOn.localeCompare(b.occurredOn) || a.streamVersion - b.streamVersion);
  return html`<div class="utrecht-table-container">
    <table class="utrecht-table utrecht-table--html-table" data-testid=${testId}>
      <caption class="utrecht-table__caption">${caption}</caption>
      ${headerRow(headers)}
      <tbody class="utrecht-table__body">
        ${ordered.length === 0 ? emptyRow(headers.length, 'Geen gebeurtenissen.') : ordered.map((event) => html`
          <tr class="utrecht-table__row" data-event-type=${event.type} data-stream-version=${event.streamVersion}>
            <th scope="row" class="utrecht-table__cell" data-field="occurredOn" data-value=${event.occurredOn}>${dateCell(event.occurredOn)}</th>
            ${cell('type', event.type, EVENT_LABEL[event.type] ?? event.type)}
            ${cell('recordedAt', event.recordedAt, instantCell(event.recordedAt))}
            ${cell('actorRole', event.actor.role, ROLE_LABEL[event.actor.role] ?? event.actor.role)}
          </tr>`)}
      </tbody>
    </table>
  </div>`;
}

function itemsTable(items: MyWorkItem[], asOf: string): TemplateResult {
  const headers = ['Deadline', 'Status', 'Norm', 'Start'];
  return html`<p class="utrecht-paragraph">Lopende en te late deadlines tot een jaar vooruit, peildatum ${dateCell(asOf)}.</p>
    <div class="utrecht-table-container">
      <table class="utrecht-table utrecht-table--html-table" data-testid="household-items-table" data-as-of=${asOf}>
        <caption class="utrecht-table__caption">Deadlines van dit huishouden, eerstvolgende eerst</caption>
        ${headerRow(headers)}
        <tbody class="utrecht-table__body">
          ${items.length === 0 ? emptyRow(headers.length, 'Geen lopende deadlines.') : items.map((item) => html`
            <tr class="utrecht-table__row" data-norm-id=${item.normId} data-trajectory-id=${item.trajectoryId} data-item-key=${item.itemKey}>
              <th scope="row" class="utrecht-table__cell" data-field="deadline" data-value=${item.deadline}>${dateCell(item.deadline)}</th>
              ${cell('status', item.status, workStatus(item))}
              ${cell('normId', item.normId, normLabel(item.normId))}
              ${cell('startDate', item.startDate, dateCell(item.startDate))}
            </tr>`)}
        </tbody>
      </table>
    </div>`;
}
