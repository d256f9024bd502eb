import { SqlDatabase } from '@casusregie/sql';

/** The read-model tables a projection rebuild must reproduce exactly, with the order that makes dumps comparable. */
const TABLES: Record<string, string> = {
  household_directory: 'household_id, member_id',
  rm_households: 'household_id',
  rm_trajectories: 'household_id, trajectory_id',
  rm_referrals: 'household_id, referral_id',
  rm_norm_items: 'norm_id, household_id, item_key',
  rm_norm_item_history: 'norm_id, household_id, item_key, position',
};

/** Every row of every read-model table, as text, in a fixed order: two databases are equal when their dumps are. */
export async function dumpReadModels(db: SqlDatabase): Promise<Record<string, string[]>> {
  const dump: Record<string, string[]> = {};
  for (const [table, order] of Object.entries(TABLES)) {
    const { rows } = await db.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM ${table} t ORDER BY ${order}`);
    dump[table] = rows.map((r) => r.row);
  }
  return dump;
}
