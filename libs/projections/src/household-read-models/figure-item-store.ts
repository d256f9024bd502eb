import { BusinessDate, FIGURE_ITEMS_PREFIX, FigureDimension, FigureItem } from '@casusregie/domain';
import { SqlDatabase } from '@casusregie/sql';
import { FigureColumns } from './figure-rows';
import { NormItemRow } from './household-rows';
import { CurrentRow, HISTORY_AS_KNOWN_AT } from './norm-item-store';

/** The columns of a figure item as the figure engine reads them; never a name, a birth date or an address. */
interface FigureRow extends Omit<CurrentRow, 'deadline' | 'suspended_days'> {
  legal_basis: string | null;
  level: string | null;
  category: string | null;
  age_band: string | null;
  wijk: string | null;
}

/**
 * Reads the items of a figure's item set (kept in rm_norm_items under `figure:<set>`, figure-rows.ts), as the facts
 * stand now or as they were known at an instant (the latest version in rm_norm_item_history recorded by then, as a
 * norm's compliance report reads them), for the figure engine to measure (libs/domain/src/figures/figure-table.ts).
 * Only items that started by asOf: the rest do not exist yet on that date.
 */
export class FigureItemStore {
  constructor(private readonly db: SqlDatabase) {}

  async items(municipality: string, itemSet: string, query: { startedBy: BusinessDate; knownAt?: Date }): Promise<FigureItem[]> {
    const normId = `${FIGURE_ITEMS_PREFIX}${itemSet}`;
    if (query.knownAt !== undefined) {
      const { rows } = await this.db.query<{ household_id: string; deleted: boolean; item: NormItemRow | null }>(HISTORY_AS_KNOWN_AT, [
        municipality,
        normId,
        query.knownAt.toISOString(),
      ]);
      return rows.flatMap(({ household_id, deleted, item }) => (deleted || item === null || item.startDate > query.startedBy ? [] : [figureItem(household_id, item)]));
    }
    const { rows } = await this.db.query<FigureRow>(
      `SELECT household_id::text, item_key, team, coordinator_id, provider, trajectory_id::text, referral_id::text, member_id::text,
              to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(stop_date, 'YYYY-MM-DD') AS stop_date,
              to_char(excluded_on, 'YYYY-MM-DD') AS excluded_on, legal_basis, level, category, age_band, wijk
         FROM rm_norm_items
        WHERE municipality = $1 AND norm_id = $2 AND start_date <= $3::date`,
      [municipality, normId, query.startedBy],
    );
    return rows.map(fromRow);
  }
}

function fromRow(row: FigureRow): FigureItem {
  return figureItem(row.household_id, {
    itemKey: row.item_key,
    trajectoryId: row.trajectory_id,
    referralId: row.referral_id,
    memberId: row.member_id,
    startDate: row.start_date,
    stopDate: row.stop_date,
    excludedOn: row.excluded_on,
    team: row.team,
    coordinatorId: row.coordinator_id,
    provider: row.provider,
    legalBasis: row.legal_basis,
    level: row.level,
    category: row.category,
    ageBand: row.age_band,
    wijk: row.wijk,
  });
}

/** A row, or a version from the history as the projection wrote it (one written before migration 11 lacks the figure columns). */
function figureItem(
  householdId: string,
  row: Pick<NormItemRow, 'itemKey' | 'trajectoryId' | 'referralId' | 'memberId' | 'startDate' | 'stopDate' | 'excludedOn' | 'team' | 'coordinatorId' | 'provider'> &
    Partial<FigureColumns>,
): FigureItem {
  const attributes: Partial<Record<FigureDimension, string>> = {};
  const set = (dimension: FigureDimension, value: string | null | undefined) => {
    if (value !== null && value !== undefined) attributes[dimension] = value;
  };
  set('team', row.team);
  set('coordinator', row.coordinatorId);
  set('provider', row.provider);
  set('legalBasis', row.legalBasis);
  set('level', row.level);
  set('category', row.category);
  set('ageBand', row.ageBand);
  set('wijk', row.wijk);
  const item: FigureItem = { householdId, itemKey: row.itemKey, trajectoryId: row.trajectoryId, startDate: row.startDate, attributes };
  if (row.referralId !== null) item.referralId = row.referralId;
  if (row.memberId !== null) item.memberId = row.memberId;
  if (row.stopDate !== null) item.stopDate = row.stopDate;
  if (row.excludedOn !== null) item.excludedOn = row.excludedOn;
  if (row.provider !== null) item.provider = row.provider;
  return item;
}
