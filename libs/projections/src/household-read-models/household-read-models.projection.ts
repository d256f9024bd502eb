import { RecordedEvent } from '@casusregie/event-store';
import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import {
  AGE_BANDS,
  evolve,
  FIGURE_ITEM_SETS,
  HouseholdEvent,
  HouseholdState,
  initialHouseholdState,
  MUNICIPALITY_NORM_SETTINGS,
  MunicipalityNorms,
  NormSettingsChange,
  SHIPPED_NORMS,
  WIJK_INDELINGEN,
} from '@casusregie/domain';
import { householdEventOf, householdIdOf, isNormSettingsChange, Keyring, normSettingsChangeOf, PersonalDataVault } from '@casusregie/households';
import { SqlExecutor } from '@casusregie/sql';
import { Columns, deleteRows, insertRows, upsertRows } from '../insert-rows';
import { ownsHousehold } from '../partitions';
import { PartitionScope, Projection } from '../projection';
import { figureSubjectsOf, OpenPersonalValue, openWithKeyring } from './figure-rows';
import {
  diffItemRows,
  HouseholdItemRows,
  ItemRowChanges,
  itemRowId,
  NormItemRow,
  normItemRows,
  NormsOfMunicipality,
  referralRows,
  trajectoryRows,
} from './household-rows';
import { appliedNormSettingsChanges, recordAppliedChange, settingsSlot } from './norm-settings-changes';
import { HOUSEHOLD_READ_MODEL_MAINTENANCE, householdReadModelMigrations } from './read-model-schema';

/** A household touched by a batch: its folded state and item rows, moved along event by event. */
interface Touched {
  state: HouseholdState;
  items: HouseholdItemRows;
  version: number;
  /** Opens the household's birth dates and postcode with the keys fetched for this batch. */
  open: OpenPersonalValue;
  /** Its rows as stored before this batch (none for a household not stored yet: most of them in a rebuild). */
  stored: HouseholdRowSet;
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
 * corrections and withdrawals are applied exactly as in the API) and stored; of the rows derived from it, a batch
 * writes those that changed and deletes those that are gone. A norm item that changes gets a history row stamped
 * with the instant its event was recorded, which is what lets a report be reproduced "as known at" any instant.
 *
 * `foldedHouseholds` is its cache of folded households: the product has one per process
 * ({@link householdReadModelsProjection}); a test makes a second to act as another process on the same tables.
 * `personalData` opens the two personal values figure rows derive an age band and a wijk from (figure-rows.ts).
 */
export function householdReadModels(foldedHouseholds: FoldedHouseholds, personalData: PersonalDataKeys): Projection {
  return {
    name: HOUSEHOLD_READ_MODELS,
    migrations: householdReadModelMigrations,
    tables: [
      'rm_households',
      'rm_trajectories',
      'rm_referrals',
      'rm_norm_items',
      'rm_norm_item_history',
      'rm_norm_item_tallies',
      'rm_norm_settings',
      'rm_norm_settings_applied',
    ],
    // Norm items are judged with the shipped norms (code; a change needs a rebuild) and the municipalities' recorded
    // changes of their settings (events in the log, applied where they stand in it).
    settings: normSettingsFingerprint(),
    afterRebuild: HOUSEHOLD_READ_MODEL_MAINTENANCE,

    async apply(tx, events, scope) {
      const slot = settingsSlot(scope);
      const settings = new NormSettingsLog(await appliedNormSettingsChanges(tx, slot));
      // The events between two changes of norm settings are applied together, under the settings then in force.
      let segment: RecordedEvent[] = [];
      for (const event of events) {
        if (isNormSettingsChange(event)) {
          await applyHouseholdEvents(tx, foldedHouseholds, personalData, segment, settings.current());
          segment = [];
          await applyNormSettingsChange(tx, foldedHouseholds, event, settings, { slot, scope });
        } else if (householdIdOf(event.streamId) !== undefined) {
          segment.push(event);
        }
      }
      await applyHouseholdEvents(tx, foldedHouseholds, personalData, segment, settings.current());
    },
  };
}

