import { randomUUID } from 'node:crypto';
import { Principal, signAccessToken } from '@casusregie/auth';
import { SqlEventStore } from '@casusregie/event-store';
import { PostgresDatabase } from '@casusregie/sql';
import { createTestDatabase, createTestRedis, scrape, sum, TEST_MASTER_KEY, TestDatabase, TestRedis, waitFor } from '@casusregie/test-support';
import { consultant } from '../../apps/api/test/support/api-harness';
import { AppProcess, startApp } from './support/app-process';
import { ConnectionKiller } from './support/connection-killer';

const SECRET = 'connection-loss-test-secret-0123456789abcdef';
const COMMANDS = 20;
const PROJECTIONS = ['household-directory', 'household-read-models', 'provider-notifications'];
/** Rounds in a row of terminating every connection of the database, at least, while the commands are under way. */
const MIN_ROUNDS = 5;

interface Command {
  key: string;
  familyName: string;
  givenName: string;
  birthDate: string;
  bsn: string;
}

interface Answer {
  status: number;
  contentType: string | null;
  retryAfter: string | null;
  replayed: boolean;
  body: Record<string, unknown> | undefined;
}

/**
 * An operator's test of a database that drops the application's connections: the api and a projector run as the
 * real processes against the machine's PostgreSQL and Redis, and every connection they hold to their database is
 * terminated (pg_terminate_backend), several times in a row, while 20 commands with an Idempotency-Key each are under
 * way. Both processes must stay up; a command that could not be done answers 503 with Retry-After and is done when
 * retried with its key, once; nothing answered is lost; the projector resumes; no personal data reaches a log.
 */
