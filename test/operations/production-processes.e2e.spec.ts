import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Principal, signAccessToken } from '@casusregie/auth';
import { loadConfig } from '@casusregie/config';
import { SqlEventStore } from '@casusregie/event-store';
import { PostgresDatabase } from '@casusregie/sql';
import { openStorage } from '@casusregie/storage';
import { createTestDatabase, createTestRedis, labelValues, scrape, sum, TEST_MASTER_KEY, TestDatabase, TestRedis, waitFor } from '@casusregie/test-support';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { ApiHarness, consultant } from '../../apps/api/test/support/api-harness';
import { HouseholdClient } from '../../apps/api/test/support/household-client';
import { householdWithTrajectory, PERSONAL_DATA, refer } from '../notifications/support/referral-scenario';
import { WebhookReceiver } from '../notifications/support/webhook-receiver';
import { AppProcess, Exit, startApp, terminate } from './support/app-process';

const SECRET = 'production-processes-test-secret-0123456789';
const PROJECTIONS = ['household-directory', 'household-read-models', 'provider-notifications'];
const QUEUES = [...PROJECTIONS.map((name) => `projection-${name}`), 'notifications'];
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** Personal data recorded besides the scenario's: the plan's free text, and the households of the burst. */
const PLAN_GOAL = 'Rustig slapen en een baan als kok vinden';
const BURST_NAMES = ['Marieke', 'Burstma'];
const AGB_CODE = '41000001';

/**
 * The api and a projector as the processes `npm run start:api` and `npm run start:projector` run, against the
 * machine's PostgreSQL and Redis: a scenario shows in both processes' /metrics, their logs are JSON lines that name
 * requests without naming people, and a SIGTERM in the middle of a burst of requests loses no answered request and
 * stores no unanswered one.
 */
