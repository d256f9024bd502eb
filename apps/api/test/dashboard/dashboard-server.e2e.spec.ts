import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@casusregie/config';
import { openStorage } from '@casusregie/storage';
import { createTempDir, TempDir } from '@casusregie/test-support';
import { createApiApp } from '../../src/create-api-app';

/**
 * The server side of the dashboard: its settings, the development login (embedded mode only), its house style, and
 * its files under the API's headers. The page itself is tested in a browser (test/dashboard).
 */
describe('the dashboard, served by the API', () => {
  let dir: TempDir;
  const apps: INestApplication[] = [];

  beforeAll(() => {
    dir = createTempDir();
    mkdirSync(join(dir.path, 'assets'));
    writeFileSync(join(dir.path, 'assets', 'index.html'), '<!doctype html><html lang="nl"><title>casusregie</title></html>');
    writeFileSync(join(dir.path, 'assets', 'app.js'), 'export {};');
    writeFileSync(join(dir.path, 'theme.css'), ':root { --utrecht-color-red-40: #c00; }');
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    dir.remove();
  });

  async function start(env: Record<string, string>): Promise<INestApplication> {
    const config = loadConfig({ DATA_DIR: join(dir.path, `data-${apps.length}`), ...env });
    const app = await createApiApp(config, await openStorage(config), { logger: false, dashboardDir: join(dir.path, 'assets') });
    apps.push(app);
    return app;
  }

  describe('in embedded mode', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await start({});
    });

    it('serves the page and its script with the API headers: no-store, the CSP, no framing', async () => {
      for (const path of ['/dashboard/', '/dashboard/app.js']) {
        const response = await request(app.getHttpServer()).get(path).expect(200);
        expect(response.headers['cache-control']).toBe('no-store');
        expect(response.headers['content-security-policy']).toContain("script-src 'self'");
        expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      }
      await request(app.getHttpServer()).get('/dashboard').expect(301).expect('location', '/dashboard/');
    });

    it('says the login is the development login, and issues a token the API takes for the role and municipality chosen', async () => {
      const config = await request(app.getHttpServer()).get('/dashboard/config.json').expect(200);
      expect(config.body).toEqual({ login: 'development', apiBase: '/api/v1' });
      expect(config.headers['cache-control']).toBe('no-store');

      const login = await request(app.getHttpServer())
        .post('/dashboard/dev-login')
        .send({ role: 'consultant', municipality: 'GM0299', team: 'inburgering', sub: 'zvn-inburgeringsconsulent-1' })
        .expect(200);
      expect(login.body).toEqual({ accessToken: expect.any(String), expiresIn: 28_800 });
      const me = await request(app.getHttpServer()).get('/api/v1/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
      expect(me.body).toMatchObject({ sub: 'zvn-inburgeringsconsulent-1', roles: ['consultant'], team: 'inburgering', municipality: 'GM0299' });
    });

    it.each([
      [{}, ['role', 'municipality']],
      [{ role: 'admin', municipality: 'GM0299' }, ['role']],
      [{ role: 'supervisor', municipality: 'Zevenaar' }, ['municipality']],
      [{ role: 'consultant', municipality: 'GM0299' }, ['team']],
      [{ role: 'supervisor', municipality: 'GM0299', sub: 'a b' }, ['sub']],
      [{ role: 'supervisor', municipality: 'GM0299', team: 'x'.repeat(65) }, ['team']],
    ])('refuses %j with a 400 problem naming %j', async (body, names) => {
      const response = await request(app.getHttpServer()).post('/dashboard/dev-login').send(body).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.invalidParams.map((param: { name: string }) => param.name)).toEqual(names);
      expect(JSON.stringify(response.body)).not.toContain('x'.repeat(65));
    });

    it('refuses a body that is not JSON as the API does', async () => {
      const response = await request(app.getHttpServer()).post('/dashboard/dev-login').set('Content-Type', 'text/plain').send('role=supervisor').expect(415);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });

  describe('on a server deployment', () => {
    it('has no development login: 404, and config.json says there is no login without an identity provider', async () => {
      const app = await start({ AUTH_JWT_SECRET: 'dashboard-test-secret-0123456789abcdef' });
      expect((await request(app.getHttpServer()).get('/dashboard/config.json').expect(200)).body).toEqual({ login: 'none', apiBase: '/api/v1' });
      const response = await request(app.getHttpServer()).post('/dashboard/dev-login').send({ role: 'supervisor', municipality: 'GM0299' }).expect(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('with an identity provider: its settings for the page, its origin allowed to be fetched, and the house style', async () => {
      const app = await start({
        AUTH_JWT_SECRET: 'dashboard-test-secret-0123456789abcdef',
        DASHBOARD_OIDC_ISSUER: 'https://login.gemeente.example/realms/sociaal-domein/',
        DASHBOARD_OIDC_CLIENT_ID: 'casusregie-dashboard',
        DASHBOARD_THEME_FILE: join(dir.path, 'theme.css'),
      });
      const config = await request(app.getHttpServer()).get('/dashboard/config.json').expect(200);
      expect(config.body).toEqual({
        login: 'oidc',
        apiBase: '/api/v1',
        oidc: { authority: 'https://login.gemeente.example/realms/sociaal-domein', clientId: 'casusregie-dashboard', scope: 'openid profile' },
      });
      expect(config.headers['content-security-policy']).toContain("connect-src 'self' https://login.gemeente.example");
      const theme = await request(app.getHttpServer()).get('/dashboard/theme.css').expect(200);
      expect(theme.headers['content-type']).toMatch(/^text\/css/);
      expect(theme.text).toContain('--utrecht-color-red-40');
    });

    it.each([
      [{ DASHBOARD_OIDC_ISSUER: 'https://login.example' }, /^DASHBOARD_OIDC_CLIENT_ID: /],
      [{ DASHBOARD_OIDC_ISSUER: 'http://login.example', DASHBOARD_OIDC_CLIENT_ID: 'c' }, /^DASHBOARD_OIDC_ISSUER: must be an https/],
      [{ DASHBOARD_THEME_FILE: '/nonexistent/theme.css' }, /^DASHBOARD_THEME_FILE: /],
    ])('refuses the setting %j at start-up', (env, message) => {
      expect(() => loadConfig(env)).toThrow(message);
    });
  });
});
