import { parseArgs } from 'node:util';

/** What a bench run measures, and at what size. Every figure is the median over `runs` repetitions. */
export interface BenchOptions {
  /** Which benchmarks to run (B1 … B5). */
  only: readonly BenchId[];
  runs: number;
  /** B1, B5: seconds of load per run, and the HTTP connections (autocannon) and baseline writers. */
  seconds: number;
  connections: number;
  /** B2, B4: generated households (about 10.7 events each), and the seed. */
  households: number;
  seed: number;
  /** B3: commands per second through BullMQ, seconds per run, and whether the commands go through the API's HTTP. */
  lagRates: number[];
  lagSeconds: number;
  lagThrough: 'commands' | 'api';
  /** B4: requests per query per run. */
  queries: number;
  /** Redis for B1 and B3 (each run's keys under a prefix of its own, deleted afterwards; nothing is flushed). */
  redisUrl: string;
  /** B2, B4: a database seeded beforehand (`npm run seed`) instead of generating one. */
  datasetUrl?: string;
}

export const BENCH_IDS = ['B1', 'B2', 'B3', 'B4', 'B5'] as const;
export type BenchId = (typeof BENCH_IDS)[number];

/** Sizes that finish in a few minutes on a 2-core machine. */
export const DEFAULT_OPTIONS: BenchOptions = {
  only: BENCH_IDS,
  runs: 3,
  seconds: 10,
  connections: 32,
  households: 3_000,
  seed: 1,
  lagRates: [200, 50],
  lagSeconds: 10,
  lagThrough: 'api',
  queries: 100,
  redisUrl: 'redis://127.0.0.1:6379/15',
};

/** BENCH_FULL=1: the sizes of the issue (100,000 households ≈ 1M events for B2 and B4) and longer runs. */
export const FULL_OPTIONS: BenchOptions = { ...DEFAULT_OPTIONS, seconds: 30, households: 100_000, lagSeconds: 30, queries: 300 };

export const BENCH_USAGE = `npm run bench -- [--only B1,B3] [--runs 3] [--seconds 10] [--connections 32] [--households 3000]
                    [--seed 1] [--lag-rates 200,50] [--lag-seconds 10] [--lag-through commands|api] [--queries 100] [--redis-url redis://127.0.0.1:6379/15]
                    [--dataset-url postgresql://…/seeded]
BENCH_FULL=1 starts from the full sizes (100,000 households, 30-second runs); flags still override them.
--dataset-url (or BENCH_DATASET_URL) runs B2 and B4 on a database filled by npm run seed, with its PERSONAL_DATA_MASTER_KEY.`;

/** The options of `npm run bench`: BENCH_FULL picks the starting sizes, flags override them. */
export function parseBenchOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const base = env.BENCH_FULL === '1' ? FULL_OPTIONS : DEFAULT_OPTIONS;
  const number = { type: 'string' } as const;
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      only: number,
      runs: number,
      seconds: number,
      connections: number,
      households: number,
      seed: number,
      'lag-rates': number,
      'lag-seconds': number,
      'lag-through': number,
      queries: number,
      'redis-url': number,
      'dataset-url': number,
    },
  });
  const whole = (flag: string, raw: string | undefined, fallback: number, minimum = 1): number => {
    if (raw === undefined) return fallback;
    if (!/^\d{1,9}$/.test(raw) || Number(raw) < minimum) throw new Error(`--${flag}: must be a whole number of at least ${minimum}, got "${raw}"\n${BENCH_USAGE}`);
    return Number(raw);
  };
  const only = values.only === undefined ? base.only : values.only.split(',').map((id) => id.trim().toUpperCase());
  const unknown = only.filter((id) => !(BENCH_IDS as readonly string[]).includes(id));
  if (unknown.length > 0) throw new Error(`--only: unknown benchmark ${unknown.join(', ')}; choose from ${BENCH_IDS.join(', ')}`);
  return {
    only: only as BenchId[],
    runs: whole('runs', values.runs, base.runs),
    seconds: whole('seconds', values.seconds, base.seconds),
    connections: whole('connections', values.connections, base.connections),
    households: whole('households', values.households, base.households),
    seed: whole('seed', values.seed, base.seed, 0),
    lagRates: values['lag-rates'] === undefined ? base.lagRates : values['lag-rates'].split(',').map((rate) => whole('lag-rates', rate.trim(), 0)),
    lagSeconds: whole('lag-seconds', values['lag-seconds'], base.lagSeconds),
    lagThrough: lagThrough(values['lag-through'] ?? base.lagThrough),
    queries: whole('queries', values.queries, base.queries),
    redisUrl: values['redis-url'] ?? base.redisUrl,
    datasetUrl: values['dataset-url'] ?? env.BENCH_DATASET_URL,
  };
}

function lagThrough(raw: string): BenchOptions['lagThrough'] {
  if (raw !== 'commands' && raw !== 'api') throw new Error(`--lag-through: commands or api, got "${raw}"\n${BENCH_USAGE}`);
  return raw;
}