async function applyHouseholdEvents(
  tx: SqlExecutor,
  foldedHouseholds: FoldedHouseholds,
  personalData: PersonalDataKeys,
  householdEvents: readonly RecordedEvent[],
  normsOf: NormsOfMunicipality,
) {
  if (householdEvents.length === 0) return;
  const ids = [...new Set(householdEvents.map((e) => householdIdOf(e.streamId) as string))];
  const facts = householdEvents.map(householdEventOf);
  const touched = await loadHouseholds(tx, foldedHouseholds, ids, facts, personalData, normsOf);
  const history: HistoryRow[] = [];

  for (const [i, event] of householdEvents.entries()) {
    const householdId = householdIdOf(event.streamId) as string;
    const household = touched.get(householdId) as Touched;
    const before = household.state;
    const householdEvent = facts[i];
    household.state = evolve(before, householdEvent);
    household.version = event.streamVersion;
    history.push(...historyRows(householdId, household.items.apply(before, household.state, householdEvent, normsOf, household.open), event));
  }
  const written = await writeHouseholds(tx, touched);
  await insertRows(tx, 'rm_norm_item_history', history, HISTORY_COLUMNS);
  for (const [householdId, rowVersion] of written) {
    const { state, items, version } = touched.get(householdId) as Touched;
    foldedHouseholds.keep(householdId, { state, items, version, rowVersion });
  }
}

/** Households are recomputed for a change of norm settings this many at a time: their states are held in memory. */
const RECOMPUTE_CHUNK = 500;

/**
 * A change of one norm's settings in one municipality: recorded in rm_norm_settings, and the items of that norm (and
 * only those) recomputed for each of the municipality's households in this partition, every changed item getting a
 * history row stamped with the change, so that a report "known at" an earlier instant still gives the earlier answer.
 * The work is the projector's: the API answers from the tables as they were until this transaction commits.
 */
async function applyNormSettingsChange(
  tx: SqlExecutor,
  foldedHouseholds: FoldedHouseholds,
  event: RecordedEvent,
  settings: NormSettingsLog,
  { slot, scope }: { slot: string; scope: PartitionScope | undefined },
) {
  const change = normSettingsChangeOf(event);
  const previous = settings.current()(change.municipality);
  settings.add(change);
  const next = settings.current()(change.municipality);
  await recordAppliedChange(tx, slot, change);
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await tx.query<{ household_id: string; state: HouseholdState }>(
      `SELECT household_id::text, state FROM rm_households WHERE municipality = $1 AND household_id > $2::uuid ORDER BY household_id LIMIT ${RECOMPUTE_CHUNK}`,
      [change.municipality, after],
    );
    if (rows.length === 0) break;
    after = rows[rows.length - 1].household_id;
    const items = { changed: [] as object[], removed: [] as object[] };
    const history: HistoryRow[] = [];
    for (const { household_id: householdId, state } of rows) {
      if (!ownsHousehold(scope, householdId)) continue;
      foldedHouseholds.take(householdId);
      const only = [change.normId];
      const changes = diffItemRows(normItemRows(state, { normsOf: () => previous, normIds: only }), normItemRows(state, { normsOf: () => next, normIds: only }));
      items.changed.push(...changes.changed.map((item) => normItemRecord(householdId, item)));
      items.removed.push(...changes.removed.map((item) => normItemRecord(householdId, item)));
      history.push(...historyRows(householdId, changes, event));
    }
    await deleteRows(tx, 'rm_norm_items', items.removed, NORM_ITEM_KEY);
    await upsertRows(tx, 'rm_norm_items', items.changed, NORM_ITEM_COLUMNS, Object.keys(NORM_ITEM_KEY));
    await insertRows(tx, 'rm_norm_item_history', history, HISTORY_COLUMNS);
  }
}

/**
 * The changes of norm settings this slot of the projection has applied (rm_norm_settings_applied), and those of the
 * batch as it goes: the norms of each municipality as they stand at the point of the log the slot has reached.
 */
