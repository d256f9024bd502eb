import { loadConfig } from '@casusregie/config';
import { notificationRoute } from './notification-route';

describe('notificationRoute: what a sending process says at start-up', () => {
  const server = {
    EVENT_STORE: 'postgres',
    DATABASE_URL: 'postgresql://casusregie@db.internal:5432/casusregie',
    AUTH_JWT_SECRET: 'x'.repeat(32),
    PERSONAL_DATA_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
  };

  it.each([
    ['the default', {}],
    ['localhost, as a compose file left it', { PUBLIC_BASE_URL: 'http://localhost:3000' }],
    ['a loopback address', { PUBLIC_BASE_URL: 'http://127.0.0.1:8080' }],
  ])('warns a server deployment whose PUBLIC_BASE_URL is %s: providers cannot reach it', (_kind, env) => {
    expect(notificationRoute(loadConfig({ ...server, ...env })).warning).toMatch(/^PUBLIC_BASE_URL is http:\/\/(localhost|127\.0\.0\.1):\d+: providers cannot reach/);
  });

  it('says nothing more for a public address, or in embedded mode, where localhost is the point', () => {
    expect(notificationRoute(loadConfig({ ...server, PUBLIC_BASE_URL: 'https://casusregie.gemeente.nl' })).warning).toBeUndefined();
    expect(notificationRoute(loadConfig({})).warning).toBeUndefined();
  });

  it('names where notifications go: the webhooks, or the Open Notificaties without its credentials', () => {
    expect(notificationRoute(loadConfig({ ...server, PUBLIC_BASE_URL: 'https://casusregie.gemeente.nl' })).info).toBe(
      "Notifications go to the providers' webhooks, with URLs under https://casusregie.gemeente.nl",
    );
    const nrc = notificationRoute(
      loadConfig({
        ...server,
        PUBLIC_BASE_URL: 'https://casusregie.gemeente.nl',
        NOTIFICATIONS_NRC_URL: 'https://notificaties.gemeente.nl/api/v1',
        NOTIFICATIONS_NRC_CLIENT_ID: 'casusregie',
        NOTIFICATIONS_NRC_SECRET: 'nrc-secret-value-0123456789',
      }),
    ).info;
    expect(nrc).toMatch(/^Notifications are published to the Open Notificaties at .*notificaties\.gemeente\.nl/);
    expect(nrc).not.toContain('nrc-secret-value');
  });
});
