import { EVENT_HEADER, LEGACY_DELIVERY_HEADER, LEGACY_SIGNATURE_HEADER, legacySignature, signatureHeaders, WEBHOOK_ID_HEADER, WEBHOOK_TIMESTAMP_HEADER } from './notification-signature';
import { AttemptOutcome, DeliveryFailedError, DeliveryToSend, isHttpUrl, NotificationSender, postJson, SendOptions } from './notification-sender';
import { notificationBody, ProviderNotification, withPublicUrls } from './provider-notification';

/** Where a provider's notifications about one municipality's referrals go (the provider registry's `webhookOf`). */
export interface Webhook {
  url: string;
  /** Signs each delivery (Standard Webhooks); none: unsigned. */
  secret: string | null;
  /** Sent verbatim as the `Authorization` header, as a ZGW notificaties receiver expects from its abonnement's `auth`. */
  auth?: string | null;
}

/**
 * Looks up the webhook of a municipality's contract with a provider (by AGB code); `undefined` when there is none.
 * ProviderRegistry fits this shape.
 */
export interface WebhookDirectory {
  webhookOf(agbCode: string, municipality: string): Promise<Webhook | undefined>;
}

export interface DeliverOptions extends SendOptions {
  /** For tests; Node's global fetch otherwise. */
  fetch?: typeof fetch;
  /** The moment of the attempt, signed as `webhook-timestamp`; now when absent. */
  now?: Date;
}

/**
 * POSTs one notification (URLs absolute already) to a webhook: the `Authorization` of the subscription when it has
 * one, the Standard Webhooks signature over the delivery id, the attempt's timestamp and the exact body bytes when it
 * has a secret (with, for this version, the old `X-Casusregie-Signature` too), and the event id. Resolves on a 2xx
 * answer; throws {@link DeliveryFailedError} for anything else.
 */
export async function deliverNotification(
  delivery: { id: string; eventId: string; payload: ProviderNotification },
  webhook: Webhook,
  options: DeliverOptions,
): Promise<{ status: number }> {
  const body = notificationBody(delivery.payload);
  const now = options.now ?? new Date();
  // webhook-id and webhook-timestamp on every delivery, signed or not: receivers drop repeats by the id.
  const headers: Record<string, string> = {
    [EVENT_HEADER]: delivery.eventId,
    [LEGACY_DELIVERY_HEADER]: delivery.id,
    [WEBHOOK_ID_HEADER]: delivery.id,
    [WEBHOOK_TIMESTAMP_HEADER]: String(Math.floor(now.getTime() / 1000)),
  };
  if (webhook.auth) headers.Authorization = webhook.auth;
  if (webhook.secret) {
    Object.assign(headers, signatureHeaders(delivery.id, now, body, webhook.secret));
    headers[LEGACY_SIGNATURE_HEADER] = legacySignature(body, webhook.secret);
  }
  const response = await postJson(webhook.url, body, headers, options);
  // The answer's body is of no interest; let the connection go.
  await response.body?.cancel().catch(() => undefined);
  if (response.status < 200 || response.status > 299) throw new DeliveryFailedError(`HTTP ${response.status}`);
  return { status: response.status };
}

/**
 * Direct delivery: each notification to the webhook the referral's municipality registered for the provider, with
 * the URLs made absolute under `publicBaseUrl`.
 */
export class WebhookSender implements NotificationSender {
  constructor(
    private readonly webhooks: WebhookDirectory,
    private readonly publicBaseUrl: string,
    private readonly fetchImpl?: typeof fetch,
  ) {}

  async send(delivery: DeliveryToSend, options: SendOptions): Promise<AttemptOutcome> {
    let webhook: Webhook | undefined;
    try {
      // The webhook the referral's municipality set for the provider: each municipality keeps its own.
      webhook = await this.webhooks.webhookOf(delivery.agbCode, delivery.payload.kenmerken.gemeente);
    } catch (error) {
      return { kind: 'failed', reason: `webhook lookup failed (${error instanceof Error ? error.name : 'error'})` };
    }
    if (webhook === undefined || webhook.url === '') return { kind: 'skipped', reason: 'provider has no webhook' };
    if (!isHttpUrl(webhook.url)) return { kind: 'unsendable', reason: 'webhook URL is not an http(s) URL' };
    // Unsigned and unauthenticated, a receiver could not tell our notification from anyone's.
    if (!webhook.secret && !webhook.auth) return { kind: 'unsendable', reason: 'webhook has neither a secret nor an auth value' };
    try {
      const payload = withPublicUrls(delivery.payload, this.publicBaseUrl);
      const { status } = await deliverNotification({ ...delivery, payload }, webhook, { ...options, fetch: this.fetchImpl });
      return { kind: 'delivered', status };
    } catch (error) {
      return { kind: 'failed', reason: error instanceof DeliveryFailedError ? error.message : 'delivery error' };
    }
  }
}

/** The delay before attempt `failedAttempts + 1`: base, 2 × base, 4 × base, … (BullMQ's exponential backoff). */
export function backoffDelay(baseMs: number, failedAttempts: number): number {
  return Math.round(baseMs * 2 ** Math.max(0, failedAttempts - 1));
}
