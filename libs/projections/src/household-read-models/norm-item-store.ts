import { BusinessDate, elapsedDays, NormCalendar, NormItem, NormStatus, StatusTally } from '@casusregie/domain';
import { SqlDatabase } from '@casusregie/sql';
import { GROUP_COLUMNS_SQL, GroupBy, groupKey, inKeyOrder } from './grouping';
import { SETTLED_ON } from './norm-item-tallies';

/** A norm item with what supervisors group and list it by; never a name, BSN or free text. */
export interface SupervisedItem extends NormItem {
  householdId: string;
  team: string;
  coordinatorId: string | null;
  /** 0 when no suspension moved the deadline (the suspensions themselves are in the household's trajectory). */
  suspendedDays: number;
}

/** Where an item stands in the worklist order: soonest deadline first (none last), then start date and ids. */
export interface WorklistPosition {
  deadline?: string;
  startDate: string;
  householdId: string;
  itemKey: string;
}

/** One page of a worklist: items that exist on asOf, filtered, in worklist order after a position. */
export interface WorklistPageQuery {
  asOf: BusinessDate;
  /** The items as they were known at this instant (rm_norm_item_history) instead of as they stand now. */
  knownAt?: Date;
  team?: string;
  status?: NormStatus;
  /** Only pending items whose deadline is before this date (dueWithinDays, counted on the norm's calendar). */
  pendingDeadlineBefore?: BusinessDate;
  /**
   * Only items that are due: open ones (neither stopped nor excluded on asOf, so late ones without a stop, and pending
   * ones) whose deadline is before this date (waakvlam contacts due). A contact made, even late, is no longer due.
   */
  dueBefore?: BusinessDate;
  after?: WorklistPosition;
  limit: number;
}

/** The items a compliance report counts: started within [from, to] and on or before asOf, optionally filtered. */
export interface TallyQuery {
  from: BusinessDate;
  to: BusinessDate;
  asOf: BusinessDate;
  team?: string;
  provider?: string;
  groupBy: GroupBy;
  knownAt?: Date;
  /**
   * Judge every item, none from rm_norm_item_tallies: the same answer, slower. The reference the summary is held to
   * (test/projections/norm-item-tallies.int.spec.ts).
   */
  itemByItem?: boolean;
}

/**
 * Items of one group with one status and waiting time; wait_from and wait_to only for working-day norms. A row with
 * excluded_late counts late items that an exclusion after their deadline ended (without a status when the summary
 * counted them as late already).
 */
interface TallyRow {
  start_date: string | null;
  team: string | null;
  provider: string | null;
  status: NormStatus | null;
  days: number | null;
  wait_from: string | null;
  wait_to: string | null;
  excluded_late: boolean;
  n: number;
}

/** An rm_norm_items row as CURRENT_COLUMNS reads it. */
export interface CurrentRow {
  household_id: string;
  item_key: string;
  team: string;
  coordinator_id: string | null;
  provider: string | null;
  trajectory_id: string;
  referral_id: string | null;
  member_id: string | null;
  start_date: string;
  deadline: string | null;
  stop_date: string | null;
  excluded_on: string | null;
  suspended_days: number;
}

/** The columns of an item as the domain judges it (fromCurrentRow), from rm_norm_items. */
export const CURRENT_COLUMNS = `household_id::text, item_key, team, coordinator_id, provider, trajectory_id::text, referral_id::text,
  member_id::text, to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(deadline, 'YYYY-MM-DD') AS deadline,
  to_char(stop_date, 'YYYY-MM-DD') AS stop_date, to_char(excluded_on, 'YYYY-MM-DD') AS excluded_on, suspended_days`;

/** The latest version of each item recorded on or before an instant ($3), deleted ones included. */
export const HISTORY_AS_KNOWN_AT = `SELECT DISTINCT ON (household_id, item_key) household_id::text, deleted, item
  FROM rm_norm_item_history
 WHERE municipality = $1 AND norm_id = $2 AND valid_from <= $3
 ORDER BY household_id, item_key, position DESC`;

