import { GENERATOR_TODAY } from '@casusregie/seeds';
import { ApiProcess, BENCH_SUPERVISOR, startApiProcess } from './bench-processes';
import { BenchRow, percentile } from './bench-table';
import { GeneratedDataset } from './generated-dataset';

/** The largest norm (one item per melding), so the queries read the most items a municipality has. */
const QUERIES = {
  compliance: `/api/v1/norms/melding-intake/compliance?from=2025-01-01&to=2026-12-31&asOf=${GENERATOR_TODAY}&groupBy=month`,
  worklist: `/api/v1/norms/melding-intake/items?asOf=${GENERATOR_TODAY}&limit=100`,
};

/**
 * B4: a supervisor's compliance query and worklist query over HTTP, one request after another, on the generated
 * households with every projection caught up. Latency percentiles per run, in milliseconds.
 */
export async function benchSupervisorQueries(dataset: GeneratedDataset, runs: number, requests: number): Promise<BenchRow[]> {
  for (const projection of dataset.projections) await dataset.runner.catchUp(projection);
  const api = await startApiProcess(dataset.env);
  try {
    const rows: BenchRow[] = [];
    for (const [name, path] of Object.entries(QUERIES)) {
      await timeRequests(api, path, Math.min(10, requests)); // warm-up
      const p50: number[] = [];
      const p99: number[] = [];
      for (let run = 0; run < runs; run++) {
        const samples = await timeRequests(api, path, requests);
        p50.push(percentile(samples, 50));
        p99.push(percentile(samples, 99));
      }
      const of = `${dataset.households.toLocaleString('en-US')} households, ${dataset.events.toLocaleString('en-US')} events`;
      rows.push({ bench: 'B4', figure: `${name} query p50 (${of})`, unit: 'ms', values: p50 });
      rows.push({ bench: 'B4', figure: `${name} query p99 (${of})`, unit: 'ms', values: p99, goal: { text: '< 50 ms', met: (value) => value < 50 } });
    }
    return rows;
  } finally {
    await api.stop();
  }
}

async function timeRequests(api: ApiProcess, path: string, count: number): Promise<number[]> {
  const authorization = api.bearer(BENCH_SUPERVISOR);
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await fetch(`${api.url}${path}`, { headers: { authorization } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
    samples.push(performance.now() - started);
  }
  return samples;
}
