import { decrypt, encrypt } from '@casusregie/config';

/**
 * A personal value as it is stored inside an event: `pd2:<subject>:<iv|tag|ciphertext in base64url>`, AES-256-GCM
 * under the data key of its subject (a person, one of their trajectories, an address, the household). The subject
 * travels in the clear so a reader knows which key to fetch; it is an id, never personal data.
 *
 * The authenticated data is `<subject>|<field>`: the value is bound to its subject and to the field it was sealed for
 * (`member:5f1c…|givenName`). Copied into another person's values, into the family name or into another event's
 * field, it no longer opens. The field is not stored with the value: the reader names the field it expects, from
 * the same map of personal fields the writer used (personal-data-fields.ts).
 */
const PREFIX = 'pd2:';

/**
 * LEGACY: values sealed before fields were bound (issue 14) read `pd1:…` and have the subject alone as authenticated
 * data. Existing databases and backups hold them, so they still open; nothing new is ever sealed this way.
 */
const LEGACY_PREFIX = 'pd1:';


export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && (value.startsWith(PREFIX) || value.startsWith(LEGACY_PREFIX));
}

/** Whether a sealed value is of the legacy kind, bound to its subject only. */
export function isLegacySealed(sealed: string): boolean {
  return sealed.startsWith(LEGACY_PREFIX);
}

export function seal(plaintext: string, subject: string, field: string, key: Buffer): string {
  return `${PREFIX}${subject}:${encrypt(Buffer.from(plaintext, 'utf8'), authenticatedData(subject, field), key).toString('base64url')}`;
}

/** The subject of a sealed value, e.g. `member:5f1c…`. Both prefixes have the same length. */
export function subjectOf(sealed: string): string {
  return sealed.slice(PREFIX.length, sealed.lastIndexOf(':'));
}

/**
 * The plaintext of a value sealed for `field`. Throws when the key is not the subject's, the value was altered, or it
 * was sealed for another field (GCM's tag does not match).
 */
export function unseal(sealed: string, field: string, key: Buffer): string {
  const subject = subjectOf(sealed);
  const payload = Buffer.from(sealed.slice(sealed.lastIndexOf(':') + 1), 'base64url');
  const context = isLegacySealed(sealed) ? subject : authenticatedData(subject, field);
  return decrypt(payload, context, key).toString('utf8');
}

function authenticatedData(subject: string, field: string): string {
  return `${subject}|${field}`;
}
