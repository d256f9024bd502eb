import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { SqlDatabase, SqlExecutor, SqlResult } from './sql-database';

/**
 * The embedded PostgreSQL (PGlite, WebAssembly) behind the {@link SqlDatabase} shape. It has one connection:
 * PGlite queues queries and transactions itself, so concurrent callers are served one after another.
 */
export class PGliteDatabase implements SqlDatabase {
  readonly kind = 'pglite' as const;
  readonly supportsConcurrentTransactions = false;

  private constructor(private readonly db: PGlite) {}

  /** Opens (or creates) the database in `dataDir`; without a directory it lives in memory only. */
  static async open(dataDir?: string): Promise<PGliteDatabase> {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    const db = dataDir ? new PGlite(dataDir) : new PGlite();
    await db.waitReady;
    return new PGliteDatabase(db);
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
  }
}
