import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { exposedSeriesNames, promqlMetricNames } from './support/promql-metric-names';

const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('promqlMetricNames', () => {
  it('finds the metric names and leaves out functions, keywords, labels, strings, ranges and numbers', () => {
    expect(
      promqlMetricNames(
        'sum by (le, route) (rate(http_request_duration_seconds_bucket{job="casusregie-api", status=~"5.."}[5m])) / ignoring(route) max without (x) (casusregie_queue_up) > 1e3 and on(projection) up offset 5m',
      ),
    ).toEqual(['casusregie_queue_up', 'http_request_duration_seconds_bucket', 'up']);
  });
});

describe('exposedSeriesNames', () => {
  it("offers a histogram's _bucket, _sum and _count and a labelled metric that has no sample yet", () => {
    const text = ['# HELP a_seconds x', '# TYPE a_seconds histogram', 'a_seconds_bucket{le="1"} 0', '# HELP b_total x', '# TYPE b_total counter', ''].join('\n');
    expect([...exposedSeriesNames(text)].sort()).toEqual(['a_seconds_bucket', 'a_seconds_count', 'a_seconds_sum', 'b_total']);
  });
});

describe('deploy/prometheus', () => {
  const alerts = load(read('deploy/prometheus/alerts.yml')) as { groups: unknown[] };
  const prometheus = load(read('deploy/prometheus/prometheus.yml')) as { rule_files: string[]; scrape_configs: { job_name: string }[] };

  it('alerts.yml is Prometheus rule groups: each rule an alert with an expression, a severity, a summary and a description', () => {
    expect(Object.keys(alerts)).toEqual(['groups']);
    expect(alerts.groups.length).toBeGreaterThan(0);
    const names: string[] = [];
    for (const group of alerts.groups as Record<string, unknown>[]) {
      expect(Object.keys(group).sort()).toEqual(['name', 'rules']);
      expect(group.name).toEqual(expect.any(String));
      for (const rule of group.rules as Record<string, unknown>[]) {
        expect(Object.keys(rule).every((key) => ['alert', 'expr', 'for', 'labels', 'annotations'].includes(key))).toBe(true);
        expect(rule).toEqual(
          expect.objectContaining({
            alert: expect.stringMatching(/^[A-Za-z][A-Za-z0-9_]*$/),
            expr: expect.stringMatching(/\S/),
            labels: { severity: expect.stringMatching(/^(critical|warning|info)$/) },
            annotations: { summary: expect.any(String), description: expect.any(String) },
          }),
        );
        if (rule.for !== undefined) expect(rule.for).toMatch(/^\d+[smh]$/);
        names.push(rule.alert as string);
      }
    }
    expect(new Set(names).size).toBe(names.length);
  });

  it('covers what the issue asks to be alerted on: projection lag, parked events, dead letters, queue down, error rate, a process down', () => {
    const rules = (alerts.groups as { rules: { expr: string }[] }[]).flatMap((group) => group.rules.map((rule) => rule.expr)).join('\n');
    for (const metric of ['casusregie_projection_lag_seconds', 'casusregie_projection_parked_events', 'casusregie_notification_deliveries_total', 'casusregie_queue_up', 'http_request_duration_seconds_count', 'up']) {
      expect(rules).toMatch(new RegExp(`\\b${metric}\\b`));
    }
    expect(rules).toContain('outcome="dead-letter"');
    expect(rules).toContain('status=~"5.."');
  });

  it('every job an expression names is a scrape job of prometheus.yml, which loads alerts.yml', () => {
    expect(prometheus.rule_files).toEqual(['/etc/prometheus/alerts.yml']);
    const jobs = new Set(prometheus.scrape_configs.map((config) => config.job_name));
    const dashboard = read('deploy/grafana/dashboards/casusregie.json');
    for (const [, job] of `${read('deploy/prometheus/alerts.yml')}\n${dashboard}`.matchAll(/job=\\?"([^"\\]+)\\?"/g)) expect(jobs).toContain(job);
  });
});
