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
