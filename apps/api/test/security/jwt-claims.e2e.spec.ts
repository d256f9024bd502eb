import { JwtService } from '@nestjs/jwt';
import { ApiHarness, startApi } from '../support/api-harness';

const SECRET = 'jwt-claims-e2e-secret-0123456789abcdef';
const ISSUER = 'https://sso.zevenaar.nl/realms/sociaal-team';
const AUDIENCE = 'casusregie-api';

/** A token as Keycloak issues it: roles under realm_access, among roles of other applications. */
const keycloakClaims = {
  sub: 'f2c1a7e0-kc-user',
  iss: ISSUER,
  aud: ['account', AUDIENCE],
  realm_access: { roles: ['default-roles-sociaal-team', 'offline_access', 'supervisor'] },
  team: 'T1',
  municipality: 'GM0299',
};

/** Issue 14, JWT: iss and aud checked when configured; roles read from AUTH_ROLES_CLAIM. */
describe('JWT claims: AUTH_ISSUER, AUTH_AUDIENCE, AUTH_ROLES_CLAIM', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('postgres', '2026-11-23', {
      AUTH_JWT_SECRET: SECRET,
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
      AUTH_ROLES_CLAIM: 'realm_access.roles',
    });
  });
  afterAll(() => api.close());

  const me = (claims: object) =>
    api
      .http()
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${new JwtService().sign(claims, { secret: SECRET, algorithm: 'HS256', expiresIn: 600 })}`);

  it('accepts a Keycloak token with the configured issuer and audience, reading its realm roles', async () => {
    const answer = await me(keycloakClaims);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ sub: keycloakClaims.sub, roles: ['supervisor'], municipality: 'GM0299' });
  });

  // Each also carries a top-level roles claim, so that only the checked claim can be what refuses it.
  const alsoTopLevelRoles = { ...keycloakClaims, roles: ['supervisor'] };
  it.each([
    ['without iss', { ...alsoTopLevelRoles, iss: undefined }],
    ['of another issuer', { ...alsoTopLevelRoles, iss: 'https://sso.example.org/realms/other' }],
    ['without aud', { ...alsoTopLevelRoles, aud: undefined }],
    ['for another audience', { ...alsoTopLevelRoles, aud: 'account' }],
    ['with roles only at the top level', { ...alsoTopLevelRoles, realm_access: undefined }],
  ])('refuses a token %s: 401 problem+json with the Bearer challenge', async (_case, claims) => {
    const answer = await me(JSON.parse(JSON.stringify(claims)) as object);
    expect(answer.status).toBe(401);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.headers['www-authenticate']).toBe('Bearer realm="casusregie", error="invalid_token"');
    expect(answer.body).toMatchObject({ status: 401, code: 'invalid-token' });
    expect(JSON.stringify(answer.body)).not.toContain('sso.');
  });

  it('lets the realm roles decide access: a supervisor token is refused a consultant route with 403', async () => {
    const answer = await api
      .http()
      .post('/api/v1/households/_search')
      .set('Authorization', `Bearer ${new JwtService().sign(keycloakClaims, { secret: SECRET, algorithm: 'HS256', expiresIn: 600 })}`)
      .send({ lastName: 'Jansen' });
    expect(answer.status).toBe(403);
  });
});