class NormSettingsLog {
  private cache = new Map<string, MunicipalityNorms>();

  constructor(private readonly changes: NormSettingsChange[]) {}

  add(change: NormSettingsChange): void {
    this.changes.push(change);
    this.cache = new Map();
  }

  current(): NormsOfMunicipality {
    return (municipality) => {
      let norms = this.cache.get(municipality);
      if (norms === undefined) {
        norms = new MunicipalityNorms(municipality, this.changes.filter((change) => change.municipality === municipality));
        this.cache.set(municipality, norms);
      }
      return norms;
    };
  }
}

/**
 * The households this process folded last, so that the next batch touching one (a live catch-up: a household's
 * events arrive a few at a time) need not load its whole state and judge all its norm items again. An entry is only
 * used while the household's rm_households row is the very row this process wrote: same stream version and same
 * `xmin` (the transaction that wrote the row version, unique on the server). Another runner that applied events
 * meanwhile, a transaction rolled back after the entry was kept, a rebuild's shadow table: each shows another row,
 * and the state is loaded from the table as before. Entries are taken out while a batch uses them (the item rows are
 * mutable) and put back once written. Bounded: the least recently kept go first.
 */
export class FoldedHouseholds {
  private readonly entries = new Map<string, FoldedHousehold>();
  /** Households taken from the cache, and entries found stale (the stored row was another): for tests. */
  readonly counts = { used: 0, stale: 0 };

  constructor(private readonly limit: number) {}

  /** `${household}/${version}/${xmin}` of every entry among `householdIds`: what the stored row must be for a hit. */
  rowKeys(householdIds: readonly string[]): string[] {
    return householdIds.flatMap((id) => {
      const entry = this.entries.get(id);
      return entry === undefined ? [] : [`${id}/${entry.version}/${entry.rowVersion}`];
    });
  }

  take(householdId: string): FoldedHousehold | undefined {
    const entry = this.entries.get(householdId);
    this.entries.delete(householdId);
    return entry;
  }

  keep(householdId: string, entry: FoldedHousehold): void {
    this.entries.delete(householdId);
    this.entries.set(householdId, entry);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limit) break;
      this.entries.delete(oldest);
    }
  }
}

interface FoldedHousehold {
  state: HouseholdState;
  items: HouseholdItemRows;
  version: number;
  /** xmin of the rm_households row written with it. */
  rowVersion: string;
}

export const HOUSEHOLD_READ_MODELS = 'household-read-models';

/** What the projection needs of the vault: the keys of the subjects a batch opens values of. */
export type PersonalDataKeys = Pick<PersonalDataVault, 'keyringToRead'>;

/** Households of a few KB each: the cache holds the households a live catch-up keeps touching. One per process. */
const PROCESS_FOLDED_HOUSEHOLDS = new FoldedHouseholds(2_000);

/** The household read models of this process (its one cache of folded households), opening values with this vault. */
export function householdReadModelsProjection(personalData: PersonalDataKeys): Projection {
  return householdReadModels(PROCESS_FOLDED_HOUSEHOLDS, personalData);
}

