import { SqlEventStore } from '@casusregie/event-store';
import { HouseholdRepository, PersonalDataVault } from '@casusregie/households';
import { FoldedHouseholds, householdReadModels, householdReadModelsProjection, ProjectionRunner } from '@casusregie/projections';
import { generateHouseholds } from '@casusregie/seeds';
import { allProcessed, dumpOfRebuild, dumpReadModels, eventsProcessed, TEST_MASTER_KEY, ThrowAwayDatabases } from '@casusregie/test-support';

/**
 * The household read models keep each process's folded households in memory and use one only while the stored row
 * is the one that process wrote. Two projections with caches of their own stand for two processes catching up the
 * same tables: they take turns in an irregular order with batches of irregular sizes, so that each finds its cache
 * warm (it applied the household's last batch), stale (the other one applied events since) or cold. The tables must
 * equal a rebuild of the same log in batches of 1,000.
 */
describe('household read models with a cache per process (PostgreSQL, generated history)', () => {
  const databases = new ThrowAwayDatabases();
  afterAll(() => databases.dispose());

  it('two processes taking turns give the rows of a rebuild, whether their caches are warm, stale or cold', async () => {
    const events = await databases.open();
    const store = await SqlEventStore.open(events);
    const personalData = await PersonalDataVault.open(events, TEST_MASTER_KEY);
    const repository = new HouseholdRepository(store, personalData);
    const { events: written } = await generateHouseholds(repository, { households: 50, seed: 77 });

    const models = await databases.open();
    const runner = new ProjectionRunner(models, store);
    const caches = [new FoldedHouseholds(2_000), new FoldedHouseholds(2_000)];
    const processes = caches.map((cache) => householdReadModels(cache, personalData));
    await runner.prepare([processes[0]]);
    // A fixed irregular sequence: who goes next, and with how many events.
    const turns = [0, 0, 1, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1];
    const sizes = [5, 1, 13, 3, 8, 2, 17, 4];
    for (let turn = 0; ; turn++) {
      const { processed } = await runner.catchUp(processes[turns[turn % turns.length]], sizes[turn % sizes.length], 1);
      if (processed === 0) break;
    }

    const rebuilt = await databases.create();
    const expected = await dumpOfRebuild(rebuilt.url, store, [householdReadModelsProjection(personalData)]);
    expect(await eventsProcessed(models, [householdReadModelsProjection(personalData)])).toEqual(allProcessed([householdReadModelsProjection(personalData)], written));
    const actual = await dumpReadModels(models, [householdReadModelsProjection(personalData)]);
    expect(expected.rm_households.length).toBe(50);
    expect(expected.rm_norm_items.length).toBeGreaterThan(100);
    for (const table of Object.keys(expected)) expect({ table, rows: actual[table] }).toEqual({ table, rows: expected[table] });
    // Both ways of finding a household happened, in both processes.
    for (const cache of caches) {
      expect(cache.counts.used).toBeGreaterThan(0);
      expect(cache.counts.stale).toBeGreaterThan(0);
    }
  });
});