describe('connection loss: PostgreSQL connections terminated under load (api and projector processes)', () => {
  let database: TestDatabase;
  let api: AppProcess;
  let projector: AppProcess;
  let killer: ConnectionKiller;
  const bearer = (principal: Principal = consultant) => `Bearer ${signAccessToken(principal, SECRET, { expiresIn: '10m' })}`;
  const commands: Command[] = [...Array(COMMANDS)].map((_, n) => command(n));
  const warmUp = command(90);
  const afterOutage = command(91);
  const personalData = [...commands, warmUp, afterOutage].flatMap((c) => [c.familyName, c.givenName, c.birthDate, c.bsn]);
  /** Every answer each key got, in order. */
  const answers = new Map<string, Answer[]>();
  let redis: TestRedis;

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = createTestRedis();
    const env = {
      EVENT_STORE: 'postgres',
      DATABASE_URL: database.url,
      ...redis.env,
      AUTH_JWT_SECRET: SECRET,
      PERSONAL_DATA_MASTER_KEY: TEST_MASTER_KEY,
      LOG_LEVEL: 'debug',
    };
    // One after the other: the first applies the migrations.
    api = await startApp('api', env);
    projector = await startApp('projector', env);
    killer = new ConnectionKiller(database.url);
    await killer.open();
  }, 240_000);

  afterAll(async () => {
    for (const app of [api, projector]) if (app?.exitCode === null) app.kill('SIGKILL');
    await killer?.close();
    await database?.drop();
    await redis?.remove();
  });

  async function post(cmd: Command): Promise<Answer> {
    let answer: Answer;
    try {
      const response = await fetch(`${api.baseUrl}/api/v1/households`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: bearer(), 'Idempotency-Key': cmd.key },
        body: JSON.stringify({
          municipality: 'GM0299',
          team: 'T1',
          registeredOn: '2025-01-15',
          residences: [{ key: 'A' }],
          members: [{ givenName: cmd.givenName, familyName: cmd.familyName, birthDate: cmd.birthDate, bsn: cmd.bsn, role: 'parent', residenceKeys: ['A'] }],
        }),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      answer = {
        status: response.status,
        contentType: response.headers.get('content-type'),
        retryAfter: response.headers.get('retry-after'),
        replayed: response.headers.get('idempotent-replayed') === 'true',
        body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>),
      };
    } catch {
      // No answer at all (the connection to the api broke): recorded as status 0, which no check accepts.
      answer = { status: 0, contentType: null, retryAfter: null, replayed: false, body: undefined };
    }
    answers.set(cmd.key, [...(answers.get(cmd.key) ?? []), answer]);
    return answer;
  }

  const lagOfAllProjections = async () => {
    const samples = await scrape(api.baseUrl);
    return PROJECTIONS.map((projection) => sum(samples, 'casusregie_projection_lag_events', { projection }));
  };

  it('before the outage: a command is stored and projected', async () => {
    expect((await post(warmUp)).status).toBe(201);
    await waitFor(async () => (await lagOfAllProjections()).every((lag) => lag === 0), 60_000, 'the projector to apply the first household');
  });

  let firstAnswers: Answer[] = [];
  let eventCount = 0;
  let outageEndedAt = 0;

  it('while every connection is terminated again and again under 20 concurrent commands, both processes stay up, and each command answers 201 or 503 with Retry-After', async () => {
    let outstanding = commands.length;
    const wave = Promise.all(
      commands.map(async (cmd) => {
        try {
          return await post(cmd);
        } finally {
          outstanding--;
        }
      }),
    );
    let rounds = 0;
    let terminated = 0;
    // Several rounds in a row as the commands start, then one every 300 ms until every command has its answer: the
    // commands, and the projector's batches they set off, meet the outage at every step.
    while (rounds < MIN_ROUNDS || outstanding > 0) {
      terminated += await killer.terminateAll();
      rounds++;
      await new Promise((resolve) => setTimeout(resolve, rounds < MIN_ROUNDS ? 20 : 300));
    }
    firstAnswers = await wave;
    outageEndedAt = Date.now();

    // The outage was real: connections were ended, and some commands felt it.
    expect(terminated).toBeGreaterThan(0);
    const failed = firstAnswers.filter((answer) => answer.status !== 201);
    expect(failed.length).toBeGreaterThan(0);
    for (const answer of failed) {
      expect({ status: answer.status, code: answer.body?.code }).toEqual({ status: 503, code: 'database-unavailable' });
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
      expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(answer.retryAfter)).toBeLessThanOrEqual(10);
    }

    // Neither process ended.
    expect({ api: api.exitCode, projector: projector.exitCode }).toEqual({ api: null, projector: null });
    expect((await fetch(`${api.baseUrl}/api/v1/health/live`)).status).toBe(200);
    expect((await fetch(`${projector.baseUrl}/health/live`)).status).toBe(200);
  }, 120_000);

  it('commands answer 201 again within 10 s once the database answers', async () => {
    await waitFor(async () => (await post(afterOutage)).status === 201, Math.max(0, outageEndedAt + 10_000 - Date.now()), 'a command to succeed after the outage');
  });

  it('each failed command, retried with its own Idempotency-Key, is done exactly once', async () => {
    const failedKeys = commands.filter((_, n) => firstAnswers[n].status !== 201);
    for (const cmd of failedKeys) {
      // A retry may meet the claim of its first attempt for a moment (409 with Retry-After); it must end in 201.
      await waitFor(async () => (await post(cmd)).status === 201, 90_000, `the retry of command ${cmd.key}`);
    }
    for (const cmd of [...commands, warmUp, afterOutage]) {
      const keyAnswers = answers.get(cmd.key) ?? [];
      for (const answer of keyAnswers) {
        // Only the answers a client can act on: done, not yet (503), or the first attempt still under way (409).
        expect([201, 503, 409]).toContain(answer.status);
        if (answer.status === 409) expect(answer.body?.code).toBe('idempotency-key-in-progress');
      }
      const done = keyAnswers.filter((answer) => answer.status === 201);
      expect(done.length).toBeGreaterThanOrEqual(1);
      // The first 201 is the command; any later one is its replay, with the same household.
      expect(new Set(done.map((answer) => answer.body?.id)).size).toBe(1);
      expect(done.slice(1).every((answer) => answer.replayed)).toBe(true);
    }
  }, 240_000);

  it('every command answered 201 is stored at the version answered, and no key made two households', async () => {
    const db = new PostgresDatabase({ connectionString: database.url, maxConnections: 2 });
    try {
      const store = await SqlEventStore.open(db);
      const households = new Map<string, string>();
      for (const [key, keyAnswers] of answers) {
        for (const answer of keyAnswers.filter((a) => a.status === 201)) {
          const id = answer.body?.id as string;
          households.set(key, id);
          const stream = await store.readStream(`household-${id}`);
          expect({ key, exists: stream.exists, version: stream.currentVersion, first: stream.events[0]?.type }).toEqual({
            key,
            exists: true,
            version: answer.body?.version,
            first: 'HouseholdRegistered',
          });
        }
      }
      expect(households.size).toBe(COMMANDS + 2);
      // One household per key: nothing else was registered, whatever failed on the way.
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE event_type = 'HouseholdRegistered'`);
      expect(rows[0].n).toBe(households.size);
      eventCount = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0].n;
      // Every key ended answered; none is left claimed by a request that stored nothing.
      const keys = await db.query<{ state: string; n: number }>('SELECT state, count(*)::int AS n FROM idempotency_keys GROUP BY state');
      expect(keys.rows).toEqual([{ state: 'completed', n: households.size }]);
    } finally {
      await db.close();
    }
  });

  it('the projector resumes: the read models catch up and search finds every household', async () => {
    await waitFor(async () => (await lagOfAllProjections()).every((lag) => lag === 0), 90_000, 'the projections to catch up after the outage');
    // A lost connection is no fault of an event: nothing was parked for it, and the api is ready again.
    expect(sum(await scrape(api.baseUrl), 'casusregie_projection_parked_events')).toBe(0);
    const ready = await fetch(`${api.baseUrl}/api/v1/health/ready`);
    expect({ status: ready.status, body: await ready.json() }).toMatchObject({ status: 200, body: { status: 'ok' } });
    for (const cmd of [...commands, afterOutage]) {
      const id = answers.get(cmd.key)?.find((answer) => answer.status === 201)?.body?.id;
      const response = await fetch(`${api.baseUrl}/api/v1/households/_search`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: bearer() },
        body: JSON.stringify({ bsn: cmd.bsn }),
      });
      expect(response.status).toBe(200);
      const { results } = (await response.json()) as { results: { householdId: string }[] };
      expect(results.map((result) => result.householdId)).toEqual([id]);
    }
    const applied = sum(await scrape(projector.baseUrl), 'casusregie_projection_events_applied_total', { projection: 'household-read-models' });
    // Each batch counted once, when committed: none was applied twice.
    expect(applied).toBeGreaterThan(0);
    expect(applied).toBeLessThanOrEqual(eventCount);
  }, 120_000);

  it('the processes are still up and logged JSON lines only, with errors by class and code and no personal data', async () => {
    expect({ api: api.exitCode, projector: projector.exitCode }).toEqual({ api: null, projector: null });
    for (const app of [api, projector]) {
      const lines = app.output().split('\n').filter((line) => line.trim() !== '');
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
      const output = app.output();
      for (const personal of personalData) expect({ personal, found: output.includes(personal) }).toEqual({ personal, found: false });
      // The last-resort handlers never had to step in: every source of an error handled it.
      expect(app.logLines().filter((line) => /uncaught|unhandled/i.test(String(line.msg)))).toEqual([]);
    }
    const unavailable = api.logLines().filter((line) => /database unavailable/i.test(String(line.msg)));
    expect(unavailable.length).toBeGreaterThan(0);
    // Nor in Redis: failed jobs keep their reason and stack there, which name the cause by class and code only.
    const inRedis = await redis.text();
    expect(inRedis).toContain(`${redis.keyPrefix}:`);
    for (const personal of personalData) expect({ personal, inRedis: inRedis.includes(personal) }).toEqual({ personal, inRedis: false });
  });
});

/** The n-th command: its own key and person (names, birth date and a BSN that passes the elfproef). */
function command(n: number): Command {
  const letters = (value: number) => String.fromCharCode(97 + Math.floor(value / 26), 97 + (value % 26));
  return {
    key: randomUUID(),
    familyName: `Stroomuitval${letters(n)}`,
    givenName: `Verbindina${letters(n)}`,
    birthDate: `${1930 + (n % 70)}-07-23`,
    bsn: bsnFor(n),
  };
}

function bsnFor(n: number): string {
  for (let last = 0; ; last++) {
    const prefix = `7${String(n * 37 + last).padStart(7, '0')}`;
    let total = 0;
    for (let i = 0; i < 8; i++) total += (9 - i) * Number(prefix[i]);
    const check = total % 11;
    if (check < 10) return `${prefix}${check}`;
  }
}
