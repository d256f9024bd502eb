import { SqlDatabase } from '@casusregie/sql';

/** Open trajectories and households of one casusregisseur in one team. */
export interface Caseload {
  coordinatorId: string | null;
  team: string;
  households: number;
  openTrajectories: number;
  inWaakvlam: number;
}

/** Where a page of caseloads starts: after this team and casusregisseur (null: the row without one, last in its team). */
export interface CaseloadPosition {
  team: string;
  coordinatorId: string | null;
}

/** Caseloads from the trajectory timelines (rm_trajectories), as they stand now. */
export class Caseloads {
  constructor(private readonly db: SqlDatabase) {}

  /**
   * Per casusregisseur (none last) within each team, teams in order; one team when given. A page of `limit` rows
   * after `after` when given (keyset: the order's own columns), else all of them.
   */
  async perCoordinator(municipality: string, team?: string, page?: { after?: CaseloadPosition; limit: number }): Promise<Caseload[]> {
    const after = page?.after;
    const { rows } = await this.db.query<{ coordinator_id: string | null; team: string; households: string; trajectories: string; in_waakvlam: string }>(
      `SELECT * FROM (
         SELECT coordinator_id, team, count(DISTINCT household_id)::text AS households, count(*)::text AS trajectories,
                count(*) FILTER (WHERE waakvlam_active)::text AS in_waakvlam
           FROM rm_trajectories
          WHERE municipality = $1 AND status = 'open' AND ($2::text IS NULL OR team = $2)
          GROUP BY coordinator_id, team) AS caseloads
        WHERE $3::text IS NULL OR (team, coordinator_id IS NULL, coalesce(coordinator_id, '')) > ($3::text, $4::boolean, $5::text)
        ORDER BY team, coordinator_id IS NULL, coalesce(coordinator_id, '')
        LIMIT $6`,
      [municipality, team ?? null, after?.team ?? null, after?.coordinatorId === null, after?.coordinatorId ?? '', page?.limit ?? null],
    );
    return rows.map((row) => ({
      coordinatorId: row.coordinator_id,
      team: row.team,
      households: Number(row.households),
      openTrajectories: Number(row.trajectories),
      inWaakvlam: Number(row.in_waakvlam),
    }));
  }
}
