/**
 * What operations sees of a running system: readiness that tells the truth about a service's
 * database and bus, and a gateway that stays in rotation while one subgraph is down.
 */
import { crmService } from '@omni/crm';
import { createLogger, InProcessBus, Peers, serveSubgraph, startService } from '@omni/platform';
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
