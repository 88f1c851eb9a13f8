import { randomUUID } from 'node:crypto';
import { send, startTestSystem, type TestSystem } from './harness';
import type { GatewayClient } from '../src/client';

const PLACE = `mutation($input: PlaceOrderInput!) {
  placeOrder(input: $input) {
    order { id number email externalRef customer { id } }
    userErrors { field message code }
  }
}`;

const BY_REF = `query($channel: Channel!, $ref: String!) {
  orderByExternalRef(channel: $channel, externalRef: $ref) { id number externalRef }
}`;

/**
 * Partners, through the gateway with their own tokens: an order found again by the partner's own
 * reference, and a shopper named by email or loyalty card that reaches the shopper's history when
 * CRM knows them, and places a guest order otherwise, without the partner learning which.
 */
describe('partner orders through the gateway', () => {
  let t: TestSystem;
  let kim: string;
  let acme: GatewayClient;
  let globex: GatewayClient;

  beforeAll(async () => {
    t = await startTestSystem();
    const dc = (
      await send(t.client, 'UpsertLocation', {
        input: { name: 'Partner DC', type: 'WAREHOUSE', lat: 40.5, lng: -74.3, fulfillsOnline: true, pickupEnabled: false },
      })
    ).upsertLocation.location.id;
    await send(t.client, 'UpsertProduct', {
      input: { name: 'Trail Bottle', variants: [{ sku: 'PO-BOTTLE', price: { cents: 1800, currency: 'USD' } }] },
    });
    await send(t.client, 'SetStock', { input: { locationId: dc, sku: 'PO-BOTTLE', onHand: 100 } });
    kim = (
      await send(t.client, 'RegisterCustomer', {
        input: {
          email: 'kim@example.com',
          firstName: 'Kim',
          lastName: 'Park',
          channel: 'WEB',
          address: { line1: '3 Hill Rd', city: 'Edison', postalCode: '08817', country: 'US' },
        },
      })
    ).registerCustomer.customer.id;
    const linked = await send(t.client, 'LinkIdentity', {
      input: { customerId: kim, kind: 'LOYALTY_CARD', value: '7700123', channel: 'STORE' },
    });
    expect(linked.linkIdentity.userErrors).toEqual([]);
    acme = (await t.signedIn({ role: 'PARTNER', partnerId: 'acme', subject: 'acme-api' })).withHeaders({
      'x-channel': 'PARTNER',
    });
    globex = (await t.signedIn({ role: 'PARTNER', partnerId: 'globex', subject: 'globex-api' })).withHeaders({
      'x-channel': 'PARTNER',
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const address = { line1: '1 Dock St', city: 'Newark', postalCode: '07102', country: 'US' };
  const place = (
    client: GatewayClient,
    externalRef: string,
    customer: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) =>
    client.raw<any>(PLACE, {
      input: {
        customer,
        channel: 'PARTNER',
        idempotencyKey: externalRef,
        externalRef,
        lines: [{ sku: 'PO-BOTTLE', quantity: 1 }],
        fulfillment: { type: 'SHIP', address },
        ...extra,
      },
    });
  /** What the partner sees of its answer, ids and numbers aside. */
  const shape = (response: any) => ({
    userErrors: response.data.placeOrder.userErrors,
    email: response.data.placeOrder.order.email,
    customer: response.data.placeOrder.order.customer,
    errors: response.errors?.map((e: any) => [e.path, e.extensions?.code]),
  });
  const kimsOrders = async () =>
    (
      await t.client.request<any>('query($id: ID!) { customer(id: $id) { orders(first: 50) { edges { node { id } } } } }', {
        id: kim,
      })
    ).customer.orders.edges.map((e: any) => e.node.id);

  it('puts an order for a shopper named by email or loyalty card in their history', async () => {
    const byEmail = await place(acme, 'ACME-1001', { email: ' KIM@example.com ' });
    const byCard = await place(acme, 'ACME-1002', { loyaltyCardNumber: '7700123' });
    for (const placed of [byEmail, byCard]) expect(placed.data.placeOrder.userErrors).toEqual([]);
    expect(await kimsOrders()).toEqual(
      expect.arrayContaining([byEmail.data.placeOrder.order.id, byCard.data.placeOrder.order.id]),
    );
  });

  it('places a guest order for a shopper nobody knows, and answers the partner exactly the same', async () => {
    const known = await place(acme, 'ACME-2001', { email: 'kim@example.com' });
    const unknown = await place(acme, 'ACME-2002', { email: 'Stranger@example.com' });
    // The partner sees the same: no error, the email it gave, and never the customer (known or not).
    expect(shape(unknown)).toEqual({
      ...shape(known),
      email: 'stranger@example.com',
    });
    expect(shape(known)).toEqual({
      userErrors: [],
      email: 'kim@example.com',
      customer: null,
      errors: [[['placeOrder', 'order', 'customer'], 'FORBIDDEN']],
    });
    const unknownCard = await place(acme, 'ACME-2003', { loyaltyCardNumber: '0000000' });
    expect(shape(unknownCard)).toEqual({ ...shape(known), email: null });

    // The stranger finds it as a guest, with the email and the number.
    const { number } = unknown.data.placeOrder.order;
    const found = await t.anonymous.request<any>(
      'query($e: String!, $n: String!) { guestOrder(email: $e, number: $n) { number } }',
      {
        e: 'stranger@example.com',
        n: number,
      },
    );
    expect(found.guestOrder).toEqual({ number });
    expect(await kimsOrders()).not.toContain(unknown.data.placeOrder.order.id);

    // Points and store credit need the shopper's id: refused alike, known or not.
    for (const email of ['kim@example.com', 'nobody@example.com']) {
      const refused = await place(acme, `ACME-points-${email}`, { email }, { redeemPoints: 100 });
      expect(refused.data.placeOrder.userErrors).toEqual([expect.objectContaining({ code: 'CUSTOMER_REQUIRED' })]);
    }
    // A reference too long to keep is refused as such, never an internal error.
    const long = await place(acme, 'ACME-long', { email: 'kim@example.com' }, { externalRef: 'R'.repeat(101) });
    expect(long.data.placeOrder.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_EXTERNAL_REF' })]);
    const longKey = await place(acme, 'ACME-long-key', { email: 'kim@example.com' }, { idempotencyKey: 'K'.repeat(101) });
    expect(longKey.data.placeOrder.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_IDEMPOTENCY_KEY' })]);
    const both = await place(acme, 'ACME-both', { email: 'kim@example.com' }, { customerId: kim });
    expect(both.data.placeOrder.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_CUSTOMER_REFERENCE' })]);
    // A customer id, hers or nobody's, is refused alike: ids are not for partners to probe.
    for (const customerId of [kim, randomUUID()]) {
      const byId = await place(acme, `ACME-id-${customerId}`, undefined as never, { customer: undefined, customerId });
      expect(byId.data.placeOrder).toEqual({
        order: null,
        userErrors: [{ code: 'INVALID_CUSTOMER_REFERENCE', field: ['input', 'customerId'], message: expect.any(String) }],
      });
    }
  });

  it('finds an order by its external reference for the partner that placed it and for staff only', async () => {
    const placed = await place(acme, 'ACME-3001', { email: 'kim@example.com' });
    const id = placed.data.placeOrder.order.id;
    const lookup = (client: GatewayClient, ref = 'ACME-3001', channel = 'PARTNER') => client.raw<any>(BY_REF, { channel, ref });

    expect((await lookup(acme)).data.orderByExternalRef).toMatchObject({ id, externalRef: 'ACME-3001' });
    expect((await lookup(acme, 'ACME-3001', 'MARKETPLACE')).data.orderByExternalRef).toBeNull();
    // Another partner: not found, as if it did not exist.
    expect(await lookup(globex)).toEqual({ data: { orderByExternalRef: null } });
    // Staff: the back office and any store's associate.
    expect((await lookup(t.client)).data.orderByExternalRef.id).toBe(id);
    expect((await lookup(await t.associateAt('any-store'))).data.orderByExternalRef.id).toBe(id);
    // Nobody else: the shopper, an admin, an anonymous caller.
    const shopper = await t.signedIn({ role: 'CUSTOMER', customerId: kim, subject: 'kim' });
    const admin = await t.signedIn({ role: 'ADMIN', subject: 'admin' });
    for (const client of [shopper, admin, t.anonymous]) {
      const denied = await lookup(client);
      expect(denied.data?.orderByExternalRef ?? null).toBeNull();
      expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});
