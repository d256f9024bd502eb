import { existsSync } from 'node:fs';
import * as axe from 'axe-core';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { exited, startProcess, waitFor } from '@casusregie/test-support';

/**
 * What the dashboard's browser tests share: Debian's chromium driven by playwright-core (skipped, visibly, where it is
 * missing), the API as a real process from this run's build, axe-core's WCAG 2.1 A and AA rules, and the storage check.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** `describe` where chromium is installed, else `describe.skip` with the reason in the run's output. */
export function describeInBrowser(): jest.Describe {
  if (existsSync(CHROMIUM)) return describe;
  // Visible in the run's output: CI installs Debian's chromium (.ci/run); elsewhere `apt-get install chromium`.
  console.warn(`dashboard browser tests skipped: no chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  return describe.skip;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

export interface RunningApi {
  process: ReturnType<typeof startProcess>;
  /** http://127.0.0.1:<port>, the origin the browser uses. */
  base: string;
  stop(): Promise<void>;
}

/** Starts the API (apps/api/src/main.ts from this run's build) with `env` on a free port; resolves once it listens. */
export async function startApi(env: Record<string, string>): Promise<RunningApi> {
  const api = startProcess('apps/api/src/main.ts', { PORT: '0', ...env });
  let port: string | undefined;
  await waitFor(
    async () => {
      if (api.exitCode !== null) throw new Error(`the API exited ${api.exitCode}: ${api.output().slice(-1000)}`);
      return (port = /casusregie api listening on http:\/\/localhost:(\d+)/.exec(api.output())?.[1]) !== undefined;
    },
    60_000,
    'the API',
  );
  return {
    process: api,
    base: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (api.exitCode === null && api.signalCode === null) {
        api.kill('SIGTERM');
        await exited(api);
      }
    },
  };
}

/** Runs axe-core in the page: no violation of the WCAG 2.1 A and AA rules. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.evaluate(axe.source);
  // Runs in the page, where axe.source has just defined the global `axe`.
  const result = await page.evaluate((tags) => (globalThis as unknown as { axe: typeof axe }).axe.run({ runOnly: { type: 'tag', values: tags } }), WCAG_21_AA);
  const violations = result.violations.map((violation) => `${violation.id} (${violation.nodes.length}): ${violation.help}`);
  expect({ page: what, violations }).toEqual({ page: what, violations: [] });
}

/** Everything the page's origin keeps in the browser: local and session storage (whole), cookies, IndexedDB. */
export async function browserStorage(page: Page): Promise<{ local: Record<string, string>; session: Record<string, string>; cookie: string; databases: number }> {
  return page.evaluate(async () => {
    const { localStorage, sessionStorage, document, indexedDB } = globalThis as unknown as BrowserStorage;
    return { local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie, databases: (await indexedDB.databases()).length };
  });
}

/**
 * Nothing in storage or cookies but oidc-client-ts's transient `oidc.` state of a redirect under way, and none of
 * that may hold a token.
 */
export async function expectNothingStored(page: Page, context: BrowserContext): Promise<void> {
  const stored = await browserStorage(page);
  expect({
    local: Object.keys(stored.local).length,
    session: Object.keys(stored.session).filter((key) => !key.startsWith('oidc.')),
    tokens: Object.values(stored.session).filter((value) => /access_token|id_token|refresh_token/.test(value)).length,
    cookie: stored.cookie,
    databases: stored.databases,
  }).toEqual({ local: 0, session: [], tokens: 0, cookie: '', databases: 0 });
  expect(await context.cookies()).toEqual([]);
}

/** What the storage check reads in the page (this file is compiled without the DOM's types). */
interface BrowserStorage {
  localStorage: Record<string, string>;
  sessionStorage: Record<string, string>;
  document: { cookie: string };
  indexedDB: { databases(): Promise<unknown[]> };
}
