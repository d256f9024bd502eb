import { SqlEventStore } from '@casusregie/event-store';
import { HouseholdRepository, PersonalDataVault } from '@casusregie/households';
import { BullProjectionTrigger } from '@casusregie/queue';
import { allProjections } from '@casusregie/runtime';
import { generateHouseholds } from '@casusregie/seeds';
import { PostgresDatabase } from '@casusregie/sql';
import { createTestDatabase, createTestRedis, dumpOfRebuild, dumpReadModels, scrape, sum, TEST_MASTER_KEY, TestDatabase, TestRedis, waitFor } from '@casusregie/test-support';
import { AppProcess, startApp, terminate } from './support/app-process';

const ROUNDS = 6;

/**
 * Scaling out: two projector processes on one Redis. Each projection's queue lets one job run at a time across both,
 * so the catch-ups spread over the processes while every projection stays in order; together they must build the
 * read models a single process rebuilds from zero, each event applied once.
 */
describe('two projector processes on one Redis (PostgreSQL + Redis)', () => {
  let database: TestDatabase;
  let rebuildDatabase: TestDatabase;
  let db: PostgresDatabase;
  let redis: TestRedis;
  const projectors: AppProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    rebuildDatabase = await createTestDatabase();
    db = new PostgresDatabase({ connectionString: database.url });
    redis = createTestRedis();
  });
  afterAll(async () => {
    for (const projector of projectors) if (projector.exitCode === null) projector.kill('SIGKILL');
    await db?.close();
    await database?.drop();
    await rebuildDatabase?.drop();
    await redis?.remove();
  });

  it('share the work and together build read models identical to a single-process rebuild', async () => {
    const store = await SqlEventStore.open(db);
    const personalData = await PersonalDataVault.open(db, TEST_MASTER_KEY);
    const repository = new HouseholdRepository(store, personalData);
    const projections = allProjections({ personalData });
    const env = {
      EVENT_STORE: 'postgres',
      DATABASE_URL: database.url,
      ...redis.env,
      AUTH_JWT_SECRET: 'two-projectors-test-secret-0123456789',
      PERSONAL_DATA_MASTER_KEY: TEST_MASTER_KEY,
    };
    projectors.push(...(await Promise.all([startApp('projector', env), startApp('projector', env)])));

    // Rounds of new events, each announced as the api does after an append, so that many catch-up jobs are handed out.
    const trigger = new BullProjectionTrigger(redis, projections.map((p) => p.name));
    const processed = async () =>
      (await db.query<{ n: string }>('SELECT events_processed::text AS n FROM projection_checkpoints')).rows.map((row) => Number(row.n));
    let total = 0;
    try {
      for (let round = 1; round <= ROUNDS; round++) {
        total += (await generateHouseholds(repository, { households: 20, seed: round })).events;
        trigger.notify();
        await waitFor(async () => (await processed()).every((n) => n === total), 60_000, `round ${round} projected (${total} events)`);
      }
    } finally {
      await trigger.close();
    }
    expect(await processed()).toEqual(projections.map(() => total));

    // Each process counted what it applied: every event once, spread over both.
    const applied = await Promise.all(projectors.map(async (projector) => scrape(projector.baseUrl)));
    for (const { name } of projections) {
      const perProcess = applied.map((samples) => sum(samples, 'casusregie_projection_events_applied_total', { projection: name }));
      expect({ projection: name, applied: perProcess[0] + perProcess[1] }).toEqual({ projection: name, applied: total });
    }
    for (const samples of applied) expect(sum(samples, 'casusregie_projection_events_applied_total')).toBeGreaterThan(0);

    const exits = await Promise.all(projectors.map(terminate));
    for (const exit of exits) {
      expect(exit.code).toBe(0);
      expect(exit.ms).toBeLessThan(15_000);
    }

    const actual = await dumpReadModels(db, projections);
    const expected = await dumpOfRebuild(rebuildDatabase.url, store, projections);
    for (const table of Object.keys(expected)) expect({ table, rows: actual[table] }).toEqual({ table, rows: expected[table] });
  }, 300_000);
});
