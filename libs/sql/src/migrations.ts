import { SqlDatabase } from './sql-database';

/** One schema change. Versions only ever grow; an applied migration is never edited, a new one is added. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

// Any constant works as long as every component uses the same one: it serializes concurrent start-ups
// (api and projector starting together) so two processes never apply the same migration at once.
const MIGRATION_LOCK_KEY = 7_402_113;

/**
 * Applies the migrations of one component (`event-store`, `read-models`, ...) that are not applied yet, in version
 * order, each in its own transaction together with its bookkeeping row. Safe to call at every start-up.
 */
export async function runMigrations(db: SqlDatabase, component: string, migrations: readonly Migration[]): Promise<number[]> {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  for (let i = 1; i < ordered.length; i++) {
    if (ordered[i].version === ordered[i - 1].version) {
      throw new Error(`Migration version ${ordered[i].version} of ${component} is defined twice`);
    }
  }
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.query(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        component  text        NOT NULL,
        version    integer     NOT NULL,
        name       text        NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (component, version)
      )`);
    const { rows } = await tx.query<{ version: number }>(
      'SELECT version FROM schema_migrations WHERE component = $1',
      [component],
    );
    const applied = new Set(rows.map((row) => Number(row.version)));
    const newlyApplied: number[] = [];
    for (const migration of ordered) {
      if (applied.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (component, version, name) VALUES ($1, $2, $3)', [
        component,
        migration.version,
        migration.name,
      ]);
      newlyApplied.push(migration.version);
    }
    return newlyApplied;
  });
}
