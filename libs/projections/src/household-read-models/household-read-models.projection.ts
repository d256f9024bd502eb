import { RecordedEvent } from '@casusregie/event-store';
import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import { evolve, HouseholdState, initialHouseholdState, MUNICIPALITY_NORM_SETTINGS, SHIPPED_NORMS } from '@casusregie/domain';
import { householdEventOf, householdIdOf } from '@casusregie/households';
import { SqlExecutor } from '@casusregie/sql';
import { Columns, insertRows } from '../insert-rows';
import { Projection } from '../projection';
import { HouseholdItemRows, ItemRowChanges, NormItemRow, referralRows, trajectoryRows } from './household-rows';
import { HOUSEHOLD_READ_MODEL_MAINTENANCE, householdReadModelMigrations } from './read-model-schema';

interface Touched {
  state: HouseholdState;
  items: HouseholdItemRows;
  version: number;
  /** Whether the household had rows before this batch (in a rebuild most have not, and need nothing deleted). */
  stored: boolean;
}

interface HistoryRow {
  norm_id: string;
  household_id: string;
  item_key: string;
  municipality: string;
  position: string;
  valid_from: string;
  deleted: boolean;
  item: NormItemRow | null;
}

/**
 * Keeps the supervisors' read models. Each household's state is folded with the domain's own `evolve` (so
 * corrections and withdrawals are applied exactly as in the API), stored, and every row derived from it is replaced
 * for the households a batch touched. A norm item that changes gets a history row stamped with the instant its
 * event was recorded, which is what lets a report be reproduced "as known at" any instant.
 */
export const householdReadModelsProjection: Projection = {
  name: 'household-read-models',
  migrations: householdReadModelMigrations,
  tables: ['rm_households', 'rm_trajectories', 'rm_referrals', 'rm_norm_items', 'rm_norm_item_history', 'rm_norm_item_tallies'],
  // Norm items are judged with the configured norms: other norms, other items (README: a changed norm needs a rebuild).
  settings: normSettingsFingerprint(),
  afterRebuild: HOUSEHOLD_READ_MODEL_MAINTENANCE,

  async apply(tx, events) {
    const householdEvents = events.filter((event) => householdIdOf(event.streamId) !== undefined);
    if (householdEvents.length === 0) return;
    const touched = await loadStates(tx, [...new Set(householdEvents.map((e) => householdIdOf(e.streamId) as string))]);
    const history: HistoryRow[] = [];

    for (const event of householdEvents) {
      const householdId = householdIdOf(event.streamId) as string;
      const household = touched.get(householdId) as Touched;
      const before = household.state;
      const householdEvent = householdEventOf(event);
      household.state = evolve(before, householdEvent);
      household.version = event.streamVersion;
      history.push(...historyRows(householdId, household.items.apply(before, household.state, householdEvent), event));
    }
    await writeHouseholds(tx, touched);
    await insertRows(tx, 'rm_norm_item_history', history, HISTORY_COLUMNS);
  },

};

async function loadStates(tx: SqlExecutor, householdIds: string[]): Promise<Map<string, Touched>> {
  const { rows } = await tx.query<{ household_id: string; state: HouseholdState; version: number }>(
    'SELECT household_id::text, state, version FROM rm_households WHERE household_id = ANY($1::uuid[])',
    [householdIds],
  );
  const loaded = new Map(rows.map((row) => [row.household_id, row]));
  return new Map(
    householdIds.map((id) => {
      const row = loaded.get(id);
      const state = row?.state ?? initialHouseholdState();
      return [id, { state, version: row?.version ?? 0, items: new HouseholdItemRows(state), stored: row !== undefined }];
    }),
  );
}

function historyRows(householdId: string, { changed, removed }: ItemRowChanges, event: RecordedEvent): HistoryRow[] {
  const stamp = { household_id: householdId, position: event.globalPosition.toString(), valid_from: event.recordedAt.toISOString() };
  return [
    ...changed.map((item) => ({ ...stamp, norm_id: item.normId, item_key: item.itemKey, municipality: item.municipality, deleted: false, item })),
    ...removed.map((item) => ({ ...stamp, norm_id: item.normId, item_key: item.itemKey, municipality: item.municipality, deleted: true, item: null })),
  ];
}

