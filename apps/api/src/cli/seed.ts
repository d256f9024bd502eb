import { randomBytes } from 'node:crypto';
import { Presets, SingleBar } from 'cli-progress';
import { AppConfig, loadConfig } from '@casusregie/config';
import { HouseholdRepository } from '@casusregie/households';
import { ProviderAlreadyRegisteredError, ProviderRegistry } from '@casusregie/providers';
import { runCli } from '@casusregie/runtime';
import { EmbeddedStoreInUseError, openStorage, Storage } from '@casusregie/storage';
import { generatedHouseholdId, generateHouseholds, historyDigest, parseSeedArgs, REGIONAL_PROVIDERS, SEED_USAGE, SeedArgs } from '@casusregie/seeds';

/**
 * npm run seed -- --scenarios | --households N --seed S [--municipality GM0299]
 *
 * Fills the configured stores: the acceptance scenarios through the API, generated households through the command
 * path. The read models follow as usual: the API (embedded) or the projector (with REDIS_URL) catches up.
 */
async function main(argv: readonly string[]): Promise<number | 'help'> {
  const args = parseSeedArgs(argv);
  if (args === 'help') return 'help';
  // Seeding signs no tokens for anyone else: a server store may leave AUTH_JWT_SECRET unset here.
  const tokenSecretGiven = process.env.AUTH_JWT_SECRET !== undefined || process.env.AUTH_JWT_SECRET_FILE !== undefined;
  const config = loadConfig(tokenSecretGiven ? process.env : { ...process.env, AUTH_JWT_SECRET: randomBytes(32).toString('base64') });
  if (args.scenarios) {
    const started = Date.now();
    // The API is loaded only for the scenarios: generating needs no more than the domain and the stores.
    const { loadScenarios } = await import('./load-scenarios');
    await loadScenarios(config);
    process.stdout.write(`scenarios §6.1–§6.6 recorded in ${seconds(started).toFixed(1)} s\n`);
  }
  if (args.households > 0) await generate(config, args);
  return 0;
}

async function generate(config: AppConfig, args: SeedArgs): Promise<void> {
  const storage = await openStorage(config);
  try {
    await registerRegionalProviders(storage, args.municipality);
    const repository = new HouseholdRepository(storage.eventStore, storage.personalData);
    const bar = new SingleBar(
      {
        format: 'households [{bar}] {value}/{total} | {events} events | {rate} events/s | {duration_formatted}',
        hideCursor: true,
        // In a log (no terminal) a line every ten seconds.
        noTTYOutput: true,
        notTTYSchedule: 10_000,
      },
      Presets.shades_classic,
    );
    const started = Date.now();
    bar.start(args.households, 0, { events: 0, rate: 0 });
    const { households, seed, municipality, concurrency, appendPerCommand } = args;
    const written = await generateHouseholds(repository, {
      households,
      seed,
      municipality,
      concurrency,
      appendPerCommand,
      onProgress: (households, events) => bar.update(households, { events, rate: Math.round(events / Math.max(seconds(started), 0.001)) }),
    });
    bar.stop();
    const took = seconds(started);
    process.stdout.write(`${written.households} households, ${written.events} events in ${took.toFixed(1)} s (${Math.round(written.events / took)} events/s)\n`);
    if (args.digest) {
      const ids = Array.from({ length: args.households }, (_, index) => generatedHouseholdId(args.seed, index));
      process.stdout.write(`digest of seed ${args.seed}: ${await historyDigest(repository, ids)}\n`);
    }
  } finally {
    await storage.close();
  }
}

/** The providers generated maatwerk referrals go to, contracted by the municipality, as the API requires of new ones. */
async function registerRegionalProviders(storage: Storage, municipality: string): Promise<void> {
  const registry = new ProviderRegistry(storage.readModels, storage.masterKey);
  await registry.prepare();
  for (const { agbCode, name } of REGIONAL_PROVIDERS) {
    try {
      await registry.register({ agbCode, name, municipality, productCategories: ['maatwerk'] }, 'seed-generator');
    } catch (error) {
      if (!(error instanceof ProviderAlreadyRegisteredError)) throw error;
    }
  }
}

function seconds(since: number): number {
  return (Date.now() - since) / 1000;
}

/**
 * The scenarios cannot go through a running API instead: their dates run to the end of 2028, and only an API whose
 * clock is pinned to SCENARIO_TODAY records them. So the seed says what to do.
 */
function whatToDoWhenInUse(error: unknown): string | undefined {
  if (!(error instanceof EmbeddedStoreInUseError)) return undefined;
  return [
    `${error.message}, most likely the API (npm start).`,
    'PGlite lets one process at a time open it. Either:',
    '  - stop the API (Ctrl-C), run the seed again, then start the API: it takes in the seeded events as it starts; or',
    '  - run the API and the seed on PostgreSQL, where both can be open at once (the API takes in the seeded events',
    '    within seconds): give both the same EVENT_STORE=postgres, DATABASE_URL and PERSONAL_DATA_MASTER_KEY.',
  ].join('\n');
}

runCli({ name: 'seed', usage: SEED_USAGE, explain: whatToDoWhenInUse }, main);
