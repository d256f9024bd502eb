import { BusinessDate } from '@casusregie/domain';
import { SqlDatabase } from '@casusregie/sql';
import { CURRENT_COLUMNS, CurrentRow, fromCurrentRow, openAsOf, Parameters, SupervisedItem } from './norm-item-store';

/** Which of a consultant's households: those they are the casusregisseur of, or those of their team. */
export const CASELOAD_SCOPES = ['coordinated', 'team'] as const;
export type CaseloadScope = (typeof CASELOAD_SCOPES)[number];

/** The consultant whose work is asked for, as their token says, and which of their households (both when absent). */
export interface ConsultantScope {
  municipality: string;
  consultantId: string;
  team?: string;
  scope?: CaseloadScope;
}

/** An open trajectory as the caseload lists it: ids and codes only. */
export interface CaseloadTrajectory {
  trajectoryId: string;
  legalBasis: string;
  status: string;
  level: string | null;
  waakvlamActive: boolean;
}

/** One household of a consultant's caseload, with its first item due (none when no item of it has a deadline to meet). */
export interface CaseloadHousehold {
  householdId: string;
  team: string;
  coordinatorId: string | null;
  trajectories: CaseloadTrajectory[];
  next: SupervisedItem | null;
}

/** Where a page of a caseload starts: after this household, whose next deadline this is (null: none, last). */
export interface CaseloadHouseholdPosition {
  nextDeadline: string | null;
  householdId: string;
}

/** Where a page of a consultant's worklist starts: after this item, in worklist order. */
export interface ConsultantWorklistPosition {
  deadline: string;
  startDate: string;
  householdId: string;
  normId: string;
  itemKey: string;
}

/** A norm, and the date before which its items' deadlines fall to be due (dueWithinDays counted on its calendar). */
export interface DueBefore {
  normId: string;
  before: BusinessDate;
}

/**
 * A consultant's own work, from the read models as they stand now: the households they coordinate or that are of
 * their team, with the open trajectories they may see and the norm items of those that still have a deadline to meet.
 *
 * A restricted trajectory the consultant is not let into (rm_trajectories.let_in, the domain's consultantsLetIn) is
 * left out entirely, with its items: nothing of it shows, not even that it is there. So a household shows up only with
 * an open trajectory the consultant may see.
 */
export class ConsultantWork {
  constructor(private readonly db: SqlDatabase) {}

  /**
   * One page of the consultant's households, soonest next deadline first (households without one last), then by id.
   * A household's next deadline is that of its first item in worklist order, of the norms `normIds`, that still runs
   * on asOf.
   */
  async caseload(consultant: ConsultantScope, query: { asOf: BusinessDate; normIds: readonly string[]; after?: CaseloadHouseholdPosition; limit: number }): Promise<CaseloadHousehold[]> {
    const parameters = new Parameters();
    const shown = shownTrajectories(parameters, consultant);
    const asOf = `${parameters.add(query.asOf)}::date`;
    const normIds = `${parameters.add([...query.normIds])}::text[]`;
    const order = `coalesce(next.due_on, DATE '9999-12-31'), households.household_id`;
    const after =
      query.after === undefined
        ? 'true'
        : `(${order}) > (${parameters.add(query.after.nextDeadline ?? '9999-12-31')}::date, ${parameters.add(query.after.householdId)}::uuid)`;
    // Per household its first item, read through rm_norm_items_household; the columns as the domain judges an item.
    const { rows } = await this.db.query<CurrentRow & { norm_id: string | null; shown_household_id: string; shown_team: string; shown_coordinator_id: string | null; trajectories: CaseloadTrajectory[] }>(
      `WITH shown AS (${shown}),
       households AS (
         SELECT household_id, min(team) AS team, min(coordinator_id) AS coordinator_id, array_agg(trajectory_id) AS trajectory_ids,
                jsonb_agg(jsonb_build_object('trajectoryId', trajectory_id, 'legalBasis', legal_basis, 'status', status, 'level', level,
                                             'waakvlamActive', waakvlam_active) ORDER BY opened_on, trajectory_id) AS trajectories
           FROM shown GROUP BY household_id)
       SELECT households.household_id::text AS shown_household_id, households.team AS shown_team,
              households.coordinator_id AS shown_coordinator_id, households.trajectories, next.*
         FROM households
         LEFT JOIN LATERAL (
           SELECT ${CURRENT_COLUMNS}, norm_id, rm_norm_items.deadline AS due_on
             FROM rm_norm_items
            WHERE rm_norm_items.household_id = households.household_id
              AND rm_norm_items.trajectory_id = ANY(households.trajectory_ids)
              AND norm_id = ANY(${normIds}) AND rm_norm_items.deadline IS NOT NULL AND ${openAsOf(asOf)}
            ORDER BY ${WORKLIST_ORDER}
            LIMIT 1) AS next ON true
        WHERE ${after}
        ORDER BY ${order}
        LIMIT ${parameters.add(query.limit)}`,
      parameters.values,
    );
    return rows.map((row) => ({
      householdId: row.shown_household_id,
      team: row.shown_team,
      coordinatorId: row.shown_coordinator_id,
      trajectories: row.trajectories,
      next: row.norm_id === null ? null : fromCurrentRow(row.norm_id, row),
    }));
  }

