import { Webhook } from 'standardwebhooks';
import { WEBHOOK_ID_HEADER, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER, webhookSigningKey } from './notification-signature';
import { ProviderNotification } from './provider-notification';

/** The Standard Webhooks tolerance: a delivery signed longer ago (or further ahead) than this is refused. */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

export type NotificationRejection = 'missing-headers' | 'stale-timestamp' | 'bad-signature';

/** Why a delivery was refused; answer it with 401 (or 400), never 2xx. */
export class NotificationVerificationError extends Error {
  override readonly name = 'NotificationVerificationError';

  constructor(readonly reason: NotificationRejection) {
    super(`notification refused: ${reason}`);
  }
}

/** Request headers as Node's `req.headers` or a fetch `Headers` give them. */
export type ReceivedHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyNotificationOptions {
  /** How old (or how far ahead) the signed timestamp may be, in seconds: 1 to 300, default 300 (Standard Webhooks). */
  toleranceSeconds?: number;
}

/**
 * For receivers: checks a delivery and returns the notification it carries. `body` must be the raw request body as
 * received (parsing and serialising the JSON again may change the bytes); `secret` the webhook secret as registered
 * (`whsec_…`, or a secret registered before in any other form). Throws {@link NotificationVerificationError} when
 * the `webhook-*` headers are missing, the timestamp lies outside the tolerance (a replay of an older delivery), or
 * the signature is not that of exactly this id, timestamp and body. Constant-time comparison; the signature check is
 * the `standardwebhooks` package's own.
 *
 * A delivery that passes may still be a repeat (delivery is at least once): drop a `webhook-id` already processed.
 */
export function verifyNotification(body: string | Buffer, headers: ReceivedHeaders, secret: string, options: VerifyNotificationOptions = {}): ProviderNotification {
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  // The package always allows five minutes; a tolerance can only be tighter.
  if (!Number.isInteger(tolerance) || tolerance < 1 || tolerance > DEFAULT_TOLERANCE_SECONDS) {
    throw new RangeError(`toleranceSeconds must be a whole number from 1 to ${DEFAULT_TOLERANCE_SECONDS}`);
  }
  const id = header(headers, WEBHOOK_ID_HEADER);
  const timestamp = header(headers, WEBHOOK_TIMESTAMP_HEADER);
  const signature = header(headers, WEBHOOK_SIGNATURE_HEADER);
  if (id === undefined || timestamp === undefined || signature === undefined) throw new NotificationVerificationError('missing-headers');
  const age = Math.floor(Date.now() / 1000) - Number(timestamp);
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(age) > tolerance) throw new NotificationVerificationError('stale-timestamp');
  try {
    return new Webhook(webhookSigningKey(secret), { format: 'raw' }).verify(body, {
      [WEBHOOK_ID_HEADER]: id,
      [WEBHOOK_TIMESTAMP_HEADER]: timestamp,
      [WEBHOOK_SIGNATURE_HEADER]: signature,
    }) as ProviderNotification;
  } catch {
    throw new NotificationVerificationError('bad-signature');
  }
}

function header(headers: ReceivedHeaders, name: string): string | undefined {
  // Header names are case-insensitive: `Webhook-Id` from one framework is `webhook-id` from another.
  const key = headers instanceof Headers ? undefined : Object.keys(headers).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  const value = headers instanceof Headers ? headers.get(name) : key === undefined ? undefined : headers[key];
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' && one !== '' ? one : undefined;
}
