import {
  consultantsLetIn,
  FIGURE_ITEM_SETS,
  FIGURE_ITEMS_PREFIX,
  factsByTrajectory,
  HouseholdState,
  isCorrection,
  MunicipalityNorms,
  NormItem,
  RecordedHouseholdEvent,
  Trajectory,
  trajectoryIdOf,
} from '@casusregie/domain';
import { CLEAR_VALUES_ONLY, FigureColumns, figureItemRows, figureItemSetsReading, NO_FIGURE_COLUMNS, OpenPersonalValue } from './figure-rows';

/** The norms of a municipality with the changes of its settings that apply (at the events being projected). */
export type NormsOfMunicipality = (municipality: string) => MunicipalityNorms;

/** The shipped norms only, without any recorded change: for code that projects no settings events (tools, tests). */
export const shippedNormsOf: NormsOfMunicipality = (municipality) => new MunicipalityNorms(municipality);

/** One rm_norm_items row, keyed by (normId, itemKey) within its household; a figure's item fills FigureColumns too. */
export interface NormItemRow extends FigureColumns {
  normId: string;
  itemKey: string;
  municipality: string;
  team: string;
  coordinatorId: string | null;
  provider: string | null;
  trajectoryId: string;
  referralId: string | null;
  memberId: string | null;
  startDate: string;
  deadline: string | null;
  stopDate: string | null;
  excludedOn: string | null;
  /** Days suspensions of the clock moved the deadline (0: none). */
  suspendedDays: number;
}

/**
 * The norm items (and figure items) of a household as its facts stand now: pure, so rebuild and incremental runs
 * agree. `normsOf`: the norms with the municipality's changes; `open` opens the birth dates and postcode figure rows
 * derive their age band and wijk from (figure-rows.ts); `normIds`: only these norms' items (no figure items).
 */
export function normItemRows(
  state: HouseholdState,
  { normsOf = shippedNormsOf, open = CLEAR_VALUES_ONLY, normIds }: { normsOf?: NormsOfMunicipality; open?: OpenPersonalValue; normIds?: readonly string[] } = {},
): NormItemRow[] {
  return itemRowsOf(state, state.effectiveEvents, normsOf(state.municipality), open, normIds, normIds === undefined ? FIGURE_ITEM_SETS : []);
}

/** The fields of a NormItemRow, for comparing two versions of an item field by field. */
const NORM_ITEM_FIELDS: readonly (keyof NormItemRow)[] = [
  'normId',
  'itemKey',
  'municipality',
  'team',
  'coordinatorId',
  'provider',
  'trajectoryId',
  'referralId',
  'memberId',
  'startDate',
  'deadline',
  'stopDate',
  'excludedOn',
  'suspendedDays',
  'legalBasis',
  'level',
  'category',
  'ageBand',
  'wijk',
];

export function sameItemRow(a: NormItemRow, b: NormItemRow): boolean {
  return NORM_ITEM_FIELDS.every((field) => a[field] === b[field]);
}

/** The key of an item row within its household. */
export function itemRowId(row: { normId: string; itemKey: string }): string {
  return `${row.normId}\u0000${row.itemKey}`;
}

/** What one event changed about a household's norm items. */
export interface ItemRowChanges {
  /** New items, and items with a field changed, as they now are. */
  changed: NormItemRow[];
  /** Items that are gone, as they were. */
  removed: NormItemRow[];
}

/**
 * A household's norm item rows, kept per trajectory so that an event recomputes only what it can change: the items
 * of its own trajectory (see `factsByTrajectory`), none for a fact of no trajectory, and all of them only for a
 * correction or withdrawal (which changes the past) or a change of what every row carries (registration,
 * municipality, team, casusregisseur; a member's arrival or erasure: the age band and wijk of figure rows). After
 * every event its rows are `normItemRows` of the state.
 */
export class HouseholdItemRows {
  private byTrajectory = new Map<string, { facts: RecordedHouseholdEvent[]; rows: Map<string, NormItemRow> }>();

  constructor(
    state: HouseholdState,
    /** The norms the rows were computed with: rows folded under other settings are not used (normsFingerprint). */
    private norms: MunicipalityNorms,
    open: OpenPersonalValue = CLEAR_VALUES_ONLY,
  ) {
    this.recomputeAll(state, open);
  }

