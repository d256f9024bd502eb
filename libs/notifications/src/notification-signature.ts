import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * Notifications are signed as Standard Webhooks (https://www.standardwebhooks.com): `webhook-id` (the delivery's id,
 * the same on every retry and redelivery), `webhook-timestamp` (Unix seconds of this attempt) and
 * `webhook-signature: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`. The timestamp is signed too, so a
 * receiver refuses a delivery replayed later (see verifyNotification).
 */
export const WEBHOOK_ID_HEADER = 'webhook-id';
export const WEBHOOK_TIMESTAMP_HEADER = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'webhook-signature';

/** The id of the event the notification reports (also `kenmerken.eventId`). */
export const EVENT_HEADER = 'X-Casusregie-Event';
/**
 * @deprecated The signature of the versions before Standard Webhooks (`sha256=<hex HMAC-SHA256 of the body>`): no
 * timestamp, so a captured delivery can be replayed. Still sent in this version for receivers moving over; to go.
 */
export const LEGACY_SIGNATURE_HEADER = 'X-Casusregie-Signature';
/** @deprecated The delivery's id, the same as `webhook-id`; still sent in this version, to go with the old signature. */
export const LEGACY_DELIVERY_HEADER = 'X-Casusregie-Delivery';

/** A Standard Webhooks secret: `whsec_` and the base64 of 24 to 64 random bytes (the standard's range). */
const STANDARD_SECRET = /^whsec_([A-Za-z0-9+/]+={0,2})$/;
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;

/**
 * The HMAC key of a registered webhook secret. A Standard Webhooks secret (`whsec_<base64>`) is its decoded bytes,
 * as every Standard Webhooks library reads it. Any other secret (secrets registered before, 32 to 200 characters of
 * free text) is its UTF-8 bytes: the same key as the standard secret `whsec_` + base64(secret), which is how a
 * receiver using another Standard Webhooks library passes it.
 */
export function webhookSigningKey(secret: string): Uint8Array {
  const standard = STANDARD_SECRET.exec(secret);
  if (standard !== null) {
    const key = Buffer.from(standard[1], 'base64');
    if (key.length >= MIN_KEY_BYTES && key.length <= MAX_KEY_BYTES) return key;
  }
  return Buffer.from(secret, 'utf8');
}

/** Why a secret starting with `whsec_` is no Standard Webhooks secret, or undefined (for the API's validation). */
export function standardSecretProblem(secret: string): string | undefined {
  if (!secret.startsWith('whsec_')) return undefined;
  const standard = STANDARD_SECRET.exec(secret);
  const bytes = standard === null ? 0 : Buffer.from(standard[1], 'base64').length;
  return bytes >= MIN_KEY_BYTES && bytes <= MAX_KEY_BYTES ? undefined : `a whsec_ secret must be the base64 of ${MIN_KEY_BYTES} to ${MAX_KEY_BYTES} bytes`;
}

/** The `webhook-*` headers of one attempt: signed with the `standardwebhooks` package, over id, timestamp and body. */
export function signatureHeaders(id: string, timestamp: Date, body: string, secret: string): Record<string, string> {
  return {
    [WEBHOOK_ID_HEADER]: id,
    [WEBHOOK_TIMESTAMP_HEADER]: String(Math.floor(timestamp.getTime() / 1000)),
    [WEBHOOK_SIGNATURE_HEADER]: new Webhook(webhookSigningKey(secret), { format: 'raw' }).sign(id, timestamp, body),
  };
}

/** @deprecated The old `X-Casusregie-Signature` value: `sha256=` and the hex HMAC-SHA256 of the body, keyed with the secret as text. */
export function legacySignature(body: string | Buffer, secret: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(body).digest('hex');
}
