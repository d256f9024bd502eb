import { createHmac, randomBytes } from 'node:crypto';
import { legacySignature, signatureHeaders, standardSecretProblem, webhookSigningKey } from './notification-signature';

describe('notification signatures (Standard Webhooks)', () => {
  const body = '{"kanaal":"verwijzingen","actie":"create"}';
  const at = new Date('2026-05-15T09:30:00.999Z');

  it('match the Standard Webhooks test vector', () => {
    // The example of the Standard Webhooks specification and its reference libraries.
    const headers = signatureHeaders('msg_p5jXN8AQM9LWM0D4loKWxJek', new Date(1614265330 * 1000), '{"test": 2432232314}', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('sign "<id>.<unix seconds>.<body>" with HMAC-SHA256, in base64', () => {
    const key = randomBytes(32);
    const secret = `whsec_${key.toString('base64')}`;
    const expected = createHmac('sha256', key).update(`delivery-1.1778837400.${body}`).digest('base64');
    expect(signatureHeaders('delivery-1', at, body, secret)).toEqual({
      'webhook-id': 'delivery-1',
      'webhook-timestamp': '1778837400',
      'webhook-signature': `v1,${expected}`,
    });
  });

  it('take a secret registered before (free text) as its UTF-8 bytes: the standard secret whsec_ + base64(secret)', () => {
    const old = 'secret-of-the-provider-registered-in-2025-é';
    expect(Buffer.from(webhookSigningKey(old))).toEqual(Buffer.from(old, 'utf8'));
    const asStandard = `whsec_${Buffer.from(old, 'utf8').toString('base64')}`;
    expect(signatureHeaders('d', at, body, old)).toEqual(signatureHeaders('d', at, body, asStandard));
  });

  it('refuse a whsec_ secret that is not the base64 of 24 to 64 bytes; other text passes as before', () => {
    expect(standardSecretProblem(`whsec_${randomBytes(24).toString('base64')}`)).toBeUndefined();
    expect(standardSecretProblem(`whsec_${randomBytes(64).toString('base64')}`)).toBeUndefined();
    expect(standardSecretProblem(`whsec_${randomBytes(16).toString('base64')}`)).toMatch(/24 to 64 bytes/);
    expect(standardSecretProblem(`whsec_${randomBytes(65).toString('base64')}`)).toMatch(/24 to 64 bytes/);
    expect(standardSecretProblem('whsec_not base64 at all, but long enough to pass')).toMatch(/24 to 64 bytes/);
    expect(standardSecretProblem('provider-secret-of-thirty-two-characters')).toBeUndefined();
  });

  it('keep the old X-Casusregie-Signature for this version: sha256= and the hex HMAC of the body', () => {
    // The published HMAC-SHA256 example, so a change of algorithm or encoding cannot pass unnoticed.
    expect(legacySignature('The quick brown fox jumps over the lazy dog', 'key')).toBe('sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
  });
});
