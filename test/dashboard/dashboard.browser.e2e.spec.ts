import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Page, Response } from 'playwright-core';
import * as scenarios from '@casusregie/seeds/scenarios';
import { createTempDir, TempDir } from '@casusregie/test-support';
import { runSeed } from '../seeds/support/run-seed';
import { describeInBrowser, expectAccessible, expectNothingStored, launchChromium, RunningApi, startApi } from './support/browser';

/**
 * The dashboard in a real browser (Debian's chromium, driven by playwright-core) on the seeded scenarios, as
 * `npm start` serves it in embedded mode: a supervisor reads the verkennend-gesprek norm, a consultant their own work.
 * Every page is checked with axe-core against the WCAG 2.1 A and AA rules, and nothing personal may reach a URL, the
 * browser's storage or a log line. Screenshots go to DASHBOARD_SCREENSHOT_DIR (the README's come from
 * `DASHBOARD_SCREENSHOT_DIR=docs/screenshots npm test -- test/dashboard`), else to a temporary directory.
 */
const NORM = 'verkennend-gesprek-4w';
const MUNICIPALITY = 'GM0299';
const CONSULTANT = { team: 'inburgering', sub: 'zvn-inburgeringsconsulent-1' };

/** Every name, BSN and birth date of the seeded people: none may show up where personal data must not go. */
const PERSONAL_VALUES = [...collectPersonalValues(scenarios)].filter((value) => value.length >= 4);

