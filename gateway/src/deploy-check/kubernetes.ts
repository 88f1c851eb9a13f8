/**
 * deploy/k8s as `kubectl kustomize` renders it: for the process each Deployment runs, its
 * environment (checkEnvironment, ConfigMaps and Secrets resolved), port and probes as the code
 * serves them, 2+ replicas with a HorizontalPodAutoscaler and a PodDisruptionBudget that lets a
 * drain proceed, a Service;
 * for a subgraph its migration Job on the same database and its NATS password under the name
 * deploy/nats.conf reads; the Ingress reaching the gateway only, a default-deny NetworkPolicy, and
 * the omni-nats ConfigMap a copy of deploy/nats.conf. The API schema of every object:
 * k8s-schema.ts.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HEALTH_PATHS, processEntry } from '@omni/platform';
import { parseAllDocuments } from 'yaml';
import { checkEnvironment, portOf, PROCESS_NAMES, type Env, type ProcessName } from './environment';
import type { Findings } from './observability';

export const K8S_DIR = 'deploy/k8s';
export const NATS_CONF = 'deploy/nats.conf';

type Labels = Record<string, string>;
interface Ref {
  name: string;
  key?: string;
}
interface Container {
  name: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { configMapKeyRef?: Ref; secretKeyRef?: Ref } }[];
  envFrom?: { configMapRef?: Ref; secretRef?: Ref }[];
  readinessProbe?: { httpGet?: { path?: string; port?: string | number } };
  livenessProbe?: { httpGet?: { path?: string; port?: string | number } };
}
interface PodTemplate {
  metadata?: { labels?: Labels };
  spec: { containers: Container[] };
}
/** A rendered object, as loosely as the checks below need it. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Labels };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec?: {
    replicas?: number;
    minReplicas?: number;
    minAvailable?: number | string;
    scaleTargetRef?: { kind: string; name: string };
    selector?: { matchLabels?: Labels } & Labels;
    podSelector?: { matchLabels?: Labels };
    policyTypes?: string[];
    ingress?: unknown[];
    egress?: unknown[];
    template?: PodTemplate;
    ports?: { port: number; targetPort?: string | number }[];
    rules?: { http?: { paths: { backend: { service?: { name: string } } }[] } }[];
  };
}

/** `kubectl kustomize dir`, parsed; a string says why nothing was rendered (kubectl missing). */
export function renderKustomize(dir: string, kubectl = 'kubectl'): K8sObject[] | string {
  let output: string;
  try {
    output = execFileSync(kubectl, ['kustomize', dir], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const { code, stderr } = error as { code?: string; stderr?: string };
    if (code === 'ENOENT') return `${kubectl} is not installed: ${dir} is neither rendered nor checked`;
    throw new Error(`kubectl kustomize ${dir} failed: ${stderr ?? String(error)}`, { cause: error });
  }
  return parseAllDocuments(output)
    .map((doc) => doc.toJS() as K8sObject)
    .filter(Boolean);
}

const selects = (selector: Labels | undefined, labels: Labels = {}) =>
  Object.entries(selector ?? {}).every(([key, value]) => labels[key] === value);
const containerPort = (container: Container, port: string | number | undefined) =>
  typeof port === 'number' ? port : container.ports?.find((p) => p.name === port)?.containerPort;

export function checkKubernetes(objects: K8sObject[], root: string): Findings {
  const errors: string[] = [];
  const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
  const of = (kind: string) => objects.filter((o) => o.kind === kind);
  const values = (kind: string, name: string): Record<string, string> | undefined => {
    const object = find(kind, name);
    if (!object) return undefined;
    const decoded = Object.entries(object.data ?? {}).map(([k, v]) => [
      k,
      kind === 'Secret' ? Buffer.from(v, 'base64').toString() : v,
    ]);
    return { ...Object.fromEntries(decoded), ...object.stringData };
  };
  /** A container's environment, its ConfigMaps and Secrets looked up; `where` names the ones missing. */
  const environment = (container: Container, where: string): Env => {
    const env: Env = {};
    for (const { configMapRef, secretRef } of container.envFrom ?? []) {
      const [kind, ref] = configMapRef ? ['ConfigMap', configMapRef] : ['Secret', secretRef!];
      const found = values(kind, ref.name);
      if (!found) errors.push(`${where}: envFrom names the ${kind} ${ref.name}, which is not rendered`);
      Object.assign(env, found);
    }
    for (const { name, value, valueFrom } of container.env ?? []) {
      const [kind, ref] = valueFrom?.configMapKeyRef
        ? ['ConfigMap', valueFrom.configMapKeyRef]
        : ['Secret', valueFrom?.secretKeyRef];
      env[name] = ref ? values(kind, ref.name)?.[ref.key!] : value;
      if (ref && env[name] === undefined)
        errors.push(`${where}: ${name} names ${ref.key} of the ${kind} ${ref.name}, which is not rendered`);
    }
    return env;
  };

  const runs = new Map<ProcessName, { deployment: K8sObject; pod: PodTemplate; container: Container }>();
  for (const name of PROCESS_NAMES) {
    const deployment = of('Deployment').find((d) =>
      d.spec?.template?.spec.containers.some((c) => c.command?.includes(processEntry(name))),
    );
    if (!deployment) errors.push(`${K8S_DIR}: no Deployment runs ${processEntry(name)} (${name})`);
    else {
      const pod = deployment.spec!.template!;
      runs.set(name, { deployment, pod, container: pod.spec.containers.find((c) => c.command?.includes(processEntry(name)))! });
    }
  }
  const serviceOf = ({ pod }: { pod: PodTemplate }) =>
    of('Service').find((s) => s.spec?.selector && selects(s.spec.selector, pod.metadata?.labels));
  const resolve = (host: string, port: number): ProcessName | null => {
    for (const [name, run] of runs) {
      const service = serviceOf(run);
      const servicePort =
        service?.metadata.name === host.split('.')[0] ? service.spec?.ports?.find((p) => p.port === port) : undefined;
      if (servicePort && containerPort(run.container, servicePort.targetPort ?? port) === portOf(name)) return name;
    }
    return null;
  };

  for (const [name, run] of runs) {
    const { deployment, pod, container } = run;
    const where = `${K8S_DIR}: Deployment/${deployment.metadata.name}`;
    const fail = (message: string) => errors.push(`${where}: ${message}`);
    const env = environment(container, where);
    errors.push(...checkEnvironment(name, env, where, resolve));
    const port = portOf(name);
    if (containerPort(container, 'http') !== port) fail(`its container port "http" is not ${port}`);
    for (const [probe, path] of [
      ['readinessProbe', HEALTH_PATHS.ready],
      ['livenessProbe', HEALTH_PATHS.live],
    ] as const) {
      const get = container[probe]?.httpGet;
      if (get?.path !== path || containerPort(container, get.port) !== port) fail(`${probe} is not GET ${path} on port ${port}`);
    }
    const replicas = deployment.spec?.replicas ?? 1;
    if (replicas < 2) fail(`runs ${replicas} replica(s), not 2 or more`);
    const hpa = of('HorizontalPodAutoscaler').find(
      (h) => h.spec?.scaleTargetRef?.kind === 'Deployment' && h.spec.scaleTargetRef.name === deployment.metadata.name,
    );
    if ((hpa?.spec?.minReplicas ?? 0) < 2) fail('has no HorizontalPodAutoscaler keeping 2 replicas or more');
    const pdb = of('PodDisruptionBudget').find((p) => selects(p.spec?.selector?.matchLabels, pod.metadata?.labels));
    if (!pdb) fail('has no PodDisruptionBudget');
    else if (typeof pdb.spec?.minAvailable === 'number' && pdb.spec.minAvailable >= replicas) {
      fail(`its PodDisruptionBudget keeps all ${replicas} replicas: no node could be drained`);
    }
    if (!serviceOf(run)) fail('has no Service');
    if (name === 'gateway') continue;
    const natsKey = container.env?.find((e) => e.name === 'NATS_PASSWORD')?.valueFrom?.secretKeyRef?.key;
    if (natsKey !== `${name.toUpperCase()}_NATS_PASSWORD`)
      fail(`NATS_PASSWORD is not the Secret key ${name.toUpperCase()}_NATS_PASSWORD (deploy/nats.conf)`);
    if (env.MIGRATE_ON_START !== 'false') fail('migrates on start (MIGRATE_ON_START is not false): the Job does');
    const job = find('Job', `migrate-${name}`);
    const migrate = job?.spec?.template?.spec.containers[0];
    if (!migrate?.command?.join(' ').endsWith(`gateway/dist/migrate.js ${name}`))
      fail(`has no Job migrate-${name} running gateway/dist/migrate.js ${name}`);
    else if (environment(migrate, `${K8S_DIR}: Job/migrate-${name}`).DATABASE_URL !== env.DATABASE_URL)
      fail(`Job migrate-${name} migrates another DATABASE_URL`);
  }

  const gatewayService = runs.get('gateway') && serviceOf(runs.get('gateway')!)?.metadata.name;
  for (const ingress of of('Ingress')) {
    for (const path of ingress.spec?.rules?.flatMap((rule) => rule.http?.paths ?? []) ?? []) {
      if (path.backend.service?.name !== gatewayService)
        errors.push(`${K8S_DIR}: Ingress/${ingress.metadata.name} reaches ${path.backend.service?.name}, not the gateway`);
    }
  }
  const denies = (pod: PodTemplate) =>
    of('NetworkPolicy').some(
      ({ spec }) =>
        !spec?.ingress &&
        !spec?.egress &&
        spec?.policyTypes?.length === 2 &&
        selects(spec.podSelector?.matchLabels, pod.metadata?.labels),
    );
  const denyAll = [...runs.values()].every(({ pod }) => denies(pod));
  if (!denyAll) errors.push(`${K8S_DIR}: no NetworkPolicy denies every Deployment's ingress and egress by default`);
  if (values('ConfigMap', 'omni-nats')?.['nats.conf'] !== readFileSync(join(root, NATS_CONF), 'utf8')) {
    errors.push(`${K8S_DIR}: the ConfigMap omni-nats's nats.conf is not a copy of ${NATS_CONF}`);
  }
  return { errors, checked: [`${K8S_DIR}: ${runs.size} Deployments and their Services, autoscalers, disruption budgets, Jobs`] };
}
