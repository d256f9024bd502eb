import { randomBytes } from 'node:crypto';
import { ConfigError } from './app-config';
import { MasterKey } from './master-key';

const KEY = randomBytes(32).toString('base64');

describe('MasterKey and SecretBox', () => {
  const box = MasterKey.fromBase64(KEY).secretBox('provider-webhook-secrets');
  const context = 'provider-contract:98765432:GM0299:webhook_secret';

  it('seals a secret so that its text does not show, and opens it in its own context', () => {
    const sealed = box.seal('a-webhook-secret-of-32-characters!', context);
    expect(sealed).toMatch(/^sb1:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('webhook-secret');
    expect(box.open(sealed, context)).toBe('a-webhook-secret-of-32-characters!');
    // A fresh IV every time: equal secrets do not look equal.
    expect(box.seal('same', context)).not.toBe(box.seal('same', context));
  });

  it('opens nothing in another context, under another purpose or master key, or after a change', () => {
    const sealed = box.seal('secret', context);
    expect(() => box.open(sealed, 'provider-contract:98765432:GM0300:webhook_secret')).toThrow();
    expect(() => MasterKey.fromBase64(KEY).secretBox('other-purpose').open(sealed, context)).toThrow();
    expect(() => MasterKey.fromBase64(randomBytes(32).toString('base64')).secretBox('provider-webhook-secrets').open(sealed, context)).toThrow();
    const payload = Buffer.from(sealed.slice(4), 'base64url');
    payload[payload.length - 1] ^= 1;
    expect(() => box.open(`sb1:${payload.toString('base64url')}`, context)).toThrow();
    expect(() => box.open('secret', context)).toThrow('Not a sealed secret');
  });

  it('refuses a master key that is not 32 bytes of base64, without repeating it', () => {
    expect(() => MasterKey.fromBase64('short')).toThrow(ConfigError);
    expect(() => MasterKey.fromBase64('short')).toThrow(/^PERSONAL_DATA_MASTER_KEY: must be 32 bytes/);
  });
});
