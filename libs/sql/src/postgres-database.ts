import { Pool, PoolClient, PoolConfig } from 'pg';
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
      // A connection whose server or network went silently is noticed by TCP keepalive, not only at the next query.
      keepAlive: true,
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
    // While a client is checked out the pool does not listen to it, and an 'error' event nobody listens to ends the
    // process. A connection that dies now (the server shut down, an operator ended it, the network went) emits one,
    // possibly between two statements of `work`: it is noted here, and the statement under way or the next one fails
    // with it, so the caller hears of the loss in the ordinary way.
    let lost = false;
    const onConnectionError = () => {
      lost = true;
    };
    const client = await this.checkOut(onConnectionError);
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
      if (lost) {
        broken = true;
      } else {
        try {
          await client.query('ROLLBACK');
        } catch {
          // The connection itself failed.
          broken = true;
        }
      }
      throw error;
    } finally {
      // The pool's own listener takes over again on release; a broken connection is closed, not handed out again.
      client.off('error', onConnectionError);
      client.release(broken || lost);
    }
  }

  /**
   * A client from the pool with `onError` listening to it from the moment the pool hands it over: in the callback,
   * not after an `await`, since the end of its connection may be read in the same turn in which it is handed over.
   */
  private checkOut(onError: (error: Error) => void): Promise<PoolClient> {
    return new Promise((resolve, reject) => {
      this.pool.connect((error, client) => {
        if (error !== undefined && error !== null) return reject(error);
        if (client === undefined) return reject(new Error('The pool handed out no client'));
        client.on('error', onError);
        resolve(client);
      });
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
