import { TEST_REDIS_URL } from '@casusregie/test-support';
import { DEFAULT_OPTIONS } from '../bench/bench-options';
import { medianOf, renderTable } from '../bench/bench-table';
import { runBenchmarks } from '../bench/run-benchmarks';

/**
 * Every benchmark of `npm run bench` at a tiny size, so that they cannot rot between bench runs. Nothing here judges
 * speed (only a bench run does): it checks that each benchmark runs end to end and yields a figure on every row.
 */
// Each bench starts processes (API, projector, rebuild CLIs; compiled, a few seconds each on a loaded 2-core machine),
// and B1–B5 start eight of them; the benches themselves run for a while even at this size.
const STARTS_PROCESSES_MS = 300_000;

describe('npm run bench at a tiny size', () => {
  const tiny = {
    ...DEFAULT_OPTIONS,
    runs: 1,
    seconds: 1,
    connections: 2,
    households: 12,
    lagRates: [20],
    lagSeconds: 1,
    queries: 2,
    redisUrl: TEST_REDIS_URL,
  };

  it('runs B1–B5 and reports a positive figure, with its baseline where it has one, on every row', async () => {
    const { context, rows, failures } = await runBenchmarks(tiny);

    expect(failures).toEqual([]);
    expect(rows.map((row) => `${row.bench} ${row.figure.replace(/ \(.*\)$/, '')}`)).toEqual([
      'B1 API commands/s over HTTP',
      'B1 API commands/s over HTTP',
      'B1 API command latency p50',
      'B1 API command latency p99',
      'B2 rebuild household-directory',
      'B2 rebuild household-read-models',
      'B2 rebuild provider-notifications',
      'B2 rebuild of all projections, one after another',
      'B2 rebuild of all projections, one reading of the log',
      'B2 rebuild household-read-models, CLI in 1 process',
      'B2 rebuild household-read-models, 2 partitions in 2 processes',
      'B3 append → read model lag p50',
      'B3 append → read model lag p99',
      'B3 commands appended per second during the run',
      'B3 household-read-models append → visible p99, at most',
      'B3 household-directory append → visible p99, at most',
      'B4 compliance query p50',
      'B4 compliance query p99',
      'B4 worklist query p50',
      'B4 worklist query p99',
      'B5 API commands/s over HTTP',
      'B5 API command latency p50',
      'B5 API command latency p99',
    ]);
    for (const row of rows) {
      expect({ row: row.figure, values: row.values.length, positive: medianOf(row.values) > 0 }).toEqual({ row: row.figure, values: 1, positive: true });
      if (row.baseline) expect({ row: row.figure, baseline: medianOf(row.baseline.values) > 0 }).toEqual({ row: row.figure, baseline: true });
    }
    const table = renderTable(context, rows);
    expect(table).toContain(`${context.cpus} CPUs`);
    expect(table.split('\n').filter((line) => line.startsWith('| B'))).toHaveLength(rows.length);
  }, STARTS_PROCESSES_MS);

  it('runs B3 with the command path in the bench process as well', async () => {
    const { rows, failures } = await runBenchmarks({ ...tiny, only: ['B3'], lagThrough: 'commands' });
    expect(failures).toEqual([]);
    expect(rows.map((row) => row.figure.replace(/; last run: .*\)$/, ')'))).toEqual([
      'append → read model lag p50 (20 commands/s offered)',
      'append → read model lag p99 (20 commands/s offered)',
      'commands appended per second during the run (20 offered)',
      'household-read-models append → visible p99, at most (20/s)',
      'household-directory append → visible p99, at most (20/s)',
    ]);
    for (const row of rows) expect({ row: row.figure, positive: medianOf(row.values) > 0 }).toEqual({ row: row.figure, positive: true });
  }, STARTS_PROCESSES_MS);
});
