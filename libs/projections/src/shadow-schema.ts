import { SqlDatabase, SqlExecutor } from '@casusregie/sql';
import { Projection } from './projection';

/**
 * A schema of its own in which a rebuild makes a projection's tables anew, beside the live ones, so that every query
 * keeps reading the old tables until the new ones are complete; then {@link swapIn} replaces them, with the
 * checkpoint and the parked events, in one transaction.
 *
 * The projection's SQL names its tables without a schema. A rebuild's transactions put the shadow schema first on
 * their search path (transaction-local, so nothing else on the connection is affected): the projection's tables
 * resolve to the shadow ones, and everything else (checkpoints, parked events, the personal-data keys, an outbox
 * that is not rebuilt) to the live schema.
 *
 * The schema is made with the projection's own migrations, so the swapped-in tables and indexes have exactly the
 * names and definitions that later migrations expect. A rebuild killed at any point leaves the shadow schema behind
 * and the live tables untouched; the next rebuild drops it and starts over. Two rebuilds of one projection at once:
 * the later one drops the earlier one's schema, and the earlier one stops with an error (its tables are gone).
 */
export class ShadowSchema {
  private constructor(
    private readonly db: SqlDatabase,
    private readonly projection: Projection,
    /** Where the live tables are: the database's current schema, `public` unless configured otherwise. */
    private readonly liveSchema: string,
    readonly name: string,
  ) {}

  /** The checkpoint (and parked events) of the rebuild, until it is swapped in under the projection's name. */
  get slot(): string {
    return `${this.projection.name}@rebuild`;
  }

  static async create(db: SqlDatabase, projection: Projection): Promise<ShadowSchema> {
    const { rows } = await db.query<{ schema: string }>('SELECT current_schema() AS schema');
    const shadow = new ShadowSchema(db, projection, rows[0].schema, `rebuild_${projection.name.replace(/[^a-z0-9]/g, '_')}`);
    await db.transaction(async (tx) => {
      await tx.exec(`DROP SCHEMA IF EXISTS ${shadow.name} CASCADE; CREATE SCHEMA ${shadow.name}`);
      await shadow.use(tx);
      for (const migration of [...projection.migrations].sort((a, b) => a.version - b.version)) await tx.exec(migration.sql);
      const created = await tx.query<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
        [shadow.name],
      );
      const names = new Set(created.rows.map((row) => row.table_name));
      for (const table of projection.tables) {
        if (!names.has(table)) throw new Error(`Projection ${projection.name} names table ${table}, which its migrations do not create`);
      }
      // The tables it does not rebuild stay the live ones: dropped here, they resolve to the live schema.
      for (const table of names) if (!projection.tables.includes(table)) await tx.exec(`DROP TABLE ${shadow.name}.${table}`);
      // The rebuild's own checkpoint, from the first event, and none of the parked events of an earlier attempt.
      await tx.query('DELETE FROM projection_parked_events WHERE projection = $1', [shadow.slot]);
      await tx.query(
        `INSERT INTO projection_checkpoints (projection) VALUES ($1)
         ON CONFLICT (projection) DO UPDATE SET checkpoint = NULL, events_processed = 0, updated_at = now()`,
        [shadow.slot],
      );
    });
    return shadow;
  }

  /** Makes the rest of the transaction `tx` read and write the shadow tables under the projection's table names. */
  async use(tx: SqlExecutor): Promise<void> {
    await tx.query(`SELECT set_config('search_path', $1, true)`, [`${this.name}, ${this.liveSchema}`]);
  }

  /** Statistics on the shadow tables, so that the rebuild's own queries are planned well. */
  async analyze(): Promise<void> {
    await this.db.exec(`ANALYZE ${this.projection.tables.map((table) => `${this.name}.${table}`).join(', ')}`);
  }

  /**
   * In one transaction: the live tables dropped and the shadow ones moved into their place, the rebuild's checkpoint
   * and parked events made the projection's (and the code's settings recorded as those it was built with), the shadow
   * schema removed. It first locks the projection's checkpoint,
   * so a catch-up of the old tables finishes before, and the next one continues from the rebuild's checkpoint.
   */
  async swapIn(): Promise<void> {
    const { name: projection } = this.projection;
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT checkpoint FROM projection_checkpoints WHERE projection = $1 FOR UPDATE', [projection]);
      for (const table of this.projection.tables) {
        await tx.exec(`DROP TABLE ${this.liveSchema}.${table}; ALTER TABLE ${this.name}.${table} SET SCHEMA ${this.liveSchema}`);
      }
      await tx.query(
        `UPDATE projection_checkpoints live
            SET checkpoint = rebuilt.checkpoint, events_processed = rebuilt.events_processed, settings = $3, updated_at = now()
           FROM projection_checkpoints rebuilt
          WHERE live.projection = $1 AND rebuilt.projection = $2`,
        [projection, this.slot, this.projection.settings ?? null],
      );
      await tx.query('DELETE FROM projection_checkpoints WHERE projection = $1', [this.slot]);
      await tx.query('DELETE FROM projection_parked_events WHERE projection = $1', [projection]);
      await tx.query('UPDATE projection_parked_events SET projection = $1 WHERE projection = $2', [projection, this.slot]);
      await tx.exec(`DROP SCHEMA ${this.name} CASCADE`);
    });
  }
}
