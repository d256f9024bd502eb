import { SqlEventStore } from '@casusregie/event-store';
import { HouseholdRepository, PersonalDataVault } from '@casusregie/households';
import { ProjectionRunner } from '@casusregie/projections';
import { allProjections } from '@casusregie/runtime';
import { generateHouseholds } from '@casusregie/seeds';
import { PostgresDatabase } from '@casusregie/sql';
import { createTestDatabase, createTestRedis, dumpReadModels, exited, startProcess, TEST_MASTER_KEY, TestDatabase, TestRedis, waitFor } from '@casusregie/test-support';

/**
 * The BullMQ path against the real Redis: a projector process is killed (SIGKILL) in the middle of catching up and
 * started again. A batch and its checkpoint share one transaction, so the killed batch left nothing behind and is
 * done again: the read models must equal a rebuild from zero — no event lost, none counted twice.
 */
describe('projector killed mid-batch and restarted (PostgreSQL + Redis)', () => {
  let database: TestDatabase;
  let rebuildDatabase: TestDatabase;
  let db: PostgresDatabase;
  // A key prefix of its own, so that no other test's queue jobs reach this test's projector.
  let redis: TestRedis;

  beforeAll(async () => {
    database = await createTestDatabase();
    rebuildDatabase = await createTestDatabase();
    db = new PostgresDatabase({ connectionString: database.url });
    redis = createTestRedis();
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
    await rebuildDatabase?.drop();
    await redis?.remove();
  });

  it('ends with read models identical to a rebuild from zero', async () => {
    const store = await SqlEventStore.open(db);
    const personalData = await PersonalDataVault.open(db, TEST_MASTER_KEY);
    const { events: total } = await generateHouseholds(new HouseholdRepository(store, personalData), { households: 250, seed: 42 });
    expect(total).toBeGreaterThan(2500);

    const env = {
      EVENT_STORE: 'postgres',
      DATABASE_URL: database.url,
      ...redis.env,
      AUTH_JWT_SECRET: 'projector-crash-test-secret-0123456789',
      PERSONAL_DATA_MASTER_KEY: TEST_MASTER_KEY,
      PROJECTOR_PORT: '0',
    };
    const processed = async (name: string) => {
      // Until the projector has prepared its tables there is nothing processed.
      const prepared = await db.query(`SELECT 1 FROM pg_tables WHERE tablename = 'projection_checkpoints'`);
      if (prepared.rows.length === 0) return 0;
      const { rows } = await db.query<{ n: string }>(
        'SELECT events_processed::text AS n FROM projection_checkpoints WHERE projection = $1',
        [name],
      );
      return rows.length === 0 ? 0 : Number(rows[0].n);
    };

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
        async () => (await processed('household-read-models')) === total && (await processed('household-directory')) === total,
        90_000,
        `both projections at ${total} events (${second.output()})`,
      );
      second.kill('SIGTERM');
      expect(await exited(second)).toBe(0);
    } finally {
      if (second.exitCode === null) second.kill('SIGKILL');
    }

    const rebuildModels = new PostgresDatabase({ connectionString: rebuildDatabase.url });
    try {
      const runner = new ProjectionRunner(rebuildModels, store);
      // The data keys stay in the first database: the rebuild's directory opens names with them.
      const projections = allProjections({ personalData });
      await runner.prepare(projections);
      for (const projection of projections) await runner.rebuild(projection);
      const actual = await dumpReadModels(db);
      const expected = await dumpReadModels(rebuildModels);
      for (const table of Object.keys(expected)) expect({ table, rows: actual[table] }).toEqual({ table, rows: expected[table] });
    } finally {
      await rebuildModels.close();
    }
  }, 180_000);
});
