import { DeadLetter, newEnvelope } from '@omni/platform';
import type { GatewayClient, GraphQLResponse } from '../src/client';
import { eventually, publishFromOutbox, startTestSystem, type TestSystem } from './harness';

/**
 * The Operations view through the gateway: every service's outbox backlog and dead letters in one
 * query, and a replay, for ADMIN only. A poison event (one its consumer cannot apply) is parked
 * after EVENT_MAX_DELIVERIES and shows up under the service that consumes it.
 */

const SERVICES = ['crm', 'catalog', 'inventory', 'orders', 'loyalty'] as const;

const SERVICE_FIELDS = `service outboxBacklog outboxFailing oldestUnpublishedAt
  deadLetters(first: 10) { totalCount lastError lastFailedAt nodes { consumer eventId type error attempts firstFailedAt lastFailedAt parkedAt } }`;
const OPERATIONS = `query Operations { operations { id ${SERVICES.map((s) => `${s} { ${SERVICE_FIELDS} }`).join(' ')} } }`;
const REPLAY = `mutation Replay($eventIds: [ID!]) {
  replayCatalogDeadLetters(eventIds: $eventIds) {
    replayed
    stillParked { eventId attempts error }
    operations { service deadLetters { totalCount lastError } }
  }
}`;

interface ServiceOperations {
  service: string;
  outboxBacklog: number;
  outboxFailing: number;
  deadLetters: {
    totalCount: number;
    lastError: string | null;
    nodes: { consumer: string; eventId: string; type: string; attempts: number; error: string }[];
  };
}
type OperationsView = { operations: Record<(typeof SERVICES)[number], ServiceOperations> & { id: string } };

describe('operations view (ADMIN)', () => {
  let t: TestSystem;
  let admin: GatewayClient;
  const maxDeliveries = process.env.EVENT_MAX_DELIVERIES;

  beforeAll(async () => {
    // Park quickly: the services read it when they start.
    process.env.EVENT_MAX_DELIVERIES = '2';
    t = await startTestSystem();
    admin = await t.signedIn({ role: 'ADMIN', subject: 'ops-admin' });
  });
  afterAll(async () => {
    if (maxDeliveries === undefined) delete process.env.EVENT_MAX_DELIVERIES;
    else process.env.EVENT_MAX_DELIVERIES = maxDeliveries;
    await t?.close();
  });

  const view = () => admin.request<OperationsView>(OPERATIONS, {}, 'Operations');

  it('shows every service, its outbox backlog and no dead letters on a healthy system', async () => {
    const { operations } = await eventually(view, (v) => SERVICES.every((s) => v.operations[s].outboxBacklog === 0));
    expect(operations.id).toBe('operations');
    for (const service of SERVICES) {
      expect(operations[service]).toMatchObject({
        service,
        outboxBacklog: 0,
        outboxFailing: 0,
        deadLetters: { totalCount: 0, lastError: null, nodes: [] },
      });
    }
  });

  it('shows an event its consumer cannot apply as a dead letter of that service, and replays it', async () => {
    // A product view without a product: catalog's learn-from-views consumer fails on it every time
    // (and so does CRM's engagement-facts, which parks its own copy).
    const poison = newEnvelope('crm.product.viewed', { customerId: 'c-poison', channel: 'WEB' }, null);
    await publishFromOutbox(t, poison);
    const { operations } = await eventually(
      view,
      (v) => v.operations.catalog.deadLetters.totalCount === 1 && v.operations.crm.deadLetters.totalCount === 1,
      15_000,
    );
    const letters = operations.catalog.deadLetters;
    expect(letters.nodes).toEqual([
      expect.objectContaining({
        consumer: 'catalog-learn-from-views',
        eventId: poison.id,
        type: 'crm.product.viewed',
        attempts: 2,
      }),
    ]);
    expect(letters.lastError).toBe(letters.nodes[0]!.error);
    expect(operations.crm.deadLetters.nodes).toEqual([
      expect.objectContaining({ consumer: 'crm-engagement-facts', eventId: poison.id }),
    ]);
    for (const service of SERVICES.filter((s) => s !== 'catalog' && s !== 'crm')) {
      expect(operations[service].deadLetters.totalCount).toBe(0);
    }

    // Replayed as it is, it fails again and stays parked.
    const again = await admin.request<{ replayCatalogDeadLetters: any }>(REPLAY, { eventIds: [poison.id] }, 'Replay');
    expect(again.replayCatalogDeadLetters).toMatchObject({
      replayed: 0,
      stillParked: [{ eventId: poison.id, attempts: 3 }],
      operations: { service: 'catalog', deadLetters: { totalCount: 1 } },
    });

    // Once what it needs is there (here: the envelope repaired by hand), the replay applies it.
    const catalogDb = t.system.services.get('catalog')!.db;
    const repaired = { ...poison, payload: { ...poison.payload, productId: 'no-such-product' } };
    await catalogDb.getRepository(DeadLetter).update({ eventId: poison.id }, { envelope: JSON.stringify(repaired) });
    const replayed = await admin.request<{ replayCatalogDeadLetters: any }>(REPLAY, {}, 'Replay');
    expect(replayed.replayCatalogDeadLetters).toEqual({
      replayed: 1,
      stillParked: [],
      operations: { service: 'catalog', deadLetters: { totalCount: 0, lastError: null } },
    });
    expect((await catalogDb.getRepository(DeadLetter).findOneByOrFail({ eventId: poison.id })).replayedAt).not.toBeNull();
  });

  it('is FORBIDDEN to a customer, a CSR and an anonymous caller, query and replay alike', async () => {
    const callers = [
      await t.signedIn({ role: 'CUSTOMER', customerId: 'c-1', subject: 'shopper' }),
      await t.signedIn({ role: 'CSR', subject: 'csr' }),
      t.anonymous,
    ];
    for (const caller of callers) {
      const read: GraphQLResponse<OperationsView> = await caller.raw(OPERATIONS, {}, 'Operations');
      expect(read.data ?? null).toBeNull();
      expect(read.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);

      // Straight to one service's field, past Query.operations: refused there too.
      const entity: GraphQLResponse<unknown> = await caller.raw(
        `query Entity { operations { loyalty { service } } }`,
        {},
        'Entity',
      );
      expect(entity.errors?.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);

      const replay: GraphQLResponse<unknown> = await caller.raw(REPLAY, {}, 'Replay');
      expect(replay.data ?? null).toBeNull();
      expect(replay.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
  });

  it('answers the owning subgraph of each field directly only for ADMIN', async () => {
    const loyalty = t.system.services.get('loyalty')!;
    const query = `query { _entities(representations: [{ __typename: "Operations", id: "operations" }]) { ... on Operations { loyalty { service } } } }`;
    const asCustomer = await loyalty.execute(
      query,
      {},
      loyalty.context({
        requestId: 'test',
        channel: null,
        caller: { subject: 'x', roles: ['CUSTOMER'], customerId: 'c-1', locationId: null, partnerId: null },
      }),
    );
    expect(asCustomer.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const asAdmin = await loyalty.execute(
      query,
      {},
      loyalty.context({
        requestId: 'test',
        channel: null,
        caller: { subject: 'x', roles: ['ADMIN'], customerId: null, locationId: null, partnerId: null },
      }),
    );
    expect(asAdmin.errors).toBeUndefined();
    expect(asAdmin.data).toEqual({ _entities: [{ loyalty: { service: 'loyalty' } }] });
  });
});
