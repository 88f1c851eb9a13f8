/**
 * The embedded system under load, forked by the bench (target.ts): SQLite files in a scratch
 * directory, the in-process bus, every subgraph also on a port of its own. Answers `cpu` with its
 * process.cpuUsage() and `statements` with its db_statements_total per service.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, metricsRegistry } from '@omni/platform';
import { rateLimitOptions } from '../rate-limit';
import { startSystem } from '../system';

/** SQL statements so far, by service. */
export type Statements = Record<string, number>;

export interface Ready {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
}

async function statements(): Promise<Statements> {
  const metric = await metricsRegistry.getSingleMetric('db_statements_total')!.get();
  return Object.fromEntries(metric.values.map((v) => [String(v.labels.service), v.value]));
}

async function serve(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'omni-bench-'));
  const system = await startSystem({
    dataDir,
    gatewayPort: 0,
    subgraphPorts: 'random',
    transport: 'in-process',
    host: '127.0.0.1',
    log: createLogger('bench', process.env.LOG_LEVEL ?? 'silent'),
    edge: { rateLimit: rateLimitOptions({ RATE_LIMIT_PER_MINUTE: '100000000', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000000' }) },
  });
  process.on('message', (message: { type: string }) => {
    if (message.type === 'cpu') process.send!({ type: 'cpu', usage: process.cpuUsage() });
    if (message.type === 'statements') void statements().then((counts) => process.send!({ type: 'statements', counts }));
    if (message.type === 'stop') {
      void system.close().finally(() => {
        rmSync(dataDir, { recursive: true, force: true });
        process.exit(0);
      });
    }
  });
  const subgraphUrls = Object.fromEntries([...system.endpoints].map(([name, endpoint]) => [name, endpoint.url]));
  const ready: Ready = { gatewayUrl: system.gateway.url, subgraphUrls };
  process.send!({ type: 'ready', ...ready });
}

void serve();