/**
 * The items of a norm ($1, $2) as known at an instant ($3), with the columns of rm_norm_items that the queries read
 * (the ids as text, as CURRENT_COLUMNS gives them; household_id as the uuid the worklist orders by), so that a query
 * reads them as it reads rm_norm_items.
 */
const ITEMS_AS_KNOWN_AT = `SELECT household_id::uuid AS household_id, item->>'itemKey' AS item_key, item->>'team' AS team,
       item->>'coordinatorId' AS coordinator_id, item->>'provider' AS provider, item->>'trajectoryId' AS trajectory_id,
       item->>'referralId' AS referral_id, item->>'memberId' AS member_id, (item->>'startDate')::date AS start_date,
       (item->>'deadline')::date AS deadline, (item->>'stopDate')::date AS stop_date, (item->>'excludedOn')::date AS excluded_on,
       -- Versions recorded before suspensions existed have no such field.
       coalesce((item->>'suspendedDays')::integer, 0) AS suspended_days
  FROM (${HISTORY_AS_KNOWN_AT}) AS latest
 WHERE NOT deleted AND jsonb_typeof(item) = 'object'`;

/**
 * The worklist order as SQL; rm_norm_items_worklist (read-model-schema.ts, migration 3) indexes exactly these expressions so a
 * page is read from the index in order. Dates are fixed-width and ids lowercase UUIDs, so this is the order the
 * joined text key "deadline|start|household|item" had, with item_key compared bytewise (COLLATE "C"). Qualified,
 * because in ORDER BY a bare start_date or household_id would mean the selected text columns of those names.
 */
const WORKLIST_ORDER = `coalesce(rm_norm_items.deadline, DATE '9999-12-31'), rm_norm_items.start_date, rm_norm_items.household_id,
  rm_norm_items.item_key COLLATE "C"`;

/**
 * judgeItem's status as SQL over the item's date columns: none (NULL) before the start, then a stop counts from its
 * date, an exclusion only on or before the deadline, then late after the deadline. `asOf` is a date expression.
 * supervision-sql.e2e.spec holds this to judgeItem.
 */
function statusAsOf(asOf: string): string {
  return `CASE
    WHEN start_date > ${asOf} THEN NULL
    WHEN stop_date <= ${asOf} THEN CASE WHEN deadline IS NULL OR stop_date <= deadline THEN 'on-time' ELSE 'late' END
    WHEN excluded_on <= ${asOf} AND (deadline IS NULL OR excluded_on <= deadline) THEN 'excluded'
    WHEN deadline < ${asOf} THEN 'late'
    ELSE 'pending' END`;
}

/**
 * Whether an item still runs on asOf: started, and neither stopped nor excluded, whatever its deadline. In judgeItem's
 * terms: pending, or late and not excludedLate.
 */
export function openAsOf(asOf: string): string {
  return `(start_date <= ${asOf} AND (stop_date IS NULL OR stop_date > ${asOf}) AND (excluded_on IS NULL OR excluded_on > ${asOf}))`;
}

/** judgeItem's excludedLate as SQL: late, without a stop on asOf, and ended by an exclusion after the deadline. */
function excludedLateAsOf(asOf: string): string {
  return `coalesce(excluded_on <= ${asOf} AND excluded_on > deadline AND (stop_date IS NULL OR stop_date > ${asOf}), false)`;
}

/**
 * What a status implies for the deadline, in terms of the worklist index's first column, so that a status filter
 * reads a range of the index instead of all of it: a pending item's deadline is not before asOf (or absent), and a
 * late item's deadline is before asOf (a late stop lies after the deadline and on or before asOf).
 */
function deadlineRange(status: NormStatus, asOf: string): string[] {
  if (status === 'pending') return [`coalesce(deadline, DATE '9999-12-31') >= ${asOf}`];
  if (status === 'late') return [`coalesce(deadline, DATE '9999-12-31') < ${asOf}`];
  return [];
}

/** Positional parameters for a statement built piece by piece: `add(value)` gives its placeholder. */
export class Parameters {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    return `$${this.values.push(value)}`;
  }
}

