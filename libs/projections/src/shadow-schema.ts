import { SqlDatabase, SqlExecutor } from '@casusregie/sql';
import { arrangementOf, familyOf } from './partitions';
import { Projection } from './projection';

/** A secondary index of a shadow table, taken away while the rebuild fills it and made again before the swap. */
interface DeferredIndex {
  name: string;
  definition: string;
}

/**
 * A schema of its own in which a rebuild makes a projection's tables anew, beside the live ones, so that every query
 * keeps reading the old tables until the new ones are complete; then {@link finish} replaces them, with the
 * checkpoint and the parked events, in one transaction.
 *
 * The projection's SQL names its tables without a schema. A rebuild's transactions put the shadow schema first on
 * their search path (transaction-local, so nothing else on the connection is affected): the projection's tables
 * resolve to the shadow ones, and everything else (checkpoints, parked events, the personal-data keys, an outbox
 * that is not rebuilt) to the live schema.
 *
 * The schema is made with the projection's own migrations, so the swapped-in tables and indexes have exactly the
 * names and definitions that later migrations expect. Secondary indexes are dropped after the migrations and made
 * again just before the swap (inserting into a table with its indexes costs more than indexing it once), except
 * those that lead with the first column of a primary key: the projection finds its rows by that column (a
 * household's rows by household_id) while it builds them, and without such an index every batch reads whole tables.
 *
 * A rebuild killed at any point leaves the shadow schema behind and the live tables untouched; the next rebuild drops
 * it and starts over. Two rebuilds of one projection at once: the later one drops the earlier one's schema, and the
 * earlier one stops with an error (its tables are gone).
 *
 * The partitions of a split projection (partitions.ts) are rebuilt into one shadow schema, each partition by its own
 * process if wanted: the first to start makes the schema, the others join it (a partition's rebuild that was killed
 * continues where it stopped), and the last to reach the end of the log swaps all of them in at once.
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
    return slotOf(this.projection.name);
  }

  /** A fresh shadow schema for the projection; for a partition, the one its sibling partitions build, if they started. */
  static async create(db: SqlDatabase, projection: Projection): Promise<ShadowSchema> {
    const { rows } = await db.query<{ schema: string }>('SELECT current_schema() AS schema');
    const shadow = new ShadowSchema(db, projection, rows[0].schema, `rebuild_${familyOf(projection).replace(/[^a-z0-9]/g, '_')}`);
    await db.transaction(async (tx) => {
      // Partitions starting at once make one schema, not one each.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [shadow.name]);
      if (projection.partition !== undefined && (await shadow.joinable(tx))) return;
      await shadow.make(tx);
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
   * Called when the rebuild reached the end of the log: makes the deferred indexes and swaps the tables in. A
   * partition is only marked done, unless it is the last of its projection's partitions; returns whether it swapped.
   */
  async finish(): Promise<boolean> {
    const { partition } = this.projection;
    if (partition !== undefined) {
      const allDone = await this.db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [this.name]);
        await tx.query(`UPDATE ${this.name}._rebuild_partitions SET done = true WHERE partition = $1`, [partition.index]);
        const { rows } = await tx.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${this.name}._rebuild_partitions WHERE NOT done`);
        return rows[0].n === '0';
      });
      if (!allDone) return false;
    }
    await this.makeDeferredIndexes();
    await this.swapIn();
    return true;
  }

  /** The shadow schema of sibling partitions, made for as many partitions and with the same settings. */
  private async joinable(tx: SqlExecutor): Promise<boolean> {
    const { rows } = await tx.query<{ state: string | null }>('SELECT to_regclass($1)::text AS state', [`${this.name}._rebuild_partitions`]);
    if (rows[0].state === null) return false;
    const made = await tx.query<{ count: number; settings: string | null }>(`SELECT count(*)::int AS count, max(settings) AS settings FROM ${this.name}._rebuild_partitions`);
    return made.rows[0].count === this.projection.partition?.count && made.rows[0].settings === (this.projection.settings ?? null);
  }

  private async make(tx: SqlExecutor): Promise<void> {
    const { projection } = this;
    await tx.exec(`DROP SCHEMA IF EXISTS ${this.name} CASCADE; CREATE SCHEMA ${this.name}`);
    await this.use(tx);
    for (const migration of [...projection.migrations].sort((a, b) => a.version - b.version)) await tx.exec(migration.sql);
    const created = await tx.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [this.name]);
    const names = new Set(created.rows.map((row) => row.table_name));
    for (const table of projection.tables) {
      if (!names.has(table)) throw new Error(`Projection ${familyOf(projection)} names table ${table}, which its migrations do not create`);
    }
    // The tables it does not rebuild stay the live ones: dropped here, they resolve to the live schema.
    for (const table of names) if (!projection.tables.includes(table)) await tx.exec(`DROP TABLE ${this.name}.${table}`);
    await this.deferIndexes(tx);
    // Which partitions are done; the settings, so that a rebuild with other settings does not join this one.
    await tx.exec(`CREATE TABLE ${this.name}._rebuild_partitions (partition int PRIMARY KEY, done boolean NOT NULL, settings text)`);
    const slots = arrangementOf(projection);
    await tx.query(
      `INSERT INTO ${this.name}._rebuild_partitions (partition, done, settings) SELECT generate_series(0, $1::int - 1), false, $2`,
      [slots.length, projection.settings ?? null],
    );
    // The rebuild's own checkpoints, from the first event, and none of the parked events of an earlier attempt.
    const rebuildSlots = slots.map(slotOf);
    await tx.query('DELETE FROM projection_parked_events WHERE projection = ANY($1::text[])', [rebuildSlots]);
    await tx.query(
      `INSERT INTO projection_checkpoints (projection) SELECT unnest($1::text[])
       ON CONFLICT (projection) DO UPDATE SET checkpoint = NULL, events_processed = 0, updated_at = now()`,
      [rebuildSlots],
    );
  }

  /** Drops the secondary indexes the rebuild does not look rows up by, and keeps their definitions for the end. */
  private async deferIndexes(tx: SqlExecutor): Promise<void> {
    const { rows } = await tx.query<DeferredIndex>(
      `SELECT ix.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
         FROM pg_index x
         JOIN pg_class ix ON ix.oid = x.indexrelid
         JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
         LEFT JOIN pg_attribute lead ON lead.attrelid = t.oid AND lead.attnum = x.indkey[0]
        WHERE n.nspname = $1 AND NOT x.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
          AND (lead.attname IS NULL OR lead.attname NOT IN (
                SELECT key.attname FROM pg_index pk
                  JOIN pg_class pt ON pt.oid = pk.indrelid
                  JOIN pg_attribute key ON key.attrelid = pk.indrelid AND key.attnum = pk.indkey[0]
                 WHERE pk.indisprimary AND pt.relnamespace = n.oid))
        ORDER BY ix.relname`,
      [this.name],
    );
    await tx.exec(`CREATE TABLE ${this.name}._rebuild_deferred_indexes (name text PRIMARY KEY, definition text NOT NULL)`);
    for (const index of rows) {
      await tx.query(`INSERT INTO ${this.name}._rebuild_deferred_indexes (name, definition) VALUES ($1, $2)`, [index.name, index.definition]);
      await tx.exec(`DROP INDEX ${this.name}.${index.name}`);
    }
  }

  private async makeDeferredIndexes(): Promise<void> {
    const { rows } = await this.db.query<DeferredIndex>(`SELECT name, definition FROM ${this.name}._rebuild_deferred_indexes ORDER BY name`);
    for (const index of rows) {
      // The definition names the table as the shadow schema's search path found it.
      await this.db.transaction(async (tx) => {
        await this.use(tx);
        await tx.exec(index.definition);
      });
    }
  }

  /**
   * In one transaction: the live tables dropped and the shadow ones moved into their place, the rebuild's checkpoints
   * and parked events made the projection's (of each of its partitions), with the code's settings recorded as those it
   * was built with, and the shadow schema removed. It first locks the live checkpoints, so a catch-up of the old
   * tables finishes before, and the next one continues from the rebuild's checkpoint.
   */
  private async swapIn(): Promise<void> {
    const live = arrangementOf(this.projection);
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT checkpoint FROM projection_checkpoints WHERE projection = ANY($1::text[]) ORDER BY projection FOR UPDATE', [live]);
      for (const table of this.projection.tables) {
        await tx.exec(`DROP TABLE ${this.liveSchema}.${table}; ALTER TABLE ${this.name}.${table} SET SCHEMA ${this.liveSchema}`);
      }
      for (const projection of live) {
        await tx.query(
          `UPDATE projection_checkpoints live
              SET checkpoint = rebuilt.checkpoint, events_processed = rebuilt.events_processed, settings = $3, updated_at = now()
             FROM projection_checkpoints rebuilt
            WHERE live.projection = $1 AND rebuilt.projection = $2`,
          [projection, slotOf(projection), this.projection.settings ?? null],
        );
        await tx.query('DELETE FROM projection_checkpoints WHERE projection = $1', [slotOf(projection)]);
        await tx.query('DELETE FROM projection_parked_events WHERE projection = $1', [projection]);
        await tx.query('UPDATE projection_parked_events SET projection = $1 WHERE projection = $2', [projection, slotOf(projection)]);
      }
      await tx.exec(`DROP SCHEMA ${this.name} CASCADE`);
    });
  }
}

function slotOf(projection: string): string {
  return `${projection}@rebuild`;
}
