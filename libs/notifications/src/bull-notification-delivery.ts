import { Job, Queue, Worker } from 'bullmq';
import { Metrics, NotificationOutcome } from '@casusregie/operations';
import { bullOptions, NOTIFICATION_QUEUE, RedisTarget } from '@casusregie/queue';
import { DataFreeError } from '@casusregie/sql';
import { NotificationDeliveryStore } from './notification-delivery-store';
import { NotificationSender } from './notification-sender';
import { DEFAULT_NOTIFICATION_DELIVERY_OPTIONS, NotificationDeliveryOptions } from './notification-options';

export interface NotificationJobData {
  deliveryId: string;
  /** The delivery round the job belongs to; a job of an earlier round finds the row moved on and does nothing. */
  redeliveries: number;
}

/** One job per delivery and round: the delivery id, then `-r1`, `-r2`, … for redeliveries (a job id is never reused). */
export function deliveryJobId(deliveryId: string, redeliveries: number): string {
  return redeliveries === 0 ? deliveryId : `${deliveryId}-r${redeliveries}`;
}

type OnError = (error: unknown) => void;

/** A shutdown waits at most this long for running POSTs; one cut off is sent again (delivery is at least once). */
const CLOSE_TIMEOUT_MS = 5_000;

/** Kept for looking into; completed jobs are removed, the row keeps the outcome. */
const FAILED_JOBS_KEPT = 1000;
const SWEEP_BATCH = 500;

/**
 * Puts pending deliveries on the queue. The projection writes them in its transaction and cannot enqueue there, so
 * the dispatcher sweeps `notification_deliveries` every `sweepMs` and adds a job for every pending row without one;
 * the job id (the delivery id) makes a second add a no-op while the job exists. A row whose job was added long ago
 * is checked on: a job Redis forgot is added again, a job that failed for good without the row hearing of it makes
 * the row a dead letter. Any number of dispatchers (api, projectors) may run side by side.
 */
export class BullNotificationDispatcher {
  private readonly queue: Queue<NotificationJobData>;
  private readonly options: NotificationDeliveryOptions;
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> | undefined;

  constructor(
    redis: RedisTarget,
    private readonly store: NotificationDeliveryStore,
    options: Partial<NotificationDeliveryOptions> = {},
    private readonly onError: OnError = () => undefined,
  ) {
    this.options = { ...DEFAULT_NOTIFICATION_DELIVERY_OPTIONS, ...options };
    // Producer connection: fails fast while Redis is away, and the next sweep tries again.
    this.queue = new Queue<NotificationJobData>(NOTIFICATION_QUEUE, bullOptions(redis, 'producer'));
    this.queue.on('error', (error) => this.onError(error));
  }

  start(): void {
    this.timer = setInterval(() => void this.sweep().catch(this.onError), this.options.sweepMs);
    this.timer.unref();
    void this.sweep().catch(this.onError);
  }

  /** Enqueues what is pending; returns how many jobs were added or checked. One sweep at a time. */
  sweep(): Promise<number> {
    this.sweeping ??= this.sweepOnce().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  /** Adds the job of one delivery round at once (after a redelivery), rather than at the next sweep. */
  async enqueue(deliveryId: string, redeliveries: number): Promise<void> {
    await this.queue.add('deliver', { deliveryId, redeliveries }, this.jobOptions(deliveryId, redeliveries));
    await this.store.markEnqueued([deliveryId]);
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sweeping?.catch(() => undefined);
    await this.queue.close().catch(() => undefined);
  }

  private async sweepOnce(): Promise<number> {
    const rows = await this.store.toEnqueue(SWEEP_BATCH, this.options.recheckAfterMs);
    if (rows.length === 0) return 0;
    const fresh = rows.filter((row) => !row.enqueuedBefore);
    if (fresh.length > 0) {
      await this.queue.addBulk(
        fresh.map((row) => ({
          name: 'deliver',
          data: { deliveryId: row.id, redeliveries: row.redeliveries },
          opts: this.jobOptions(row.id, row.redeliveries),
        })),
      );
    }
    for (const row of rows.filter((r) => r.enqueuedBefore)) await this.recheck(row.id, row.redeliveries);
    await this.store.markEnqueued(rows.map((row) => row.id));
    return rows.length;
  }

  private async recheck(deliveryId: string, redeliveries: number): Promise<void> {
    const jobId = deliveryJobId(deliveryId, redeliveries);
    const job = await this.queue.getJob(jobId);
    if (job === undefined) {
      await this.queue.add('deliver', { deliveryId, redeliveries }, this.jobOptions(deliveryId, redeliveries));
    } else if ((await job.getState()) === 'failed') {
      await this.store.giveUp(deliveryId, redeliveries, `gave up: ${job.failedReason ?? 'job failed'}`);
    }
  }

  private jobOptions(deliveryId: string, redeliveries: number) {
    return {
      jobId: deliveryJobId(deliveryId, redeliveries),
      attempts: this.options.maxAttempts,
      backoff: { type: 'exponential' as const, delay: this.options.backoffMs },
      removeOnComplete: true,
      removeOnFail: FAILED_JOBS_KEPT,
    };
  }
}

/**
 * Sends the notifications on the queue: one POST per job run. A failed POST throws, so BullMQ tries again after the
 * job's exponential backoff; the row counts the attempts and keeps the last error. On the last attempt the row
 * becomes a dead letter (`failed`) before the job fails, so nothing depends on a process living long enough to
 * hear BullMQ's failed event. Delivery is at least once: a receiver that answered 2xx may see the same delivery
 * again if its answer was lost, and drops it by the `webhook-id` header.
 */
export class BullNotificationWorker {
  private worker: Worker<NotificationJobData> | undefined;
  private readonly options: NotificationDeliveryOptions;

