import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Principal, signAccessToken } from '@casusregie/auth';
import { loadConfig } from '@casusregie/config';
import { fixedClock } from '@casusregie/runtime';
import { PostgresDatabase } from '@casusregie/sql';
import { openStorage } from '@casusregie/storage';
import { createTestDatabase, TEST_MASTER_KEY, TestDatabase } from '@casusregie/test-support';
import { createApiApp } from '../create-api-app';
import { journalAppends } from './append-journal';
import { idempotencyScope } from './idempotency-scope';
import { requestDigester } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency.store';

const SECRET = 'idempotency-e2e-secret-0123456789abcdef';
const consultant: Principal = { sub: 'consultant-1', roles: ['consultant'], team: 'T1', municipality: 'GM0299' };
const SCOPE = idempotencyScope(consultant, 'POST', '/api/v1/households');

/**
 * Idempotency-Key when a request fails half-way, on a real PostgreSQL: the database itself is made to fail the
 * append, or the step after it (a trigger raising the error PostgreSQL sends when an operator ends a connection), so
 * each case happens exactly where it must. The API is built as main.ts builds it, with its appends journaled.
 */
describe('Idempotency-Key when a request fails half-way (PostgreSQL)', () => {
  let database: TestDatabase;
  let db: PostgresDatabase;
  let app: INestApplication;
  const bearer = `Bearer ${signAccessToken(consultant, SECRET, { expiresIn: '10m' })}`;

  let requestHashOf: ((body: unknown) => string) | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig({ EVENT_STORE: 'postgres', DATABASE_URL: database.url, PERSONAL_DATA_MASTER_KEY: TEST_MASTER_KEY, AUTH_JWT_SECRET: SECRET });
    const storage = await openStorage(config);
    requestHashOf = requestDigester(storage.masterKey);
    app = await createApiApp(config, { ...storage, eventStore: journalAppends(storage.eventStore) }, { logger: false, clock: fixedClock('2026-11-23') });
    db = new PostgresDatabase({ connectionString: database.url, maxConnections: 2 });
    // The step after the append: the processing log. A function that fails like a terminated connection, on demand.
    await db.exec(`
      CREATE TABLE failures (target text PRIMARY KEY);
      CREATE FUNCTION fail_on_demand() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM failures WHERE target = TG_TABLE_NAME) THEN
            RAISE EXCEPTION 'terminating connection due to administrator command' USING ERRCODE = 'admin_shutdown';
          END IF;
          RETURN NEW;
        END $$;
      CREATE TRIGGER fail_on_demand BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION fail_on_demand();
      CREATE TRIGGER fail_on_demand BEFORE INSERT ON processing_log FOR EACH ROW EXECUTE FUNCTION fail_on_demand();
    `);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.close();
    await database?.drop();
  });

  afterEach(() => db.query('DELETE FROM failures'));

  const failInserts = (table: 'events' | 'processing_log') => db.query('INSERT INTO failures VALUES ($1)', [table]);
  const body = (familyName: string) => ({
    municipality: 'GM0299',
    team: 'T1',
    registeredOn: '2026-01-05',
    residences: [{ key: 'A' }],
    members: [{ givenName: 'Sanne', familyName, birthDate: '1990-02-03', role: 'parent', residenceKeys: ['A'] }],
  });
  const register = (key: string, payload: object) =>
    request(app.getHttpServer()).post('/api/v1/households').set('Authorization', bearer).set('Idempotency-Key', key).send(payload);
  const registrations = async () =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE event_type = 'HouseholdRegistered'`)).rows[0].n;
  const keyState = async (key: string) =>
    (await db.query<{ state: string }>('SELECT state FROM idempotency_keys WHERE idempotency_key = $1', [key])).rows[0]?.state;

  it('an append that failed releases the key: the retry registers the household, once', async () => {
    const key = randomUUID();
    const payload = body('Appendfaalt');
    const before = await registrations();
    await failInserts('events');
    const failed = await register(key, payload).expect(503).expect('Retry-After', '2');
    expect(failed.body.code).toBe('database-unavailable');
    expect(await keyState(key)).toBeUndefined();
    expect(await registrations()).toBe(before);

    await db.query('DELETE FROM failures');
    const done = await register(key, payload).expect(201);
    expect(done.headers['idempotent-replayed']).toBeUndefined();
    expect(await registrations()).toBe(before + 1);
    const replayed = await register(key, payload).expect(201).expect('Idempotent-Replayed', 'true');
    expect(replayed.body).toEqual(done.body);
  });

  it('a request that failed after its append completes the key: the retry replays the household it recorded, and records nothing', async () => {
    const key = randomUUID();
    const payload = body('Logfaalt');
    const before = await registrations();
    await failInserts('processing_log');
    await register(key, payload).expect(503);
    // The household was recorded before the processing log failed.
    expect(await registrations()).toBe(before + 1);
    expect(await keyState(key)).toBe('completed');

    await db.query('DELETE FROM failures');
    const retried = await register(key, payload).expect(201).expect('Idempotent-Replayed', 'true');
    const { rows } = await db.query<{ stream_id: string; stream_version: string; event_id: string }>(
      `SELECT stream_id, stream_version::text, event_id::text FROM events WHERE event_type = 'HouseholdRegistered' ORDER BY global_position DESC LIMIT 1`,
    );
    expect(retried.body).toEqual({ id: rows[0].stream_id.replace('household-', ''), version: 1, eventIds: [rows[0].event_id] });
    expect(retried.headers.location).toBe(`/api/v1/households/${retried.body.id}`);
    expect(retried.headers.etag).toBe('"1"');
    expect(await registrations()).toBe(before + 1);
    await request(app.getHttpServer()).get(`/api/v1/households/${retried.body.id}`).set('Authorization', bearer).expect(200);
  });

  describe('a claim whose request went quiet (its process died, or the database went before it could release it)', () => {
    const abandon = async (key: string, payload: object, attempts: object[], secondsAgo: number) =>
      db.query(
        `INSERT INTO idempotency_keys (scope, idempotency_key, request_hash, state, claim_token, claimed_at, append_attempts)
         VALUES ($1, $2, $3, 'in-progress', $4, now() - $5::int * interval '1 second', $6::jsonb)`,
        [SCOPE, key, requestHashOf!(payload), randomUUID(), secondsAgo, JSON.stringify(attempts)],
      );

    it('holds for the lease: a retry meanwhile is told to wait', async () => {
      const key = randomUUID();
      const payload = body('Wachtnog');
      await abandon(key, payload, [], 5);
      const response = await register(key, payload).expect(409).expect('Retry-After', '1');
      expect(response.body.code).toBe('idempotency-key-in-progress');
    });

    it('after the lease, is taken over; an append it set out to make but never recorded does not count', async () => {
      const key = randomUUID();
      const payload = body('Nooitopgeslagen');
      const before = await registrations();
      await abandon(key, payload, [{ streamId: `household-${randomUUID()}`, eventIds: [randomUUID()], expectedVersion: 'no-stream' }], 120);
      const response = await register(key, payload).expect(201);
      expect(response.headers['idempotent-replayed']).toBeUndefined();
      expect(await registrations()).toBe(before + 1);
      expect(await keyState(key)).toBe('completed');
    });

    it('after the lease, is taken over; an append it did record is answered from the stream, not made again', async () => {
      const first = await request(app.getHttpServer()).post('/api/v1/households').set('Authorization', bearer).send(body('Welopgeslagen')).expect(201);
      const key = randomUUID();
      const payload = body('Welopgeslagen');
      const before = await registrations();
      await abandon(key, payload, [{ streamId: `household-${first.body.id}`, eventIds: first.body.eventIds, expectedVersion: 'no-stream' }], 120);
      const response = await register(key, payload).expect(201).expect('Idempotent-Replayed', 'true');
      expect(response.body).toEqual(first.body);
      expect(await registrations()).toBe(before);
    });
  });

  it('a request whose claim lapsed and was taken over can no longer record, complete or release it', async () => {
    const store = app.get(IdempotencyStore);
    const key = randomUUID();
    const slow = await store.claim(SCOPE, key, 'hash');
    expect(slow.kind).toBe('claimed');
    await db.query(`UPDATE idempotency_keys SET claimed_at = now() - interval '2 minutes' WHERE idempotency_key = $1`, [key]);
    const retry = await store.claim(SCOPE, key, 'hash');
    expect(retry.kind).toBe('claimed');
    if (slow.kind !== 'claimed' || retry.kind !== 'claimed') return;
    expect(await store.claim(SCOPE, key, 'hash')).toEqual({ kind: 'in-progress' });

    // The slow request wakes up: it may not append (recordAttempts is asked first), nor touch the key.
    const attempt = { streamId: `household-${randomUUID()}`, eventIds: [randomUUID()], expectedVersion: 'no-stream' as const };
    expect(await store.recordAttempts(SCOPE, key, slow.token, [attempt])).toBe(false);
    expect(await store.complete(SCOPE, key, slow.token, { statusCode: 201, headers: {}, body: { slow: true } })).toBe(false);
    await store.release(SCOPE, key, slow.token);
    expect(await keyState(key)).toBe('in-progress');

    expect(await store.recordAttempts(SCOPE, key, retry.token, [attempt])).toBe(true);
    expect(await store.complete(SCOPE, key, retry.token, { statusCode: 201, headers: {}, body: { retry: true } })).toBe(true);
    expect(await store.claim(SCOPE, key, 'hash')).toEqual({ kind: 'completed', response: { statusCode: 201, headers: {}, body: { retry: true } } });
  });
});
