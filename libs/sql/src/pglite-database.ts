import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { lock } from 'proper-lockfile';
import { SqlDatabase, SqlExecutor, SqlResult } from './sql-database';

/** Another process has the embedded database open; two PGlite instances on one directory would corrupt it. */
export class DataDirectoryInUseError extends Error {
  override readonly name = 'DataDirectoryInUseError';
}

/**
 * The embedded PostgreSQL (PGlite, WebAssembly) behind the {@link SqlDatabase} shape. It has one connection:
 * PGlite queues queries and transactions itself, so concurrent callers are served one after another.
 */
export class PGliteDatabase implements SqlDatabase {
  readonly kind = 'pglite' as const;
  readonly supportsConcurrentTransactions = false;

  private constructor(
    private readonly db: PGlite,
    private readonly releaseLock: () => Promise<void>,
  ) {}

  /**
   * Opens (or creates) the database in `dataDir`; without a directory it lives in memory only. The directory is
   * locked for as long as it is open, so a second process fails at once instead of corrupting the data.
   */
  static async open(dataDir?: string): Promise<PGliteDatabase> {
    if (dataDir === undefined) {
      const db = new PGlite();
      await db.waitReady;
      return new PGliteDatabase(db, async () => undefined);
    }
    mkdirSync(dataDir, { recursive: true });
    const releaseLock = await lockDataDirectory(dataDir);
    try {
      const db = new PGlite(dataDir);
      await db.waitReady;
      return new PGliteDatabase(db, releaseLock);
    } catch (error) {
      await releaseLock();
      throw error;
    }
  }

  /**
   * An in-memory database started from `image` (see {@link dumpImage}) instead of a cluster of its own: initdb costs
   * seconds of CPU, loading an image a fraction of that. The tests start their in-memory databases from an image of a
   * fresh cluster, made once per run.
   */
  static async fromImage(image: Blob): Promise<PGliteDatabase> {
    const db = new PGlite({ loadDataDir: image });
    await db.waitReady;
    return new PGliteDatabase(db, async () => undefined);
  }

  /** The whole database, its cluster and data, as one uncompressed tarball for {@link fromImage}. */
  dumpImage(): Promise<Blob> {
    return this.db.dumpDataDir('none');
  }

  async query<Row>(sql: string, params: readonly unknown[] = []): Promise<SqlResult<Row>> {
    const result = await this.db.query<Row>(sql, params as unknown[]);
    return { rows: result.rows, affectedRows: result.affectedRows ?? 0 };
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(async (pgTx) => {
      const tx: SqlExecutor = {
        async query<Row>(sql: string, params: readonly unknown[] = []) {
          const result = await pgTx.query<Row>(sql, params as unknown[]);
          return { rows: result.rows, affectedRows: result.affectedRows ?? 0 };
        },
        async exec(sql: string) {
          await pgTx.exec(sql);
        },
      };
      return work(tx);
    });
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
    await this.releaseLock();
  }
}

async function lockDataDirectory(dataDir: string): Promise<() => Promise<void>> {
  try {
    // The lock is refreshed every 5 s; one left by a crashed process counts as stale after 20 s.
    const release = await lock(dataDir, {
      stale: 20_000,
      update: 5_000,
      retries: 0,
      onCompromised: () => process.emitWarning('The lock on the embedded database directory was lost'),
    });
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      await release().catch(() => undefined);
    };
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') {
      throw new DataDirectoryInUseError(`${dataDir} is in use by another casusregie process`);
    }
    throw error;
  }
}
