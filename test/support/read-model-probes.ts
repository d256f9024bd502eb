import { HouseholdState } from '@casusregie/domain';
import { SqlDatabase } from '@casusregie/sql';

/**
 * What tests look up in the read models directly, named for what it is: the one place outside the read models' own
 * folders that knows their tables (the apps name none). An app test that needs to look behind the API asks here.
 */

/** The notification deliveries of one referral, oldest first. */
export async function deliveriesOfReferral(db: SqlDatabase, referralId: string): Promise<{ id: string; status: string }[]> {
  const { rows } = await db.query<{ id: string; status: string }>('SELECT id, status FROM notification_deliveries WHERE referral_id = $1 ORDER BY seq', [referralId]);
  return rows;
}

/** How many notification deliveries are not (yet) delivered. */
export async function undeliveredNotifications(db: SqlDatabase): Promise<number> {
  const { rows } = await db.query<{ n: string }>("SELECT count(*)::text AS n FROM notification_deliveries WHERE status <> 'delivered'");
  return Number(rows[0].n);
}

/** The members of a household the search directory holds. */
export async function directoryMembersOf(db: SqlDatabase, householdId: string): Promise<string[]> {
  const { rows } = await db.query<{ member_id: string }>('SELECT member_id::text FROM household_directory WHERE household_id = $1 ORDER BY member_id', [householdId]);
  return rows.map((row) => row.member_id);
}

/** The household as the read models keep it folded (its personal values sealed). */
export async function foldedHousehold(db: SqlDatabase, householdId: string): Promise<HouseholdState | undefined> {
  const { rows } = await db.query<{ state: HouseholdState }>('SELECT state FROM rm_households WHERE household_id = $1', [householdId]);
  return rows[0]?.state;
}

/** An instant in the middle of the norm items' recorded history: some items were known by then, others changed after. */
export async function midpointOfNormItemHistory(db: SqlDatabase): Promise<Date> {
  const { rows } = await db.query<{ instant: Date }>(
    'SELECT valid_from AS instant FROM rm_norm_item_history ORDER BY valid_from OFFSET (SELECT count(*) / 2 FROM rm_norm_item_history) LIMIT 1',
  );
  return new Date(rows[0].instant);
}

/** The teams and providers that occur in a municipality's norm items: the values a figures filter can take. */
export async function normItemTeamsAndProviders(db: SqlDatabase, municipality: string): Promise<{ teams: string[]; providers: string[] }> {
  const { rows } = await db.query<{ team: string | null; provider: string | null }>(
    'SELECT DISTINCT team, provider FROM rm_norm_items WHERE municipality = $1 ORDER BY team, provider',
    [municipality],
  );
  const distinct = (values: (string | null)[]) => [...new Set(values.filter((value): value is string => value !== null))];
  return { teams: distinct(rows.map((row) => row.team)), providers: distinct(rows.map((row) => row.provider)) };
}
