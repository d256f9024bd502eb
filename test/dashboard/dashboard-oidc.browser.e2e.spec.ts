import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { createTempDir, TempDir } from '@casusregie/test-support';
import { browserStorage, describeInBrowser, expectAccessible, expectNothingStored, launchChromium, RunningApi, startApi } from './support/browser';
import { FakeIdentityProvider, startFakeIdentityProvider } from './support/fake-identity-provider';

/**
 * The dashboard's OpenID Connect login in a real browser: authorization code + PKCE (oidc-client-ts) against an
 * identity provider faked in this process, and the API, started in server mode (AUTH_JWKS_URL), checking the token it
 * issued. The provider verifies the PKCE S256 challenge; the token reaches no URL and no storage.
 */
const CLIENT_ID = 'casusregie-dashboard';
const AUDIENCE = 'casusregie-api';
const SUPERVISOR = { sub: 'idp-toezichthouder-1', roles: ['supervisor'], municipality: 'GM0299' };

describeInBrowser()('the dashboard logs in with OpenID Connect (code + PKCE) at an identity provider', () => {
  let dataDir: TempDir;
  let idp: FakeIdentityProvider;
  let api: RunningApi;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = createTempDir();
    idp = await startFakeIdentityProvider({ clientId: CLIENT_ID, audience: AUDIENCE, user: SUPERVISOR });
    api = await startApi({
      EVENT_STORE: 'pglite',
      DATA_DIR: join(dataDir.path, 'data'),
      LOG_LEVEL: 'info',
      AUTH_JWKS_URL: idp.jwksUrl,
      AUTH_ISSUER: idp.issuer,
      AUTH_AUDIENCE: AUDIENCE,
      DASHBOARD_OIDC_ISSUER: idp.issuer,
      DASHBOARD_OIDC_CLIENT_ID: CLIENT_ID,
    });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await idp?.close();
    dataDir?.remove();
  });

  /** A fresh browser context, with every URL it requests and the Authorization headers it sent to the API. */
  async function newPage(): Promise<{ context: BrowserContext; page: Page; urls: string[]; bearers: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    const page = await context.newPage();
    const urls: string[] = [];
    const bearers: string[] = [];
    page.on('request', (request) => {
      urls.push(request.url());
      const authorization = request.headers()['authorization'];
      if (authorization !== undefined && request.url().startsWith(api.base)) bearers.push(authorization);
    });
    return { context, page, urls, bearers };
  }

  async function openLogin(page: Page): Promise<void> {
    await page.goto(`${api.base}/dashboard/`);
    await page.locator('[data-testid=oidc-login]').waitFor();
  }

  it('tells the page to log in with OpenID Connect, and allows the provider in connect-src', async () => {
    const response = await fetch(`${api.base}/dashboard/config.json`);
    expect(await response.json()).toEqual({
      login: 'oidc',
      apiBase: '/api/v1',
      oidc: { authority: idp.issuer, clientId: CLIENT_ID, scope: 'openid profile' },
    });
    const csp = (await fetch(`${api.base}/dashboard/`)).headers.get('content-security-policy') ?? '';
    expect(/connect-src ([^;]*)/.exec(csp)?.[1].split(' ')).toEqual(["'self'", idp.issuer]);
    // Server mode: no development login.
    expect((await fetch(`${api.base}/dashboard/dev-login`, { method: 'POST' })).status).toBe(404);
  });

  it('a supervisor logs in at the provider and lands on the norms, read from the API with the provider’s token', async () => {
    const { context, page, urls, bearers } = await newPage();
    await openLogin(page);
    expect(page.url()).toBe(`${api.base}/dashboard/#/inloggen`);
    expect(await page.locator('#login-form').count()).toBe(0);
    await expectAccessible(page, 'the OpenID Connect login');

    await page.locator('[data-testid=oidc-login]').click();
    await page.waitForURL(/#\/normen$/);
    await page.locator('table[data-testid=norms-table] a[href^="#/normen/"]').first().waitFor();
    await expect(page.locator('[data-testid=who]').innerText()).resolves.toMatch(/gemeente GM0299/);
    await expect(page.locator('[data-testid=error]').count()).resolves.toBe(0);
    // Code and state are gone from the address bar.
    expect(page.url()).toBe(`${api.base}/dashboard/#/normen`);
    await expectAccessible(page, 'the norms, logged in with OpenID Connect');

    // The provider saw one authorization request of this client, with an S256 challenge, and one exchange whose
    // verifier matched it.
    expect(idp.problems).toEqual([]);
    expect(idp.authorizations).toHaveLength(1);
    expect(idp.authorizations[0]).toMatchObject({
      responseType: 'code',
      clientId: CLIENT_ID,
      redirectUri: `${api.base}/dashboard/`,
      codeChallengeMethod: 'S256',
      scope: 'openid profile',
    });
    expect(idp.exchanges).toEqual([{ grantType: 'authorization_code', codeVerifier: expect.stringMatching(/^[\w.~-]{43,128}$/), verifierMatched: true, status: 200 }]);
    const verifier = idp.exchanges[0].codeVerifier ?? '';
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(idp.authorizations[0].codeChallenge);

    // The API answered /me and the norms to the provider's access token, and to nothing else.
    const [accessToken, idToken] = idp.issuedTokens;
    expect(bearers.length).toBeGreaterThanOrEqual(2);
    expect(new Set(bearers)).toEqual(new Set([`Bearer ${accessToken}`]));

    // The redirect back carried the code (expected); no URL carried a token or the verifier.
    expect(urls.some((url) => url.startsWith(`${api.base}/dashboard/?code=`))).toBe(true);
    const secrets = [accessToken, idToken, idp.exchanges[0].codeVerifier ?? ''];
    expect(urls.filter((url) => secrets.some((secret) => decodeURIComponent(url).includes(secret)))).toEqual([]);
    expect(urls.some((url) => /access_token|id_token/.test(url))).toBe(false);

    // Nothing stored: the user is in memory; oidc-client-ts removed its redirect state on the callback.
    const stored = await browserStorage(page);
    expect(stored).toEqual({ local: {}, session: {}, cookie: '', databases: 0 });
    await expectNothingStored(page, context);
    expect(api.process.output()).not.toContain(accessToken);
    await context.close();
  }, 120_000);

  it('a token endpoint that refuses the exchange (the verifier does not match) leaves the user logged out, with the error shown; the next try logs in', async () => {
    const { context, page, bearers } = await newPage();
    const exchangesBefore = idp.exchanges.length;
    const tokensBefore = idp.issuedTokens.length;
    idp.tamperWithNextChallenge();
    await openLogin(page);
    await page.locator('[data-testid=oidc-login]').click();

    const error = page.locator('[data-testid=error]');
    await error.waitFor();
    expect(idp.exchanges.slice(exchangesBefore)).toEqual([
      { grantType: 'authorization_code', codeVerifier: expect.any(String), verifierMatched: false, status: 400, error: 'invalid_grant' },
    ]);
    expect(idp.issuedTokens).toHaveLength(tokensBefore);
    await expect(error.innerText()).resolves.toContain('PKCE verification failed');
    // Logged out: the login page again, no user in the header, and the API was never called with a token.
    expect(page.url()).toBe(`${api.base}/dashboard/#/inloggen`);
    await page.locator('[data-testid=oidc-login]').waitFor();
    expect(await page.locator('[data-testid=who]').count()).toBe(0);
    expect(bearers).toEqual([]);
    await expectAccessible(page, 'the login page with a refused login');
    await expectNothingStored(page, context);

    // Going to a page that needs a session ends on the login page.
    await page.evaluate(() => ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/normen'));
    await page.waitForURL(/#\/inloggen$/);
    expect(bearers).toEqual([]);

    // The provider refused once: logging in again works.
    await page.locator('[data-testid=oidc-login]').click();
    await page.waitForURL(/#\/normen$/);
    await page.locator('table[data-testid=norms-table]').waitFor();
    expect(idp.exchanges.at(-1)).toMatchObject({ verifierMatched: true, status: 200 });
    expect(new Set(bearers)).toEqual(new Set([`Bearer ${idp.issuedTokens[tokensBefore]}`]));
    await expectNothingStored(page, context);
    await context.close();
  }, 120_000);
});
