import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Migration, runMigrations, SqlDatabase } from '@casusregie/sql';
import { InjectReadModels } from '@casusregie/runtime';
import { AppendAttempt } from './append-journal';

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
  {
    version: 2,
    name: 'idempotency claims: owner, lease and the appends attempted',
    sql: `
      ALTER TABLE idempotency_keys
        ADD COLUMN claim_token     uuid,
        ADD COLUMN claimed_at      timestamptz,
        ADD COLUMN append_attempts jsonb NOT NULL DEFAULT '[]'::jsonb;
      UPDATE idempotency_keys SET claimed_at = created_at;
      ALTER TABLE idempotency_keys ALTER COLUMN claimed_at SET NOT NULL, ALTER COLUMN claimed_at SET DEFAULT now();
    `,
  },
  {
    version: 3,
    name: 'idempotency: no stored answers of searches',
    // Searches are no longer kept for replay (their answers named people in clear text). Keys of commands kept
    // under the former scope (the sub alone) hold ids only; no request looks them up any more and they age out.
    sql: `DELETE FROM idempotency_keys WHERE scope LIKE '% POST %/households/\\_search'`,
  },
];

/** How long a key is remembered; a retry after that is a new request. */
export const IDEMPOTENCY_KEY_RETENTION_HOURS = 24;

/**
 * How long a claim holds without news from its request. A request renews it just before each append; one not heard
 * of for this long (its process died, or its database went away and it could neither finish nor release the key) is
 * taken over by the next request with the key, which first looks in the streams for what it recorded.
 */
export const IDEMPOTENCY_CLAIM_LEASE_SECONDS = 60;

export interface StoredResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: unknown;
}

export type Claim =
  /** The key is this request's; `token` proves it. `abandoned`: appends a lapsed claim of the key set out to make. */
  | { kind: 'claimed'; token: string; abandoned: AppendAttempt[] }
  | { kind: 'completed'; response: StoredResponse }
  | { kind: 'in-progress' }
  | { kind: 'other-request' };

interface KeyRow {
  request_hash: string;
  state: string;
  status_code: number;
  response_headers: Record<string, string>;
  response_body: unknown;
  claim_token: string | null;
  lapsed: boolean;
}

/**
 * Remembers which requests an Idempotency-Key was used for and what they answered, in the read-model database. A key
 * is claimed before the command runs, so two requests with one key can never both record events. Every change to a
 * claim names its token: a request whose claim lapsed and was taken over can no longer touch the key.
 */
@Injectable()
export class IdempotencyStore implements OnModuleInit {
  private lastCleanup = 0;
  /** {@link IDEMPOTENCY_CLAIM_LEASE_SECONDS}; tests shorten it. */
  leaseSeconds = IDEMPOTENCY_CLAIM_LEASE_SECONDS;

  constructor(@InjectReadModels() private readonly db: SqlDatabase) {}

  async onModuleInit(): Promise<void> {
    await runMigrations(this.db, 'idempotency', migrations);
  }

  async claim(scope: string, key: string, requestHash: string): Promise<Claim> {
    await this.forgetOldKeys();
    const token = randomUUID();
    const inserted = await this.db.query(
      `INSERT INTO idempotency_keys (scope, idempotency_key, request_hash, state, claim_token, claimed_at)
       VALUES ($1, $2, $3, 'in-progress', $4, now())
       ON CONFLICT DO NOTHING`,
      [scope, key, requestHash, token],
    );
    if (inserted.affectedRows === 1) return { kind: 'claimed', token, abandoned: [] };

    const { rows } = await this.db.query<KeyRow>(
      `SELECT request_hash, state, status_code, response_headers, response_body, claim_token::text AS claim_token,
              claimed_at < now() - $3::double precision * interval '1 second' AS lapsed
         FROM idempotency_keys WHERE scope = $1 AND idempotency_key = $2`,
      [scope, key, this.leaseSeconds],
    );
    const row = rows[0];
    // Released between our insert and this read: the caller may simply try again.
    if (row === undefined) return { kind: 'in-progress' };
    if (row.request_hash !== requestHash) return { kind: 'other-request' };
    if (row.state === 'completed') {
      return { kind: 'completed', response: { statusCode: row.status_code, headers: row.response_headers, body: row.response_body } };
    }
    if (!row.lapsed) return { kind: 'in-progress' };

    // Nobody has heard of the request that holds it for a whole lease: take it over, unless another retry just did.
    const taken = await this.db.query<{ append_attempts: AppendAttempt[] }>(
      `UPDATE idempotency_keys SET claim_token = $3, claimed_at = now()
        WHERE scope = $1 AND idempotency_key = $2 AND state = 'in-progress'
          AND claim_token IS NOT DISTINCT FROM $4::uuid AND claimed_at < now() - $5::double precision * interval '1 second'
        RETURNING append_attempts`,
      [scope, key, token, row.claim_token, this.leaseSeconds],
    );
    if (taken.rows.length !== 1) return { kind: 'in-progress' };
    return { kind: 'claimed', token, abandoned: taken.rows[0].append_attempts };
  }

  /**
   * Writes down the appends the request is about to attempt, and renews its claim. False when the claim is no
   * longer the request's (it lapsed and another request took the key over): then it must not append.
   */
  async recordAttempts(scope: string, key: string, token: string, attempts: readonly AppendAttempt[]): Promise<boolean> {
    const { affectedRows } = await this.db.query(
      `UPDATE idempotency_keys SET append_attempts = $4::jsonb, claimed_at = now()
        WHERE scope = $1 AND idempotency_key = $2 AND claim_token = $3::uuid AND state = 'in-progress'`,
      [scope, key, token, JSON.stringify(attempts)],
    );
    return affectedRows === 1;
  }

  /** Keeps the answer for replays. False when the claim was no longer the request's. */
  async complete(scope: string, key: string, token: string, response: StoredResponse): Promise<boolean> {
    const { affectedRows } = await this.db.query(
      `UPDATE idempotency_keys
          SET state = 'completed', status_code = $4, response_headers = $5, response_body = $6, append_attempts = '[]'::jsonb
        WHERE scope = $1 AND idempotency_key = $2 AND claim_token = $3::uuid AND state = 'in-progress'`,
      [scope, key, token, response.statusCode, JSON.stringify(response.headers), JSON.stringify(response.body ?? null)],
    );
    return affectedRows === 1;
  }

  /** The request recorded nothing: the key may be used again. */
  async release(scope: string, key: string, token: string): Promise<void> {
    await this.db.query(
      `DELETE FROM idempotency_keys WHERE scope = $1 AND idempotency_key = $2 AND claim_token = $3::uuid AND state = 'in-progress'`,
      [scope, key, token],
    );
  }

  private async forgetOldKeys(): Promise<void> {
    // At most once a minute per process: the delete is cheap but need not run for every request.
    if (Date.now() - this.lastCleanup < 60_000) return;
    this.lastCleanup = Date.now();
    await this.db.query(`DELETE FROM idempotency_keys WHERE created_at < now() - interval '${IDEMPOTENCY_KEY_RETENTION_HOURS} hours'`);
  }
}
