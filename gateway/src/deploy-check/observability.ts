/**
 * Checks of deploy/prometheus/prometheus.yml and deploy/grafana/*.json against the code: the
 * files parse, every PromQL expression of the dashboard parses (Prometheus' own grammar,
 * @prometheus-io/lezer-promql) and names only series /metrics exposes (read from the registry the
 * code fills, services/platform/src/metrics.ts), and the scrape job finds our pods (the
 * namespace, the part-of label and the port name of deploy/k8s) on the path the code serves.
 * Run by pnpm check:deploy (main.ts), tested by gateway/test/deploy-observability.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { metricsRegistry } from '@omni/platform';
import type { parser as PromqlParser } from '@prometheus-io/lezer-promql' with { 'resolution-mode': 'import' };
import { parseAllDocuments, parse as parseYaml } from 'yaml';

export const PROMETHEUS_CONFIG = 'deploy/prometheus/prometheus.yml';
export const DASHBOARDS = 'deploy/grafana';
/** Where every process serves its metrics (platform/src/server.ts, gateway/src/gateway.ts). */
export const METRICS_PATH = '/metrics';
/** Series Prometheus makes itself for every target. */
const SYNTHETIC_SERIES = ['up', 'scrape_duration_seconds', 'scrape_samples_scraped', 'scrape_series_added'];
/** Labels Prometheus sets on every target: a metric with one of them needs `honor_labels: true` to keep its own. */
const TARGET_LABELS = ['job', 'instance'];

export interface Findings {
  errors: string[];
  checked: string[];
}

export interface ExposedSeries {
  /** Every series name a scrape can hold: a histogram's `_bucket`, `_sum` and `_count`, a summary's too. */
  names: Set<string>;
  /** The labels of each series (a histogram's `_bucket` also `le`). */
  labels: Map<string, Set<string>>;
  /** The metrics whose own labels clash with a target label (`job_last_run_failed{job=...}`). */
  clashing: string[];
}

type Registry = Pick<typeof metricsRegistry, 'getMetricsAsArray'>;

/** What /metrics exposes, from the registry the code registers its metrics in. */
export function exposedSeries(registry: Registry = metricsRegistry): ExposedSeries {
  const names = new Set<string>(SYNTHETIC_SERIES);
  const labels = new Map<string, Set<string>>();
  const clashing: string[] = [];
  const series = (name: string, own: string[]) => (names.add(name), labels.set(name, new Set(own)));
  for (const metric of registry.getMetricsAsArray()) {
    const { name, type, labelNames } = metric as unknown as { name: string; type: string; labelNames: string[] };
    if (type === 'histogram') {
      series(`${name}_bucket`, [...labelNames, 'le']);
      for (const suffix of ['_sum', '_count']) series(name + suffix, labelNames);
    } else if (type === 'summary') {
      series(name, [...labelNames, 'quantile']);
      for (const suffix of ['_sum', '_count']) series(name + suffix, labelNames);
    } else series(name, labelNames);
    if (labelNames.some((label) => TARGET_LABELS.includes(label))) clashing.push(name);
  }
  return { names, labels, clashing };
}

/** Prometheus' own PromQL grammar; the package is ES modules: loaded on first use. */
let promql: Promise<typeof PromqlParser> | undefined;
const promqlParser = () => (promql ??= import('@prometheus-io/lezer-promql').then((m) => m.parser));

/** Grafana's interval variables stand where PromQL wants a duration. */
const GRAFANA_DURATIONS = /\$(?:__rate_interval|__interval|__range)\b|\$\{(?:__rate_interval|__interval|__range)\}/g;

/** The metric and label names a PromQL expression uses, or the position where it does not parse. */
export async function promqlMetricNames(expression: string): Promise<{ names: string[]; labels: string[]; error?: string }> {
  const expr = expression.replace(GRAFANA_DURATIONS, '5m');
  const names: string[] = [];
  const labels: string[] = [];
  let error: string | undefined;
  (await promqlParser()).parse(expr).iterate({
    enter(node) {
      if (node.type.isError && error === undefined) {
        error = `does not parse at ${node.from}: ${JSON.stringify(expr.slice(Math.max(0, node.from - 20), node.from + 20))}`;
      }
      if (node.name === 'LabelName') labels.push(expr.slice(node.from, node.to));
      if (node.name !== 'VectorSelector') return;
      const identifier = node.node.getChild('Identifier');
      if (identifier) names.push(expr.slice(identifier.from, identifier.to));
      else if (error === undefined) error = `a selector without a metric name: ${expr.slice(node.from, node.to)}`;
    },
  });
  return { names, labels: [...new Set(labels)], ...(error === undefined ? {} : { error }) };
}