async function loadHouseholds(
  tx: SqlExecutor,
  foldedHouseholds: FoldedHouseholds,
  householdIds: string[],
  events: readonly HouseholdEvent[],
  personalData: PersonalDataKeys,
  normsOf: NormsOfMunicipality,
): Promise<Map<string, Touched>> {
  // One round trip: the state travels only for a household whose row is not the one this process last wrote.
  const { rows } = await tx.query<{ household_id: string; version: number; hit: boolean; state: HouseholdState | null }>(
    `SELECT household_id::text, version, hit, CASE WHEN hit THEN NULL ELSE state END AS state
       FROM (SELECT household_id, version, state, (household_id::text || '/' || version || '/' || xmin::text) = ANY($2::text[]) AS hit
               FROM rm_households WHERE household_id = ANY($1::uuid[])) AS stored`,
    [householdIds, foldedHouseholds.rowKeys(householdIds)],
  );
  const stored = new Map(rows.map((row) => [row.household_id, row]));
  const cachedEntries = new Map(householdIds.map((id) => [id, foldedHouseholds.take(id)]));
  const states = householdIds.flatMap((id) => {
    const row = stored.get(id);
    const state = row?.hit ? cachedEntries.get(id)?.state : row?.state;
    return state === undefined || state === null ? [] : [state];
  });
  // One query for the keys of the batch: in the batch's transaction, as the directory reads them (PGlite has one connection).
  const subjects = figureSubjectsOf(states, events);
  const open = openWithKeyring(subjects.size === 0 ? new Keyring() : await personalData.keyringToRead(subjects, tx));
  return new Map(
    householdIds.map((id): [string, Touched] => {
      const cached = cachedEntries.get(id);
      const row = stored.get(id);
      if (cached !== undefined) foldedHouseholds.counts[row?.hit ? 'used' : 'stale']++;
      if (row === undefined) {
        const state = initialHouseholdState();
        return [id, { state, version: 0, items: new HouseholdItemRows(state, normsOf(state.municipality), open), open, stored: rowSetOf(id, state, []) }];
      }
      // Rows folded under other norm settings than those now in force are not the stored ones: fold them anew.
      if (row.hit && cached !== undefined && cached.items.normsFingerprint === normsOf(cached.state.municipality).fingerprint) {
        return [id, { state: cached.state, version: cached.version, items: cached.items, open, stored: rowSetOf(id, cached.state, cached.items.rows()) }];
      }
      const state = (row.hit && cached !== undefined ? cached.state : row.state) as HouseholdState;
      const items = new HouseholdItemRows(state, normsOf(state.municipality), open);
      return [id, { state, version: row.hit && cached !== undefined ? cached.version : row.version, items, open, stored: rowSetOf(id, state, items.rows()) }];
    }),
  );
}

/** The item history of one event's changes, stamped with the event's position and recording time. */
function historyRows(householdId: string, { changed, removed }: ItemRowChanges, at: RecordedEvent): HistoryRow[] {
  const stamp = { household_id: householdId, position: at.globalPosition.toString(), valid_from: at.recordedAt.toISOString() };
  return [
    ...changed.map((item) => ({ ...stamp, norm_id: item.normId, item_key: item.itemKey, municipality: item.municipality, deleted: false, item })),
    ...removed.map((item) => ({ ...stamp, norm_id: item.normId, item_key: item.itemKey, municipality: item.municipality, deleted: true, item: null })),
  ];
}

/** A household's rows in each table but rm_households, by their key within the table. */
interface HouseholdRowSet {
  trajectories: Map<string, object>;
  referrals: Map<string, object>;
  items: Map<string, object>;
}

/** The rows a household's state gives (none before it is registered, or once its registration is withdrawn). */
function rowSetOf(householdId: string, state: HouseholdState, itemRows: readonly NormItemRow[]): HouseholdRowSet {
  if (!state.registered) return { trajectories: new Map(), referrals: new Map(), items: new Map() };
  return {
    trajectories: new Map(trajectoryRows(state).map((row) => [row.trajectory_id, { household_id: householdId, ...row }])),
    referrals: new Map(referralRows(state).map((row) => [row.referral_id, { household_id: householdId, ...row }])),
    items: new Map(itemRows.map((item) => [itemRowId(item), normItemRecord(householdId, item)])),
  };
}

/**
 * Writes what the batch changed: the rm_households row of every touched household (its version moved), and of its
 * other rows those that are new or differ (upserted) and those that are gone (deleted). Returns the `xmin` of each
 * rm_households row written, by household.
 */
