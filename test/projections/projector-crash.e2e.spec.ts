import Redis from 'ioredis';
import { SqlEventStore } from '@casusregie/event-store';
import { HouseholdRepository, PersonalDataVault } from '@casusregie/households';
import { ProjectionRunner } from '@casusregie/projections';
import { allProjections } from '@casusregie/runtime';
import { generateHouseholds } from '@casusregie/seeds';
import { PostgresDatabase } from '@casusregie/sql';
import { allProcessed, createTestDatabase, dumpReadModels, eventsProcessed, exited, startProcess, TEST_MASTER_KEY, TEST_REDIS_URL, TestDatabase, waitFor } from '@casusregie/test-support';

/** A Redis database of its own, so that no other test's queue jobs reach this test's projector. */
const REDIS_DB = 11;

/**
 * The BullMQ path against the real Redis: a projector process is killed (SIGKILL) in the middle of catching up and
 * started again. A batch and its checkpoint share one transaction, so the killed batch left nothing behind and is
 * done again: the read models must equal a rebuild from zero — no event lost, none counted twice.
 */
describe('projector killed mid-batch and restarted (PostgreSQL + Redis)', () => {
  let database: TestDatabase;
  let rebuildDatabase: TestDatabase;
  let db: PostgresDatabase;
  let redisUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    rebuildDatabase = await createTestDatabase();
    db = new PostgresDatabase({ connectionString: database.url });
    const url = new URL(TEST_REDIS_URL);
    url.pathname = `/${REDIS_DB}`;
    redisUrl = url.toString();
    const redis = new Redis(redisUrl);
    await redis.flushdb();
    redis.disconnect();
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
    await rebuildDatabase?.drop();
  });

  it('ends with read models identical to a rebuild from zero', async () => {
    const store = await SqlEventStore.open(db);
    const personalData = await PersonalDataVault.open(db, TEST_MASTER_KEY);
    const projections = allProjections({ personalData });
    const { events: total } = await generateHouseholds(new HouseholdRepository(store, personalData), { households: 250, seed: 42 });
    expect(total).toBeGreaterThan(2500);

    const env = {
      EVENT_STORE: 'postgres',
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      AUTH_JWT_SECRET: 'projector-crash-test-secret-0123456789',
      PERSONAL_DATA_MASTER_KEY: TEST_MASTER_KEY,
      PROJECTOR_PORT: '0',
    };
    const processed = async (name: string) => (await eventsProcessed(db, projections))[name];

    const first = startProcess('apps/projector/src/main.ts', env);
    try {
      // Kill it once the read models have taken their first batch but not the last.
      await waitFor(async () => (await processed('household-read-models')) > 0, 60_000, 'the first committed batch');
      first.kill('SIGKILL');
      await exited(first);
    } finally {
      if (first.exitCode === null) first.kill('SIGKILL');
    }
    expect(await processed('household-read-models')).toBeLessThan(total);

    const second = startProcess('apps/projector/src/main.ts', env);
    try {
      await waitFor(
        async () => Object.values(await eventsProcessed(db, projections)).every((n) => n === total),
        90_000,
        `every projection at ${total} events (${second.output()})`,
      );
      expect(await eventsProcessed(db, projections)).toEqual(allProcessed(projections, total));
      second.kill('SIGTERM');
      expect(await exited(second)).toBe(0);
    } finally {
      if (second.exitCode === null) second.kill('SIGKILL');
    }

    const rebuildModels = new PostgresDatabase({ connectionString: rebuildDatabase.url });
    try {
      const runner = new ProjectionRunner(rebuildModels, store);
      // The data keys stay in the first database: the rebuild's directory opens names with them.
      await runner.prepare(projections);
      for (const projection of projections) await runner.rebuild(projection);
      expect(await eventsProcessed(rebuildModels, projections)).toEqual(allProcessed(projections, total));
      const actual = await dumpReadModels(db, projections);
      const expected = await dumpReadModels(rebuildModels, projections);
      for (const table of Object.keys(expected)) expect({ table, rows: actual[table] }).toEqual({ table, rows: expected[table] });
    } finally {
      await rebuildModels.close();
    }
  }, 180_000);
});
