import { JwtService } from '@nestjs/jwt';
import { HmacTokenVerifier } from './hmac-token-verifier';
import { rejection } from './testing/rejection';
import { Principal } from './principal';
import { signAccessToken } from './sign-access-token';

const SECRET = 'test-secret-that-is-at-least-32-characters';
const OTHER_SECRET = 'another-secret-that-is-at-least-32-chars';
const alice: Principal = { sub: 'u-1', roles: ['consultant'], team: 'T1', municipality: 'GM0299' };
const now = () => Math.floor(Date.now() / 1000);

describe('HmacTokenVerifier', () => {
  const verifier = new HmacTokenVerifier(SECRET);
  const jwt = new JwtService();

  it('accepts a token signed with the secret and returns its principal', async () => {
    await expect(verifier.verify(signAccessToken(alice, SECRET))).resolves.toEqual(alice);
  });

  it('rejects an expired token as expired-token', async () => {
    const token = jwt.sign({ ...alice, exp: now() - 3600 }, { secret: SECRET });
    const error = await rejection(verifier, token);
    expect(error.code).toBe('expired-token');
    expect(error.message).toMatch(/expired/);
  });

  it('rejects a token signed with another secret', async () => {
    const error = await rejection(verifier, signAccessToken(alice, OTHER_SECRET));
    expect(error.code).toBe('invalid-token');
  });

  it('rejects a token whose payload was changed after signing', async () => {
    const [header, , signature] = signAccessToken(alice, SECRET).split('.');
    const payload = Buffer.from(JSON.stringify({ ...alice, roles: ['admin'], exp: now() + 60 })).toString('base64url');
    await rejection(verifier, `${header}.${payload}.${signature}`);
  });

  it('rejects an unsigned token (alg "none")', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ ...alice, exp: now() + 60 })).toString('base64url');
    await rejection(verifier, `${header}.${payload}.`);
  });

  it('rejects a token signed with another HMAC algorithm', async () => {
    await rejection(verifier, jwt.sign({ ...alice }, { secret: SECRET, algorithm: 'HS512', expiresIn: 60 }));
  });

  it('rejects garbage', async () => {
    await rejection(verifier, 'not-a-jwt');
  });

  it('rejects a correctly signed token without roles', async () => {
    const { roles: _roles, ...withoutRoles } = alice;
    const error = await rejection(verifier, jwt.sign(withoutRoles, { secret: SECRET, expiresIn: 60 }));
    expect(error.message).toMatch(/roles/);
  });

  it('rejects a correctly signed token with a bad municipality', async () => {
    const error = await rejection(verifier, signAccessToken({ ...alice, municipality: 'GM29' }, SECRET));
    expect(error.message).toMatch(/municipality/);
  });

  it('rejects a correctly signed token without an expiry', async () => {
    await rejection(verifier, jwt.sign({ ...alice }, { secret: SECRET }));
  });
});
