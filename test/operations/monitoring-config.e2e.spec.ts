import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { createTestDatabase, createTestRedis, TEST_MASTER_KEY, TestDatabase, TestRedis } from '@casusregie/test-support';
import { AppProcess, startApp } from './support/app-process';
import { exposedSeriesNames, promqlMetricNames } from './support/promql-metric-names';

const ROOT = join(__dirname, '..', '..');
/** Series Prometheus makes itself for every target it scrapes. */
const PROMETHEUS_SERIES = new Set(['up', 'scrape_duration_seconds', 'scrape_samples_scraped']);

/** Every PromQL expression in deploy/: the alert rules and the dashboard's panels, each with where it is. */
function expressionsInDeploy(): { where: string; expr: string }[] {
  const alerts = load(readFileSync(join(ROOT, 'deploy/prometheus/alerts.yml'), 'utf8')) as { groups: { rules: { alert: string; expr: string }[] }[] };
  const dashboard = JSON.parse(readFileSync(join(ROOT, 'deploy/grafana/dashboards/casusregie.json'), 'utf8')) as {
    panels: { title: string; targets?: { expr: string }[] }[];
  };
  return [
    ...alerts.groups.flatMap((group) => group.rules.map((rule) => ({ where: `alert ${rule.alert}`, expr: rule.expr }))),
    ...dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ where: `panel "${panel.title}"`, expr: target.expr }))),
  ];
}

/**
 * The monitoring profile watches what the processes really expose: every metric name in deploy/prometheus/alerts.yml
 * and the Grafana dashboard is offered by the api's or a projector's /metrics, as `npm run start:api` and
 * `npm run start:projector` run them (with their Node process metrics).
 */
describe('deploy/: alert rules and dashboard use only metrics the api and the projector expose (PostgreSQL + Redis)', () => {
  let database: TestDatabase;
  let redis: TestRedis;
  const apps: AppProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = createTestRedis();
    const env = { EVENT_STORE: 'postgres', DATABASE_URL: database.url, ...redis.env, AUTH_JWT_SECRET: 'monitoring-config-test-secret-0123456789', PERSONAL_DATA_MASTER_KEY: TEST_MASTER_KEY };
    apps.push(await startApp('api', env));
    apps.push(await startApp('projector', env));
  }, 240_000);
  afterAll(async () => {
    for (const app of apps) if (app.exitCode === null) app.kill('SIGKILL');
    await database?.drop();
    await redis?.remove();
  });

  it('finds every metric name of every expression in a scrape of the two processes', async () => {
    const exposed = new Set(PROMETHEUS_SERIES);
    for (const app of apps) {
      const response = await fetch(`${app.baseUrl}/metrics`);
      expect(response.status).toBe(200);
      for (const name of exposedSeriesNames(await response.text())) exposed.add(name);
    }
    const expressions = expressionsInDeploy();
    expect(expressions.length).toBeGreaterThan(20);
    const unknown = expressions.flatMap(({ where, expr }) => promqlMetricNames(expr).filter((name) => !exposed.has(name)).map((name) => `${where}: ${name}`));
    expect(unknown).toEqual([]);
  });
});
