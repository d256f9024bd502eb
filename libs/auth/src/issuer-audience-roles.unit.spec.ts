import { JwtService } from '@nestjs/jwt';
import { AppConfig, loadConfig } from '@casusregie/config';
import { createTokenVerifier } from './create-token-verifier';
import { HmacTokenVerifier } from './hmac-token-verifier';
import { rejection } from './testing/rejection';

const SECRET = 'test-secret-that-is-at-least-32-characters';
const ISSUER = 'https://sso.zevenaar.nl/realms/sociaal-team';
const claims = { sub: 'u-1', roles: ['consultant'], team: 'T1', municipality: 'GM0299' };
const jwt = new JwtService();
const sign = (payload: object) => jwt.sign(payload, { secret: SECRET, algorithm: 'HS256', expiresIn: 60 });

describe('token verification: iss, aud and the roles claim', () => {
  const verifier = new HmacTokenVerifier(SECRET, { issuer: ISSUER, audience: ['casusregie-api', 'casusregie'] });

  it('accepts a token with the configured issuer and one of the configured audiences', async () => {
    await expect(verifier.verify(sign({ ...claims, iss: ISSUER, aud: 'casusregie' }))).resolves.toMatchObject({ sub: 'u-1' });
    await expect(verifier.verify(sign({ ...claims, iss: ISSUER, aud: ['account', 'casusregie-api'] }))).resolves.toMatchObject({ sub: 'u-1' });
  });

  it.each([
    ['no iss', { ...claims, aud: 'casusregie-api' }, /\(iss\)/],
    ['another iss', { ...claims, iss: 'https://sso.example/realms/other', aud: 'casusregie-api' }, /\(iss\)/],
    ['no aud', { ...claims, iss: ISSUER }, /\(aud\)/],
    ['another aud', { ...claims, iss: ISSUER, aud: 'account' }, /\(aud\)/],
  ])('refuses a token with %s, without quoting either value', async (_case, payload, message) => {
    const error = await rejection(verifier, sign(payload));
    expect(error.code).toBe('invalid-token');
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('sso.');
    expect(error.message).not.toContain('account');
  });

  it('checks neither when neither is configured', async () => {
    await expect(new HmacTokenVerifier(SECRET).verify(sign({ ...claims, iss: 'anyone', aud: 'anything' }))).resolves.toMatchObject({ sub: 'u-1' });
  });

  it('is configured from AUTH_ISSUER, AUTH_AUDIENCE and AUTH_ROLES_CLAIM', async () => {
    const config: AppConfig = loadConfig({
      AUTH_JWT_SECRET: SECRET,
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: 'casusregie-api',
      AUTH_ROLES_CLAIM: 'realm_access.roles',
    });
    const configured = createTokenVerifier(config);
    const { roles: _roles, ...keycloakClaims } = claims;
    const keycloak = { ...keycloakClaims, iss: ISSUER, aud: 'casusregie-api', realm_access: { roles: ['offline_access', 'auditor'] } };
    await expect(configured.verify(sign(keycloak))).resolves.toEqual({ sub: 'u-1', roles: ['auditor'], team: 'T1', municipality: 'GM0299' });
    await expect(configured.verify(sign({ ...keycloak, aud: 'account' }))).rejects.toThrow(/\(aud\)/);
    await expect(configured.verify(sign({ ...claims, iss: ISSUER, aud: 'casusregie-api' }))).rejects.toThrow(/realm_access\.roles/);
  });
});
