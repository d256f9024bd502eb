import { createHmac } from 'node:crypto';
import { signNotification, verifySignature } from './notification-signature';

describe('notification signatures', () => {
  const body = '{"kanaal":"verwijzingen","actie":"create"}';
  const secret = 'provider-webhook-secret';

  it('is sha256= and the hex HMAC-SHA256 of the exact body bytes', () => {
    const expected = createHmac('sha256', secret).update(Buffer.from(body, 'utf8')).digest('hex');
    expect(signNotification(body, secret)).toBe(`sha256=${expected}`);
    expect(signNotification(Buffer.from(body), secret)).toBe(`sha256=${expected}`);
    // The published HMAC-SHA256 example, so a change of algorithm or encoding cannot pass unnoticed.
    expect(signNotification('The quick brown fox jumps over the lazy dog', 'key')).toBe(
      'sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
  });

  it('verifies what it signed', () => {
    expect(verifySignature(body, signNotification(body, secret), secret)).toBe(true);
    expect(verifySignature(Buffer.from(body), signNotification(body, secret).toUpperCase().replace('SHA256=', 'sha256='), secret)).toBe(true);
  });

  it('rejects another body, another secret, and anything not shaped like a signature', () => {
    const signature = signNotification(body, secret);
    expect(verifySignature(`${body} `, signature, secret)).toBe(false);
    expect(verifySignature(body.replace('create', 'destroy'), signature, secret)).toBe(false);
    expect(verifySignature(body, signature, 'another-secret')).toBe(false);
    expect(verifySignature(body, signature.slice('sha256='.length), secret)).toBe(false);
    expect(verifySignature(body, 'sha256=abc', secret)).toBe(false);
    expect(verifySignature(body, `sha1=${signature.slice(7)}`, secret)).toBe(false);
    expect(verifySignature(body, undefined, secret)).toBe(false);
    expect(verifySignature(body, null, secret)).toBe(false);
  });
});
