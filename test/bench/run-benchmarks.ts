import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { TEST_DATABASE_URL } from '@casusregie/test-support';
import { benchApiCommands } from './b1-api-commands';
import { benchProjectionRebuild } from './b2-projection-rebuild';
import { benchProjectionLag } from './b3-projection-lag';
import { benchSupervisorQueries } from './b4-supervisor-queries';
import { benchEmbeddedCommands } from './b5-embedded-commands';
import { BenchId, BenchOptions, parseBenchOptions } from './bench-options';
import { BenchContext, BenchRow, renderTable } from './bench-table';
import { existingDataset, GeneratedDataset, generateDataset } from './generated-dataset';

/**
 * Runs the chosen benchmarks one after another (each on databases and processes of its own) and returns their rows
 * with what the table needs to say about the machine. B2 and B4 share one generated dataset.
 */
export async function runBenchmarks(
  options: BenchOptions,
  log: (line: string) => void = () => undefined,
): Promise<{ context: BenchContext; rows: BenchRow[]; failures: string[] }> {
  const rows: BenchRow[] = [];
  // One benchmark failing does not cost the figures of the others.
  const failures: string[] = [];
  let dataset: GeneratedDataset | undefined;
  const generated = async () =>
    (dataset ??=
      options.datasetUrl === undefined
        ? await generateDataset(options.households, options.seed)
        : await existingDataset(options.datasetUrl, process.env.PERSONAL_DATA_MASTER_KEY));
  const benches: Record<BenchId, () => Promise<BenchRow[]>> = {
    B1: () => benchApiCommands(options),
    B2: async () => benchProjectionRebuild(await generated(), options.runs),
    B3: () => benchProjectionLag(options),
    B4: async () => benchSupervisorQueries(await generated(), options.runs, options.queries),
    B5: () => benchEmbeddedCommands(options),
  };
  try {
    for (const id of options.only) {
      log(`${id} …`);
      const started = performance.now();
      try {
        rows.push(...(await benches[id]()));
        log(`${id} done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      } catch (error) {
        failures.push(`${id}: ${describe(error)}`);
        log(`${id} failed: ${describe(error)}`);
      }
    }
  } finally {
    await dataset?.close();
  }
  return { context: await describeMachine(options), rows, failures };
}

async function describeMachine(options: BenchOptions): Promise<BenchContext> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
  await client.end();
  const pglite = (JSON.parse(readFileSync(join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json'), 'utf8')) as { version: string }).version;
  return {
    date: new Date().toISOString().slice(0, 10),
    cpus: cpus().length,
    store: `PostgreSQL ${rows[0].server_version.split(' ')[0]} (B1–B4), PGlite ${pglite} (B5)`,
    node: process.versions.node,
    options:
      `${options.runs} runs; B1/B5 ${options.seconds} s × ${options.connections} connections; B2/B4 ` +
      (options.datasetUrl === undefined ? `${options.households.toLocaleString('en-US')} generated households (seed ${options.seed})` : 'a seeded database') +
      `; B3 ${options.lagRates.join(' and ')}/s × ${options.lagSeconds} s (${options.lagThrough === 'api' ? 'through the API' : 'command path in the bench'}); B4 ${options.queries} requests per query`,
  };
}

function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause !== undefined ? ` (caused by ${String(error.cause)})` : '';
  return `${error instanceof Error ? (error.stack ?? error.message) : String(error)}${cause}`;
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const { context, rows, failures } = await runBenchmarks(options, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`${renderTable(context, rows)}\n`);
  if (failures.length > 0) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`npm run bench: ${describe(error)}\n`);
    process.exit(1);
  });
}