describeInBrowser()('the dashboard in a browser, on the seeded scenarios (embedded mode)', () => {
  let dataDir: TempDir;
  let screenshotDir: string;
  let api: RunningApi;
  let base: string;
  let browser: Browser;
  const requestedUrls: string[] = [];
  const answers: { url: string; cacheControl: string | undefined }[] = [];

  beforeAll(async () => {
    dataDir = createTempDir();
    screenshotDir = process.env.DASHBOARD_SCREENSHOT_DIR ?? join(dataDir.path, 'screenshots');
    mkdirSync(screenshotDir, { recursive: true });
    const env = { DATA_DIR: join(dataDir.path, 'data'), PORT: '0', LOG_LEVEL: 'info' };
    const seed = await runSeed(['--scenarios'], env);
    if (seed.code !== 0) throw new Error(`the seed exited ${seed.code}: ${seed.output.slice(-500)}`);
    api = await startApi(env);
    base = api.base;
    // The projections catch up in-process; the scenarios' norm items are there once the first one's household is.
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    dataDir?.remove();
  });

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    const page = await context.newPage();
    page.on('request', (request) => requestedUrls.push(request.url()));
    page.on('response', (response: Response) => {
      if (response.url().startsWith(base)) answers.push({ url: response.url(), cacheControl: response.headers()['cache-control'] });
    });
    return { context, page };
  }

  async function logIn(page: Page, fields: { role: string; team?: string; sub?: string }): Promise<void> {
    await page.goto(`${base}/dashboard/`);
    const form = page.locator('#login-form');
    await form.waitFor();
    await expectAccessible(page, 'the login page');
    await form.locator('select[name=role]').selectOption(fields.role);
    await form.locator('input[name=municipality]').fill(MUNICIPALITY);
    await form.locator('input[name=team]').fill(fields.team ?? '');
    await form.locator('input[name=sub]').fill(fields.sub ?? '');
    await form.locator('[type=submit]').click();
  }

  /** A token for the same person, from the same development login, for asking the API directly. */
  async function tokenFor(body: Record<string, string>): Promise<string> {
    const response = await fetch(`${base}/dashboard/dev-login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return ((await response.json()) as { accessToken: string }).accessToken;
  }

  async function apiGet<T>(path: string, token: string): Promise<T> {
    const response = await fetch(`${base}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
    return (await response.json()) as T;
  }

  it('a supervisor opens the verkennend-gesprek norm: the chart holds what the compliance endpoint answers', async () => {
    const { context, page } = await newPage();
    await logIn(page, { role: 'supervisor' });
    await page.waitForURL(/#\/normen$/);
    await expectAccessible(page, 'the norms');

    await page.locator(`a[href="#/normen/${NORM}"]`).first().click();
    const table = page.locator('table[data-testid="compliance-table"]');
    await table.locator('tr[data-group]').first().waitFor();
    await expectAccessible(page, 'a norm');

    const [from, to, asOf] = await Promise.all(['data-from', 'data-to', 'data-as-of'].map((name) => table.getAttribute(name)));
    const token = await tokenFor({ role: 'supervisor', municipality: MUNICIPALITY });
    const report = await apiGet<ComplianceReport>(`/norms/${NORM}/compliance?groupBy=month&from=${from}&to=${to}&asOf=${asOf}`, token);
    expect(report.groups.length).toBeGreaterThan(0);
    // The seeded Zevenaar households made the norm's figures: some months hold items.
    expect(report.groups.some((group) => group.onTime + group.late + group.pending > 0)).toBe(true);

    // The table alternative, row for row.
    const rows = await table.locator('tr[data-group]').evaluateAll((elements) =>
      elements.map((row) => ({
        group: row.getAttribute('data-group'),
        // The API's value as it came, beside the Dutch formatting shown.
        ...Object.fromEntries([...row.querySelectorAll('[data-field]')].map((cell) => [cell.getAttribute('data-field'), cell.getAttribute('data-value')])),
      })),
    );
    expect(rows.map((row) => row.group)).toEqual(report.groups.map((group) => group.group));
    for (const [i, group] of report.groups.entries()) {
      expect(Number(rows[i].onTime)).toBe(group.onTime);
      expect(Number(rows[i].late)).toBe(group.late);
      expect(Number(rows[i].pending)).toBe(group.pending);
      expect(rows[i].percentage === null || rows[i].percentage === '' ? null : Number(rows[i].percentage)).toBe(group.percentage ?? null);
    }

    // The chart's own data: its categories are the months, and its series the on-time, late and pending counts.
    const option = (await page.evaluate((name) => (globalThis as unknown as DashboardWindow).casusregieDashboard.chartOption(name), 'compliance')) as ChartOption;
    const categories = [option.xAxis].flat()[0]?.data ?? [];
    expect(categories).toHaveLength(report.groups.length);
    const seriesData = option.series.map((series) => series.data.map((point) => (typeof point === 'object' && point !== null ? point.value : point)));
    for (const field of ['onTime', 'late', 'pending'] as const) {
      expect(seriesData).toContainEqual(report.groups.map((group) => group[field]));
    }

    await page.screenshot({ path: join(screenshotDir, 'dashboard-supervisor.png'), fullPage: true });

    // The supervisor's other pages, each checked as the first: waakvlam contacts due, and the management figures by wijk.
    await page.locator('nav a[href="#/waakvlam"]').click();
    await page.locator('table[data-testid="waakvlam-table"]').waitFor();
    await expectAccessible(page, 'waakvlam contacts due');
    await page.locator('nav a[href="#/cijfers"]').click();
    const figures = page.locator('table[data-testid="figures-table"]');
    await figures.locator('tr[data-figure-id] a').first().waitFor();
    await expectAccessible(page, 'the figures');
    await figures.locator('tr[data-figure-id] a').first().click();
    await page.locator('[data-chart="figure"]').waitFor();
    await page.locator('#figure-breakdown').selectOption('wijk').catch(() => undefined);
    await page.locator('[data-chart="figure"]').waitFor();
    await expectAccessible(page, 'a figure');
    // A consultant's page is not the supervisor's: it says so, accessibly.
    await page.evaluate(() => ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/mijn-werk'));
    await page.locator('main h1', { hasText: 'Geen toegang' }).waitFor();
    await expectAccessible(page, 'a page of another role');

    await expectNothingStored(page, context);
    await context.close();
  }, 120_000);

  it('a consultant sees their own caseload only, and a household of it', async () => {
    const { context, page } = await newPage();
    await logIn(page, { role: 'consultant', ...CONSULTANT });
    await page.waitForURL(/#\/mijn-werk$/);
    const caseload = page.locator('table[data-testid="caseload-table"]');
    await caseload.locator('tr[data-household-id]').first().waitFor();
    await expectAccessible(page, 'my work');

    const shown = await caseload.locator('tr[data-household-id]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-household-id')));
    const token = await tokenFor({ role: 'consultant', municipality: MUNICIPALITY, ...CONSULTANT });
    const mine = await apiGet<{ households: { householdId: string }[] }>('/me/caseload?limit=100', token);
    expect(mine.households.length).toBeGreaterThan(0);
    expect(new Set(shown)).toEqual(new Set(mine.households.map((household) => household.householdId)));
    // Not every seeded household of the municipality is theirs.
    const all = await apiGet<{ households: { householdId: string }[] }>('/me/caseload?limit=100&scope=team', token);
    expect(shown.length).toBeLessThanOrEqual(all.households.length);

    await page.screenshot({ path: join(screenshotDir, 'dashboard-consultant.png'), fullPage: true });

    await caseload.locator(`a[href="#/huishoudens/${shown[0]}"]`).first().click();
    await page.waitForURL(new RegExp(`#/huishoudens/${shown[0]}$`));
    await page.locator('main h1').waitFor();
    await page.getByRole('table').first().waitFor();
    await expectAccessible(page, 'a household');
    await expectNothingStored(page, context);
    await context.close();
  }, 120_000);

  it('puts nothing personal in a URL or a log line, and every answer is no-store', () => {
    expect(requestedUrls.length).toBeGreaterThan(10);
    for (const url of requestedUrls) {
      const decoded = decodeURIComponent(url);
      expect({ url, personal: PERSONAL_VALUES.filter((value) => decoded.includes(value)) }).toEqual({ url, personal: [] });
    }
    const log = api.process.output();
    expect(PERSONAL_VALUES.filter((value) => log.includes(value))).toEqual([]);
    expect(answers.length).toBeGreaterThan(10);
    expect(answers.filter((answer) => answer.cacheControl !== 'no-store')).toEqual([]);
  });
});

interface ComplianceReport {
  groups: { group: string; onTime: number; late: number; pending: number; percentage: number | null }[];
}

interface ChartOption {
  xAxis: { data?: unknown[] } | { data?: unknown[] }[];
  series: { data: (number | null | { value: number })[] }[];
}

interface DashboardWindow {
  casusregieDashboard: { chartOption(name: string): unknown };
}

/** The values of the seeds' personal fields (names, BSN, birth dates), wherever they sit in the scenarios. */
function collectPersonalValues(node: unknown, found = new Set<string>(), seen = new Set<unknown>()): Set<string> {
  if (node === null || typeof node !== 'object' || seen.has(node)) return found;
  seen.add(node);
  for (const [key, value] of Object.entries(node)) {
    if (['givenName', 'familyName', 'bsn', 'birthDate'].includes(key) && typeof value === 'string') found.add(value);
    else collectPersonalValues(value, found, seen);
  }
  return found;
}
