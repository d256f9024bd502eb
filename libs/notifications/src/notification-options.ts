import { ConfigError } from '@casusregie/config';

/** How notifications are delivered; the same in embedded mode (in-process) and with Redis (BullMQ). */
export interface NotificationDeliveryOptions {
  /** Attempts per delivery before it becomes a dead letter (`failed`). */
  maxAttempts: number;
  /** Exponential backoff: the n-th retry waits backoffMs × 2^(n-1). */
  backoffMs: number;
  /** How long one POST may take. */
  timeoutMs: number;
  /** How often pending deliveries are looked for (the dispatcher's sweep; the embedded deliverer's poll). */
  sweepMs: number;
  /** Deliveries sent at the same time, per process. */
  concurrency: number;
  /**
   * With Redis: a pending row whose job was added this long ago is checked on (the job may have been lost with a
   * Redis that restarted without persistence, or given up without the row hearing of it).
   */
  recheckAfterMs: number;
}

export const DEFAULT_NOTIFICATION_DELIVERY_OPTIONS: NotificationDeliveryOptions = {
  maxAttempts: 5,
  // 30 s, 1 min, 2 min, 4 min: a webhook may be away some 7.5 minutes before its notification is a dead letter.
  backoffMs: 30_000,
  timeoutMs: 5_000,
  sweepMs: 1_000,
  concurrency: 4,
  recheckAfterMs: 60_000,
};

/**
 * The delivery settings from the environment, each optional:
 * NOTIFICATIONS_MAX_ATTEMPTS (1–100, default 5), NOTIFICATIONS_BACKOFF_MS (default 30000),
 * NOTIFICATIONS_TIMEOUT_MS (default 5000), NOTIFICATIONS_SWEEP_MS (default 1000).
 * Throws a {@link ConfigError} naming the variable, like the rest of the configuration.
 */
export function loadNotificationDeliveryOptions(env: NodeJS.ProcessEnv = process.env): NotificationDeliveryOptions {
  const number = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
    }
    return value;
  };
  const defaults = DEFAULT_NOTIFICATION_DELIVERY_OPTIONS;
  return {
    ...defaults,
    maxAttempts: number('NOTIFICATIONS_MAX_ATTEMPTS', defaults.maxAttempts, 1, 100),
    backoffMs: number('NOTIFICATIONS_BACKOFF_MS', defaults.backoffMs, 1, 86_400_000),
    timeoutMs: number('NOTIFICATIONS_TIMEOUT_MS', defaults.timeoutMs, 100, 120_000),
    sweepMs: number('NOTIFICATIONS_SWEEP_MS', defaults.sweepMs, 10, 600_000),
  };
}
