/**
 * A customer's orders name the same variants and the same store again and again: each subgraph is
 * asked for each distinct entity once per fetch, and the client's answer holds every one at every
 * place, with an error at every place when the subgraph that resolves them does not answer.
 */
import { ForwardingDataSource, InProcessDataSource } from '../src/data-sources';
import { contractOperation, send, startTestSystem, stockedStore, type TestSystem } from './harness';

type Json = Record<string, any>;

describe.each(['in-process', 'http'] as const)('entities named many times in one request (%s)', (transport) => {
  let t: TestSystem;
  let customerId: string;
  let store: string;
  const ORDERS = 3;

  beforeAll(async () => {
    t = await startTestSystem({ transport });
    store = await stockedStore(t, 'Main Street', [
      ['TOTE-1', 2500],
      ['CAP-1', 1500],
    ]);
    customerId = (
      await send(t.client, 'RegisterCustomer', {
        input: {
          email: 'repeat@example.com',
          firstName: 'Rae',
          lastName: 'Peat',
          channel: 'WEB',
          address: { line1: '5 Elm St', city: 'Edison', postalCode: '08817', country: 'US' },
        },
      })
    ).registerCustomer.customer.id;
    for (let i = 0; i < ORDERS; i++) {
      await send(t.client, 'PlaceOrder', {
        input: {
          customerId,
          channel: 'WEB',
          idempotencyKey: `repeat-${i}`,
          lines: [
            { sku: 'TOTE-1', quantity: 1 },
            { sku: 'CAP-1', quantity: 2 },
          ],
          fulfillment: { type: 'SHIP' },
        },
      });
    }
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
  });

  const customer360 = () => t.client.raw<Json>(contractOperation('Customer360'), { id: customerId }, 'Customer360');

  it('sends each subgraph every distinct representation once and answers every order in full', async () => {
    const sent: { typename: string; representations: Json[] }[] = [];
    const dataSource: { prototype: InProcessDataSource | ForwardingDataSource } =
      transport === 'http' ? ForwardingDataSource : InProcessDataSource;
    const original = dataSource.prototype.process;
    const spy = jest.spyOn(dataSource.prototype, 'process').mockImplementation(function (this: unknown, options) {
      const representations = options.request.variables?.representations as Json[] | undefined;
      if (representations) sent.push({ typename: representations[0]!.__typename, representations });
      return original.call(this, options);
    });
    let answer;
    try {
      answer = await customer360();
    } finally {
      spy.mockRestore();
    }

    expect(answer.errors).toBeUndefined();
    const orders = answer.data!.customer.orders.edges.map((e: Json) => e.node);
    expect(orders).toHaveLength(ORDERS);
    for (const order of orders) {
      expect(order.lines.map((l: Json) => [l.sku, l.variant])).toEqual(
        expect.arrayContaining([
          ['TOTE-1', { sku: 'TOTE-1', product: { name: 'TOTE-1' } }],
          ['CAP-1', { sku: 'CAP-1', product: { name: 'CAP-1' } }],
        ]),
      );
      expect(order.fulfillments.map((f: Json) => f.location)).toEqual([{ id: store, name: 'Main Street', type: 'STORE' }]);
    }
    const keys = (representations: Json[]) => representations.map((r) => JSON.stringify(r));
    for (const fetch of sent) expect(new Set(keys(fetch.representations)).size).toBe(fetch.representations.length);
    const of = (typename: string) => sent.filter((f) => f.typename === typename).flatMap((f) => keys(f.representations));
    expect(of('ProductVariant').sort()).toEqual(
      ['CAP-1', 'TOTE-1'].map((sku) => JSON.stringify({ __typename: 'ProductVariant', sku })),
    );
    expect(of('Location')).toEqual([JSON.stringify({ __typename: 'Location', id: store })]);
  });

  if (transport === 'http') {
    it('puts the error of an entity its subgraph could not resolve at every place it appears', async () => {
      await t.system.endpoints.get('inventory')!.close();
      const { data, errors } = await customer360();
      const orders = data!.customer.orders.edges.map((e: Json) => e.node);
      expect(orders.map((o: Json) => o.fulfillments[0].location)).toEqual(Array(ORDERS).fill(null));
      const paths = (errors ?? []).map((e) => [e.extensions?.code, ...e.path!]);
      expect(paths).toEqual(
        expect.arrayContaining(
          orders.flatMap((_: Json, i: number) =>
            ['name', 'type'].map((field) => [
              'SERVICE_UNAVAILABLE',
              'customer',
              'orders',
              'edges',
              i,
              'node',
              'fulfillments',
              0,
              'location',
              field,
            ]),
          ),
        ),
      );
      expect(paths).toHaveLength(ORDERS * 2);
    });
  }
});
