import { randomBytes } from 'node:crypto';
import { signatureHeaders } from './notification-signature';
import { NotificationVerificationError, verifyNotification } from './verify-notification';

describe('verifyNotification (for receivers)', () => {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const notification = { kanaal: 'verwijzingen', hoofdObject: 'https://casusregie.example.nl/api/v1/provider/referrals/r1', actie: 'create' };
  const body = JSON.stringify(notification);
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
  const rejection = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return error instanceof NotificationVerificationError ? error.reason : error;
    }
    return 'accepted';
  };

  it('returns the notification of a fresh, correctly signed delivery (Node headers, fetch Headers, a Buffer body)', () => {
    const headers = signatureHeaders('delivery-1', new Date(), body, secret);
    expect(verifyNotification(body, headers, secret)).toEqual(notification);
    expect(verifyNotification(Buffer.from(body), new Headers(headers), secret)).toEqual(notification);
    expect(verifyNotification(body, signatureHeaders('delivery-1', minutesAgo(4), body, secret), secret)).toEqual(notification);
    // Header names in any case, as a framework may hand them over.
    const capitalised = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.replace(/\b\w/g, (c) => c.toUpperCase()), value]));
    expect(Object.keys(capitalised)).toContain('Webhook-Id');
    expect(verifyNotification(body, capitalised, secret)).toEqual(notification);
  });

  it('refuses a replay: a genuine delivery signed longer ago than the tolerance (5 minutes by default)', () => {
    const replayed = signatureHeaders('delivery-1', minutesAgo(6), body, secret);
    expect(rejection(() => verifyNotification(body, replayed, secret))).toBe('stale-timestamp');
    const ahead = signatureHeaders('delivery-1', minutesAgo(-6), body, secret);
    expect(rejection(() => verifyNotification(body, ahead, secret))).toBe('stale-timestamp');
    const twoMinutes = signatureHeaders('delivery-1', minutesAgo(2), body, secret);
    expect(rejection(() => verifyNotification(body, twoMinutes, secret, { toleranceSeconds: 60 }))).toBe('stale-timestamp');
  });

  it('refuses an old delivery whose timestamp header was moved forward: the timestamp is signed', () => {
    const replayed = { ...signatureHeaders('delivery-1', minutesAgo(10), body, secret), 'webhook-timestamp': String(Math.floor(Date.now() / 1000)) };
    expect(rejection(() => verifyNotification(body, replayed, secret))).toBe('bad-signature');
  });

  it('refuses a tampered body, another id, another secret, and missing headers', () => {
    const headers = signatureHeaders('delivery-1', new Date(), body, secret);
    expect(rejection(() => verifyNotification(body.replace('create', 'destroy'), headers, secret))).toBe('bad-signature');
    expect(rejection(() => verifyNotification(`${body} `, headers, secret))).toBe('bad-signature');
    expect(rejection(() => verifyNotification(body, { ...headers, 'webhook-id': 'delivery-2' }, secret))).toBe('bad-signature');
    expect(rejection(() => verifyNotification(body, headers, `whsec_${randomBytes(32).toString('base64')}`))).toBe('bad-signature');
    expect(rejection(() => verifyNotification(body, { ...headers, 'webhook-signature': undefined }, secret))).toBe('missing-headers');
    expect(rejection(() => verifyNotification(body, { ...headers, 'webhook-timestamp': 'soon' }, secret))).toBe('stale-timestamp');
  });

  it('takes only a tighter tolerance than the standard five minutes', () => {
    const headers = signatureHeaders('delivery-1', new Date(), body, secret);
    expect(() => verifyNotification(body, headers, secret, { toleranceSeconds: 600 })).toThrow(RangeError);
    expect(() => verifyNotification(body, headers, secret, { toleranceSeconds: 0 })).toThrow(RangeError);
  });
});