  /** The fingerprint of the norm settings the rows follow. */
  get normsFingerprint(): string {
    return this.norms.fingerprint;
  }

  /** Follows one event: `before` and `after` are the household's state either side of it. */
  apply(
    before: HouseholdState,
    after: HouseholdState,
    event: RecordedHouseholdEvent,
    normsOf: NormsOfMunicipality,
    open: OpenPersonalValue = CLEAR_VALUES_ONLY,
  ): ItemRowChanges {
    if (isCorrection(event) || !sameHouseholdFields(before, after) || MEMBER_EVENTS.has(event.type)) {
      this.norms = normsOf(after.municipality);
      return this.recomputeAll(after, open);
    }
    const trajectoryId = trajectoryIdOf(event);
    if (trajectoryId === undefined) return { changed: [], removed: [] };
    const trajectory = this.byTrajectory.get(trajectoryId) ?? { facts: [], rows: new Map<string, NormItemRow>() };
    // Not a correction: the facts are the old ones and this event, appended. Only norms that read its type can change.
    const facts = [...trajectory.facts, event];
    const recomputed = this.norms.shippedNorms().filter((norm) => this.norms.reads(norm.id, event.type)).map((norm) => norm.id);
    const sets = figureItemSetsReading(event.type);
    const recomputedIds = new Set([...recomputed, ...sets.map((set) => `${FIGURE_ITEMS_PREFIX}${set.id}`)]);
    const kept = [...trajectory.rows.values()].filter((row) => !recomputedIds.has(row.normId));
    const rows = rowMap([...kept, ...itemRowsOf(after, facts, this.norms, open, recomputed, sets)]);
    this.byTrajectory.set(trajectoryId, { facts, rows });
    return diff(trajectory.rows, rows);
  }

  rows(): NormItemRow[] {
    return [...this.byTrajectory.values()].flatMap(({ rows }) => [...rows.values()]);
  }

  private recomputeAll(state: HouseholdState, open: OpenPersonalValue): ItemRowChanges {
    const before = rowMap(this.rows());
    this.byTrajectory = new Map(
      [...factsByTrajectory(state.effectiveEvents)].map(([trajectoryId, facts]) => [trajectoryId, { facts, rows: rowMap(itemRowsOf(state, facts, this.norms, open)) }]),
    );
    return diff(before, rowMap(this.rows()));
  }
}

/** What of a norm's or a figure's item its row carries. */
type RowSource = Pick<
  NormItem,
  'itemKey' | 'provider' | 'trajectoryId' | 'referralId' | 'memberId' | 'startDate' | 'deadline' | 'stopDate' | 'excludedOn' | 'suspendedDays'
>;

/** Facts about who is in the household: they change the age band or wijk figure rows carry (figure-rows.ts). */
const MEMBER_EVENTS = new Set(['MemberAdded', 'PersonalDataErased']);

/**
 * The rows of the norm items over `facts` (all of a household's, or one trajectory's), stamped with the household's
 * fields: of every norm the municipality uses in some version (or of the norms named), then those of the figures'
 * item sets.
 */
function itemRowsOf(
  state: HouseholdState,
  facts: readonly RecordedHouseholdEvent[],
  norms: MunicipalityNorms,
  open: OpenPersonalValue,
  normIds?: readonly string[],
  sets = FIGURE_ITEM_SETS,
): NormItemRow[] {
  if (!state.registered) return [];
  // One row shape for both kinds: a figure's item has no deadline and no suspension, and fills the figure columns.
  const rowOf = (normId: string, item: RowSource, columns: Partial<NormItemRow>): NormItemRow => ({
    normId,
    itemKey: item.itemKey,
    municipality: state.municipality,
    team: state.team,
    coordinatorId: state.coordinator?.coordinatorId ?? null,
    provider: item.provider ?? null,
    trajectoryId: item.trajectoryId,
    referralId: item.referralId ?? null,
    memberId: item.memberId ?? null,
    startDate: item.startDate,
    deadline: item.deadline ?? null,
    stopDate: item.stopDate ?? null,
    excludedOn: item.excludedOn ?? null,
    suspendedDays: item.suspendedDays ?? 0,
    ...NO_FIGURE_COLUMNS,
    ...columns,
  });
  const rows = norms
    .shippedNorms()
    .filter(({ id }) => normIds === undefined || normIds.includes(id))
    .flatMap(({ id }) => norms.items(id, facts).map((item) => rowOf(id, item, {})));
  const figureRows = figureItemRows(state, facts, open, sets, (normId, item, columns) => rowOf(normId, item, { deadline: null, suspendedDays: 0, ...columns }));
  return [...rows, ...figureRows];
}