interface Panel {
  title?: string;
  targets?: { expr?: string; refId?: string }[];
  panels?: Panel[];
}

/**
 * A Grafana dashboard (its JSON model): every target's expression parses, names exposed series
 * only, and only labels those series carry or the scrape gives every target (`targetLabels`).
 */
export async function checkDashboard(
  where: string,
  text: string,
  exposed: ExposedSeries,
  targetLabels: string[] = TARGET_LABELS,
): Promise<Findings> {
  const findings: Findings = { errors: [], checked: [] };
  let dashboard: { title?: unknown; uid?: unknown; panels?: Panel[] };
  try {
    dashboard = JSON.parse(text) as typeof dashboard;
  } catch (error) {
    findings.errors.push(`${where}: not JSON (${(error as Error).message})`);
    return findings;
  }
  if (typeof dashboard.title !== 'string' || typeof dashboard.uid !== 'string') {
    findings.errors.push(`${where}: a dashboard needs a title and a uid`);
  }
  const panels = (list: Panel[] = []): Panel[] => list.flatMap((p) => [p, ...panels(p.panels)]);
  let expressions = 0;
  for (const panel of panels(dashboard.panels)) {
    for (const target of panel.targets ?? []) {
      if (!target.expr) continue;
      expressions++;
      const at = `${where}: panel ${JSON.stringify(panel.title ?? '')} ${target.refId ?? ''}`.trimEnd();
      const { names, labels, error } = await promqlMetricNames(target.expr);
      if (error) findings.errors.push(`${at}: ${error}`);
      for (const name of names) {
        if (!exposed.names.has(name)) findings.errors.push(`${at}: ${name} is no series /metrics exposes`);
      }
      const known = new Set([...targetLabels, ...names.flatMap((name) => [...(exposed.labels.get(name) ?? [])])]);
      for (const label of labels) {
        if (!known.has(label)) findings.errors.push(`${at}: label ${label} is on none of ${names.join(', ')} nor the targets`);
      }
    }
  }
  if (expressions === 0) findings.errors.push(`${where}: no panel queries Prometheus`);
  findings.checked.push(`${where}: ${expressions} PromQL expressions parse and name exposed series and labels only`);
  return findings;
}

/** What deploy/k8s says the scrape job must find: the namespace, our part-of label, the port name. */
export interface ScrapeTargets {
  namespace: string;
  partOf: string;
  portNames: Set<string>;
}

/** Reads deploy/k8s: kustomization.yaml's namespace and part-of label, the Deployments' container port names. */
export function k8sScrapeTargets(root: string): ScrapeTargets {
  const k8s = join(root, 'deploy/k8s');
  const kustomization = parseYaml(readFileSync(join(k8s, 'kustomization.yaml'), 'utf8')) as {
    namespace?: string;
    labels?: { pairs?: Record<string, string> }[];
  };
  const partOf = kustomization.labels?.map((l) => l.pairs?.['app.kubernetes.io/part-of']).find(Boolean) ?? '';
  const portNames = new Set<string>();
  for (const file of readdirSync(k8s).filter((f) => f.endsWith('.yaml'))) {
    for (const doc of parseAllDocuments(readFileSync(join(k8s, file), 'utf8'))) {
      const object = doc.toJS() as {
        kind?: string;
        spec?: { template?: { spec?: { containers?: { ports?: { name?: string }[] }[] } } };
      } | null;
      if (object?.kind !== 'Deployment') continue;
      for (const container of object.spec?.template?.spec?.containers ?? []) {
        for (const port of container.ports ?? []) if (port.name) portNames.add(port.name);
      }
    }
  }
  return { namespace: kustomization.namespace ?? 'default', partOf, portNames };
}

interface ScrapeConfig {
  job_name?: string;
  metrics_path?: string;
  honor_labels?: boolean;
  kubernetes_sd_configs?: { role?: string; namespaces?: { names?: string[] } }[];
  relabel_configs?: { source_labels?: string[]; regex?: string; action?: string }[];
}

