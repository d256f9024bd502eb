import { backoffDelay } from './deliver-notification';
import { NotificationDelivery, NotificationDeliveryStore } from './notification-delivery-store';
import { DEFAULT_NOTIFICATION_DELIVERY_OPTIONS, NotificationDeliveryOptions } from './notification-options';
import { NotificationSender } from './notification-sender';

/**
 * Embedded mode (no REDIS_URL): the API process sends the notifications itself, with the same attempt, the same
 * statuses and the same exponential backoff as the BullMQ worker; the time of the next attempt is kept in the row
 * (`next_attempt_at`), so a restart loses nothing. Polls every `sweepMs`; one poll at a time. Embedded mode is one
 * process by construction (the PGlite directory is locked), so no two deliverers race for a row.
 */
export class InProcessNotificationDelivery {
  private readonly options: NotificationDeliveryOptions;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly store: NotificationDeliveryStore,
    private readonly sender: NotificationSender,
    options: Partial<NotificationDeliveryOptions> = {},
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.options = { ...DEFAULT_NOTIFICATION_DELIVERY_OPTIONS, ...options };
  }

  start(): void {
    this.timer = setInterval(() => this.wake(), this.options.sweepMs);
    this.timer.unref();
    this.wake();
  }

  /** Looks for due deliveries now (e.g. right after a redelivery). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.poll()
      .catch(this.onError)
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Waits for the poll under way, if any. */
  async settle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.settle();
  }

  private async poll(): Promise<void> {
    for (;;) {
      const due = await this.store.due(this.options.concurrency);
      if (due.length === 0 || this.stopped) return;
      await Promise.all(due.map((delivery) => this.attempt(delivery)));
    }
  }

  private async attempt(delivery: NotificationDelivery): Promise<void> {
    const { id, redeliveries } = delivery;
    const outcome = await this.sender.send(delivery, { timeoutMs: this.options.timeoutMs });
    switch (outcome.kind) {
      case 'delivered':
        await this.store.recordDelivered(id, redeliveries);
        return;
      case 'skipped':
        await this.store.recordSkipped(id, redeliveries, outcome.reason);
        return;
      case 'unsendable':
        await this.store.recordFailedAttempt(id, redeliveries, outcome.reason, { final: true });
        return;
      case 'failed': {
        const failedAttempts = delivery.attempts + 1;
        const final = failedAttempts >= this.options.maxAttempts;
        await this.store.recordFailedAttempt(id, redeliveries, outcome.reason, {
          final,
          retryInMs: backoffDelay(this.options.backoffMs, failedAttempts),
        });
        return;
      }
    }
  }
}
