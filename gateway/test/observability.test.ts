/**
 * What operations sees of a running system: readiness that tells the truth about a service's
 * database and bus, and a gateway that stays in rotation while one subgraph is down.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { crmService } from '@omni/crm';
import { createLogger, InProcessBus, openDatabase, Peers, PLATFORM_ENTITIES, serveSubgraph, startService } from '@omni/platform';
import pino from 'pino';
import { ForwardingDataSource } from '../src/data-sources';
import { startGateway } from '../src/gateway';
import { SUPERGRAPH_PATH } from '../src/system';
import { issueToken } from '../src/token';
import { startTestSystem, type TestSystem } from './harness';

const origin = (url: string) => new URL(url).origin;

describe('service readiness', () => {
  it('is 503 naming the bus while the bus is closed, and the database when it does not answer', async () => {
    const log = createLogger('readiness-test', 'silent');
    const bus = new InProcessBus(log);
    const service = await startService(crmService, { dataDir: ':memory:', bus, peers: new Peers(), log, jobs: 'manual' });
    const endpoint = await serveSubgraph(service, 0);
    try {
      const readyz = `${origin(endpoint.url)}/readyz`;
      const up = await fetch(readyz);
      expect(up.status).toBe(200);
      expect(await up.json()).toEqual({ status: 'ready', service: 'crm', checks: { database: 'ok', bus: 'ok' } });

      await bus.close();
      const busDown = await fetch(readyz);
      expect(busDown.status).toBe(503);
      expect(await busDown.json()).toEqual({
        status: 'unavailable',
        service: 'crm',
        checks: { database: 'ok', bus: 'disconnected' },
      });

      await service.db.destroy();
      const dbDown = await fetch(readyz);
      expect(dbDown.status).toBe(503);
      expect((await dbDown.json()).checks).toEqual({ database: 'failed', bus: 'disconnected' });
      // Alive all along: liveness does not restart a process for its dependencies.
      expect((await fetch(`${origin(endpoint.url)}/healthz`)).status).toBe(200);
    } finally {
      await endpoint.close();
      await service.close();
    }
  });
});

describe('MIGRATE_ON_START=false', () => {
  it('a service that does not migrate waits until its migrations have been run by someone else', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'omni-migrate-'));
    const log = createLogger('migrate-test', 'silent');
    const bus = new InProcessBus(log);
    let started = false;
    const starting = startService(crmService, { dataDir, bus, peers: new Peers(), log, jobs: 'manual', migrate: false }).then(
      (service) => {
        started = true;
        return service;
      },
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(started).toBe(false);
      // What the migration Job does (gateway/src/migrate.ts), here on the same SQLite file.
      const migrator = await openDatabase({
        service: 'crm',
        entities: [...crmService.entities, ...PLATFORM_ENTITIES],
        migrations: crmService.migrations,
        dataDir,
      });
      await migrator.destroy();
      const service = await starting;
      expect((await service.readiness()).ready).toBe(true);
      await service.close();
    } finally {
      await bus.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** A logger whose JSON lines the test can read. */
function capturedLogger(name: string) {
  const lines: Record<string, any>[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      raw.push(String(chunk));
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: pino({ name, level: 'info', base: { service: name } }, stream), lines, raw };
}

describe('access logs', () => {
  it('one line per request in the gateway and the subgraph, with one request id, the operation and the caller, never the token', async () => {
    const crmLog = capturedLogger('crm');
    const service = await startService(crmService, {
      dataDir: ':memory:',
      bus: new InProcessBus(crmLog.log),
      peers: new Peers(),
      log: crmLog.log,
      jobs: 'manual',
    });
    const endpoint = await serveSubgraph(service, 0);
    const gatewayLog = capturedLogger('gateway');
    const gateway = await startGateway({
      supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
      // Only crm is called by this query.
      dataSource: () => new ForwardingDataSource(endpoint.url),
      ready: async () => ({ crm: true }),
      log: gatewayLog.log,
      port: 0,
    });
    try {
      const token = await issueToken({ role: 'CSR', subject: 'agent-7', ttlSeconds: 600 });
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'req-abc-123' },
        body: JSON.stringify({ query: 'query WhoIsAda { customerLookup(email: "ada@example.com") { id } }' }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-request-id')).toBe('req-abc-123');
      await fetch(`${origin(gateway.url)}/healthz`);

      const access = (lines: Record<string, any>[]) => lines.filter((line) => line.res);
      expect(access(gatewayLog.lines)).toEqual([
        expect.objectContaining({
          level: 30,
          requestId: 'req-abc-123',
          req: { method: 'POST', path: '/graphql' },
          res: { status: 200 },
          durationMs: expect.any(Number),
          operation: 'WhoIsAda',
          caller: 'agent-7',
          msg: 'POST /graphql 200',
        }),
      ]);
      expect(access(crmLog.lines)).toEqual([
        expect.objectContaining({
          service: 'crm',
          requestId: 'req-abc-123',
          req: { method: 'POST', path: '/graphql' },
          res: { status: 200 },
          operation: expect.stringMatching(/^WhoIsAda__crm__\d+$/),
          caller: 'agent-7',
        }),
      ]);
      for (const line of [...gatewayLog.raw, ...crmLog.raw]) {
        expect(line).not.toContain(token);
        expect(line).not.toMatch(/authorization|x-omni-caller/i);
      }

      // A request id that is not a sane token is replaced, not logged as sent.
      const odd = await fetch(`${origin(gateway.url)}/healthz`, { headers: { 'x-request-id': 'a b forged=1 "x"' } });
      expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await gateway.close();
      await endpoint.close();
      await service.close();
    }
  });
});