/** The scrape config: one job that discovers our pods in the namespace, on the named port and /metrics. */
export function checkScrapeConfig(where: string, text: string, targets: ScrapeTargets, exposed: ExposedSeries): Findings {
  const findings: Findings = { errors: [], checked: [] };
  const fail = (message: string) => findings.errors.push(`${where}: ${message}`);
  let config: { scrape_configs?: ScrapeConfig[] };
  try {
    config = (parseYaml(text) ?? {}) as typeof config;
  } catch (error) {
    fail(`not YAML (${(error as Error).message})`);
    return findings;
  }
  const jobs = (config.scrape_configs ?? []).filter((job) => job.kubernetes_sd_configs?.some((sd) => sd.role === 'pod'));
  if (jobs.length === 0) fail('no scrape job discovers pods (kubernetes_sd_configs role: pod)');
  for (const job of jobs) {
    const at = `job ${job.job_name}`;
    if ((job.metrics_path ?? '/metrics') !== METRICS_PATH)
      fail(`${at}: metrics_path ${job.metrics_path}, the code serves ${METRICS_PATH}`);
    const namespaces = job.kubernetes_sd_configs!.flatMap((sd) => sd.namespaces?.names ?? []);
    if (!namespaces.includes(targets.namespace)) fail(`${at}: does not look in namespace ${targets.namespace} (deploy/k8s)`);
    const keeps = (label: string) =>
      (job.relabel_configs ?? []).find(
        (r) => r.action === 'keep' && r.source_labels?.length === 1 && r.source_labels[0] === label,
      );
    const partOf = keeps('__meta_kubernetes_pod_label_app_kubernetes_io_part_of');
    if (!partOf || !new RegExp(`^(?:${partOf.regex ?? '(.*)'})$`).test(targets.partOf)) {
      fail(`${at}: keeps no pods labelled app.kubernetes.io/part-of=${targets.partOf}`);
    }
    const port = keeps('__meta_kubernetes_pod_container_port_name');
    const portRegex = new RegExp(`^(?:${port?.regex ?? '(.*)'})$`);
    const kept = [...targets.portNames].filter((name) => portRegex.test(name));
    if (!port || kept.length !== 1) {
      fail(`${at}: keep exactly one container port by name (deploy/k8s names ${[...targets.portNames].join(', ')})`);
    }
    if (exposed.clashing.length && job.honor_labels !== true) {
      fail(`${at}: honor_labels: true, or Prometheus renames the own job label of ${exposed.clashing.join(', ')}`);
    }
  }
  findings.checked.push(`${where}: ${jobs.length} pod scrape job(s) find deploy/k8s's pods on ${METRICS_PATH}`);
  return findings;
}

/** The labels every scraped series gets: job, instance and the relabelled `target_label`s. */
export function scrapeTargetLabels(text: string): string[] {
  const config = (parseYaml(text) ?? {}) as { scrape_configs?: ScrapeConfig[] };
  const relabelled = (config.scrape_configs ?? []).flatMap((job) =>
    (job.relabel_configs ?? []).map((r) => (r as { target_label?: string }).target_label ?? ''),
  );
  return [...TARGET_LABELS, ...relabelled.filter((label) => label && !label.startsWith('__'))];
}

/** Every check of this module on the files under `root`. */
export async function checkObservability(root: string, registry: Registry = metricsRegistry): Promise<Findings> {
  const exposed = exposedSeries(registry);
  const all: Findings = { errors: [], checked: [] };
  const add = (f: Findings) => {
    all.errors.push(...f.errors);
    all.checked.push(...f.checked);
  };
  const scrape = readFileSync(join(root, PROMETHEUS_CONFIG), 'utf8');
  add(checkScrapeConfig(PROMETHEUS_CONFIG, scrape, k8sScrapeTargets(root), exposed));
  const dashboards = readdirSync(join(root, DASHBOARDS)).filter((f) => f.endsWith('.json'));
  if (dashboards.length === 0) all.errors.push(`${DASHBOARDS}: no dashboard`);
  for (const file of dashboards) {
    const where = `${DASHBOARDS}/${file}`;
    add(await checkDashboard(where, readFileSync(join(root, where), 'utf8'), exposed, scrapeTargetLabels(scrape)));
  }
  return all;
}
