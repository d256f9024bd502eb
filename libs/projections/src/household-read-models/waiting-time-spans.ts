import { BusinessDate } from '@casusregie/domain';
import { SqlDatabase } from '@casusregie/sql';

export const WAITING_TIME_STAGES = ['melding-intake', 'melding-triage', 'melding-first-support', 'referral-acceptance', 'acceptance-care-start'] as const;
export type WaitingTimeStage = (typeof WAITING_TIME_STAGES)[number];

/** One trajectory's or referral's span of a stage: from its start to its stop (null while it has none). */
export interface StageSpan {
  team: string;
  provider: string | null;
  startDate: BusinessDate;
  stopDate: BusinessDate | null;
}

/** The spans of the waiting-time stages, from the trajectory and referral timelines (rm_trajectories, rm_referrals). */
export class WaitingTimeSpans {
  constructor(private readonly db: SqlDatabase) {}

  /** Start and stop dates of one waiting-time stage, per trajectory or referral. */
  async spans(municipality: string, stage: WaitingTimeStage): Promise<StageSpan[]> {
    const perTrajectory: Record<string, [string, string]> = {
      'melding-intake': ['opened_on', 'intake_on'],
      'melding-triage': ['opened_on', 'triage_on'],
      'melding-first-support': ['opened_on', 'least(first_acceptance_on, first_care_start_on)'],
    };
    const perReferral: Record<string, [string, string]> = {
      'referral-acceptance': ['made_on', 'accepted_on'],
      'acceptance-care-start': ['accepted_on', 'care_started_on'],
    };
    const [start, stop] = perTrajectory[stage] ?? perReferral[stage];
    const sql =
      stage in perTrajectory
        ? `SELECT team, NULL AS provider, to_char(${start}, 'YYYY-MM-DD') AS start_date, to_char(${stop}, 'YYYY-MM-DD') AS stop_date
             FROM rm_trajectories WHERE municipality = $1`
        : `SELECT team, coalesce(provider_agb, provider_name) AS provider, to_char(${start}, 'YYYY-MM-DD') AS start_date,
                  to_char(${stop}, 'YYYY-MM-DD') AS stop_date
             FROM rm_referrals WHERE municipality = $1 AND ${start} IS NOT NULL`;
    const { rows } = await this.db.query<{ team: string; provider: string | null; start_date: string; stop_date: string | null }>(sql, [municipality]);
    return rows.map((row) => ({ team: row.team, provider: row.provider, startDate: row.start_date, stopDate: row.stop_date }));
  }
}
