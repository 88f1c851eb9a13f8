/**
 * deploy/docker-compose.yml: valid against the Compose specification's JSON schema (dclint, which
 * ships it), then, for the process each service runs, its environment (checkEnvironment, with the
 * file's `${VAR:-default}` defaults), its port, its readiness healthcheck, that it starts after
 * its peers, and that its NATS password is the one the NATS server gives its user.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HEALTH_PATHS, processEntry } from '@omni/platform';
import { parse } from 'yaml';
import { checkEnvironment, peersOf, portOf, PROCESS_NAMES, type Env, type ProcessName } from './environment';
import type { Findings } from './observability';

export const COMPOSE_FILE = 'deploy/docker-compose.yml';

/** dclint's rules that are about correctness, on; its style rules off. */
const RULES = {
  'no-duplicate-container-names': 2,
  'no-duplicate-exported-ports': 2,
  'no-quotes-in-volumes': 2,
  'no-version-field': 2,
  'require-project-name-field': 2,
  'require-quotes-in-ports': 2,
  'service-container-name-regex': 2,
  // One tag (OMNI_IMAGE) is built and run; only the gateway is published, on every interface.
  'no-build-and-image': 0,
  'service-image-require-explicit-tag': 0,
  'no-unbound-port-interfaces': 0,
  'service-dependencies-alphabetical-order': 0,
  'service-keys-order': 0,
  'service-ports-alphabetical-order': 0,
  'services-alphabetical-order': 0,
  'top-level-properties-order': 0,
} as const;

interface ComposeService {
  image?: string;
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  expose?: (string | number)[];
  ports?: (string | { target: number })[];
  healthcheck?: { test?: string | string[] };
  depends_on?: string[] | Record<string, unknown>;
}

/** Compose's interpolation with the file's own defaults: `${VAR:-x}` and `${VAR-x}` are x, `${VAR}` empty, `$$` a `$`. */
export function interpolate(value: unknown): unknown {
  if (typeof value === 'string')
    return value.replace(/\$\$|\$\{\w+(?::?-([^}]*))?\}/g, (match, fallback?: string) =>
      match === '$$' ? '$' : (fallback ?? ''),
    );
  if (Array.isArray(value)) return value.map(interpolate);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v)]));
  return value;
}

const text = (value: string | string[] | undefined) => [value ?? []].flat().join(' ');

function environmentOf(service: ComposeService): Env {
  const entries = Array.isArray(service.environment)
    ? service.environment.map((line) => line.split(/=(.*)/s))
    : Object.entries(service.environment ?? {});
  return Object.fromEntries(entries.map(([key, value]) => [key, value == null ? undefined : String(value)]));
}

/** Checks `file` (COMPOSE_FILE under `root`); `source` stands in for its text in tests. */
export async function checkCompose(root: string, source?: string): Promise<Findings> {
  const errors: string[] = [];
  const path = join(root, COMPOSE_FILE);
  if (source === undefined) {
    // ES modules for TypeScript, CommonJS too for node: loaded on use.
    const { DCLinter } = await import('dclint');
    const lint = new DCLinter({ rules: RULES, quiet: true, debug: false, exclude: [] });
    // dclint's declaration files do not resolve under node16 (extensionless imports): its shape here.
    const results: { messages: { line: number; message: string; rule: string }[] }[] = lint.lintFiles([path], false);
    for (const message of results.flatMap((result) => result.messages)) {
      errors.push(`${COMPOSE_FILE}:${message.line}: ${message.message} (${message.rule})`);
    }
  }
  type Compose = { services?: Record<string, ComposeService> };
  const raw = parse(source ?? readFileSync(path, 'utf8'), { merge: true }) as Compose;
  const compose = interpolate(raw) as Compose;
  const services = Object.entries(compose.services ?? {});
  const runs = new Map<ProcessName, string>();
  for (const name of PROCESS_NAMES) {
    const found = services.find(([, service]) => text(service.command).includes(processEntry(name)));
    if (found) runs.set(name, found[0]);
    else errors.push(`${COMPOSE_FILE}: no service runs ${processEntry(name)} (${name})`);
  }
  const resolve = (host: string, port: number) =>
    [...runs].find(([name, service]) => service === host && portOf(name) === port)?.[0] ?? null;
  const nats = Object.values(raw.services ?? {}).find((service) => service.image?.startsWith('nats'));
  for (const [name, serviceName] of runs) {
    const service = compose.services![serviceName]!;
    const where = `${COMPOSE_FILE}: ${serviceName}`;
    const env = environmentOf(service);
    errors.push(...checkEnvironment(name, env, where, resolve));
    const port = String(portOf(name));
    const exposed = [
      ...(service.expose ?? []),
      ...(service.ports ?? []).map((p) => (typeof p === 'object' ? p.target : String(p).split(':').pop())),
    ];
    if (!exposed.map(String).includes(port)) errors.push(`${where}: port ${port} is neither exposed nor published`);
    if (!text(service.healthcheck?.test).includes(HEALTH_PATHS.ready))
      errors.push(`${where}: the healthcheck does not ask ${HEALTH_PATHS.ready}`);
    const after = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
    for (const peer of peersOf(name)) {
      if (!after.includes(runs.get(peer) ?? peer)) errors.push(`${where}: does not depend on its peer ${peer}`);
    }
    if (name !== 'gateway') {
      // As written (the same variable and default), before interpolation.
      const serverPassword = nats && environmentOf(nats)[`${name.toUpperCase()}_NATS_PASSWORD`];
      if (!serverPassword || serverPassword !== environmentOf(raw.services![serviceName]!).NATS_PASSWORD) {
        errors.push(`${where}: NATS_PASSWORD is not the ${name.toUpperCase()}_NATS_PASSWORD the NATS service is given`);
      }
    }
  }
  return { errors, checked: [`${COMPOSE_FILE}: the Compose schema and ${runs.size} processes`] };
}
