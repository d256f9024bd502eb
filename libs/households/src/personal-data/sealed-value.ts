import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * A personal value as it is stored inside an event: `pd1:<subject>:<iv|tag|ciphertext in base64url>`, AES-256-GCM
 * under the data key of its subject (a person, or one of their trajectories). The subject travels in the clear so a
 * reader knows which key to fetch; it is an id, never personal data, and it is bound to the ciphertext as
 * authenticated data, so a value cannot be moved to another person.
 */
const PREFIX = 'pd1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

export function seal(plaintext: string, subject: string, key: Buffer): string {
  return `${PREFIX}${subject}:${encrypt(Buffer.from(plaintext, 'utf8'), subject, key).toString('base64url')}`;
}

/** The subject of a sealed value, e.g. `member:5f1c…`. */
export function subjectOf(sealed: string): string {
  return sealed.slice(PREFIX.length, sealed.lastIndexOf(':'));
}

/** Throws when the key is not the subject's or the value was altered (GCM's tag does not match). */
export function unseal(sealed: string, key: Buffer): string {
  const subject = subjectOf(sealed);
  const payload = Buffer.from(sealed.slice(sealed.lastIndexOf(':') + 1), 'base64url');
  return decrypt(payload, subject, key).toString('utf8');
}

/** AES-256-GCM with `context` as additional authenticated data; out: iv | tag | ciphertext. */
export function encrypt(plaintext: Buffer, context: string, key: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

export function decrypt(payload: Buffer, context: string, key: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, payload.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(payload.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(payload.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}