/**
 * Reads norm items from the read model: as the facts stand now (rm_norm_items), or as they were known at an
 * instant (the latest version in rm_norm_item_history recorded on or before it). Worklist pages and compliance
 * counts are filtered, ordered and counted in SQL, so a request reads a page or a few counts, not every item.
 */
export class NormItemStore {
  constructor(private readonly db: SqlDatabase) {}

  async items(municipality: string, normId: string, knownAt?: Date): Promise<SupervisedItem[]> {
    return knownAt === undefined ? this.current(municipality, normId) : this.asKnownAt(municipality, normId, knownAt);
  }

  /**
   * One worklist page (limit rows) of the items as they stand now, or as they were known at an instant: then read
   * from the history (every item of the norm as then known, filtered and ordered here, as no index holds that order).
   */
  async page(municipality: string, normId: string, query: WorklistPageQuery): Promise<SupervisedItem[]> {
    const parameters = new Parameters();
    const scope = [`municipality = ${parameters.add(municipality)}`, `norm_id = ${parameters.add(normId)}`];
    const where: string[] = [];
    let source = 'rm_norm_items';
    if (query.knownAt === undefined) {
      where.push(...scope);
    } else {
      // ITEMS_AS_KNOWN_AT is of the norm ($1, $2) already; named as the table, so that WORKLIST_ORDER's qualified
      // columns read the items as known then.
      parameters.add(query.knownAt.toISOString());
      source = `(${ITEMS_AS_KNOWN_AT}) AS rm_norm_items`;
    }
    const asOf = `${parameters.add(query.asOf)}::date`;
    where.push(`start_date <= ${asOf}`);
    if (query.team !== undefined) where.push(`team = ${parameters.add(query.team)}`);
    if (query.status !== undefined) {
      where.push(`${statusAsOf(asOf)} = ${parameters.add(query.status)}`, ...deadlineRange(query.status, asOf));
    }
    if (query.pendingDeadlineBefore !== undefined) {
      const before = `deadline < ${parameters.add(query.pendingDeadlineBefore)}::date`;
      where.push(`${statusAsOf(asOf)} = 'pending'`, before, ...deadlineRange('pending', asOf));
    }
    if (query.dueBefore !== undefined) {
      where.push(openAsOf(asOf), `deadline < ${parameters.add(query.dueBefore)}::date`);
    }
    if (query.after !== undefined) {
      const { deadline, startDate, householdId, itemKey } = query.after;
      const position = [
        `${parameters.add(deadline ?? '9999-12-31')}::date`,
        `${parameters.add(startDate)}::date`,
        `${parameters.add(householdId)}::uuid`,
        `${parameters.add(itemKey)}::text COLLATE "C"`,
      ];
      where.push(`(${WORKLIST_ORDER}) > (${position.join(', ')})`);
    }
    const { rows } = await this.db.query<CurrentRow>(
      `SELECT ${CURRENT_COLUMNS} FROM ${source} WHERE ${where.join(' AND ')} ORDER BY ${WORKLIST_ORDER} LIMIT ${parameters.add(query.limit)}`,
      parameters.values,
    );
    return rows.map((row) => fromCurrentRow(normId, row));
  }

