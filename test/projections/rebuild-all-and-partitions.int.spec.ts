import { SqlEventStore } from '@casusregie/event-store';
import { settingsOf, shippedNorm } from '@casusregie/domain';
import { HouseholdRepository, normSettingsStreamId, PersonalDataVault, toNormSettingsEvent } from '@casusregie/households';
import { Projection, ProjectionRunner } from '@casusregie/projections';
import { allProjections } from '@casusregie/runtime';
import { generateHouseholds } from '@casusregie/seeds';
import { PostgresDatabase, SqlDatabase } from '@casusregie/sql';
import { dumpReadModels, TEST_MASTER_KEY, ThrowAwayDatabases } from '@casusregie/test-support';

/** GM0299 sets the verkennend gesprek to another term, from 2026-01-01. */
async function changeNorm(store: SqlEventStore, duration: string): Promise<void> {
  const normId = 'verkennend-gesprek-4w';
  await store.appendToStream(normSettingsStreamId('GM0299'), [
    toNormSettingsEvent(
      { normId, effectiveFrom: '2026-01-01', settings: { ...settingsOf(shippedNorm(normId)), duration }, reason: 'test' },
      { actor: { id: 'admin-1', role: 'admin' }, municipality: 'GM0299', correlationId: `change-${duration}` },
    ),
  ]);
}

/** The two projections the product allows to split, in two partitions each. */
const SPLIT = { 'household-directory': 2, 'household-read-models': 2 };

/** The secondary and key indexes of the read-model tables, as PostgreSQL would make them again. */
async function indexesOf(db: SqlDatabase, projections: readonly Projection[]): Promise<string[]> {
  const { rows } = await db.query<{ def: string }>(
    'SELECT indexdef AS def FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ANY($1::text[]) ORDER BY indexname',
    [projections.flatMap((p) => p.tables)],
  );
  return rows.map((row) => row.def);
}

/**
 * Issue 17: a rebuild of several projections reads the log once, makes its secondary indexes at the end, and a
 * projection split by household into partitions (caught up by two runners in turn, or rebuilt by two at once) makes
 * the same rows as the projection whole. Everything is compared with incremental processing of one generated history.
 */