  constructor(
    private readonly redis: RedisTarget,
    private readonly store: NotificationDeliveryStore,
    /** Where the notifications go: the providers' webhooks or an Open Notificaties (createNotificationSender). */
    private readonly sender: NotificationSender,
    options: Partial<NotificationDeliveryOptions> = {},
    private readonly onError: OnError = () => undefined,
    /** Counts every attempt's outcome and the failed job runs. */
    private readonly metrics?: Metrics,
  ) {
    this.options = { ...DEFAULT_NOTIFICATION_DELIVERY_OPTIONS, ...options };
  }

  start(): void {
    const worker = new Worker<NotificationJobData>(NOTIFICATION_QUEUE, (job) => this.processDataFree(job), {
      ...bullOptions(this.redis, 'worker'),
      concurrency: this.options.concurrency,
      // A POST takes at most timeoutMs; the lock outlives it comfortably.
      lockDuration: Math.max(30_000, this.options.timeoutMs * 3),
    });
    worker.on('error', (error) => this.onError(error));
    // Backstop: a job that failed for good (e.g. stalled too often) while its row still waits.
    worker.on('failed', (job, error) => {
      this.metrics?.queueJobFailures.inc({ queue: NOTIFICATION_QUEUE });
      if (job?.finishedOn) {
        this.store.giveUp(job.data.deliveryId, job.data.redeliveries, `gave up: ${error.message}`).catch(this.onError);
      }
    });
    this.worker = worker;
  }

  /** Waits for running POSTs (at most `timeoutMs` and a little, and never more than 5 s), then stops. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (worker === undefined) return;
    const wait = Math.min(this.options.timeoutMs + 1000, CLOSE_TIMEOUT_MS);
    await Promise.race([worker.close(), new Promise((resolve) => setTimeout(resolve, wait).unref())]);
    await worker.close(true).catch(() => undefined);
  }

  /**
   * BullMQ keeps a failed job's message and stack in Redis, and the store's driver may put values in its messages:
   * anything but the attempt's own reason (`HTTP 503`, `connection failed (ECONNREFUSED)`) is recorded by class and code.
   */
  private async processDataFree(job: Job<NotificationJobData>): Promise<string> {
    try {
      return await this.process(job);
    } catch (error) {
      if (error instanceof DeliveryAttemptFailed) throw error;
      throw new DataFreeError('delivery job failed', error);
    }
  }

  private async process(job: Job<NotificationJobData>): Promise<string> {
    const { deliveryId, redeliveries } = job.data;
    const delivery = await this.store.get(deliveryId);
    if (delivery === undefined || delivery.status !== 'pending' || delivery.redeliveries !== redeliveries) return 'not-pending';
    const outcome = await this.sender.send(delivery, { timeoutMs: this.options.timeoutMs });
    switch (outcome.kind) {
      case 'delivered':
        this.count('delivered');
        await this.store.recordDelivered(deliveryId, redeliveries);
        return 'delivered';
      case 'skipped':
        this.count('skipped');
        await this.store.recordSkipped(deliveryId, redeliveries, outcome.reason);
        return 'skipped';
      case 'unsendable':
        this.count('dead-letter');
        await this.store.recordFailedAttempt(deliveryId, redeliveries, outcome.reason, { final: true });
        return 'failed';
      case 'failed': {
        const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        this.count(final ? 'dead-letter' : 'retrying');
        await this.store.recordFailedAttempt(deliveryId, redeliveries, outcome.reason, { final });
        throw new DeliveryAttemptFailed(outcome.reason);
      }
    }
  }

  private count(outcome: NotificationOutcome): void {
    this.metrics?.notificationDeliveries.inc({ outcome });
  }
}

/** A POST that failed, with the attempt's own data-free reason, so that BullMQ retries it with backoff. */
class DeliveryAttemptFailed extends Error {
  override readonly name = 'DeliveryAttemptFailed';
}
