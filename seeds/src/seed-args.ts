// The command line's file, not the config lib's index: `npm run seed -- --help` answers before the domain loads.
import { parseCommandLine, UsageError } from '@casusregie/config/command-line';

export interface SeedArgs {
  /** Load the scenarios of domain-research §6. */
  scenarios: boolean;
  /** Generate this many households (0: none). */
  households: number;
  seed: number;
  municipality: string;
  concurrency: number;
  appendPerCommand: boolean;
  /** Print a digest of the generated households' events, read back, to compare two runs. */
  digest: boolean;
}

export const SEED_USAGE = `Usage: npm run seed -- [--scenarios] [--households N --seed S] [options]

  --scenarios             record the scenarios of domain-research §6 through the API (run in this process)
  --households N          generate N households through the command path (decide + append)
  --seed S                the generator's seed (default 1): the same seed gives the same events
  --municipality GM0299   the generated households' municipality (CBS code, default GM0299)
  --concurrency C         households written side by side (default 8)
  --append-per-command    one append per command, as the API does (slower; the same events)
  --digest                print a SHA-256 of the generated events as read back, to compare two runs
  --help                  show this text

The stores come from the environment as for the API (EVENT_STORE, DATABASE_URL, DATA_DIR, PERSONAL_DATA_MASTER_KEY, …).`;

/** Reads the command line: 'help' for --help; a bad flag is a UsageError naming it. */
export function parseSeedArgs(argv: readonly string[]): SeedArgs | 'help' {
  const values = parseCommandLine(argv, {
    scenarios: { type: 'boolean', default: false },
    households: { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
    municipality: { type: 'string', default: 'GM0299' },
    concurrency: { type: 'string', default: '8' },
    'append-per-command': { type: 'boolean', default: false },
    digest: { type: 'boolean', default: false },
  });
  if (values === 'help') return 'help';
  const args: SeedArgs = {
    scenarios: values.scenarios,
    households: wholeNumber('--households', values.households, 0),
    seed: wholeNumber('--seed', values.seed, 0),
    municipality: values.municipality,
    concurrency: wholeNumber('--concurrency', values.concurrency, 1),
    appendPerCommand: values['append-per-command'],
    digest: values.digest,
  };
  if (!/^GM\d{4}$/.test(args.municipality)) throw new UsageError(`--municipality must be a CBS code such as GM0299, got "${args.municipality}"`);
  if (!args.scenarios && args.households === 0) throw new UsageError('nothing to do: give --scenarios or --households N');
  return args;
}

function wholeNumber(flag: string, raw: string, minimum: number): number {
  const value = Number(raw);
  if (!/^\d{1,9}$/.test(raw) || value < minimum) throw new UsageError(`${flag} must be a whole number of at least ${minimum}, got "${raw}"`);
  return value;
}