/** The distributed shape: the gateway reaches every subgraph over HTTP and probes their /readyz. */
describe('gateway over HTTP subgraphs', () => {
  let t: TestSystem;
  let gateway: string;

  beforeAll(async () => {
    t = await startTestSystem({ transport: 'http' });
    gateway = origin(t.system.gateway.url);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves Prometheus metrics: operations by name and outcome, subgraph fetches, outbox, dead letters and jobs', async () => {
    await t.anonymous.request('query ObservedLocations { locations { id } }', {}, 'ObservedLocations');
    await t.runJob('crm', 'outbox-prune');
    const gatewayMetrics = await fetch(`${gateway}/metrics`);
    expect(gatewayMetrics.status).toBe(200);
    expect(gatewayMetrics.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await gatewayMetrics.text();
    expect(text).toMatch(/^graphql_requests_total\{server="gateway",operation="ObservedLocations",outcome="ok"\} 1$/m);
    expect(text).toMatch(
      /^graphql_request_duration_seconds_count\{server="gateway",operation="ObservedLocations",outcome="ok"\} 1$/m,
    );
    expect(text).toMatch(/^gateway_subgraph_fetch_duration_seconds_count\{subgraph="inventory",outcome="ok"\} [1-9]/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);

    // The subgraph answered the gateway's fetch over HTTP; its /metrics reads its tables on scrape.
    const inventory = await (await fetch(`${origin(t.system.endpoints.get('inventory')!.url)}/metrics`)).text();
    // The gateway names its fetches after the client's operation: ObservedLocations__inventory__0.
    expect(inventory).toMatch(
      /^graphql_requests_total\{server="inventory",operation="ObservedLocations__inventory__\d+",outcome="ok"\} 1$/m,
    );
    for (const service of ['crm', 'catalog', 'inventory', 'orders', 'loyalty']) {
      expect(inventory).toMatch(new RegExp(`^outbox_backlog\\{service="${service}"\\} \\d+$`, 'm'));
    }
    expect(inventory).toMatch(/^job_last_finished_timestamp_seconds\{service="crm",job="outbox-prune"\} [1-9]/m);
    expect(inventory).toMatch(/^job_last_run_failed\{service="crm",job="outbox-prune"\} 0$/m);
    expect(inventory).toMatch(/^# TYPE event_dead_letters gauge$/m);
  });

  // Last: it takes a subgraph down for the rest of this system's life.
  it('stays ready while one subgraph is down; /readyz?strict asks for all of them', async () => {
    const all = await fetch(`${gateway}/readyz?strict`);
    expect(all.status).toBe(200);
    expect((await all.json()).subgraphs).toEqual({
      crm: 'ready',
      catalog: 'ready',
      inventory: 'ready',
      orders: 'ready',
      loyalty: 'ready',
    });

    await t.system.endpoints.get('loyalty')!.close();
    const lenient = await fetch(`${gateway}/readyz`);
    expect(lenient.status).toBe(200);
    expect(await lenient.json()).toMatchObject({ status: 'ready', subgraphs: { loyalty: 'unavailable', crm: 'ready' } });
    const strict = await fetch(`${gateway}/readyz?strict`);
    expect(strict.status).toBe(503);
    expect(await strict.json()).toMatchObject({ status: 'unavailable', subgraphs: { loyalty: 'unavailable' } });

    // What does not need loyalty is still answered.
    const products = await t.anonymous.raw<any>('query { locations { id } }');
    expect(products.errors).toBeUndefined();
  });
});
