import { ConfigError, loadConfig } from './app-config';

describe('loadConfig: AUTH_ISSUER, AUTH_AUDIENCE, AUTH_ROLES_CLAIM', () => {
  it('checks neither issuer nor audience by default, and reads roles from the roles claim', () => {
    expect(loadConfig({}).auth).toMatchObject({ issuer: undefined, audience: undefined, rolesClaim: ['roles'] });
  });

  it('reads an issuer, one or more audiences and a dotted roles path', () => {
    const config = loadConfig({
      AUTH_ISSUER: ' https://sso.zevenaar.nl/realms/sociaal-team ',
      AUTH_AUDIENCE: 'casusregie-api, account',
      AUTH_ROLES_CLAIM: 'realm_access.roles',
    });
    expect(config.auth).toMatchObject({
      issuer: 'https://sso.zevenaar.nl/realms/sociaal-team',
      audience: ['casusregie-api', 'account'],
      rolesClaim: ['realm_access', 'roles'],
    });
    expect(loadConfig({ AUTH_ROLES_CLAIM: 'resource_access.casusregie-api.roles' }).auth.rolesClaim).toEqual([
      'resource_access',
      'casusregie-api',
      'roles',
    ]);
  });

  it.each([
    ['AUTH_ISSUER', 'two words'],
    ['AUTH_AUDIENCE', 'api,,other'],
    ['AUTH_AUDIENCE', 'api, ,other'],
    ['AUTH_ROLES_CLAIM', 'realm_access..roles'],
    ['AUTH_ROLES_CLAIM', '.roles'],
    ['AUTH_ROLES_CLAIM', 'realm access.roles'],
  ])('refuses %s=%j, naming the variable', (variable, raw) => {
    expect(() => loadConfig({ [variable]: raw })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: raw })).toThrow(new RegExp(`^${variable}: `));
  });
});

describe('loadConfig: CORS_ORIGINS', () => {
  it('allows no origin by default', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: ' ' }).corsOrigins).toEqual([]);
  });

  it('reads comma-separated origins', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://app.zevenaar.nl, http://localhost:5173' }).corsOrigins).toEqual([
      'https://app.zevenaar.nl',
      'http://localhost:5173',
    ]);
  });

  it.each(['*', 'app.zevenaar.nl', 'https://app.zevenaar.nl/', 'https://app.zevenaar.nl/path', 'ftp://files.zevenaar.nl', 'https://a.nl,,https://b.nl'])(
    'refuses %j, naming the variable',
    (raw) => {
      expect(() => loadConfig({ CORS_ORIGINS: raw })).toThrow(/^CORS_ORIGINS: must be origins/);
    },
  );
});