describe('rebuildAll and projections split into partitions (PostgreSQL, generated history)', () => {
  const databases = new ThrowAwayDatabases();
  let store: SqlEventStore;
  let whole: readonly Projection[];
  let split: readonly Projection[];
  let incremental: PostgresDatabase;
  let partitioned: PostgresDatabase;
  let expected: Record<string, string[]>;

  const database = () => databases.open();

  beforeAll(async () => {
    incremental = await database();
    partitioned = await database();
    store = await SqlEventStore.open(incremental);
    const personalData = await PersonalDataVault.open(incremental, TEST_MASTER_KEY);
    whole = allProjections({ personalData });
    split = allProjections({ personalData }, SPLIT);
    const repository = new HouseholdRepository(store, personalData);
    const runner = new ProjectionRunner(incremental, store);
    await runner.prepare(whole);
    // Two runners, each with a partition of each split projection, taking turns in small batches as history grows.
    const first = new ProjectionRunner(partitioned, store);
    const second = new ProjectionRunner(partitioned, store);
    await first.prepare(split);
    for (let round = 0; round < 4; round++) {
      await generateHouseholds(repository, { households: 30, seed: 1700 + round });
      // Between rounds the municipality changes a norm twice: every partition recomputes its own households' items.
      if (round === 1 || round === 2) await changeNorm(store, round === 1 ? 'P21D' : 'P35D');
      for (const projection of whole) await runner.catchUp(projection, 7);
      for (const projection of split) await (projection.name.includes('#1/') ? second : first).catchUp(projection, 11, 3);
    }
    for (const projection of split) await (projection.name.includes('#1/') ? second : first).catchUp(projection, 11);
    expected = await dumpReadModels(incremental, whole);
    expect(expected.rm_households.length).toBeGreaterThan(80);
    expect(expected.rm_norm_settings.length).toBe(2);
    // The changes moved deadlines: history rows stamped with a change's position exist.
    const { rows: restamped } = await incremental.query<{ n: number }>(
      'SELECT count(*)::integer AS n FROM rm_norm_item_history h JOIN rm_norm_settings s ON s.position = h.position',
    );
    expect(restamped[0].n).toBeGreaterThan(10);
    expect(expected.household_directory.length).toBeGreaterThan(80);
  }, 120_000);

  afterAll(() => databases.dispose());

  it('partitions caught up by two runners in turn give the rows of the whole projection', async () => {
    expect(split.map((p) => p.name)).toContain('household-read-models#1/2');
    expect(await dumpReadModels(partitioned, whole)).toEqual(expected);
  });

  it('rebuildAll gives the rows of separate rebuilds and of incremental processing, with every index as the migrations make it', async () => {
    const all = await database();
    const runner = new ProjectionRunner(all, store);
    await runner.prepare(whole);
    const { processed } = await runner.rebuildAll(whole);
    expect(processed).toBe(await store.countEvents?.());
    expect(await dumpReadModels(all, whole)).toEqual(expected);

    const separate = await database();
    const one = new ProjectionRunner(separate, store);
    await one.prepare(whole);
    for (const projection of whole) await one.rebuild(projection);
    expect(await dumpReadModels(separate, whole)).toEqual(expected);

    // The deferred indexes are back, under the same names with the same definitions.
    const indexes = await indexesOf(incremental, whole);
    expect(indexes.some((def) => def.includes('rm_norm_items_query'))).toBe(true);
    expect(await indexesOf(all, whole)).toEqual(indexes);
    expect(await indexesOf(separate, whole)).toEqual(indexes);
  });

  it('two runners rebuilding one partition each at once swap in the rows of the whole projection', async () => {
    const db = await database();
    const runners = [new ProjectionRunner(db, store), new ProjectionRunner(db, store)];
    await runners[0].prepare(split);
    const readModels = split.filter((p) => p.partition?.of === 'household-read-models');
    const swapped = await Promise.all(readModels.map((partition, i) => runners[i].rebuild(partition)));
    expect(swapped.map((s) => s.processed)).toEqual([await store.countEvents?.(), await store.countEvents?.()]);
    // Only the household read models were rebuilt here.
    const readModelsWhole = whole.filter((p) => p.name === 'household-read-models');
    const expectedReadModels = await dumpReadModels(incremental, readModelsWhole);
    expect(await dumpReadModels(db, readModelsWhole)).toEqual(expectedReadModels);
    expect(await indexesOf(db, readModelsWhole)).toEqual(await indexesOf(incremental, readModelsWhole));
    // Both partitions' checkpoints were swapped in: caught up, they find nothing more to apply.
    for (const partition of readModels) expect((await runners[0].catchUp(partition)).processed).toBe(0);
    expect(await dumpReadModels(db, readModelsWhole)).toEqual(expectedReadModels);
  });

  it('a rebuild killed half-way leaves the live tables; of partitions, nothing is swapped in until the last is done', async () => {
    const runner = new ProjectionRunner(partitioned, store);
    const killed = new Error('killed');
    await expect(runner.rebuildAll(split, (applied) => {
      if (applied >= 500) throw killed;
    }, 250)).rejects.toBe(killed);
    expect(await dumpReadModels(partitioned, whole)).toEqual(expected);

    // One partition done, the other killed: the live tables stay; run again, the killed one goes on and swaps both.
    const [zero, one] = split.filter((p) => p.partition?.of === 'household-read-models');
    await runner.rebuild(zero);
    expect(await dumpReadModels(partitioned, whole)).toEqual(expected);
    await expect(runner.rebuild(one, (applied) => {
      if (applied >= 500) throw killed;
    }, 250)).rejects.toBe(killed);
    const { rows } = await partitioned.query<{ n: string }>("SELECT count(*)::text AS n FROM rebuild_household_read_models.rm_households");
    expect(Number(rows[0].n)).toBeGreaterThan(0);
    expect(await dumpReadModels(partitioned, whole)).toEqual(expected);
    await runner.rebuild(one);
    expect(await dumpReadModels(partitioned, whole)).toEqual(expected);
    // The read models' shadow schema was swapped in; the others', of the killed rebuildAll, wait for a rebuild.
    const { rows: schemas } = await partitioned.query<{ name: string }>("SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE 'rebuild%' ORDER BY 1");
    expect(schemas.map((schema) => schema.name)).toEqual(['rebuild_household_directory', 'rebuild_provider_notifications']);
    const { rows: slots } = await partitioned.query<{ projection: string }>("SELECT projection FROM projection_checkpoints WHERE projection LIKE 'household-read-models%' ORDER BY 1");
    expect(slots.map((slot) => slot.projection)).toEqual(['household-read-models#0/2', 'household-read-models#1/2']);
  });
});
