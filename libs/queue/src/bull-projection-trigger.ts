import { Queue } from 'bullmq';
import { ProjectionTrigger } from './projection-trigger';
import { projectionQueueName, QUEUE_PREFIX, redisOptions } from './redis-connection';

/** The API's side of the projection queues: one deduplicated "catch up" job per projection after each append. */
export class BullProjectionTrigger implements ProjectionTrigger {
  private readonly queues: Queue[];
  private lastFailure: unknown;

  constructor(redisUrl: string, projectionNames: readonly string[]) {
    const connection = redisOptions(redisUrl, 'producer');
    this.queues = projectionNames.map((name) => {
      const queue = new Queue(projectionQueueName(name), { connection, prefix: QUEUE_PREFIX });
      // Without a listener an 'error' event would end the process; Redis being away is reported by health instead.
      queue.on('error', (error) => (this.lastFailure = error));
      return queue;
    });
  }

  notify(): void {
    for (const queue of this.queues) {
      queue
        // At most one catch-up waits per projection: appends before it starts share it (it reads everything appended
        // up to then). The worker frees the key as the job starts, so an append during a run queues the next one.
        .add('catch-up', {}, { deduplication: { id: 'catch-up' }, removeOnComplete: true, removeOnFail: 100 })
        .catch((error: unknown) => (this.lastFailure = error));
    }
  }

  /** The last error seen talking to Redis, for diagnostics. */
  get failure(): unknown {
    return this.lastFailure;
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close().catch(() => undefined)));
  }
}
