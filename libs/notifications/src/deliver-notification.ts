import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signNotification } from './notification-signature';
import { notificationBody, ProviderNotification } from './provider-notification';

/** Where a provider's notifications about one municipality's referrals go (the provider registry's `webhookOf`). */
export interface Webhook {
  url: string;
  secret: string | null;
}

/**
 * Looks up the webhook of a municipality's contract with a provider (by AGB code); `undefined` when there is none.
 * ProviderRegistry fits this shape.
 */
export interface WebhookDirectory {
  webhookOf(agbCode: string, municipality: string): Promise<Webhook | undefined>;
}

/** An attempt that did not get a 2xx answer; the message is short and never holds the response body or the URL. */
export class DeliveryFailedError extends Error {
  override readonly name = 'DeliveryFailedError';
}

export interface DeliverOptions {
  /** How long one POST may take, headers included. */
  timeoutMs: number;
  /** For tests; Node's global fetch otherwise. */
  fetch?: typeof fetch;
}

/**
 * POSTs one notification to a webhook: the exact body bytes signed with the webhook's secret
 * (`X-Casusregie-Signature: sha256=<hex>`), with the delivery and event ids for the receiver to drop repeats.
 * Resolves on a 2xx answer. Redirects are not followed (a 3xx is a failure): the registered URL is the one that
 * must answer. Throws {@link DeliveryFailedError} for anything else.
 */
export async function deliverNotification(
  delivery: { id: string; eventId: string; payload: ProviderNotification },
  webhook: { url: string; secret: string },
  options: DeliverOptions,
): Promise<{ status: number }> {
  const body = notificationBody(delivery.payload);
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(webhook.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'casusregie-notifications',
        [SIGNATURE_HEADER]: signNotification(body, webhook.secret),
        [DELIVERY_HEADER]: delivery.id,
        [EVENT_HEADER]: delivery.eventId,
      },
      body,
    });
  } catch (error) {
    throw new DeliveryFailedError(describeFetchError(error, options.timeoutMs));
  }
  // The answer's body is of no interest; let the connection go.
  await response.body?.cancel().catch(() => undefined);
  if (response.status < 200 || response.status > 299) throw new DeliveryFailedError(`HTTP ${response.status}`);
  return { status: response.status };
}

/**
 * What one attempt came to:
 * - `delivered`: 2xx;
 * - `skipped`: the referral's municipality has no webhook for the provider (or no contract with it);
 * - `unsendable`: the webhook cannot be used as registered (no secret to sign with, not an http(s) URL): no retry
 *   will help until an admin fixes the registration, so it goes straight to the dead letters;
 * - `failed`: worth trying again later.
 */
export type AttemptOutcome =
  | { kind: 'delivered'; status: number }
  | { kind: 'skipped'; reason: string }
  | { kind: 'unsendable'; reason: string }
  | { kind: 'failed'; reason: string };

/** One delivery attempt, from looking the webhook up to the answer. Never throws. */
export async function attemptDelivery(
  delivery: { id: string; eventId: string; agbCode: string; payload: ProviderNotification },
  webhooks: WebhookDirectory,
  options: DeliverOptions,
): Promise<AttemptOutcome> {
  let webhook: Webhook | undefined;
  try {
    // The webhook the referral's municipality set for the provider: each municipality keeps its own.
    webhook = await webhooks.webhookOf(delivery.agbCode, delivery.payload.kenmerken.gemeente);
  } catch (error) {
    return { kind: 'failed', reason: `webhook lookup failed (${error instanceof Error ? error.name : 'error'})` };
  }
  if (webhook === undefined || webhook.url === '') return { kind: 'skipped', reason: 'provider has no webhook' };
  if (!isHttpUrl(webhook.url)) return { kind: 'unsendable', reason: 'webhook URL is not an http(s) URL' };
  if (webhook.secret === null || webhook.secret === '') return { kind: 'unsendable', reason: 'webhook has no secret to sign with' };
  try {
    const { status } = await deliverNotification(delivery, { url: webhook.url, secret: webhook.secret }, options);
    return { kind: 'delivered', status };
  } catch (error) {
    return { kind: 'failed', reason: error instanceof DeliveryFailedError ? error.message : 'delivery error' };
  }
}

/** The delay before attempt `failedAttempts + 1`: base, 2 × base, 4 × base, … (BullMQ's exponential backoff). */
export function backoffDelay(baseMs: number, failedAttempts: number): number {
  return Math.round(baseMs * 2 ** Math.max(0, failedAttempts - 1));
}

function isHttpUrl(raw: string): boolean {
  try {
    const { protocol } = new URL(raw);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  // undici reports "fetch failed" with the system error (ECONNREFUSED, ENOTFOUND, ...) as its cause.
  const cause = (error as { cause?: { code?: unknown; name?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return `connection failed (${cause.code})`;
  if (typeof cause?.name === 'string') return `connection failed (${cause.name})`;
  return 'connection failed';
}