async function writeHouseholds(tx: SqlExecutor, touched: Map<string, Touched>): Promise<void> {
  // Every row of a household is written with its rm_households row, so one without it has nothing to delete.
  const ids = [...touched].filter(([, household]) => household.stored).map(([id]) => id);
  if (ids.length > 0) {
    await tx.query('DELETE FROM rm_households WHERE household_id = ANY($1::uuid[])', [ids]);
    await tx.query('DELETE FROM rm_trajectories WHERE household_id = ANY($1::uuid[])', [ids]);
    await tx.query('DELETE FROM rm_referrals WHERE household_id = ANY($1::uuid[])', [ids]);
    await tx.query('DELETE FROM rm_norm_items WHERE household_id = ANY($1::uuid[])', [ids]);
  }

  const households = [];
  const trajectories = [];
  const referrals = [];
  const items = [];
  for (const [householdId, { state, version, items: itemRows }] of touched) {
    if (!state.registered) continue;
    households.push({
      household_id: householdId,
      municipality: state.municipality,
      team: state.team,
      coordinator_id: state.coordinator?.coordinatorId ?? null,
      version,
      state,
    });
    trajectories.push(...trajectoryRows(state).map((row) => ({ household_id: householdId, ...row })));
    referrals.push(...referralRows(state).map((row) => ({ household_id: householdId, ...row })));
    for (const item of itemRows.rows()) {
      items.push({
        norm_id: item.normId,
        household_id: householdId,
        item_key: item.itemKey,
        municipality: item.municipality,
        team: item.team,
        coordinator_id: item.coordinatorId,
        provider: item.provider,
        trajectory_id: item.trajectoryId,
        referral_id: item.referralId,
        member_id: item.memberId,
        start_date: item.startDate,
        deadline: item.deadline,
        stop_date: item.stopDate,
        excluded_on: item.excludedOn,
      });
    }
  }
  await insertRows(tx, 'rm_households', households, HOUSEHOLD_COLUMNS);
  await insertRows(tx, 'rm_trajectories', trajectories, TRAJECTORY_COLUMNS);
  await insertRows(tx, 'rm_referrals', referrals, REFERRAL_COLUMNS);
  await insertRows(tx, 'rm_norm_items', items, NORM_ITEM_COLUMNS);
}

const HOUSEHOLD_COLUMNS: Columns = {
  household_id: 'uuid',
  municipality: 'text',
  team: 'text',
  coordinator_id: 'text',
  version: 'integer',
  state: 'jsonb',
};
const TRAJECTORY_COLUMNS: Columns = {
  household_id: 'uuid',
  trajectory_id: 'uuid',
  municipality: 'text',
  team: 'text',
  coordinator_id: 'text',
  member_id: 'uuid',
  legal_basis: 'text',
  source: 'text',
  status: 'text',
  level: 'text',
  opened_on: 'date',
  intake_on: 'date',
  triage_on: 'date',
  exploratory_requested_on: 'date',
  exploratory_held_on: 'date',
  first_referral_on: 'date',
  first_acceptance_on: 'date',
  first_care_start_on: 'date',
  pip_on: 'date',
  learning_route_on: 'date',
  closed_on: 'date',
  closure_reason: 'text',
  waakvlam_active: 'boolean',
};
const REFERRAL_COLUMNS: Columns = {
  household_id: 'uuid',
  trajectory_id: 'uuid',
  referral_id: 'uuid',
  municipality: 'text',
  team: 'text',
  provider_agb: 'text',
  provider_name: 'text',
  category: 'text',
  product_code: 'text',
  referrer_role: 'text',
  status: 'text',
  made_on: 'date',
  accepted_on: 'date',
  declined_on: 'date',
  withdrawn_on: 'date',
  care_started_on: 'date',
  care_ended_on: 'date',
  care_end_reason: 'text',
};
const NORM_ITEM_COLUMNS: Columns = {
  norm_id: 'text',
  household_id: 'uuid',
  item_key: 'text',
  municipality: 'text',
  team: 'text',
  coordinator_id: 'text',
  provider: 'text',
  trajectory_id: 'uuid',
  referral_id: 'uuid',
  member_id: 'uuid',
  start_date: 'date',
  deadline: 'date',
  stop_date: 'date',
  excluded_on: 'date',
};
const HISTORY_COLUMNS: Columns = {
  norm_id: 'text',
  household_id: 'uuid',
  item_key: 'text',
  municipality: 'text',
  position: 'bigint',
  valid_from: 'timestamptz',
  deleted: 'boolean',
  item: 'jsonb',
};

/** A hash of the shipped norms and every municipality's settings: what the norm items depend on besides the log. */
function normSettingsFingerprint(): string {
  const settings = stringify({ norms: SHIPPED_NORMS, municipalities: MUNICIPALITY_NORM_SETTINGS }) as string;
  return `norms-sha256:${createHash('sha256').update(settings).digest('hex').slice(0, 16)}`;
}
