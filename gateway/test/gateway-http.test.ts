import { OutboxEvent } from '@omni/platform';
import { send, startTestSystem, type TestSystem } from './harness';

/** The distributed shape: the gateway reaches every subgraph over HTTP. */
describe('gateway over HTTP subgraphs', () => {
  let t: TestSystem;

  beforeAll(async () => {
    t = await startTestSystem({ transport: 'http' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves liveness and readiness on the gateway and on every subgraph', async () => {
    const gatewayBase = new URL(t.system.gateway.url).origin;
    expect((await fetch(`${gatewayBase}/healthz`)).status).toBe(200);
    expect((await fetch(`${gatewayBase}/readyz`)).status).toBe(200);
    expect([...t.system.endpoints.keys()].sort()).toEqual(['catalog', 'crm', 'inventory', 'loyalty', 'orders']);
    for (const endpoint of t.system.endpoints.values()) {
      const origin = new URL(endpoint.url).origin;
      expect((await fetch(`${origin}/healthz`)).status).toBe(200);
      expect(await (await fetch(`${origin}/readyz`)).json()).toMatchObject({ status: 'ready' });
    }
  });

  it('forwards the calling channel to the subgraph, which stamps it on the events it writes', async () => {
    const location = await send(t.client, 'UpsertLocation', {
      input: { name: 'Mall Store', type: 'STORE', lat: 41.0, lng: -73.9, fulfillsOnline: false, pickupEnabled: true },
    });
    const store = t.client.withHeaders({ 'x-channel': 'STORE' });
    const stock = await send(store, 'SetStock', {
      input: { locationId: location.upsertLocation.location.id, sku: 'MUG-1', onHand: 5 },
    });
    expect(stock.setStock.userErrors).toEqual([]);
    const rows = await t.system.services
      .get('inventory')!
      .db.getRepository(OutboxEvent)
      .findBy({ type: 'inventory.stock.changed' });
    expect(rows.map((r) => JSON.parse(r.envelope).channel)).toEqual(['STORE']);
  });

  it('answers unknown ids with null and bad arguments with validation errors, never a stack trace', async () => {
    expect((await send(t.client, 'CustomerLookup', { email: 'ghost@example.com' })).customerLookup).toBeNull();
    const unknown = await t.client.raw<any>(
      'query { customer(id: "00000000-0000-0000-0000-000000000000") { id } order(id: "nope") { id } }',
    );
    expect(unknown).toEqual({ data: { customer: null, order: null } });

    const invalid = await t.client.raw('query { customer(id: 42.5) { id } }');
    expect(invalid.data).toBeUndefined();
    expect(invalid.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const wrongEnum = await t.client.raw(
      'mutation { enrollLoyalty(customerId: "x", channel: TELEPATHY) { userErrors { code } } }',
    );
    expect(wrongEnum.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    for (const response of [invalid, wrongEnum]) {
      expect(JSON.stringify(response)).not.toMatch(/stacktrace|\.ts:\d+|at [A-Za-z]+ \(/);
    }
  });

  it('reports a rule violation as a userError with a code and writes nothing', async () => {
    const input = { email: 'dup@example.com', firstName: 'Dee', lastName: 'Upton', channel: 'WEB' };
    expect((await send(t.client, 'RegisterCustomer', { input })).registerCustomer.userErrors).toEqual([]);
    const again = await send(t.client, 'RegisterCustomer', {
      input: { ...input, email: 'DUP@example.com ', firstName: 'Other' },
    });
    expect(again.registerCustomer).toEqual({
      customer: null,
      userErrors: [expect.objectContaining({ code: 'CUSTOMER_EXISTS', field: ['input', 'email'] })],
    });
    const found = await send(t.client, 'CustomerLookup', { email: 'dup@example.com' });
    expect(found.customerLookup.firstName).toBe('Dee');

    const order = await send(t.client, 'PlaceOrder', {
      input: {
        customerId: found.customerLookup.id,
        channel: 'CALL_CENTER',
        idempotencyKey: 'cc-1',
        lines: [{ sku: 'NO-SUCH-SKU', quantity: 1 }],
        fulfillment: { type: 'SHIP', address: { line1: '1 Main St', city: 'Albany', postalCode: '12207', country: 'US' } },
      },
    });
    expect(order.placeOrder).toEqual({ order: null, userErrors: [expect.objectContaining({ code: 'UNKNOWN_SKU' })] });
    const unknownCustomer = await send(t.client, 'PlaceOrder', {
      input: {
        customerId: 'no-such-customer',
        channel: 'WEB',
        idempotencyKey: 'web-x',
        lines: [{ sku: 'X', quantity: 1 }],
        fulfillment: { type: 'SHIP' },
      },
    });
    expect(unknownCustomer.placeOrder.userErrors.map((e: { code: string }) => e.code)).toEqual(['UNKNOWN_CUSTOMER']);
  });
});
