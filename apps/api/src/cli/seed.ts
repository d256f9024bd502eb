import { randomBytes } from 'node:crypto';
// Only what reads the command line is imported here; the stores, the generator and the API load once the flags are
// good (runCli).
import { runCli } from '@casusregie/runtime/run-cli';
import { parseSeedArgs, SEED_USAGE } from '@casusregie/seeds/seed-args';

/**
 * npm run seed -- --scenarios | --households N --seed S [--municipality GM0299]
 *
 * Fills the configured stores: the acceptance scenarios through the API, generated households through the command
 * path. The read models follow as usual: the API (embedded) or the projector (with REDIS_URL) catches up.
 */
async function main(argv: readonly string[]): Promise<number | 'help'> {
  const args = parseSeedArgs(argv);
  if (args === 'help') return 'help';
  const { loadConfig } = await import('@casusregie/config');
  // Seeding signs no tokens for anyone else: a server store may leave AUTH_JWT_SECRET unset here.
  const tokenSecretGiven = process.env.AUTH_JWT_SECRET !== undefined || process.env.AUTH_JWT_SECRET_FILE !== undefined;
  const config = loadConfig(tokenSecretGiven ? process.env : { ...process.env, AUTH_JWT_SECRET: randomBytes(32).toString('base64') });
  if (args.scenarios) {
    const started = Date.now();
    // The API is loaded only for the scenarios: generating needs no more than the domain and the stores.
    const { loadScenarios } = await import('./load-scenarios');
    await loadScenarios(config);
    process.stdout.write(`scenarios §6.1–§6.6 recorded in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  if (args.households > 0) {
    const { seedHouseholds } = await import('./seed-households');
    await seedHouseholds(config, args);
  }
  return 0;
}

/**
 * The scenarios cannot go through a running API instead: their dates run to the end of 2028, and only an API whose
 * clock is pinned to SCENARIO_TODAY records them. So the seed says what to do.
 */
async function whatToDoWhenInUse(error: unknown): Promise<string | undefined> {
  // Asked after a failure only, when the stores are loaded already.
  const { EmbeddedStoreInUseError } = await import('@casusregie/storage');
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
