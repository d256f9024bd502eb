import { createHmac, timingSafeEqual } from 'node:crypto';

/** `sha256=<hex HMAC-SHA256 of the exact body bytes, keyed with the provider's webhook secret>`. */
export const SIGNATURE_HEADER = 'X-Casusregie-Signature';
/** The delivery's id: the same on every retry and redelivery of one notification, so receivers can drop repeats. */
export const DELIVERY_HEADER = 'X-Casusregie-Delivery';
/** The id of the event the notification reports. */
export const EVENT_HEADER = 'X-Casusregie-Event';

const PREFIX = 'sha256=';

/** The signature header value for a body: `sha256=` and the lowercase hex HMAC-SHA256 of its UTF-8 bytes. */
export function signNotification(body: string | Buffer, secret: string): string {
  return PREFIX + createHmac('sha256', secret).update(body).digest('hex');
}

/**
 * For receivers: whether `signature` (the header value) is the HMAC of exactly these body bytes under `secret`.
 * Compare the raw body as received — parsing and serialising JSON again may change the bytes. Constant time.
 */
export function verifySignature(body: string | Buffer, signature: string | undefined | null, secret: string): boolean {
  if (typeof signature !== 'string' || !signature.startsWith(PREFIX)) return false;
  const given = signature.slice(PREFIX.length);
  if (!/^[0-9a-f]{64}$/i.test(given)) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  return timingSafeEqual(Buffer.from(given, 'hex'), expected);
}
