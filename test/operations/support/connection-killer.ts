import { Client } from 'pg';

/**
 * One connection to a test database that ends every other connection to it (`pg_terminate_backend`), as an operator
 * or a failover would. Only connections to that one database are touched: the server is shared with other test files.
 */
export class ConnectionKiller {
  private readonly client: Client;
  private readonly database: string;

  constructor(databaseUrl: string) {
    this.database = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
    this.client = new Client({ connectionString: databaseUrl, application_name: 'connection-killer' });
    // This connection is the one that must survive; should it fail anyway, the next call reports it.
    this.client.on('error', () => undefined);
  }

  async open(): Promise<void> {
    await this.client.connect();
  }

  /** Terminates every other connection to the database; resolves with how many were ended. */
  async terminateAll(): Promise<number> {
    const { rows } = await this.client.query<{ ended: boolean }>(
      'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [this.database],
    );
    return rows.filter((row) => row.ended).length;
  }

  /** How many connections other than this one the database has now. */
  async connections(): Promise<number> {
    const { rows } = await this.client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [this.database],
    );
    return rows[0].n;
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}