async function writeHouseholds(tx: SqlExecutor, touched: Map<string, Touched>): Promise<Map<string, string>> {
  const households = [];
  const unregistered = [];
  const changes = { trajectories: new RowChanges(), referrals: new RowChanges(), items: new RowChanges() };
  for (const [householdId, { state, version, items, stored }] of touched) {
    if (state.registered) {
      households.push({
        household_id: householdId,
        municipality: state.municipality,
        team: state.team,
        coordinator_id: state.coordinator?.coordinatorId ?? null,
        version,
        state,
      });
    } else if (version > 0) {
      unregistered.push({ household_id: householdId });
    }
    const now = rowSetOf(householdId, state, items.rows());
    changes.trajectories.compare(stored.trajectories, now.trajectories);
    changes.referrals.compare(stored.referrals, now.referrals);
    changes.items.compare(stored.items, now.items);
  }
  // A household whose registration was withdrawn has no rows any more (it had them only if it had been stored).
  await deleteRows(tx, 'rm_households', unregistered, { household_id: 'uuid' });
  await deleteRows(tx, 'rm_trajectories', changes.trajectories.removed, TRAJECTORY_KEY);
  await deleteRows(tx, 'rm_referrals', changes.referrals.removed, REFERRAL_KEY);
  await deleteRows(tx, 'rm_norm_items', changes.items.removed, NORM_ITEM_KEY);
  const { rows } = await upsertRows<{ household_id: string; xmin: string }>(
    tx,
    'rm_households',
    households,
    HOUSEHOLD_COLUMNS,
    ['household_id'],
    'RETURNING household_id::text, xmin::text',
  );
  await upsertRows(tx, 'rm_trajectories', changes.trajectories.changed, TRAJECTORY_COLUMNS, Object.keys(TRAJECTORY_KEY));
  await upsertRows(tx, 'rm_referrals', changes.referrals.changed, REFERRAL_COLUMNS, Object.keys(REFERRAL_KEY));
  await upsertRows(tx, 'rm_norm_items', changes.items.changed, NORM_ITEM_COLUMNS, Object.keys(NORM_ITEM_KEY));
  return new Map(rows.map((row) => [row.household_id, row.xmin]));
}

/** The rows of one table to write and to delete, gathered over the households of a batch. */
class RowChanges {
  readonly changed: object[] = [];
  readonly removed: object[] = [];

  /** Rows are compared by their JSON: the row builders always list the columns in the same order. */
  compare(before: ReadonlyMap<string, object>, after: ReadonlyMap<string, object>): void {
    for (const [key, row] of after) {
      const previous = before.get(key);
      if (previous === undefined || JSON.stringify(previous) !== JSON.stringify(row)) this.changed.push(row);
    }
    for (const [key, row] of before) if (!after.has(key)) this.removed.push(row);
  }
}

function normItemRecord(householdId: string, item: NormItemRow) {
  return {
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
    suspended_days: item.suspendedDays,
    legal_basis: item.legalBasis,
    level: item.level,
    category: item.category,
    age_band: item.ageBand,
    wijk: item.wijk,
  };
}

const TRAJECTORY_KEY: Columns = { household_id: 'uuid', trajectory_id: 'uuid' };
const REFERRAL_KEY: Columns = { household_id: 'uuid', referral_id: 'uuid' };
const NORM_ITEM_KEY: Columns = { norm_id: 'text', household_id: 'uuid', item_key: 'text' };

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
  let_in: 'text[]',
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
  suspended_days: 'integer',
  legal_basis: 'text',
  level: 'text',
  category: 'text',
  age_band: 'text',
  wijk: 'text',
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

/**
 * A hash of the shipped norms and every municipality's settings, and of the figures' item sets, age bands and wijk
 * tables: what the item rows depend on besides the log.
 */
function normSettingsFingerprint(): string {
  const figures = { itemSets: FIGURE_ITEM_SETS, ageBands: AGE_BANDS, wijken: WIJK_INDELINGEN };
  const settings = stringify({ norms: SHIPPED_NORMS, municipalities: MUNICIPALITY_NORM_SETTINGS, figures }) as string;
  return `norms-sha256:${createHash('sha256').update(settings).digest('hex').slice(0, 16)}`;
}
