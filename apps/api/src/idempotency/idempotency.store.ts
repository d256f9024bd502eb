import { Injectable, OnModuleInit } from '@nestjs/common';
import { Migration, runMigrations, SqlDatabase } from '@casusregie/sql';
import { InjectReadModels } from '@casusregie/runtime';

const migrations: Migration[] = [
  {
    version: 1,
    name: 'idempotency keys',
    sql: `
      CREATE TABLE idempotency_keys (
        scope            text        NOT NULL,
        idempotency_key  text        NOT NULL,
        request_hash     text        NOT NULL,
        state            text        NOT NULL CHECK (state IN ('in-progress', 'completed')),
        status_code      integer,
        response_headers jsonb,
        response_body    jsonb,
        created_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, idempotency_key)
      );
      CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
    `,
  },
];

/** How long a key is remembered; a retry after that is a new request. */
export const IDEMPOTENCY_KEY_RETENTION_HOURS = 24;

export interface StoredResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: unknown;
}

export type Claim =
  | { kind: 'claimed' }
  | { kind: 'completed'; response: StoredResponse }
  | { kind: 'in-progress' }
  | { kind: 'other-request' };

/**
 * Remembers which requests an Idempotency-Key was used for and what they answered, in the read-model database. A key
 * is claimed before the command runs, so two requests with one key can never both record events.
 */
@Injectable()
export class IdempotencyStore implements OnModuleInit {
  private lastCleanup = 0;

  constructor(@InjectReadModels() private readonly db: SqlDatabase) {}

  async onModuleInit(): Promise<void> {
    await runMigrations(this.db, 'idempotency', migrations);
  }

  async claim(scope: string, key: string, requestHash: string): Promise<Claim> {
    await this.forgetOldKeys();
    const inserted = await this.db.query(
      `INSERT INTO idempotency_keys (scope, idempotency_key, request_hash, state) VALUES ($1, $2, $3, 'in-progress')
       ON CONFLICT DO NOTHING`,
      [scope, key, requestHash],
    );
    if (inserted.affectedRows === 1) return { kind: 'claimed' };

    const { rows } = await this.db.query<{
      request_hash: string;
      state: string;
      status_code: number;
      response_headers: Record<string, string>;
      response_body: unknown;
    }>('SELECT request_hash, state, status_code, response_headers, response_body FROM idempotency_keys WHERE scope = $1 AND idempotency_key = $2', [
      scope,
      key,
    ]);
    const row = rows[0];
    // Released between our insert and this read: the caller may simply try again.
    if (row === undefined) return { kind: 'in-progress' };
    if (row.request_hash !== requestHash) return { kind: 'other-request' };
    if (row.state !== 'completed') return { kind: 'in-progress' };
    return { kind: 'completed', response: { statusCode: row.status_code, headers: row.response_headers, body: row.response_body } };
  }

  async complete(scope: string, key: string, response: StoredResponse): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_keys SET state = 'completed', status_code = $3, response_headers = $4, response_body = $5
        WHERE scope = $1 AND idempotency_key = $2`,
      [scope, key, response.statusCode, JSON.stringify(response.headers), JSON.stringify(response.body ?? null)],
    );
  }

  /** The request failed without recording anything: the key may be used again. */
  async release(scope: string, key: string): Promise<void> {
    await this.db.query(`DELETE FROM idempotency_keys WHERE scope = $1 AND idempotency_key = $2 AND state = 'in-progress'`, [scope, key]);
  }

  private async forgetOldKeys(): Promise<void> {
    // At most once a minute per process: the delete is cheap but need not run for every request.
    if (Date.now() - this.lastCleanup < 60_000) return;
    this.lastCleanup = Date.now();
    await this.db.query(`DELETE FROM idempotency_keys WHERE created_at < now() - interval '${IDEMPOTENCY_KEY_RETENTION_HOURS} hours'`);
  }
}
