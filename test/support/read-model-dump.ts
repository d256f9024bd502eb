import { Projection } from '@casusregie/projections';
import { SqlDatabase } from '@casusregie/sql';

/**
 * The order of each table's rows in a dump: a key, so that two dumps list the same rows in the same order. The
 * tables dumped are the ones the projections say a rebuild makes (Projection.tables); a table added there without an
 * order here stops the dump, so no read-model table is left out of the comparison unnoticed.
 */
const ORDER_BY: Record<string, string> = {
  household_directory: 'household_id, member_id',
  rm_households: 'household_id',
  rm_trajectories: 'household_id, trajectory_id',
  rm_referrals: 'household_id, referral_id',
  rm_norm_items: 'norm_id, household_id, item_key',
  rm_norm_item_history: 'norm_id, household_id, item_key, position',
  rm_norm_item_tallies: 'municipality, norm_id, start_month, team, provider, settled_month, status, waiting_days',
  rm_norm_settings: 'municipality, version',
  rm_norm_settings_applied: 'municipality, version',
  notification_referrals: 'referral_id',
};

/**
 * Tables whose rows depend on how a projection is run, dumped as what they say regardless: which partition applied
 * a change of norm settings depends on the partitioning; that every change was applied does not.
 */
const ROWS_OF: Record<string, string> = {
  rm_norm_settings_applied: '(SELECT DISTINCT municipality, version FROM rm_norm_settings_applied)',
};

/**
 * Every row of every table the projections rebuild, as text, in a fixed order: two databases are equal when their
 * dumps are. Tables a rebuild keeps (the notification outbox) are not in it: a rebuild does not restore them.
 */
export async function dumpReadModels(db: SqlDatabase, projections: readonly Projection[]): Promise<Record<string, string[]>> {
  const dump: Record<string, string[]> = {};
  for (const table of projections.flatMap((projection) => projection.tables)) {
    const order = ORDER_BY[table];
    if (order === undefined) throw new Error(`No row order for read-model table ${table}: add it to ORDER_BY in test/support/read-model-dump.ts`);
    const source = ROWS_OF[table] ?? table;
    const { rows } = await db.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM ${source} t ORDER BY ${order}`);
    dump[table] = rows.map((r) => r.row);
  }
  return dump;
}

/**
 * How many events each projection's checkpoint says it passed, by projection name (0 before its first batch, or
 * before the checkpoints exist): after a catch-up or rebuild to the end, every projection must have passed every
 * event written, or two runners that both stopped short would still give equal dumps.
 */
export async function eventsProcessed(db: SqlDatabase, projections: readonly Projection[]): Promise<Record<string, number>> {
  const counts = Object.fromEntries(projections.map(({ name }) => [name, 0]));
  const { rows: prepared } = await db.query<{ ok: boolean }>(`SELECT to_regclass('projection_checkpoints') IS NOT NULL AS ok`);
  if (!prepared[0].ok) return counts;
  const { rows } = await db.query<{ projection: string; n: string }>(
    'SELECT projection, events_processed::text AS n FROM projection_checkpoints WHERE projection = ANY($1::text[])',
    [projections.map(({ name }) => name)],
  );
  for (const row of rows) counts[row.projection] = Number(row.n);
  return counts;
}

/** What eventsProcessed must say once every projection has passed all `written` events. */
export function allProcessed(projections: readonly Projection[], written: number): Record<string, number> {
  return Object.fromEntries(projections.map(({ name }) => [name, written]));
}
