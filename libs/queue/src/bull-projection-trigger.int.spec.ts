import { Job, Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { createTestRedis, TestRedis } from '@casusregie/test-support';
import { BullProjectionTrigger } from './bull-projection-trigger';
import { bullOptions, projectionQueueName } from './redis-connection';

const PROJECTIONS = ['alpha', 'beta', 'gamma'];

async function waitFor<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('BullProjectionTrigger (Redis)', () => {
  // Each test a key prefix of its own (test files, and test runs, share the Redis).
  let target: TestRedis;
  let redis: Redis;
  let trigger: BullProjectionTrigger;

  beforeEach(async () => {
    target = createTestRedis();
    redis = new Redis(target.url);
    trigger = new BullProjectionTrigger(target, PROJECTIONS);
  });
  afterEach(async () => {
    await trigger.close();
    redis.disconnect();
    await target.remove();
  });

  /** Every add reaches Redis as one event in the queue's event stream: `added`, or `deduplicated` when a job waits. */
  const addsTo = async (projection: string): Promise<number> => {
    const entries = await redis.xrange(`${target.keyPrefix}:${projectionQueueName(projection)}:events`, '-', '+');
    return entries.filter(([, fields]) => ['added', 'deduplicated'].includes(fields[fields.indexOf('event') + 1])).length;
  };

  it('coalesces a burst of notifications into one add per queue, and one more for those that came during it', async () => {
    for (let i = 0; i < 1000; i++) trigger.notify();
    const addsAtLeast = async (count: number) => {
      for (const projection of PROJECTIONS) await waitFor(async () => ((await addsTo(projection)) >= count ? true : undefined), `${count} adds`);
    };
    await addsAtLeast(2);

    // Rather than waiting a while for a further add: two single notifications later, one after the other, each must
    // have cost exactly one add more. An add the burst still owed would have come before them (a queue's adds go
    // one at a time), and one the burst left behind to come with a later notification shows as a count too high.
    trigger.notify();
    await addsAtLeast(3);
    trigger.notify();
    await addsAtLeast(4);
    for (const projection of PROJECTIONS) {
      expect(await addsTo(projection)).toBe(4);
      const queue = new Queue(projectionQueueName(projection), bullOptions(target, 'producer'));
      expect(await queue.getWaitingCount()).toBe(1);
      await queue.close();
    }
  });

  it('queues a new catch-up for a notification that comes after the waiting job was started', async () => {
    const started: Job[] = [];
    let release: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (release = resolve));
    const worker = new Worker(
      projectionQueueName('alpha'),
      async (job) => {
        // As the projector's worker does: from here on an append needs a job of its own.
        await job.removeDeduplicationKey();
        started.push(job);
        await running;
      },
      { ...bullOptions(target, 'worker'), concurrency: 1 },
    );
    const queue = new Queue(projectionQueueName('alpha'), bullOptions(target, 'producer'));
    try {
      trigger.notify();
      await waitFor(async () => started[0], 'the first job to start');
      for (let i = 0; i < 100; i++) trigger.notify();
      await waitFor(async () => ((await queue.getWaitingCount()) === 1 ? true : undefined), 'a new waiting job');
      release();
      await waitFor(async () => started[1], 'the second job to start');
      expect(started[1].id).not.toBe(started[0].id);
    } finally {
      release();
      await worker.close();
      await queue.close();
    }
  });
});
