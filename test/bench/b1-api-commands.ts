import { SqlEventStore } from '@casusregie/event-store';
import { PostgresDatabase } from '@casusregie/sql';
import { createTestDatabase, createTestRedis } from '@casusregie/test-support';
import { BenchOptions } from './bench-options';
import { startApiProcess } from './bench-processes';
import { BenchRow } from './bench-table';
import { benchCommandThroughput } from './command-throughput';

/**
 * B1: API command throughput and latency over HTTP on PostgreSQL, as in production (REDIS_URL set, so the API
 * only enqueues projection work; no projector runs), against raw single-row insert transactions at the same
 * concurrency on the same server, and against the event store's own appends (SqlEventStore on that database).
 */
export async function benchApiCommands(options: BenchOptions): Promise<BenchRow[]> {
  const database = await createTestDatabase();
  const redis = createTestRedis(options.redisUrl);
  const raw = new PostgresDatabase({ connectionString: database.url, maxConnections: options.connections });
  const api = await startApiProcess({ EVENT_STORE: 'postgres', DATABASE_URL: database.url, ...redis.env });
  try {
    // The API process has applied the event store's migrations by now; opening it here only finds them done.
    const eventStore = await SqlEventStore.open(raw);
    return await benchCommandThroughput('B1', api, { engine: 'PostgreSQL', raw, rawGoal: 0.15, eventStore }, options, options.runs);
  } finally {
    await api.stop();
    await raw.close();
    await redis.remove();
    await database.drop();
  }
}