  /**
   * One page of the items of the consultant's households still to be met: of the open trajectories they may see,
   * running on asOf, with a deadline before their norm's `before` (so overdue ones always), in worklist order.
   */
  async worklist(consultant: ConsultantScope, query: { asOf: BusinessDate; due: readonly DueBefore[]; after?: ConsultantWorklistPosition; limit: number }): Promise<SupervisedItem[]> {
    const parameters = new Parameters();
    const shown = shownTrajectories(parameters, consultant);
    const asOf = `${parameters.add(query.asOf)}::date`;
    const due = `unnest(${parameters.add(query.due.map((d) => d.normId))}::text[], ${parameters.add(query.due.map((d) => d.before))}::date[])`;
    const after = query.after === undefined ? 'true' : `(${WORKLIST_ORDER}) > (${worklistPosition(parameters, query.after)})`;
    const { rows } = await this.db.query<CurrentRow & { norm_id: string }>(
      `WITH shown AS (${shown})
       SELECT ${CURRENT_COLUMNS}, norm_id
         FROM rm_norm_items JOIN ${due} AS due(norm_id, due_before) USING (norm_id)
        WHERE (household_id, trajectory_id) IN (SELECT household_id, trajectory_id FROM shown)
          AND rm_norm_items.deadline < due.due_before AND ${openAsOf(asOf)} AND ${after}
        ORDER BY ${WORKLIST_ORDER}
        LIMIT ${parameters.add(query.limit)}`,
      parameters.values,
    );
    return rows.map((row) => fromCurrentRow(row.norm_id, row));
  }
}

/**
 * The supervisors' worklist order over all norms: soonest deadline first, then start, household, norm and item (the
 * norm too, as items of several norms share a key). Qualified: in ORDER BY a bare name would mean the text columns.
 */
const WORKLIST_ORDER = `rm_norm_items.deadline, rm_norm_items.start_date, rm_norm_items.household_id, rm_norm_items.norm_id COLLATE "C",
  rm_norm_items.item_key COLLATE "C"`;

/** A position in WORKLIST_ORDER as typed parameters. */
function worklistPosition(parameters: Parameters, { deadline, startDate, householdId, normId, itemKey }: ConsultantWorklistPosition): string {
  return [
    `${parameters.add(deadline)}::date`,
    `${parameters.add(startDate)}::date`,
    `${parameters.add(householdId)}::uuid`,
    `${parameters.add(normId)}::text COLLATE "C"`,
    `${parameters.add(itemKey)}::text COLLATE "C"`,
  ].join(', ');
}

/**
 * The open trajectories of the consultant's households that they may open, as a statement: a household of their
 * municipality they coordinate or of their team, and a trajectory that is not restricted or that they are let into.
 */
function shownTrajectories(parameters: Parameters, { municipality, consultantId, team, scope }: ConsultantScope): string {
  const consultant = parameters.add(consultantId);
  const households = [
    ...(scope === undefined || scope === 'coordinated' ? [`coordinator_id = ${consultant}`] : []),
    ...((scope === undefined || scope === 'team') && team !== undefined ? [`team = ${parameters.add(team)}`] : []),
  ];
  return `SELECT household_id, trajectory_id, team, coordinator_id, legal_basis, status, level, waakvlam_active, opened_on
            FROM rm_trajectories
           WHERE municipality = ${parameters.add(municipality)} AND status = 'open'
             AND (${households.length === 0 ? 'false' : households.join(' OR ')})
             AND (let_in IS NULL OR ${consultant} = ANY(let_in))`;
}
