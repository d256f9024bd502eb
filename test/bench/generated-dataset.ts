import { loadConfig } from '@casusregie/config';
import { HouseholdRepository } from '@casusregie/households';
import { Projection, ProjectionRunner } from '@casusregie/projections';
import { allProjections } from '@casusregie/runtime';
import { generateHouseholds } from '@casusregie/seeds';
import { openStorage, Storage } from '@casusregie/storage';
import { createTestDatabase, TestDatabase } from '@casusregie/test-support';
import { serverEnv } from './bench-processes';

/** A PostgreSQL database filled by the seed generator, for the benches that read (B2, B4). */
export interface GeneratedDataset {
  env: Record<string, string>;
  storage: Storage;
  projections: readonly Projection[];
  runner: ProjectionRunner;
  events: number;
  households: number;
  close(): Promise<void>;
}

/** Generates `households` households with `seed` into a fresh database, reporting progress on stderr. */
export async function generateDataset(households: number, seed: number): Promise<GeneratedDataset> {
  const database: TestDatabase = await createTestDatabase();
  const env = serverEnv({ EVENT_STORE: 'postgres', DATABASE_URL: database.url });
  const storage = await openStorage(loadConfig(env));
  try {
    const started = performance.now();
    let reported = started;
    const { events } = await generateHouseholds(new HouseholdRepository(storage.eventStore, storage.personalData), {
      households,
      seed,
      onProgress: (done, written) => {
        if (performance.now() - reported < 10_000) return;
        reported = performance.now();
        process.stderr.write(`  generating: ${done}/${households} households, ${written} events\n`);
      },
    });
    process.stderr.write(`  generated ${households} households, ${events} events in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    return await withProjections(env, storage, households, events, () => database.drop());
  } catch (error) {
    await storage.close();
    await database.drop();
    throw error;
  }
}

/**
 * An existing database filled by `npm run seed -- --households N` (generating 100,000 households takes minutes), with
 * the PERSONAL_DATA_MASTER_KEY it was seeded with. B2 rebuilds its read models; nothing else is changed or dropped.
 */
export async function existingDataset(databaseUrl: string, masterKey: string | undefined): Promise<GeneratedDataset> {
  if (masterKey === undefined) throw new Error('--dataset-url needs PERSONAL_DATA_MASTER_KEY: the key the database was seeded with');
  const env = serverEnv({ EVENT_STORE: 'postgres', DATABASE_URL: databaseUrl, PERSONAL_DATA_MASTER_KEY: masterKey });
  const storage = await openStorage(loadConfig(env));
  const { rows } = await storage.readModels.query<{ n: string }>(`SELECT count(*)::text AS n FROM streams WHERE stream_id LIKE 'household-%'`);
  return withProjections(env, storage, Number(rows[0].n), (await storage.eventStore.countEvents?.()) ?? 0, async () => undefined);
}

async function withProjections(env: Record<string, string>, storage: Storage, households: number, events: number, drop: () => Promise<unknown>) {
  const projections = allProjections(storage);
  const runner = new ProjectionRunner(storage.readModels, storage.eventStore);
  await runner.prepare(projections);
  return {
    env,
    storage,
    projections,
    runner,
    events,
    households,
    async close() {
      await storage.close();
      await drop();
    },
  };
}
