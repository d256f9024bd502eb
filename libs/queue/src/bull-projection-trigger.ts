import { Queue } from 'bullmq';
import { ProjectionTrigger } from './projection-trigger';
import { bullOptions, projectionQueueName, RedisTarget } from './redis-connection';

/**
 * One projection's queue, adding at most one catch-up job at a time: a notification while an add is on its way to
 * Redis is remembered and leads to one more add once it returned. That one is still needed, because a worker may
 * have taken the job (freeing the deduplication key) after the first add and before the append that notified.
 */
class CoalescedCatchUp {
  private adding = false;
  private again = false;
  private closed = false;

  constructor(
    private readonly queue: Queue,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  request(): void {
    if (this.closed) return;
    if (this.adding) {
      this.again = true;
      return;
    }
    this.adding = true;
    this.again = false;
    this.queue
      // At most one catch-up waits per projection: appends before it starts share it (it reads everything appended
      // up to then). The worker frees the key as the job starts, so an append during a run queues the next one.
      .add('catch-up', {}, { deduplication: { id: 'catch-up' }, removeOnComplete: true, removeOnFail: 100 })
      .catch(this.onFailure)
      .finally(() => {
        this.adding = false;
        if (this.again) this.request();
      });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue.close().catch(() => undefined);
  }
}

/** The API's side of the projection queues: a deduplicated "catch up" job per projection after appends. */
export class BullProjectionTrigger implements ProjectionTrigger {
  private readonly queues: CoalescedCatchUp[];
  private lastFailure: unknown;

  constructor(redis: RedisTarget, projectionNames: readonly string[]) {
    this.queues = projectionNames.map((name) => {
      const queue = new Queue(projectionQueueName(name), bullOptions(redis, 'producer'));
      // Without a listener an 'error' event would end the process; Redis being away is reported by health instead.
      queue.on('error', (error) => (this.lastFailure = error));
      return new CoalescedCatchUp(queue, (error) => (this.lastFailure = error));
    });
  }

  notify(): void {
    for (const queue of this.queues) queue.request();
  }

  /** The last error seen talking to Redis, for diagnostics. */
  get failure(): unknown {
    return this.lastFailure;
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
  }
}
