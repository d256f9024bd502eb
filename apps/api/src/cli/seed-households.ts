import { Presets, SingleBar } from 'cli-progress';
import { AppConfig } from '@casusregie/config';
import { HouseholdRepository } from '@casusregie/households';
import { ProviderAlreadyRegisteredError, ProviderRegistry } from '@casusregie/providers';
import { generatedHouseholdId, generateHouseholds, historyDigest, REGIONAL_PROVIDERS, SeedArgs } from '@casusregie/seeds';
import { openStorage, Storage } from '@casusregie/storage';

/** `npm run seed -- --households N`: generated households through the command path, on the configured stores. */
export async function seedHouseholds(config: AppConfig, args: SeedArgs): Promise<void> {
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