describe('api and projector processes: metrics, logs and graceful shutdown (PostgreSQL + Redis)', () => {
  let database: TestDatabase;
  let redis: TestRedis;
  let db: PostgresDatabase;
  let env: Record<string, string>;
  let api: AppProcess;
  let projector: AppProcess;
  /** The api process of the last test, whose whole log it reads. */
  let logged: AppProcess;
  let scenario: { householdId: string; trajectoryId: string; referralId: string };
  const receiver = new WebhookReceiver();
  const bearer = (principal: Principal = consultant) => `Bearer ${signAccessToken(principal, SECRET, { expiresIn: '10m' })}`;
  /** The api process, for the test helpers written for an in-process harness (they use only these two). */
  const remoteApi = () => ({ http: () => request(api.baseUrl), bearer }) as unknown as ApiHarness;
  const registrations = () => db.query<{ n: string }>(`SELECT count(*)::text AS n FROM events WHERE event_type = 'HouseholdRegistered'`);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new PostgresDatabase({ connectionString: database.url });
    redis = createTestRedis();
    await receiver.start();
    // The provider's webhook is down for the first two attempts.
    receiver.respond = (attempt) => (attempt <= 2 ? 503 : 204);
    env = {
      EVENT_STORE: 'postgres',
      DATABASE_URL: database.url,
      ...redis.env,
      AUTH_JWT_SECRET: SECRET,
      PERSONAL_DATA_MASTER_KEY: TEST_MASTER_KEY,
      LOG_LEVEL: 'debug',
      NOTIFICATIONS_BACKOFF_MS: '100',
      NOTIFICATIONS_SWEEP_MS: '100',
    };
    api = await startApp('api', env);
  }, 180_000);

  afterAll(async () => {
    for (const app of [api, projector, logged]) if (app?.exitCode === null) app.kill('SIGKILL');
    await receiver.close();
    await db?.close();
    await database?.drop();
    await redis?.remove();
  });

  it('before a projector runs, the api counts requests by route template and events by type, and shows the projections lagging', async () => {
    await request(api.baseUrl)
      .post('/api/v1/providers')
      .set('Authorization', bearer({ sub: 'beheerder', roles: ['admin'], municipality: 'GM0299' }))
      .send({
        agbCode: AGB_CODE,
        name: 'GGNet',
        productCategories: ['lichtere-zorg'],
        webhookUrl: receiver.url,
        webhookSecret: 'webhook-secret-of-the-provider-0123456789',
      })
      .expect(201);
    const { client, householdId, trajectoryId } = await householdWithTrajectory(remoteApi());
    const referralId = await refer(client, householdId, trajectoryId, AGB_CODE);
    scenario = { householdId, trajectoryId, referralId };
    await request(api.baseUrl)
      .get(`/api/v1/households/${householdId}`)
      .set('Authorization', bearer())
      .set('traceparent', `00-${TRACE_ID}-00f067aa0ba902b7-01`)
      .expect(200);
    await request(api.baseUrl).get(`/api/v1/households/${'0b7d1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4'}`).set('Authorization', bearer()).expect(404);
    await request(api.baseUrl).get('/api/v1/no-such-route').expect(404);

    const response = await fetch(`${api.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const text = await response.text();
    // Served without a token: no id of anything, and nothing of a person, may be in it.
    expect(text).not.toMatch(UUID);
    for (const personal of PERSONAL_DATA) expect(text).not.toContain(personal);

    const samples = await scrape(api.baseUrl);
    const requests = (labels: Record<string, string>) => sum(samples, 'http_request_duration_seconds_count', labels);
    expect(requests({ method: 'POST', route: '/api/v1/households', status: '201' })).toBe(1);
    expect(requests({ method: 'GET', route: '/api/v1/households/:householdId', status: '200' })).toBeGreaterThanOrEqual(2);
    expect(requests({ method: 'GET', route: '/api/v1/households/:householdId', status: '404' })).toBe(1);
    expect(requests({ method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    expect(requests({ method: 'POST', route: '/api/v1/households/:householdId/trajectories/:trajectoryId/referrals', status: '201' })).toBe(1);

    expect(sum(samples, 'casusregie_events_appended_total', { type: 'HouseholdRegistered' })).toBe(1);
    expect(sum(samples, 'casusregie_events_appended_total', { type: 'TrajectoryOpened' })).toBe(1);
    expect(sum(samples, 'casusregie_events_appended_total', { type: 'ReferralMade' })).toBe(1);

    const appended = sum(samples, 'casusregie_events_appended_total');
    expect(labelValues(samples, 'casusregie_projection_lag_events', 'projection')).toEqual(PROJECTIONS);
    for (const projection of PROJECTIONS) {
      expect({ projection, events: sum(samples, 'casusregie_projection_lag_events', { projection }) }).toEqual({ projection, events: appended });
      expect(sum(samples, 'casusregie_projection_lag_seconds', { projection })).toBeGreaterThan(0);
    }
    expect(sum(samples, 'casusregie_queue_up')).toBe(1);
    expect(labelValues(samples, 'casusregie_queue_depth', 'queue')).toEqual([...QUEUES].sort());
    // Each append asked for a catch-up; with no projector they wait, one per projection (deduplicated).
    for (const queue of QUEUES.slice(0, 3)) expect({ queue, depth: sum(samples, 'casusregie_queue_depth', { queue }) }).toEqual({ queue, depth: 1 });
    // Node's own figures, for the real process.
    expect(sum(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it('a projector catches up and delivers; its /metrics counts the events applied, the deliveries and the failed attempts', async () => {
    projector = await startApp('projector', env);
    await waitFor(async () => receiver.acknowledged.length === 1, 60_000, 'the referral notification acknowledged');
    await waitFor(
      async () => {
        const samples = await scrape(api.baseUrl);
        return labelValues(samples, 'casusregie_projection_lag_events', 'projection').length === 3 && sum(samples, 'casusregie_projection_lag_events') === 0;
      },
      60_000,
      'the projections caught up',
    );

    const appended = sum(await scrape(api.baseUrl), 'casusregie_events_appended_total');
    const samples = await scrape(projector.baseUrl);
    for (const projection of PROJECTIONS) {
      const applied = sum(samples, 'casusregie_projection_events_applied_total', { projection });
      expect({ projection, applied }).toEqual({ projection, applied: appended });
      expect(sum(samples, 'casusregie_projection_lag_events', { projection })).toBe(0);
      // Where the lag went: every applied event's append → visible time, and each batch's read, apply and commit.
      expect({ projection, visible: sum(samples, 'casusregie_projection_visible_seconds_count', { projection }) }).toEqual({ projection, visible: appended });
      const batches = sum(samples, 'casusregie_projection_batch_seconds_count', { projection, phase: 'read' });
      expect(batches).toBeGreaterThan(0);
      for (const phase of ['apply', 'commit']) {
        expect({ projection, phase, batches: sum(samples, 'casusregie_projection_batch_seconds_count', { projection, phase }) }).toEqual({ projection, phase, batches });
      }
      expect(sum(samples, 'casusregie_projection_trigger_wait_seconds_count', { projection })).toBeGreaterThan(0);
    }
    const failedAttempts = receiver.received.filter((r) => r.status >= 300).length;
    expect(failedAttempts).toBe(2);
    expect(sum(samples, 'casusregie_notification_deliveries_total', { outcome: 'delivered' })).toBe(1);
    expect(sum(samples, 'casusregie_notification_deliveries_total', { outcome: 'retrying' })).toBe(failedAttempts);
    expect(sum(samples, 'casusregie_queue_job_failures_total', { queue: 'notifications' })).toBe(failedAttempts);
    expect(labelValues(samples, 'casusregie_queue_failed_jobs', 'queue')).toEqual([...QUEUES].sort());
    expect(await (await fetch(`${projector.baseUrl}/metrics`)).text()).not.toMatch(UUID);
  });

  it('counts the appends that lost a race against another api process', async () => {
    // A second writer on the same stores: the same api, in this process.
    const config = loadConfig(env);
    const other: INestApplication = await createApiApp(config, await openStorage(config), { logger: false });
    try {
      const { members } = await new HouseholdClient(remoteApi()).get(scenario.householdId);
      const goals = [{ memberId: members[0].memberId, lifeDomain: 'geestelijke-gezondheid', description: PLAN_GOAL }];
      const revisePlan = (http: ApiHarness['http']) =>
        http().put(`/api/v1/households/${scenario.householdId}/plan`).set('Authorization', bearer()).send({ date: '2026-05-01', goals });
      const conflicts = async () => sum(await scrape(api.baseUrl), 'casusregie_concurrency_conflicts_total');
      // Whether two writers collide is up to the scheduler; a few rounds of both at once make it all but certain.
      for (let round = 0; round < 30 && (await conflicts()) === 0; round++) {
        const answers = await Promise.all(
          [...Array(4)].flatMap(() => [revisePlan(remoteApi().http), revisePlan(() => request(other.getHttpServer()))]),
        );
        expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
      }
      expect(await conflicts()).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });

  it('on SIGTERM during a burst of requests, answers or refuses each without losing one, and both processes exit 0 within 15 s', async () => {
    const before = Number((await registrations()).rows[0].n);
    const answers: { status: number; id?: string }[] = [];
    let refused = 0;
    let terminating: Promise<[Exit, Exit]> | undefined;
    let answeredBeforeSignal = 0;
    const register = async (n: number) => {
      const response = await fetch(`${api.baseUrl}/api/v1/households`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: bearer() },
        body: JSON.stringify({
          municipality: 'GM0299',
          team: 'T1',
          registeredOn: '2026-05-01',
          residences: [{ key: 'A' }],
          members: [{ givenName: BURST_NAMES[0], familyName: `${BURST_NAMES[1]}${n}`, birthDate: '1987-04-01', role: 'parent', residenceKeys: ['A'] }],
        }),
      });
      const body = await response.text();
      answers.push({ status: response.status, id: response.status === 201 ? (JSON.parse(body) as { id: string }).id : undefined });
    };
    // Eight clients, each registering one household after the other until the api no longer takes requests.
    let sequence = 0;
    const client = async () => {
      for (;;) {
        try {
          await register(sequence++);
        } catch {
          refused++;
          if (terminating !== undefined) return;
        }
        if (terminating === undefined && answers.length >= 16) {
          answeredBeforeSignal = answers.length;
          terminating = Promise.all([terminate(api), terminate(projector)]);
        }
      }
    };
    await Promise.all([...Array(8)].map(client));
    const [apiExit, projectorExit] = await (terminating as Promise<[Exit, Exit]>);

    expect(apiExit.code).toBe(0);
    expect(projectorExit.code).toBe(0);
    expect(apiExit.ms).toBeLessThan(15_000);
    expect(projectorExit.ms).toBeLessThan(15_000);
    expect(refused).toBeGreaterThanOrEqual(8);
    // The requests under way at the signal were finished, not dropped.
    expect(answers.length).toBeGreaterThan(answeredBeforeSignal);

    // Every answered success is stored; nothing else is: no failed or unanswered request left an event behind.
    const succeeded = answers.filter((answer) => answer.status === 201);
    expect(succeeded.length).toBeGreaterThanOrEqual(16);
    const store = await SqlEventStore.open(db);
    for (const { id } of succeeded) {
      const stream = await store.readStream(`household-${id}`);
      expect({ id, first: stream.events[0]?.type }).toEqual({ id, first: 'HouseholdRegistered' });
    }
    expect(Number((await registrations()).rows[0].n)).toBe(before + succeeded.length);
  }, 120_000);

  it('logged one JSON line per request — ids, route template, status, duration — with the caller’s trace id, and no personal data', async () => {
    // An api process of this test alone, so that every request it logs is one made here, and all of its log is in
    // once it has exited.
    logged = await startApp('api', env);
    const burstName = { givenName: BURST_NAMES[0], familyName: `${BURST_NAMES[1]}Log`, birthDate: '1987-04-01', role: 'parent', residenceKeys: ['A'] };
    const made: { traceId: string; method: string; route: string; status: number }[] = [];
    const send = async (method: 'GET' | 'POST', path: string, expected: { route: string; status: number }, body?: object, token = true) => {
      const traceId = randomBytes(16).toString('hex');
      const call = method === 'GET' ? request(logged.baseUrl).get(path) : request(logged.baseUrl).post(path).send(body);
      if (token) void call.set('Authorization', bearer());
      await call.set('traceparent', `00-${traceId}-00f067aa0ba902b7-01`).expect(expected.status);
      made.push({ traceId, method, ...expected });
    };
    // And one without a trace header: the api starts a trace of its own.
    await request(logged.baseUrl).get(`/api/v1/households/${scenario.householdId}`).set('Authorization', bearer()).expect(200);
    const household = '/api/v1/households/:householdId';
    await send('GET', `/api/v1/households/${scenario.householdId}`, { route: household, status: 200 });
    await send('GET', `/api/v1/households/${scenario.householdId}`, { route: household, status: 401 }, undefined, false);
    await send('GET', '/api/v1/households/0b7d1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4', { route: household, status: 404 });
    await send('GET', '/api/v1/no-such-route', { route: 'unmatched', status: 404 }, undefined, false);
    await send('POST', '/api/v1/households/_search', { route: '/api/v1/households/_search', status: 200 }, { familyName: PERSONAL_DATA[2] });
    await send('POST', '/api/v1/households', { route: '/api/v1/households', status: 400 }, { municipality: 'GM0299', members: [burstName] });
    await send(
      'POST',
      '/api/v1/households',
      { route: '/api/v1/households', status: 201 },
      { municipality: 'GM0299', team: 'T1', registeredOn: '2026-05-01', residences: [{ key: 'A' }], members: [burstName] },
    );
    expect((await terminate(logged)).code).toBe(0);

    for (const app of [api, projector, logged]) {
      const lines = app.output().split('\n').filter((line) => line.trim() !== '');
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
      for (const personal of [...PERSONAL_DATA, PLAN_GOAL, ...BURST_NAMES]) expect({ personal, found: app.output().includes(personal) }).toEqual({ personal, found: false });
    }
    const requestLines = logged.logLines().filter((line) => line.msg === 'request');
    // One line for each request made, and none besides: compared by trace id, then line by line.
    const traced = new Set(made.map((call) => call.traceId));
    expect(requestLines.map((line) => line.traceId).filter((id) => traced.has(id as string)).sort()).toEqual([...traced].sort());
    expect(requestLines.filter((line) => !traced.has(line.traceId as string))).toEqual([
      expect.objectContaining({ traceId: expect.stringMatching(/^[0-9a-f]{32}$/), method: 'GET', route: household, status: 200 }),
    ]);
    for (const call of made) {
      expect(requestLines.find((line) => line.traceId === call.traceId)).toEqual(
        expect.objectContaining({
          level: expect.any(Number),
          service: 'casusregie-api',
          requestId: expect.any(String),
          method: call.method,
          route: call.route,
          status: call.status,
          durationMs: expect.any(Number),
        }),
      );
    }
    expect(new Set(requestLines.map((line) => line.requestId)).size).toBe(made.length + 1);
  }, 120_000);
});
