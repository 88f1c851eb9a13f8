import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkDashboard,
  checkObservability,
  checkScrapeConfig,
  exposedSeries,
  k8sScrapeTargets,
  PROMETHEUS_CONFIG,
  promqlMetricNames,
  scrapeTargetLabels,
} from '../src/deploy-check/observability';

const ROOT = join(__dirname, '../..');

/** The Prometheus scrape config and Grafana dashboard in deploy/ against what /metrics exposes. */
describe('deploy checks: Prometheus and Grafana', () => {
  const exposed = exposedSeries();
  const targets = k8sScrapeTargets(ROOT);
  const scrape = readFileSync(join(ROOT, PROMETHEUS_CONFIG), 'utf8');

  it("passes on the repository's files", async () => {
    expect((await checkObservability(ROOT)).errors).toEqual([]);
  });

  it('knows the series the code registers, histograms by their _bucket, _sum and _count', () => {
    for (const name of ['graphql_requests_total', 'graphql_request_duration_seconds_bucket', 'outbox_backlog', 'up']) {
      expect(exposed.names).toContain(name);
    }
    expect(exposed.names).not.toContain('graphql_request_duration_seconds');
    expect(exposed.clashing).toContain('job_last_run_failed');
  });

  it('reads the metric names of PromQL, with Grafana interval variables, and where it does not parse', async () => {
    expect(
      await promqlMetricNames(
        'histogram_quantile(0.95, sum by (le) (rate(a_bucket{x="$v"}[$__rate_interval]))) / on() group_left b',
      ),
    ).toEqual({ names: ['a_bucket', 'b'], labels: ['le', 'x'] });
    expect((await promqlMetricNames('sum(rate(a[5m])')).error).toMatch(/does not parse/);
    expect((await promqlMetricNames('{__name__="a"}')).error).toMatch(/without a metric name/);
  });

  it('refuses a dashboard naming a series nobody exposes, or PromQL that does not parse', async () => {
    const dashboard = (expr: string) =>
      JSON.stringify({
        title: 't',
        uid: 'u',
        panels: [{ title: 'p', panels: [{ title: 'q', targets: [{ refId: 'A', expr }] }] }],
      });
    expect((await checkDashboard('d.json', dashboard('sum(outbox_backlog)'), exposed)).errors).toEqual([]);
    expect((await checkDashboard('d.json', dashboard('rate(graphql_request_duration_seconds[5m])'), exposed)).errors).toEqual([
      'd.json: panel "q" A: graphql_request_duration_seconds is no series /metrics exposes',
    ]);
    expect((await checkDashboard('d.json', dashboard('sum(outbox_backlog'), exposed)).errors[0]).toMatch(/does not parse/);
    expect((await checkDashboard('d.json', '{', exposed)).errors[0]).toMatch(/not JSON/);
    // Labels: a series' own, le of a bucket, and the targets' (job, app from the scrape's relabelling).
    const labelled = dashboard(
      'histogram_quantile(0.9, sum by (le, subgraph, app) (rate(gateway_subgraph_fetch_duration_seconds_bucket{outcome="ok"}[5m])))',
    );
    expect((await checkDashboard('d.json', labelled, exposed, ['job', 'app'])).errors).toEqual([]);
    expect((await checkDashboard('d.json', dashboard('max by (servce) (outbox_backlog)'), exposed)).errors).toEqual([
      'd.json: panel "q" A: label servce is on none of outbox_backlog nor the targets',
    ]);
  });

  it('takes the labels the scrape adds from its relabelling', () => {
    expect(scrapeTargetLabels(scrape)).toEqual(['job', 'instance', 'app', 'namespace', 'pod']);
  });

  it('refuses a scrape job that misses our namespace, port or path, or renames the jobs’ own job label', () => {
    expect(checkScrapeConfig('p.yml', scrape, targets, exposed).errors).toEqual([]);
    const broken = scrape
      .replace('names: [omni]', 'names: [default]')
      .replace('regex: http', 'regex: metrics')
      .replace('metrics_path: /metrics', 'metrics_path: /prometheus')
      .replace('honor_labels: true', 'honor_labels: false');
    expect(checkScrapeConfig('p.yml', broken, targets, exposed).errors).toEqual([
      'p.yml: job omni-commerce: metrics_path /prometheus, the code serves /metrics',
      'p.yml: job omni-commerce: does not look in namespace omni (deploy/k8s)',
      'p.yml: job omni-commerce: keep exactly one container port by name (deploy/k8s names http)',
      expect.stringMatching(/^p\.yml: job omni-commerce: honor_labels: true, or Prometheus renames the own job label of job_/),
    ]);
    expect(checkScrapeConfig('p.yml', 'a: [', targets, exposed).errors[0]).toMatch(/not YAML/);
  });
});
