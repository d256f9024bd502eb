import { createHmac, hkdfSync } from 'node:crypto';
import { decrypt, encrypt } from './aes-gcm';
import { ConfigError, MASTER_KEY_BYTES, masterKeyProblem } from './app-config';

/**
 * The application's master key (PERSONAL_DATA_MASTER_KEY, or the one embedded mode generated) as the root of the
 * keys that protect secrets at rest. It never hands out its bytes: each use asks for a {@link SecretBox} of its own
 * purpose, whose key is derived with HKDF-SHA256, so a key of one purpose opens nothing of another.
 */
export class MasterKey {
  private constructor(private readonly key: Buffer) {}

  static fromBase64(text: string): MasterKey {
    const problem = masterKeyProblem(text);
    if (problem !== undefined) throw new ConfigError('PERSONAL_DATA_MASTER_KEY', problem);
    return new MasterKey(Buffer.from(text, 'base64'));
  }

  /** A box whose key is derived for `purpose` alone, e.g. `provider-webhook-secrets`. */
  secretBox(purpose: string): SecretBox {
    return new SecretBox(this.derive(`casusregie secrets at rest: ${purpose}`));
  }

  /**
   * A keyed digest for `purpose` (HMAC-SHA256, hex): to recognise a value again without storing anything that can
   * be turned back into it. A plain hash of a request holding a BSN could be: there are only 10^9 of them.
   */
  digester(purpose: string): (data: string) => string {
    const key = this.derive(`casusregie keyed digest: ${purpose}`);
    return (data) => createHmac('sha256', key).update(data, 'utf8').digest('hex');
  }

  private derive(info: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), info, MASTER_KEY_BYTES));
  }
}

const PREFIX = 'sb1:';

/**
 * Seals a secret for storage: AES-256-GCM, stored as `sb1:<base64url of iv | tag | ciphertext>`. `context` is
 * authenticated data naming where the value belongs (its owner and field): a sealed value copied to another row or
 * column does not open there. The prefix versions the format, for a later change of algorithm or key.
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {}

  seal(plaintext: string, context: string): string {
    return `${PREFIX}${encrypt(Buffer.from(plaintext, 'utf8'), context, this.key).toString('base64url')}`;
  }

  /** Throws when the value was altered, belongs to another context, or was sealed under another key. */
  open(sealed: string, context: string): string {
    if (!sealed.startsWith(PREFIX)) throw new Error('Not a sealed secret');
    return decrypt(Buffer.from(sealed.slice(PREFIX.length), 'base64url'), context, this.key).toString('utf8');
  }
}
