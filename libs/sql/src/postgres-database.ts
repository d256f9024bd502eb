import { Pool, PoolConfig } from 'pg';
import { SqlDatabase, SqlExecutor, SqlResult } from './sql-database';

export interface PostgresDatabaseOptions {
  connectionString: string;
  /** Pool size; the default suits a 2-core machine running api and projector side by side. */
  maxConnections?: number;
  applicationName?: string;
}

/** A `pg` connection pool behind the {@link SqlDatabase} shape. */
export class PostgresDatabase implements SqlDatabase {
  readonly kind = 'postgres' as const;
  readonly supportsConcurrentTransactions = true;
  private readonly pool: Pool;

  constructor(options: PostgresDatabaseOptions) {
    const config: PoolConfig = {
      connectionString: options.connectionString,
      max: options.maxConnections ?? 20,
      application_name: options.applicationName ?? 'casusregie',
      connectionTimeoutMillis: 5000,
    };
    this.pool = new Pool(config);
    // An idle client that loses its server emits 'error' on the pool; without a listener Node would crash the process.
    // The next query reports the outage instead.
    this.pool.on('error', () => undefined);
  }

  async query<Row>(sql: string, params: readonly unknown[] = []): Promise<SqlResult<Row>> {
    const result = await this.pool.query(sql, params as unknown[]);
    return { rows: result.rows as Row[], affectedRows: result.rowCount ?? 0 };
  }

  async exec(sql: string): Promise<void> {
    // Without parameters pg uses the simple query protocol, which accepts several statements.
    await this.pool.query(sql);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx: SqlExecutor = {
      async query<Row>(sql: string, params: readonly unknown[] = []) {
        const result = await client.query(sql, params as unknown[]);
        return { rows: result.rows as Row[], affectedRows: result.rowCount ?? 0 };
      },
      async exec(sql: string) {
        await client.query(sql);
      },
    };
    let broken = false;
    try {
      await client.query('BEGIN');
      const value = await work(tx);
      await client.query('COMMIT');
      return value;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        // The connection itself failed; do not hand it back to the pool.
        broken = true;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
