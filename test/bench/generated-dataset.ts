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
      await database.drop();
    },
  };
}
