import { Queue, Worker } from 'bullmq';
import { Metrics } from '@casusregie/operations';
import { DataFreeError } from '@casusregie/sql';
import { CatchUpRunner } from './catch-up-runner';
import { bullOptions, projectionQueueName, RedisTarget } from './redis-connection';

export interface ProjectionWorkerOptions {
  /** How often the scheduler enqueues a catch-up anyway, so a lost notification only delays. */
  sweepMs?: number;
  /**
   * How often the queue settings and sweep schedulers are written again. They live in Redis: a Redis that restarts
   * without persistence forgets them, and the projections must then catch up without anyone stepping in.
   */
  ensureEveryMs?: number;
  /** How long close() waits for a running batch before leaving it to be retried. */
  closeTimeoutMs?: number;
  onError?: (projection: string, error: unknown) => void;
  /** Counts the events applied and the failed runs. */
  metrics?: Metrics;
}

/**
 * The projector's side: one BullMQ worker per projection. Each projection's queue allows one active job across all
 * processes (global concurrency 1), so its batches run in order, while different projections spread over the
 * projector processes. A job applies batches until the projection reached the end of the log.
 */
export class BullProjectionWorkers<P extends { readonly name: string } = { readonly name: string }> {
  private readonly workers: Worker[] = [];
  private readonly queues: Queue[] = [];
  private ensureTimer: NodeJS.Timeout | undefined;
  private closing = false;

  constructor(
    private readonly redis: RedisTarget,
    private readonly runner: CatchUpRunner<P>,
    private readonly projections: readonly P[],
    private readonly options: ProjectionWorkerOptions = {},
  ) {}

  async start(): Promise<void> {
    for (const projection of this.projections) {
      const name = projectionQueueName(projection.name);
      const queue = new Queue(name, bullOptions(this.redis, 'worker'));
      queue.on('error', (error) => this.options.onError?.(projection.name, error));
      this.queues.push(queue);
      await this.ensureQueue(queue);
      const worker = new Worker(
        name,
        async (job) => {
          // From here on a new append must queue a new job: this run may already have read past the point it needs.
          await job.removeDeduplicationKey();
          // A sweep's job is queued ahead with a delay: it waits from when it became due.
          const due = job.timestamp + (job.delay ?? 0);
          this.options.metrics?.projectionTriggerWaitSeconds.observe({ projection: projection.name }, Math.max(0, Date.now() - due) / 1000);
          try {
            return await this.catchUp(projection);
          } catch (error) {
            // BullMQ keeps a failed job's message and stack in Redis; a driver's message can quote personal data.
            throw new DataFreeError(`catch-up of ${projection.name} failed`, error);
          }
        },
        {
        ...bullOptions(this.redis, 'worker'),
        concurrency: 1,
        // A catch-up renews its lock while it runs; one whose process died is handed to another worker within
        // seconds rather than BullMQ's default half minute. A batch is committed whole or not at all either way.
        lockDuration: 10_000,
        stalledInterval: 5_000,
        },
      );
      worker.on('error', (error) => this.options.onError?.(projection.name, error));
      worker.on('failed', (_job, error) => {
        this.options.metrics?.queueJobFailures.inc({ queue: name });
        this.options.onError?.(projection.name, error);
      });
      this.workers.push(worker);
    }
    this.ensureTimer = setInterval(() => {
      for (const queue of this.queues) this.ensureQueue(queue).catch(() => undefined);
    }, this.options.ensureEveryMs ?? 10_000);
    this.ensureTimer.unref();
  }

  /**
   * Applies batch after batch up to the end of the log, but stops between two batches once close() was called: the
   * rest is left to the next job (a sweep, or the next append), which another process may run.
   */
  private async catchUp(projection: P): Promise<{ processed: number }> {
    let processed = 0;
    while (!this.closing) {
      const { processed: batch } = await this.runner.catchUp(projection, undefined, 1);
      this.options.metrics?.projectionEventsApplied.inc({ projection: projection.name }, batch);
      processed += batch;
      if (batch === 0) break;
    }
    return { processed };
  }

  /** One active job per projection across all processes, and a sweep so that a lost notification only delays. */
  private async ensureQueue(queue: Queue): Promise<void> {
    await queue.setGlobalConcurrency(1);
    await queue.upsertJobScheduler(
      'sweep',
      { every: this.options.sweepMs ?? 5000 },
      { name: 'catch-up', data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
  }

  /**
   * Stops taking jobs and waits for running ones, at most `closeTimeoutMs`; a batch cut off then was never committed
   * (batch and checkpoint share one transaction), so the next worker simply does it again.
   */
  async close(): Promise<void> {
    this.closing = true;
    if (this.ensureTimer) clearInterval(this.ensureTimer);
    const timeout = this.options.closeTimeoutMs ?? 5_000;
    await Promise.all(
      this.workers.map((worker) =>
        Promise.race([worker.close(), new Promise((resolve) => setTimeout(resolve, timeout).unref())]).then(() =>
          worker.close(true).catch(() => undefined),
        ),
      ),
    );
    await Promise.all(this.queues.map((queue) => queue.close().catch(() => undefined)));
  }
}
