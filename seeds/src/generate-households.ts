import { HouseholdRepository } from '@casusregie/households';
import { SeededRandom } from './seeded-random';
import { writeHousehold } from './write-household';

export interface GenerateOptions {
  households: number;
  seed: number;
  municipality?: string;
  /** The generator's "today": no step is dated after it. Fixed by default, so that a seed means the same later. */
  today?: string;
  /** Households written side by side (each one's own commands stay in order); default 8. */
  concurrency?: number;
  /** One append per command, as the API does; by default a household's commands share as few appends as its history allows. */
  appendPerCommand?: boolean;
  /** Called after each household with the households and events written so far. */
  onProgress?: (households: number, events: number) => void;
}

export const GENERATOR_TODAY = '2026-11-23';

/**
 * Writes realistic household histories through the real command path (the domain's decide, then an append at the
 * decided version through the repository, which seals personal data as it does for the API), so every generated event is one the API could have recorded. Deterministic for a seed: the same
 * seed writes the same facts in every household stream, whatever the concurrency (event ids, recording instants and
 * global positions are the store's and differ).
 *
 * Histories mix the trajectory kinds of the sources: Wmo support with triage and referrals, GGZ waiting list with a
 * verkennend gesprek, inburgering with PIP and learning route, youth care moving to adult support, and waakvlam
 * after maatwerk; delays are spread around each norm so that some items breach.
 */
export async function generateHouseholds(repository: HouseholdRepository, options: GenerateOptions): Promise<{ households: number; events: number }> {
  const settings = { municipality: options.municipality ?? 'GM0299', today: options.today ?? GENERATOR_TODAY, appendPerCommand: options.appendPerCommand };
  let next = 0;
  let households = 0;
  let events = 0;

  const writeNext = async (): Promise<void> => {
    for (let index = next++; index < options.households; index = next++) {
      let written: number;
      try {
        written = await writeHousehold(repository, SeededRandom.forItem(options.seed, index), settings);
      } catch (error) {
        next = options.households; // the other writers stop after their current household
        throw error;
      }
      households++;
      events += written;
      options.onProgress?.(households, events);
    }
  };
  const writers = Array.from({ length: Math.max(1, options.concurrency ?? 8) }, writeNext);
  await Promise.all(writers);
  return { households, events };
}

/** The id of household `index` of a run with `seed`: the first draw of its random source (see writeHousehold). */
export function generatedHouseholdId(seed: number, index: number): string {
  return SeededRandom.forItem(seed, index).uuid();
}
