import { SqlDatabase } from '@casusregie/sql';
import { ProviderNotification } from './provider-notification';

/**
 * - `pending`: still to be sent (waiting, or between attempts);
 * - `delivered`: the webhook answered 2xx;
 * - `failed`: the dead letters — every attempt failed, or the webhook cannot be used as registered (neither a
 *   secret nor an auth value); an admin can send it again (redelivery);
 * - `skipped`: the provider has no webhook (or is not registered) when its turn came. Not an error: such a provider
 *   reads its referrals through the provider API. Final; it is not sent later when a webhook appears, so a newly
 *   configured webhook does not get a backlog of stale notifications.
 */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'skipped';

export interface NotificationDelivery {
  id: string;
  agbCode: string;
  eventId: string;
  referralId: string;
  payload: ProviderNotification;
  status: DeliveryStatus;
  /** Attempts since the delivery was (re)started. */
  attempts: number;
  /** Why the last attempt failed, in a few words (an HTTP status, a timeout); never a response body. */
  lastError: string | null;
  /** How often an admin sent it again. */
  redeliveries: number;
  createdAt: Date;
  updatedAt: Date;
  deliveredAt: Date | null;
}

export interface DeliveryToEnqueue {
  id: string;
  redeliveries: number;
  /** Whether a job was added for it before (then it is only checked on, not added blindly). */
  enqueuedBefore: boolean;
}

export type RedeliveryResult =
  | { kind: 'not-found' }
  | { kind: 'not-failed'; status: DeliveryStatus }
  | { kind: 'restarted'; delivery: NotificationDelivery };

export interface FailedPage {
  deliveries: NotificationDelivery[];
  /** The id to pass as `after` for the next page; null on the last page. */
  next: string | null;
}

interface DeliveryRow {
  id: string;
  agb_code: string;
  event_id: string;
  referral_id: string;
  payload: ProviderNotification | string;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  redeliveries: number;
  created_at: Date | string;
  updated_at: Date | string;
  delivered_at: Date | string | null;
}

const COLUMNS = `id, agb_code, event_id, referral_id, payload, status, attempts, last_error, redeliveries, created_at, updated_at,
  delivered_at`;

/** The municipality of the referral a delivery is about: the notification's own `kenmerken.gemeente`. */
const MUNICIPALITY = `(payload->'kenmerken'->>'gemeente')`;

/** At most this many characters of an error are kept. */
const MAX_ERROR_LENGTH = 200;

/**
 * The SQL side of delivering notifications: the rows of `notification_deliveries` (written by the
 * provider-notifications projection) and every change of their delivery state. Every change is conditional on the
 * row still being `pending`, so a late or duplicate worker cannot overwrite what another one decided.
 */
export class NotificationDeliveryStore {
  constructor(private readonly db: SqlDatabase) {}

  async get(id: string): Promise<NotificationDelivery | undefined> {
    const { rows } = await this.db.query<DeliveryRow>(`SELECT ${COLUMNS} FROM notification_deliveries WHERE id = $1`, [id]);
    return rows[0] === undefined ? undefined : toDelivery(rows[0]);
  }

  /** Pending rows that have no job yet, or whose job was added longer than `recheckAfterMs` ago. */
  async toEnqueue(limit: number, recheckAfterMs: number): Promise<DeliveryToEnqueue[]> {
    const { rows } = await this.db.query<{ id: string; redeliveries: number; enqueued: boolean }>(
      `SELECT id, redeliveries, enqueued_at IS NOT NULL AS enqueued FROM notification_deliveries
        WHERE status = 'pending' AND (enqueued_at IS NULL OR enqueued_at < now() - $2 * interval '1 millisecond')
        ORDER BY seq LIMIT $1`,
      [limit, recheckAfterMs],
    );
    return rows.map((row) => ({ id: row.id, redeliveries: Number(row.redeliveries), enqueuedBefore: row.enqueued }));
  }

  async markEnqueued(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query(`UPDATE notification_deliveries SET enqueued_at = now() WHERE id = ANY($1) AND status = 'pending'`, [ids]);
  }

  /** Pending rows whose next attempt is due (embedded mode keeps the backoff in `next_attempt_at`). */
  async due(limit: number): Promise<NotificationDelivery[]> {
    const { rows } = await this.db.query<DeliveryRow>(
      `SELECT ${COLUMNS} FROM notification_deliveries
        WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= now())
        ORDER BY seq LIMIT $1`,
      [limit],
    );
    return rows.map(toDelivery);
  }

  async recordDelivered(id: string, redeliveries: number): Promise<boolean> {
    return this.change(
      id,
      redeliveries,
      `status = 'delivered', attempts = attempts + 1, last_error = NULL, next_attempt_at = NULL, delivered_at = now()`,
    );
  }

  async recordSkipped(id: string, redeliveries: number, reason: string): Promise<boolean> {
    return this.change(id, redeliveries, `status = 'skipped', last_error = $3, next_attempt_at = NULL`, [shorten(reason)]);
  }

