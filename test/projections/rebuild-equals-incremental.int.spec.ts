import { ProjectionRunner } from '@casusregie/projections';
import { allProjections } from '@casusregie/runtime';
import { generateHouseholds } from '@casusregie/seeds';
import { SqlEventStore } from '@casusregie/event-store';
import { HouseholdRepository, PersonalDataVault } from '@casusregie/households';
import { PostgresDatabase } from '@casusregie/sql';
import { allProcessed, createTestDatabase, dumpReadModels, eventsProcessed, TEST_MASTER_KEY, TestDatabase } from '@casusregie/test-support';

/**
 * SPEC §4: a rebuild must produce exactly the read models of incremental processing. Incremental here means many
 * small batches, taken while more history is still being written; the rebuild replays everything in large batches
 * into a second, empty database. Every row of every table the projections rebuild must be the same, and both runners
 * must have passed every event written (two runners that stopped short alike would give equal rows too).
 */
describe('projection rebuild equals incremental processing (PostgreSQL, generated history)', () => {
  let eventsDb: TestDatabase;
  let rebuildDb: TestDatabase;
  let events: PostgresDatabase;
  let rebuildModels: PostgresDatabase;

  beforeAll(async () => {
    eventsDb = await createTestDatabase();
    rebuildDb = await createTestDatabase();
    events = new PostgresDatabase({ connectionString: eventsDb.url });
    rebuildModels = new PostgresDatabase({ connectionString: rebuildDb.url });
  });
  afterAll(async () => {
    await events?.close();
    await rebuildModels?.close();
    await eventsDb?.drop();
    await rebuildDb?.drop();
  });

  it('gives identical rows in every read-model table', async () => {
    const store = await SqlEventStore.open(events);
    const personalData = await PersonalDataVault.open(events, TEST_MASTER_KEY);
    const repository = new HouseholdRepository(store, personalData);
    const projections = allProjections({ personalData });
    const incremental = new ProjectionRunner(events, store);
    await incremental.prepare(projections);

    let written = 0;
    for (let round = 0; round < 4; round++) {
      written += (await generateHouseholds(repository, { households: 40, seed: 1000 + round })).events;
      for (const projection of projections) await incremental.catchUp(projection, 7);
    }
    expect(written).toBeGreaterThan(1000);

    const rebuilt = new ProjectionRunner(rebuildModels, store);
    await rebuilt.prepare(projections);
    for (const projection of projections) await rebuilt.rebuild(projection, undefined, 1000);

    expect(await eventsProcessed(events, projections)).toEqual(allProcessed(projections, written));
    expect(await eventsProcessed(rebuildModels, projections)).toEqual(allProcessed(projections, written));

    const expected = await dumpReadModels(events, projections);
    const actual = await dumpReadModels(rebuildModels, projections);
    expect(expected.rm_households.length).toBeGreaterThan(100);
    expect(expected.notification_referrals.length).toBeGreaterThan(20);
    expect(expected.rm_norm_items.length).toBeGreaterThan(100);
    expect(expected.rm_norm_item_history.length).toBeGreaterThan(expected.rm_norm_items.length);
    for (const table of Object.keys(expected)) expect({ table, rows: actual[table] }).toEqual({ table, rows: expected[table] });

    // The rebuild leaves statistics behind (afterRebuild), so that the supervisors' queries are planned on them.
    const { rows: analysed } = await rebuildModels.query<{ relname: string }>(
      `SELECT relname FROM pg_stat_user_tables WHERE relname LIKE 'rm_%' AND last_analyze IS NOT NULL ORDER BY relname`,
    );
    expect(analysed.map((row) => row.relname)).toEqual(['rm_households', 'rm_norm_item_history', 'rm_norm_item_tallies', 'rm_norm_items', 'rm_norm_settings', 'rm_norm_settings_applied', 'rm_referrals', 'rm_trajectories']);
  });
});
