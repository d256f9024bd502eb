import { SqlDatabase } from '@casusregie/sql';

/** Open trajectories and households of one casusregisseur in one team. */
export interface Caseload {
  coordinatorId: string | null;
  team: string;
  households: number;
  openTrajectories: number;
  inWaakvlam: number;
}

/** Caseloads from the trajectory timelines (rm_trajectories), as they stand now. */
export class Caseloads {
  constructor(private readonly db: SqlDatabase) {}

  /** Per casusregisseur (none last) within each team, teams in order; one team when given. */
  async perCoordinator(municipality: string, team?: string): Promise<Caseload[]> {
    const { rows } = await this.db.query<{ coordinator_id: string | null; team: string; households: string; trajectories: string; in_waakvlam: string }>(
      `SELECT coordinator_id, team, count(DISTINCT household_id)::text AS households, count(*)::text AS trajectories,
              count(*) FILTER (WHERE waakvlam_active)::text AS in_waakvlam
         FROM rm_trajectories
        WHERE municipality = $1 AND status = 'open' AND ($2::text IS NULL OR team = $2)
        GROUP BY coordinator_id, team
        ORDER BY team, coordinator_id NULLS LAST`,
      [municipality, team ?? null],
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
