import { PGliteDatabase } from '@casusregie/sql';
import { createTempDir } from '@casusregie/test-support';
import { BenchOptions } from './bench-options';
import { startApiProcess } from './bench-processes';
import { BenchRow } from './bench-table';
import { benchCommandThroughput } from './command-throughput';

/**
 * B5: the embedded mode (`npm start`: PGlite in DATA_DIR, projections in the API process) over HTTP, against raw
 * single-row inserts into a PGlite database of its own (in this process, same load shape: PGlite queues them).
 */
export async function benchEmbeddedCommands(options: BenchOptions): Promise<BenchRow[]> {
  const apiData = createTempDir('casusregie-bench-api-');
  const rawData = createTempDir('casusregie-bench-raw-');
  const api = await startApiProcess({ EVENT_STORE: 'pglite', DATA_DIR: apiData.path });
  const raw = await PGliteDatabase.open(rawData.path);
  try {
    return await benchCommandThroughput('B5', api, { engine: 'PGlite', raw, rawGoal: 0.1 }, options, options.runs);
  } finally {
    await api.stop();
    await raw.close();
    apiData.remove();
    rawData.remove();
  }
}