/** Whether every item row would carry the same household fields, and the same norms apply. */
function sameHouseholdFields(a: HouseholdState, b: HouseholdState): boolean {
  return (
    a.registered === b.registered &&
    a.municipality === b.municipality &&
    a.team === b.team &&
    a.coordinator?.coordinatorId === b.coordinator?.coordinatorId
  );
}

function rowMap(rows: readonly NormItemRow[]): Map<string, NormItemRow> {
  return new Map(rows.map((row) => [itemRowId(row), row]));
}

/** What changed from one set of a household's item rows to another. */
export function diffItemRows(before: Iterable<NormItemRow>, after: Iterable<NormItemRow>): ItemRowChanges {
  return diff(rowMap([...before]), rowMap([...after]));
}

function diff(before: Map<string, NormItemRow>, after: Map<string, NormItemRow>): ItemRowChanges {
  const changed = [...after].filter(([id, row]) => {
    const previous = before.get(id);
    return previous === undefined || !sameItemRow(previous, row);
  });
  const removed = [...before].filter(([id]) => !after.has(id));
  return { changed: changed.map(([, row]) => row), removed: removed.map(([, row]) => row) };
}

export function trajectoryRows(state: HouseholdState) {
  return state.trajectories.map((t) => ({
    trajectory_id: t.trajectoryId,
    municipality: state.municipality,
    team: state.team,
    coordinator_id: state.coordinator?.coordinatorId ?? null,
    member_id: t.memberId,
    legal_basis: t.legalBasis,
    source: t.source,
    status: t.status,
    level: t.level ?? null,
    opened_on: t.openedOn,
    intake_on: t.intakeOn ?? null,
    triage_on: t.triage?.completedOn ?? null,
    exploratory_requested_on: t.exploratoryConversation?.requestedOn ?? null,
    exploratory_held_on: t.exploratoryConversation?.heldOn ?? null,
    first_referral_on: earliest(t.referrals.map((r) => r.madeOn)),
    first_acceptance_on: earliest(t.referrals.map((r) => r.acceptedOn)),
    first_care_start_on: earliest(t.referrals.map((r) => r.careStartedOn)),
    pip_on: t.pip?.establishedOn ?? null,
    learning_route_on: t.learningRoute?.startedOn ?? null,
    closed_on: t.closedOn ?? null,
    closure_reason: t.closureReason ?? null,
    waakvlam_active: waakvlamActive(t),
    let_in: consultantsLetIn(state, t) ?? null,
  }));
}

export function referralRows(state: HouseholdState) {
  return state.trajectories.flatMap((t) =>
    t.referrals.map((r) => ({
      trajectory_id: t.trajectoryId,
      referral_id: r.referralId,
      municipality: state.municipality,
      team: state.team,
      provider_agb: r.organisation.agbCode ?? null,
      provider_name: r.organisation.name,
      category: r.category,
      product_code: r.productCode ?? null,
      referrer_role: r.referrerRole,
      status: r.status,
      made_on: r.madeOn,
      accepted_on: r.acceptedOn ?? null,
      declined_on: r.declinedOn ?? null,
      withdrawn_on: r.withdrawnOn ?? null,
      care_started_on: r.careStartedOn ?? null,
      care_ended_on: r.careEndedOn ?? null,
      care_end_reason: r.careEndReason ?? null,
    })),
  );
}

function waakvlamActive(t: Trajectory): boolean {
  const last = t.waakvlamPeriods[t.waakvlamPeriods.length - 1];
  return last !== undefined && last.endedOn === undefined;
}

function earliest(dates: (string | undefined)[]): string | null {
  const present = dates.filter((d): d is string => d !== undefined).sort();
  return present[0] ?? null;
}
