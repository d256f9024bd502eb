import { HouseholdState } from '@casusregie/domain';
import { SqlDatabase } from '@casusregie/sql';

/** A referral as its provider's inbox reads it, with its trajectory's member and the household's (sealed) state. */
export interface ProviderReferralRow {
  household_id: string;
  trajectory_id: string;
  referral_id: string;
  municipality: string;
  category: string;
  product_code: string | null;
  status: string;
  made_on: string;
  accepted_on: string | null;
  declined_on: string | null;
  withdrawn_on: string | null;
  care_started_on: string | null;
  care_ended_on: string | null;
  care_end_reason: string | null;
  member_id: string;
  state: HouseholdState;
}

/** Where a page of an inbox starts: after the referral made on this date with this id (newest first, then by id). */
export interface InboxPosition {
  madeOn: string;
  referralId: string;
}

/** The referrals addressed to a provider (by its AGB code), from rm_referrals, newest first. */
export class ProviderReferralInbox {
  constructor(private readonly db: SqlDatabase) {}

  /** One page (`limit` rows) of the provider's referrals with one of these statuses (any when absent), after `after`. */
  page(agbCode: string, query: { statuses?: readonly string[]; after?: InboxPosition; limit: number }): Promise<ProviderReferralRow[]> {
    const { statuses, after, limit } = query;
    return this.referrals(
      `r.provider_agb = $1 AND ($2::text[] IS NULL OR r.status = ANY($2::text[]))
         AND ($3::date IS NULL OR r.made_on < $3::date OR (r.made_on = $3::date AND r.referral_id > $4::uuid))`,
      [agbCode, statuses === undefined ? null : [...statuses], after?.madeOn ?? null, after?.referralId ?? null],
      limit,
    );
  }

  /** The one referral, when it is the provider's. */
  async find(referralId: string, agbCode: string): Promise<ProviderReferralRow | undefined> {
    const [row] = await this.referrals('r.referral_id = $1::uuid AND r.provider_agb = $2', [referralId, agbCode]);
    return row;
  }

  private async referrals(where: string, params: unknown[], limit?: number): Promise<ProviderReferralRow[]> {
    const { rows } = await this.db.query<ProviderReferralRow>(
      `SELECT r.household_id::text, r.trajectory_id::text, r.referral_id::text, r.municipality, r.category, r.product_code, r.status,
              ${['made_on', 'accepted_on', 'declined_on', 'withdrawn_on', 'care_started_on', 'care_ended_on']
                .map((c) => `to_char(r.${c}, 'YYYY-MM-DD') AS ${c}`)
                .join(', ')},
              r.care_end_reason, t.member_id::text, h.state
         FROM rm_referrals r
         JOIN rm_trajectories t ON t.household_id = r.household_id AND t.trajectory_id = r.trajectory_id
         JOIN rm_households h ON h.household_id = r.household_id
        WHERE ${where}
        ORDER BY r.made_on DESC, r.referral_id
        ${limit === undefined ? '' : `LIMIT ${Math.trunc(limit)}`}`,
      params,
    );
    return rows;
  }
}
