import { JwtService } from '@nestjs/jwt';
import { signAccessToken } from './sign-access-token';

const SECRET = 'test-secret-that-is-at-least-32-characters';

describe('signAccessToken', () => {
  it('signs HS256 with the principal as claims and an 8 hour lifetime by default', () => {
    const token = signAccessToken({ sub: 'u-1', roles: ['supervisor'], municipality: 'GM0299' }, SECRET);
    const { header, payload } = new JwtService().decode(token, { complete: true });
    expect(header.alg).toBe('HS256');
    expect(payload).toMatchObject({ sub: 'u-1', roles: ['supervisor'], municipality: 'GM0299' });
    expect(payload.exp - payload.iat).toBe(8 * 3600);
  });

  it('takes the lifetime as seconds or a duration', () => {
    const decode = (token: string) => new JwtService().decode(token);
    const principal = { sub: 'u-1', roles: ['admin' as const], municipality: 'GM0299' };
    const inSeconds = decode(signAccessToken(principal, SECRET, { expiresIn: 90 }));
    const inMinutes = decode(signAccessToken(principal, SECRET, { expiresIn: '30m' }));
    expect(inSeconds.exp - inSeconds.iat).toBe(90);
    expect(inMinutes.exp - inMinutes.iat).toBe(1800);
  });

  it('refuses a duration it does not understand', () => {
    expect(() => signAccessToken({ sub: 'u', roles: ['admin'], municipality: 'GM0299' }, SECRET, { expiresIn: 'soon' })).toThrow(
      RangeError,
    );
  });
});
