import { execFileSync, fork } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_SUBGRAPH_SECRET } from '@omni/platform';
import { GATEWAY_PORT, SERVICES } from '../services';
import type { Ready, Statements } from './serve';

/** The system under load, wherever it runs. */
export interface Target {
  mode: string;
  /** Distributed: one process per service, PostgreSQL and NATS; embedded: one process, SQLite. */
  distributed: boolean;
  gatewayUrl: string;
  /** Each subgraph's own endpoint, by service name. */
  subgraphUrls: Map<string, string>;
  /** Signs the bench's tokens; unset: the development key. */
  authSecret?: string;
  subgraphSecret: string;
  /** CPU the system has used so far, in microseconds (user + system). */
  cpu(): Promise<number>;
  /** SQL statements each service's database has received so far (db_statements_total). */
  statements(): Promise<Statements>;
  close(): Promise<void>;
}

/** Asks the embedded child over IPC; the reply carries the same `type`. */
function ask<T>(child: ReturnType<typeof fork>, type: string): Promise<T> {
  return new Promise((resolve) => {
    const listener = (message: { type: string } & T) => {
      if (message.type !== type) return;
      child.off('message', listener);
      resolve(message);
    };
    child.on('message', listener);
    child.send({ type });
  });
}

/** The embedded system in a child process (serve.ts), so the load generator's CPU is not the system's. */
export async function embedded(): Promise<Target> {
  // As deployed (the image sets it): graphql-js skips its development-only checks.
  const child = fork(join(__dirname, 'serve.js'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the system exited (${code}) before it was ready`)));
    child.on('message', (m: { type: string } & Ready) => m.type === 'ready' && resolve(m));
  });
  return {
    mode: 'embedded (SQLite, in-process bus)',
    distributed: false,
    gatewayUrl: ready.gatewayUrl,
    subgraphUrls: new Map(Object.entries(ready.subgraphUrls)),
    subgraphSecret: DEV_SUBGRAPH_SECRET,
    cpu: async () => {
      const { usage } = await ask<{ usage: NodeJS.CpuUsage }>(child, 'cpu');
      return usage.user + usage.system;
    },
    statements: async () => (await ask<{ counts: Statements }>(child, 'statements')).counts,
    close: async () => {
      child.removeAllListeners('exit');
      child.send({ type: 'stop' });
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** utime + stime of a process (fields 14 and 15 of /proc/<pid>/stat), in microseconds; 0 once it is gone. */
export function processCpu(pid: number | string): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // Clock ticks: 100 a second on Linux.
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return 0;
  }
}

/** The PostgreSQL backends serving `database` (the services' connections), by pid. */
function postgresBackends(database: string): string[] {
  const sql = `SELECT pid FROM pg_stat_activity WHERE datname = '${database.replace(/'/g, "''")}' AND pid <> pg_backend_pid()`;
  const out = execFileSync('psql', ['-X', '-Atq', '-d', 'postgres', '-c', sql], { encoding: 'utf8', timeout: 5_000 });
  return out.split('\n').filter(Boolean);
}

/**
 * A running scripts/distributed.sh whose DIST_DIR is `dir`: its ports, the secrets in
 * dir/secrets.env, its processes (services, gateway, NATS) in dir/pids, and with `database`
 * the PostgreSQL backends of that database, which scripts/bench.sh creates for the run
 * (psql with the PG* variables; a backend counts from when the bench first sees it).
 */
export async function distributed(dir: string, database?: string): Promise<Target> {
  const secrets = Object.fromEntries(
    readFileSync(join(dir, 'secrets.env'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  const pids = () =>
    readdirSync(join(dir, 'pids'))
      .filter((file) => file !== 'supervisor.pid' && existsSync(join(dir, 'pids', file)))
      .map((file) => readFileSync(join(dir, 'pids', file), 'utf8').trim());
  // A backend that exits takes its CPU with it: keep the last reading of each.
  const backends = new Map<string, number>();
  let backendsOf = database;
  const cpu = async () => {
    let total = pids().reduce((sum, pid) => sum + processCpu(pid), 0);
    if (backendsOf) {
      try {
        for (const pid of postgresBackends(backendsOf)) backends.set(pid, processCpu(pid));
      } catch (error) {
        process.stderr.write(`PostgreSQL's backends left out of the CPU: ${(error as Error).message}\n`);
        backendsOf = undefined;
        backends.clear();
      }
      for (const micros of backends.values()) total += micros;
    }
    return total;
  };
  const origin = (port: number) => `http://127.0.0.1:${port}`;
  const scrape = async (): Promise<Statements> => {
    const counts: Statements = {};
    await Promise.all(
      SERVICES.map(async ({ port }) => {
        const text = await (await fetch(`${origin(port)}/metrics`)).text();
        for (const [, service, value] of text.matchAll(/^db_statements_total\{service="([^"]+)"\} (\S+)$/gm))
          counts[service!] = Number(value);
      }),
    );
    return counts;
  };
  // A scrape reads each service's outbox, dead letters and jobs (its gauges) after the counter,
  // so every scrape adds its own reads to the next one's count: measured once, then taken off.
  const samples = [await scrape(), await scrape(), await scrape()];
  const perScrape: Statements = {};
  for (const service of Object.keys(samples[2]!)) {
    perScrape[service] = Math.min(samples[1]![service]! - samples[0]![service]!, samples[2]![service]! - samples[1]![service]!);
  }
  let scrapes = samples.length;
  return {
    mode: 'distributed (scripts/distributed.sh: PostgreSQL, NATS, one process per service)',
    distributed: true,
    gatewayUrl: `${origin(GATEWAY_PORT)}/graphql`,
    subgraphUrls: new Map(SERVICES.map(({ definition, port }) => [definition.name, `${origin(port)}/graphql`])),
    authSecret: secrets.AUTH_SECRET,
    subgraphSecret: secrets.SUBGRAPH_SECRET ?? DEV_SUBGRAPH_SECRET,
    cpu,
    statements: async () => {
      const counts = await scrape();
      const own = Object.fromEntries(Object.entries(counts).map(([s, n]) => [s, n - (perScrape[s] ?? 0) * scrapes]));
      scrapes++;
      return own;
    },
    close: async () => undefined,
  };
}
