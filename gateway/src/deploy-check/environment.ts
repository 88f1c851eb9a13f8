/**
 * What one process would make of the environment deploy/ gives it, read by the code's own
 * settings readers (the processes' `readConfig` shapes and validations), plus what only the
 * distributed mode needs: PORT and the peers' URLs as SUBGRAPH_PROCESSES (platform processes.ts)
 * says, a container's HOST, and PostgreSQL and NATS rather than the embedded fallbacks.
 */
import { readCrmConfig } from '@omni/crm';
import { readLoyaltySettings } from '@omni/loyalty';
import {
  ConfigError,
  distributedNats,
  GATEWAY_PROCESS,
  readConfig,
  readEventSettings,
  scheduledJobs,
  SUBGRAPH_NAMES,
  SUBGRAPH_PROCESSES,
  subgraphSettings,
  urlVariable,
  type SubgraphName,
} from '@omni/platform';
import { rateLimitOptions } from '../rate-limit';
import { distributedEndpoints, SERVICES } from '../services';

export type ProcessName = SubgraphName | 'gateway';
export const PROCESS_NAMES: readonly ProcessName[] = [...SUBGRAPH_NAMES, 'gateway'];
export type Env = Record<string, string | undefined>;
/** The process a URL's host and port reach on this platform (a compose service, a Kubernetes Service), or null. */
export type Resolve = (host: string, port: number) => ProcessName | null;

export const portOf = (name: ProcessName): number => (name === 'gateway' ? GATEWAY_PROCESS.port : SUBGRAPH_PROCESSES[name].port);
export const peersOf = (name: ProcessName): readonly SubgraphName[] =>
  name === 'gateway' ? SUBGRAPH_NAMES : SUBGRAPH_PROCESSES[name].peers;

/** What a service's main.ts reads besides subgraphSettings, as it reads it there. */
const SERVICE_SETTINGS: Partial<Record<SubgraphName, (env: Env) => unknown>> = {
  crm: readCrmConfig,
  loyalty: (env) => readLoyaltySettings(env, { distributed: true }),
};

/** The code's readers a process runs when it starts: each throws a ConfigError naming a variable. */
function readers(name: ProcessName, env: Env): (() => unknown)[] {
  if (name === 'gateway') {
    const distributed = () => {
      if (!distributedEndpoints(env)) throw new ConfigError(urlVariable('crm'), 'and the other subgraph URLs are not set');
    };
    return [distributed, () => rateLimitOptions(env)];
  }
  const jobs = SERVICES.find(({ definition }) => definition.name === name)?.definition.jobs ?? [];
  return [
    () => distributedNats(readConfig(subgraphSettings(name), env)),
    () => readEventSettings(env),
    () => scheduledJobs(name, jobs, env),
    () => SERVICE_SETTINGS[name]?.(env),
  ];
}

/** Problems of process `name` started with `env`; `where` prefixes each (the file and what runs it). */
export function checkEnvironment(name: ProcessName, env: Env, where: string, resolve: Resolve): string[] {
  const errors: string[] = [];
  const fail = (message: string) => errors.push(`${where}: ${message}`);
  for (const read of readers(name, env)) {
    try {
      read();
    } catch (error) {
      fail(error instanceof ConfigError ? error.message.replace(/^configuration error: /, '') : String(error));
    }
  }
  if (env.PORT !== String(portOf(name)))
    fail(`PORT is ${env.PORT ?? 'not set'}, not ${portOf(name)} (the image's HEALTHCHECK reads PORT)`);
  if (env.HOST !== '0.0.0.0' && env.HOST !== '::') fail(`HOST is ${env.HOST ?? 'not set'}: in a container it must be 0.0.0.0`);
  if (name !== 'gateway') {
    if (!env.DATABASE_URL) fail(`DATABASE_URL is not set: ${name} would use an embedded SQLite file`);
    if (!env.NATS_URL) fail(`NATS_URL is not set: ${name}'s events would stay in its process`);
    if (env.NATS_USER !== name) fail(`NATS_USER is ${env.NATS_USER ?? 'not set'}, not ${name} (its user in deploy/nats.conf)`);
  }
  for (const peer of peersOf(name)) {
    const variable = urlVariable(peer);
    const value = env[variable];
    if (!value) continue; // the readers named it
    const url = URL.canParse(value) ? new URL(value) : null;
    const reaches = url && resolve(url.hostname, Number(url.port || (url.protocol === 'https:' ? 443 : 80)));
    if (!url || url.pathname !== '/graphql' || reaches !== peer) {
      fail(`${variable}=${value} does not reach ${peer}'s /graphql on port ${portOf(peer)}`);
    }
  }
  return errors;
}