  /**
   * The items of a compliance report counted per group: statuses as of asOf and the waiting days of the stopped
   * items, as judgeItem and compliance would give them, groups in key order. Calendar-day waits are date differences
   * in SQL; working-day waits are counted here per distinct start and stop date. For the facts as they stand now, on a
   * calendar-day norm, the items of whole months that settled before the month of asOf are taken from their counts in
   * rm_norm_item_tallies (norm-item-tallies.ts), and only the others are judged one by one.
   */
  async tallies(municipality: string, norm: { id: string; calendar: NormCalendar }, query: TallyQuery): Promise<[string, StatusTally][]> {
    const parameters = new Parameters();
    const source = this.tallySource(parameters, municipality, norm.id, query.knownAt);
    const asOf = `${parameters.add(query.asOf)}::date`;
    const from = `${parameters.add(query.from)}::date`;
    const to = `${parameters.add(query.to)}::date`;
    // Items that start after asOf are not counted, but their group is listed (with zeros), as groupItems did.
    const filters: string[] = [];
    if (query.team !== undefined) filters.push(`team = ${parameters.add(query.team)}`);
    if (query.provider !== undefined) filters.push(`provider = ${parameters.add(query.provider)}`);
    const where = [`start_date >= ${from}`, `start_date <= ${to}`, ...filters];
    const stopped = `stop_date <= ${asOf}`;
    const waiting =
      norm.calendar === 'calendar-days'
        ? `CASE WHEN ${stopped} THEN stop_date - start_date END AS days, NULL::date AS wait_from, NULL::date AS wait_to`
        : `NULL::integer AS days, CASE WHEN ${stopped} THEN start_date END AS wait_from, CASE WHEN ${stopped} THEN stop_date END AS wait_to`;
    const counted = (items: string, conditions: string[]) =>
      `SELECT ${GROUP_COLUMNS_SQL[query.groupBy]}, ${statusAsOf(asOf)} AS status, ${waiting}, ${excludedLateAsOf(asOf)} AS excluded_late,
              count(*)::integer AS n
         FROM (${items}) AS items
        WHERE ${conditions.join(' AND ')}
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;
    let counts = counted(source, where);
    if (query.knownAt === undefined && query.itemByItem !== true && norm.calendar === 'calendar-days') {
      // The whole months of [from, to]: from the first month that starts on or after `from` up to (not including) the
      // month of the day after `to`. Their items settled before the month of asOf are counted in the summary; the
      // rest are judged one by one: those of a partial first or last month, and those settled since (or not yet).
      const wholeFrom = `(date_trunc('month', (${from} - 1)::timestamp) + interval '1 month')::date`;
      const wholeUntil = `date_trunc('month', (${to} + 1)::timestamp)::date`;
      const settledBefore = `date_trunc('month', ${asOf}::timestamp)::date`;
      const settled = [
        `municipality = ${parameters.add(municipality)}`,
        `norm_id = ${parameters.add(norm.id)}`,
        `start_month >= ${wholeFrom}`,
        `start_month < ${wholeUntil}`,
        `settled_month < ${settledBefore}`,
        ...filters,
      ];
      // One statement per range, each read from an index (rm_norm_items_query, rm_norm_items_settled,
      // rm_norm_items_excluded_late).
      counts = [
        counted(source, [...where, `start_date < ${wholeFrom}`]),
        // (Not before wholeFrom either: a period within one month has no whole month, and wholeUntil < wholeFrom.)
        counted(source, [...where, `start_date >= ${wholeUntil}`, `start_date >= ${wholeFrom}`]),
        counted(source, [...where, `start_date >= ${wholeFrom}`, `start_date < ${wholeUntil}`, `${SETTLED_ON} >= ${settledBefore}`]),
        // Each period groups the same whether by an item's start date or by the first day of its month.
        `SELECT ${GROUP_COLUMNS_SQL[query.groupBy]}, status, waiting_days, NULL::date, NULL::date, false, sum(n)::integer
           FROM (SELECT start_month AS start_date, team, provider, status, waiting_days, n FROM rm_norm_item_tallies WHERE ${settled.join(' AND ')}) AS settled
          GROUP BY 1, 2, 3, 4, 5, 6, 7`,
        // The summary counts a late item that an exclusion after its deadline ended as late: which of its late items
        // those are, the few items of rm_norm_items_excluded_late (migration 12) tell. Settled, so ended before asOf.
        `SELECT ${GROUP_COLUMNS_SQL[query.groupBy]}, NULL::text, NULL::integer, NULL::date, NULL::date, true, count(*)::integer
           FROM (${source}) AS items
          WHERE ${[...where, `start_date >= ${wholeFrom}`, `start_date < ${wholeUntil}`, `${SETTLED_ON} < ${settledBefore}`].join(' AND ')}
            AND stop_date IS NULL AND excluded_on > deadline
          GROUP BY 1, 2, 3`,
      ].join(' UNION ALL ');
    }
    // Grouped on dates and formatted afterwards: to_char per counted row rather than per item. A group and status may
    // come in several rows (judged and summarised): they are added up below.
    const { rows } = await this.db.query<TallyRow>(
      `SELECT to_char(period, 'YYYY-MM-DD') AS start_date, team, provider, status, days,
              to_char(wait_from, 'YYYY-MM-DD') AS wait_from, to_char(wait_to, 'YYYY-MM-DD') AS wait_to, excluded_late, n
         FROM (${counts}) AS counted`,
      parameters.values,
    );
    const groups = new Map<string, { tally: StatusTally & { stoppedWaitingDays: number[] }; waits: [number, number][] }>();
    for (const row of rows) {
      const key = groupKey({ startDate: row.start_date ?? '', team: row.team ?? '', provider: row.provider }, query.groupBy);
      let group = groups.get(key);
      if (group === undefined) {
        group = { tally: { onTime: 0, late: 0, pending: 0, excluded: 0, excludedLate: 0, stoppedWaitingDays: [] }, waits: [] };
        groups.set(key, group);
      }
      if (row.status !== null) group.tally[STATUS_COUNT[row.status]] += row.n;
      if (row.excluded_late) group.tally.excludedLate += row.n;
      const days = row.days ?? (row.wait_from !== null && row.wait_to !== null ? elapsedDays(row.wait_from, row.wait_to, norm.calendar) : null);
      if (days !== null) group.waits.push([days, row.n]);
    }
    return inKeyOrder(groups).map(([key, { tally, waits }]) => {
      for (const [days, n] of waits.sort(([a], [b]) => a - b)) for (let i = 0; i < n; i++) tally.stoppedWaitingDays.push(days);
      return [key, tally];
    });
  }

  /** The items' team, provider and dates as columns, now or as known at an instant; adds the parameters it uses. */
  private tallySource(parameters: Parameters, municipality: string, normId: string, knownAt: Date | undefined): string {
    const scope = [parameters.add(municipality), parameters.add(normId)];
    if (knownAt === undefined) {
      return `SELECT team, provider, start_date, deadline, stop_date, excluded_on FROM rm_norm_items WHERE municipality = ${scope[0]} AND norm_id = ${scope[1]}`;
    }
    parameters.add(knownAt.toISOString());
    return ITEMS_AS_KNOWN_AT;
  }

  private async current(municipality: string, normId: string): Promise<SupervisedItem[]> {
    const { rows } = await this.db.query<CurrentRow>(`SELECT ${CURRENT_COLUMNS} FROM rm_norm_items WHERE municipality = $1 AND norm_id = $2`, [
      municipality,
      normId,
    ]);
    return rows.map((row) => fromCurrentRow(normId, row));
  }

  private async asKnownAt(municipality: string, normId: string, knownAt: Date): Promise<SupervisedItem[]> {
    const { rows } = await this.db.query<CurrentRow>(`SELECT ${CURRENT_COLUMNS} FROM (${ITEMS_AS_KNOWN_AT}) AS known`, [
      municipality,
      normId,
      knownAt.toISOString(),
    ]);
    return rows.map((row) => fromCurrentRow(normId, row));
  }
}

const STATUS_COUNT: Record<NormStatus, 'onTime' | 'late' | 'pending' | 'excluded'> = {
  'on-time': 'onTime',
  late: 'late',
  pending: 'pending',
  excluded: 'excluded',
};

export function fromCurrentRow(normId: string, row: CurrentRow): SupervisedItem {
  return withoutNulls({
    normId,
    itemKey: row.item_key,
    householdId: row.household_id,
    team: row.team,
    coordinatorId: row.coordinator_id,
    provider: row.provider,
    trajectoryId: row.trajectory_id,
    referralId: row.referral_id,
    memberId: row.member_id,
    startDate: row.start_date,
    deadline: row.deadline,
    stopDate: row.stop_date,
    excludedOn: row.excluded_on,
    suspendedDays: row.suspended_days,
  });
}

/** Optional NormItem fields are absent rather than null, as the domain's functions expect. */
function withoutNulls(item: Record<string, unknown>): SupervisedItem {
  const optional = ['provider', 'referralId', 'memberId', 'deadline', 'stopDate', 'excludedOn'];
  for (const key of optional) if (item[key] === null) delete item[key];
  return item as unknown as SupervisedItem;
}
