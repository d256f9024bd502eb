import { Queue } from 'bullmq';
import { NOTIFICATION_QUEUE, bullOptions, projectionQueueName, RedisTarget } from './redis-connection';

export interface QueueJobCount {
  queue: string;
  /** Jobs ready to run that no worker has taken yet. */
  waiting: number;
  /** Failed jobs still kept in Redis. */
  failed: number;
}

/** Every queue of the product: one per projection, and the notifications'. */
export function allQueueNames(projectionNames: readonly string[]): string[] {
  return [...projectionNames.map(projectionQueueName), NOTIFICATION_QUEUE];
}

/** Reads how many jobs wait and how many failed, per queue, for /metrics. */
export class QueueJobCounts {
  private readonly queues: Queue[];
  private reading: Promise<QueueJobCount[]> | undefined;

  constructor(redis: RedisTarget, queueNames: readonly string[]) {
    this.queues = queueNames.map((name) => {
      const queue = new Queue(name, bullOptions(redis, 'producer'));
      // Without a listener an 'error' event would end the process; casusregie_queue_up says when Redis is away.
      queue.on('error', () => undefined);
      return queue;
    });
  }

  /**
   * While Redis is away BullMQ waits for it to come back rather than failing, so a read may take that long: callers
   * give up by themselves (withTimeout), and a read still under way is shared rather than started again.
   */
  read(): Promise<QueueJobCount[]> {
    this.reading ??= this.readOnce().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private readOnce(): Promise<QueueJobCount[]> {
    return Promise.all(
      this.queues.map(async (queue) => {
        const counts = await queue.getJobCounts('waiting', 'prioritized', 'failed');
        return { queue: queue.name, waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0), failed: counts.failed ?? 0 };
      }),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close().catch(() => undefined)));
  }
}
