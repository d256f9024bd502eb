import { ConfigError, loadConfig } from './app-config';

describe('loadConfig: PUBLIC_BASE_URL', () => {
  it('is http://localhost:<PORT> when not set: right for embedded mode on one machine', () => {
    expect(loadConfig({}).publicBaseUrl).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '8080', PUBLIC_BASE_URL: ' ' }).publicBaseUrl).toBe('http://localhost:8080');
  });

  it.each([
    ['https://casusregie.gemeente.nl', 'https://casusregie.gemeente.nl'],
    ['https://casusregie.gemeente.nl/', 'https://casusregie.gemeente.nl'],
    ['HTTPS://Casusregie.Gemeente.NL:443//', 'https://casusregie.gemeente.nl'],
    ['https://gemeente.nl/casusregie/', 'https://gemeente.nl/casusregie'],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
  ])('takes %s as %s: one form, without trailing slashes, to add /api/v1/… to', (raw, expected) => {
    expect(loadConfig({ PUBLIC_BASE_URL: raw }).publicBaseUrl).toBe(expected);
  });

  it.each(['casusregie.gemeente.nl', '/api', 'ftp://x.nl', 'https://x.nl/?a=1', 'https://x.nl/#top', 'https://x.nl/api/v1', 'https://x.nl/api/v1/'])(
    'refuses %s at start-up, naming the variable',
    (raw) => {
      expect(() => loadConfig({ PUBLIC_BASE_URL: raw })).toThrow(ConfigError);
      expect(() => loadConfig({ PUBLIC_BASE_URL: raw })).toThrow(/^PUBLIC_BASE_URL: must /);
    },
  );
});

describe('loadConfig: NOTIFICATIONS_NRC_*', () => {
  const nrc = { NOTIFICATIONS_NRC_URL: 'https://nrc.gemeente.nl/api/v1/' };

  it('is off when NOTIFICATIONS_NRC_URL is not set', () => {
    expect(loadConfig({}).notificationsNrc).toBeUndefined();
  });

  it('makes ZGW JWTs from a client id and secret', () => {
    expect(loadConfig({ ...nrc, NOTIFICATIONS_NRC_CLIENT_ID: 'casusregie', NOTIFICATIONS_NRC_SECRET: 's3cret' }).notificationsNrc).toEqual({
      url: 'https://nrc.gemeente.nl/api/v1',
      auth: { kind: 'zgw-jwt', clientId: 'casusregie', secret: 's3cret' },
    });
  });

  it('or sends a fixed Authorization value', () => {
    expect(loadConfig({ ...nrc, NOTIFICATIONS_NRC_AUTHORIZATION: 'Token abc def' }).notificationsNrc).toEqual({
      url: 'https://nrc.gemeente.nl/api/v1',
      auth: { kind: 'authorization', value: 'Token abc def' },
    });
  });

  it.each([
    [{ ...nrc }, /^NOTIFICATIONS_NRC_CLIENT_ID: is required/],
    [{ ...nrc, NOTIFICATIONS_NRC_CLIENT_ID: 'casusregie' }, /^NOTIFICATIONS_NRC_SECRET: is required/],
    [{ ...nrc, NOTIFICATIONS_NRC_AUTHORIZATION: 'Token a', NOTIFICATIONS_NRC_SECRET: 'x' }, /^NOTIFICATIONS_NRC_AUTHORIZATION: is set and so is/],
    [{ ...nrc, NOTIFICATIONS_NRC_AUTHORIZATION: 'Token a\r\nX-Evil: 1' }, /^NOTIFICATIONS_NRC_AUTHORIZATION: must be one line/],
    [{ NOTIFICATIONS_NRC_URL: 'nrc.gemeente.nl', NOTIFICATIONS_NRC_AUTHORIZATION: 'Token a' }, /^NOTIFICATIONS_NRC_URL: must be/],
    [{ NOTIFICATIONS_NRC_SECRET: 's3cret' }, /^NOTIFICATIONS_NRC_SECRET: is set but NOTIFICATIONS_NRC_URL is not/],
  ])('refuses an incomplete or unusable setting (%#)', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never repeats a secret in its message', () => {
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'https://user:hunter2@x.nl' })).toThrow(/^PUBLIC_BASE_URL: must not hold a user or password$/);
    expect(() => loadConfig({ NOTIFICATIONS_NRC_URL: 'https://nrc.nl/?token=hunter2', NOTIFICATIONS_NRC_AUTHORIZATION: 'Token a' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
    expect(() => loadConfig({ ...nrc, NOTIFICATIONS_NRC_AUTHORIZATION: 'Bearer hunter2\n' + 'x' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });
});