  /**
   * A failed attempt: counted, with its reason. `retryInMs` schedules the next attempt (embedded mode); `final`
   * moves the row to the dead letters.
   */
  async recordFailedAttempt(id: string, redeliveries: number, reason: string, outcome: { final: boolean; retryInMs?: number }): Promise<boolean> {
    return this.change(
      id,
      redeliveries,
      `attempts = attempts + 1, last_error = $3, status = CASE WHEN $4::boolean THEN 'failed' ELSE 'pending' END,
       next_attempt_at = CASE WHEN $5::bigint IS NULL THEN NULL ELSE now() + $5::bigint * interval '1 millisecond' END`,
      [shorten(reason), outcome.final, outcome.final ? null : (outcome.retryInMs ?? null)],
    );
  }

  /** Gives a pending delivery up (its job failed for good without saying so); keeps the last attempt's error. */
  async giveUp(id: string, redeliveries: number, reason: string): Promise<boolean> {
    return this.change(id, redeliveries, `status = 'failed', last_error = COALESCE(last_error, $3), next_attempt_at = NULL`, [shorten(reason)]);
  }

  /**
   * The dead letters of one municipality's referrals, in the order of their events, keyset-paginated by the id of the
   * last row of the previous page.
   */
  async listFailed(municipality: string, limit: number, after?: string): Promise<FailedPage> {
    const { rows } = await this.db.query<DeliveryRow>(
      `SELECT ${COLUMNS} FROM notification_deliveries d
        WHERE status = 'failed' AND ${MUNICIPALITY} = $3
          AND ($2::text IS NULL OR d.seq > (SELECT seq FROM notification_deliveries WHERE id = $2))
        ORDER BY seq LIMIT $1`,
      [limit + 1, after ?? null, municipality],
    );
    const deliveries = rows.slice(0, limit).map(toDelivery);
    return { deliveries, next: rows.length > limit ? deliveries[deliveries.length - 1].id : null };
  }

  /**
   * Sends a dead letter of the municipality's referrals again: back to pending, attempts from zero, under a new job
   * id (the old one is taken). Another municipality's delivery is `not-found`, exactly as an unknown id.
   */
  async redeliver(id: string, municipality: string): Promise<RedeliveryResult> {
    const { rows } = await this.db.query<DeliveryRow>(
      `UPDATE notification_deliveries
          SET status = 'pending', attempts = 0, last_error = NULL, next_attempt_at = NULL, enqueued_at = NULL,
              redeliveries = redeliveries + 1, delivered_at = NULL, updated_at = now()
        WHERE id = $1 AND status = 'failed' AND ${MUNICIPALITY} = $2 RETURNING ${COLUMNS}`,
      [id, municipality],
    );
    if (rows[0] !== undefined) return { kind: 'restarted', delivery: toDelivery(rows[0]) };
    const existing = await this.get(id);
    return existing === undefined || existing.payload.kenmerken.gemeente !== municipality
      ? { kind: 'not-found' }
      : { kind: 'not-failed', status: existing.status };
  }

  /** How many deliveries are in each state (diagnostics and tests). */
  async countByStatus(): Promise<Record<DeliveryStatus, number>> {
    const { rows } = await this.db.query<{ status: DeliveryStatus; n: string }>(
      'SELECT status, count(*)::text AS n FROM notification_deliveries GROUP BY status',
    );
    const counts: Record<DeliveryStatus, number> = { pending: 0, delivered: 0, failed: 0, skipped: 0 };
    for (const row of rows) counts[row.status] = Number(row.n);
    return counts;
  }

  /**
   * Changes a row that is still pending in the same (re)delivery round; false when it is not (delivered, given up,
   * or redelivered since), so whoever came late changes nothing.
   */
  private async change(id: string, redeliveries: number, set: string, params: unknown[] = []): Promise<boolean> {
    const { affectedRows } = await this.db.query(
      `UPDATE notification_deliveries SET ${set}, updated_at = now() WHERE id = $1 AND redeliveries = $2 AND status = 'pending'`,
      [id, redeliveries, ...params],
    );
    return affectedRows === 1;
  }
}

function shorten(reason: string): string {
  const oneLine = reason.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_ERROR_LENGTH ? `${oneLine.slice(0, MAX_ERROR_LENGTH - 1)}…` : oneLine;
}

function toDelivery(row: DeliveryRow): NotificationDelivery {
  return {
    id: row.id,
    agbCode: row.agb_code,
    eventId: row.event_id,
    referralId: row.referral_id,
    payload: typeof row.payload === 'string' ? (JSON.parse(row.payload) as ProviderNotification) : row.payload,
    status: row.status,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    redeliveries: Number(row.redeliveries),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    deliveredAt: row.delivered_at === null ? null : new Date(row.delivered_at),
  };
}
