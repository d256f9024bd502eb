import { Injectable } from '@nestjs/common';
import { NormItem } from '@casusregie/domain';
import { NormItemRow } from '@casusregie/projections';
import { InjectReadModels } from '@casusregie/runtime';
import { SqlDatabase } from '@casusregie/sql';

/** A norm item with what supervisors group and list it by; never a name, BSN or free text. */
export interface SupervisedItem extends NormItem {
  householdId: string;
  team: string;
  coordinatorId: string | null;
}

interface CurrentRow {
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
}

/**
 * Reads norm items from the read model: as the facts stand now (rm_norm_items), or as they were known at an
 * instant (the latest version in rm_norm_item_history recorded on or before it).
 */
@Injectable()
export class NormItemStore {
  constructor(@InjectReadModels() private readonly db: SqlDatabase) {}

  async items(municipality: string, normId: string, knownAt?: Date): Promise<SupervisedItem[]> {
    return knownAt === undefined ? this.current(municipality, normId) : this.asKnownAt(municipality, normId, knownAt);
  }

  private async current(municipality: string, normId: string): Promise<SupervisedItem[]> {
    const { rows } = await this.db.query<CurrentRow>(
      `SELECT household_id::text, item_key, team, coordinator_id, provider, trajectory_id::text, referral_id::text,
              member_id::text, to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(deadline, 'YYYY-MM-DD') AS deadline,
              to_char(stop_date, 'YYYY-MM-DD') AS stop_date, to_char(excluded_on, 'YYYY-MM-DD') AS excluded_on
         FROM rm_norm_items
        WHERE municipality = $1 AND norm_id = $2`,
      [municipality, normId],
    );
    return rows.map((row) =>
      withoutNulls({
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
      }),
    );
  }

  private async asKnownAt(municipality: string, normId: string, knownAt: Date): Promise<SupervisedItem[]> {
    const { rows } = await this.db.query<{ household_id: string; deleted: boolean; item: NormItemRow | null }>(
      `SELECT DISTINCT ON (household_id, item_key) household_id::text, deleted, item
         FROM rm_norm_item_history
        WHERE municipality = $1 AND norm_id = $2 AND valid_from <= $3
        ORDER BY household_id, item_key, position DESC`,
      [municipality, normId, knownAt.toISOString()],
    );
    return rows
      .filter((row) => !row.deleted && row.item !== null)
      .map(({ household_id, item }) => {
        const row = item as NormItemRow;
        return withoutNulls({
          normId,
          itemKey: row.itemKey,
          householdId: household_id,
          team: row.team,
          coordinatorId: row.coordinatorId,
          provider: row.provider,
          trajectoryId: row.trajectoryId,
          referralId: row.referralId,
          memberId: row.memberId,
          startDate: row.startDate,
          deadline: row.deadline,
          stopDate: row.stopDate,
          excludedOn: row.excludedOn,
        });
      });
  }
}

/** Optional NormItem fields are absent rather than null, as the domain's functions expect. */
function withoutNulls(item: Record<string, unknown>): SupervisedItem {
  const optional = ['provider', 'referralId', 'memberId', 'deadline', 'stopDate', 'excludedOn'];
  for (const key of optional) if (item[key] === null) delete item[key];
  return item as unknown as SupervisedItem;
}
