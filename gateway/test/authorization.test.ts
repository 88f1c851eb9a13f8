import { randomUUID } from 'node:crypto';
import { DEV_SUBGRAPH_SECRET, encodeCaller, HEADERS, signCallerValue, type Caller } from '@omni/platform';
import { parse, validate } from 'graphql';
import type { GatewayClient, GraphQLResponse } from '../src/client';
import { contractOperations, pendingOperations } from '../src/contract';
import { contractOperation, send, startTestSystem, type TestSystem } from './harness';

/**
 * Who may see and do what, through the gateway: every contract operation sent as each role, as
 * nobody, with a forged identity header, and straight to the subgraph that owns it.
 */

type Who = 'anonymous' | 'customer' | 'otherCustomer' | 'associateHere' | 'associateElsewhere' | 'csr' | 'partner' | 'admin';
const EVERYONE: Who[] = [
  'anonymous',
  'customer',
  'otherCustomer',
  'associateHere',
  'associateElsewhere',
  'csr',
  'partner',
  'admin',
];
/** Whoever may see the shopper `customer`: the shopper and staff who serve shoppers. */
const SHOPPER_AND_STAFF: Who[] = ['customer', 'associateHere', 'associateElsewhere', 'csr'];
const STAFF: Who[] = ['associateHere', 'associateElsewhere', 'csr'];

interface Case {
  operation: string;
  /** What differs from the operation's plain use, when one operation has several cases. */
  variant?: string;
  allowed: Who[];
  /** Fresh variables per call: an allowed call may change what it acts on. */
  variables: () => Promise<Record<string, unknown>> | Record<string, unknown>;
}

const usd = (cents: number) => ({ cents, currency: 'USD' });
const TODAY = new Date().toISOString().slice(0, 10);
const TOMORROW_10 = `${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}T10:00:00.000Z`;

describe('authorization: the role matrix', () => {
  let t: TestSystem;
  const clients = new Map<Who, GatewayClient>();
  let dc: string;
  let elsewhere: string;
  let alice: string;
  let bob: string;
  let aliceOrder: { id: string; number: string; lineId: string };
  let partnerOrder: { id: string; number: string };
  let giftCard: string;
  let webhookSubscription: string;

  const unique = () => randomUUID().slice(0, 8);
  const placeFor = async (customerId: string, client: GatewayClient = t.client) => {
    // A partner names the shopper by e-mail, never by id.
    const shopper =
      client === clients.get('partner')
        ? { customer: { email: (await t.client.request<any>(EMAIL_OF, { id: customerId })).customer.email } }
        : { customerId };
    const { placeOrder } = await send(client, 'PlaceOrder', {
      input: {
        ...shopper,
        channel: 'CALL_CENTER',
        idempotencyKey: randomUUID(),
        lines: [{ sku: 'MX-1', quantity: 2 }],
        fulfillment: { type: 'SHIP' },
      },
    });
    expect(placeOrder.userErrors).toEqual([]);
    const order = placeOrder.order;
    const full = (await send(t.client, 'OrderByNumber', { number: order.number })).orderByNumber;
    return {
      id: order.id as string,
      number: order.number as string,
      lineId: full.lines[0].id as string,
      fulfillmentId: full.fulfillments[0].id,
    };
  };
  const cartFor = async (customerId: string | null) => {
    const { createCart } = await send(t.client, 'CreateCart', { input: { customerId, channel: 'WEB' } });
    await send(t.client, 'AddCartLine', { cartId: createCart.cart.id, sku: 'MX-1', quantity: 1 });
    return createCart.cart.id as string;
  };
  const register = async () =>
    (
      await send(t.client, 'RegisterCustomer', {
        input: {
          email: `shopper-${unique()}@example.com`,
          firstName: 'Test',
          lastName: 'Shopper',
          channel: 'WEB',
          // Where a SHIP order without an address of its own goes.
          address: { line1: '1 Matrix Way', city: 'Newark', postalCode: '07102', country: 'US' },
        },
      })
    ).registerCustomer.customer.id as string;

  beforeAll(async () => {
    // Over HTTP, so a subgraph can also be called directly, as an attacker inside the network would.
    t = await startTestSystem({ transport: 'http' });
    const location = async (name: string, type: string, fulfillsOnline: boolean) =>
      (
        await send(t.client, 'UpsertLocation', {
          input: { name, type, lat: 40.7, lng: -74, fulfillsOnline, pickupEnabled: type === 'STORE' },
        })
      ).upsertLocation.location.id as string;
    dc = await location('Matrix DC', 'WAREHOUSE', true);
    elsewhere = await location('Matrix Store', 'STORE', false);
    await send(t.client, 'UpsertProduct', { input: { name: 'Matrix Tee', variants: [{ sku: 'MX-1', price: usd(2500) }] } });
    for (const locationId of [dc, elsewhere])
      await send(t.client, 'SetStock', { input: { locationId, sku: 'MX-1', onHand: 10_000 } });
    alice = await register();
    bob = await register();
    await send(t.client, 'EnrollLoyalty', { customerId: alice, channel: 'WEB' });
    const gift = await send(t.client, 'IssueGiftCard', {
      input: { amount: usd(5000), channel: 'STORE', idempotencyKey: randomUUID() },
    });
    giftCard = gift.issueGiftCard.giftCard.code;

    clients.set('anonymous', t.anonymous);
    clients.set('customer', await t.signedIn({ role: 'CUSTOMER', customerId: alice, subject: 'alice' }));
    clients.set('otherCustomer', await t.signedIn({ role: 'CUSTOMER', customerId: bob, subject: 'bob' }));
    clients.set('associateHere', await t.associateAt(dc));
    clients.set('associateElsewhere', await t.associateAt(elsewhere));
    clients.set('csr', await t.signedIn({ role: 'CSR', subject: 'csr-cara' }));
    clients.set('partner', await t.signedIn({ role: 'PARTNER', partnerId: 'marketplace-1', subject: 'marketplace-1' }));
    clients.set('admin', await t.signedIn({ role: 'ADMIN', subject: 'admin-ada' }));

    aliceOrder = await placeFor(alice);
    partnerOrder = await placeFor(alice, clients.get('partner'));
    const subscribed = await send(clients.get('partner')!, 'CreateWebhookSubscription', {
      input: { url: 'http://127.0.0.1:9/hooks', topics: ['ORDER_PLACED'] },
    });
    webhookSubscription = subscribed.createWebhookSubscription.subscription.id;
    await send(t.client, 'SetAppointmentCapacity', {
      input: { locationId: elsewhere, kind: 'FITTING', capacityPerSlot: 100, slotMinutes: 30 },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const cases: Case[] = [
    { operation: 'Customer360', allowed: SHOPPER_AND_STAFF, variables: () => ({ id: alice }) },
    {
      operation: 'CustomerLookup',
      allowed: STAFF,
      variables: () => ({ email: 'nobody@example.com' }),
    },
    {
      operation: 'RegisterCustomer',
      allowed: EVERYONE,
      variables: () => ({ input: { email: `new-${unique()}@example.com`, firstName: 'N', lastName: 'Ew', channel: 'WEB' } }),
    },
    {
      operation: 'LinkIdentity',
      allowed: SHOPPER_AND_STAFF,
      variables: () => ({ input: { customerId: alice, kind: 'DEVICE', value: `device-${unique()}`, channel: 'MOBILE_APP' } }),
    },
    {
      operation: 'MergeCustomers',
      allowed: ['csr'],
      variables: async () => ({ survivorId: await register(), duplicateId: await register() }),
    },
    {
      operation: 'RecordInteraction',
      allowed: STAFF,
      variables: () => ({ input: { customerId: alice, channel: 'STORE', kind: 'STORE_VISIT', summary: 'Asked about sizes' } }),
    },
    {
      operation: 'OpenSupportCase',
      allowed: SHOPPER_AND_STAFF,
      variables: () => ({ input: { customerId: alice, channel: 'WEB', subject: 'Where is my parcel?' } }),
    },
    {
      operation: 'RecordProductView',
      allowed: SHOPPER_AND_STAFF,
      variables: async () => ({ input: { customerId: alice, productId: randomUUID(), channel: 'WEB' } }),
    },
    {
      operation: 'UpsertProduct',
      allowed: ['admin'],
      variables: () => ({ input: { name: `Product ${unique()}`, variants: [{ sku: `SKU-${unique()}`, price: usd(100) }] } }),
    },
    { operation: 'SetPrice', allowed: ['admin'], variables: () => ({ input: { sku: 'MX-1', price: usd(2500) } }) },
    { operation: 'SearchProducts', allowed: EVERYONE, variables: () => ({ query: 'tee', first: 5 }) },
    {
      operation: 'ProductsThatFit',
      allowed: EVERYONE,
      variables: () => ({ ranges: [{ name: 'width', max: 80, unit: 'cm' }], first: 5 }),
    },
    {
      operation: 'UpsertHelpArticle',
      allowed: ['csr', 'admin'],
      variables: () => ({
        input: { title: `Returns ${unique()}`, answer: 'Within 30 days.', tags: ['returns'], published: true },
      }),
    },
    { operation: 'HelpSearch', allowed: EVERYONE, variables: () => ({ query: 'returns', channel: 'WEB', first: 5 }) },
    {
      operation: 'ReceiveInboundMessage',
      allowed: ['csr'],
      variables: () => ({ input: { channel: 'SOCIAL', from: `@reader.${unique()}`, body: 'Do you ship to Hoboken?' } }),
    },
    {
      operation: 'ProductDetail',
      allowed: EVERYONE,
      variables: async () => ({ id: randomUUID(), channel: 'WEB', lat: 40.7, lng: -74 }),
    },
    {
      operation: 'CreatePromotion',
      allowed: ['admin'],
      variables: () => ({ input: { name: `Promo ${unique()}`, kind: 'PERCENT_OFF', value: 5, code: `C${unique()}` } }),
    },
    {
      operation: 'UpsertLocation',
      allowed: ['admin'],
      variables: () => ({
        input: { name: `Store ${unique()}`, type: 'STORE', lat: 1, lng: 1, fulfillsOnline: false, pickupEnabled: true },
      }),
    },
    {
      operation: 'SetStock',
      allowed: ['admin', 'associateHere'],
      variables: () => ({ input: { locationId: dc, sku: 'MX-1', onHand: 10_000 } }),
    },
    {
      operation: 'TransferStock',
      allowed: ['admin', 'associateHere'],
      variables: () => ({ input: { fromLocationId: dc, toLocationId: elsewhere, sku: 'MX-1', quantity: 1 } }),
    },
    { operation: 'Availability', allowed: EVERYONE, variables: () => ({ sku: 'MX-1' }) },
    {
      operation: 'CreateCart',
      variant: 'for a customer',
      allowed: SHOPPER_AND_STAFF,
      variables: () => ({ input: { customerId: alice, channel: 'WEB' } }),
    },
    {
      operation: 'CreateCart',
      variant: 'as a guest',
      allowed: EVERYONE,
      variables: () => ({ input: { channel: 'WEB' } }),
    },
    {
      operation: 'AddCartLine',
      variant: "to a customer's cart",
      allowed: SHOPPER_AND_STAFF,
      variables: async () => ({ cartId: await cartFor(alice), sku: 'MX-1', quantity: 1 }),
    },
    {
      operation: 'AddCartLine',
      variant: 'to a guest cart',
      allowed: EVERYONE,
      variables: async () => ({ cartId: await cartFor(null), sku: 'MX-1', quantity: 1 }),
    },
    {
      operation: 'ApplyCoupon',
      allowed: SHOPPER_AND_STAFF,
      variables: async () => ({ cartId: await cartFor(alice), code: 'NO-SUCH-CODE' }),
    },
    {
      operation: 'GuestOrder',
      allowed: EVERYONE,
      variables: () => ({ email: 'nobody@example.com', number: 'W-0000-0000' }),
    },
    {
      operation: 'Cart',
      variant: "a customer's cart",
      allowed: SHOPPER_AND_STAFF,
      variables: async () => ({ id: await cartFor(alice) }),
    },
    {
      operation: 'Cart',
      variant: 'a guest cart',
      allowed: EVERYONE,
      variables: async () => ({ id: await cartFor(null) }),
    },
    {
      operation: 'UpdateCartLine',
      variant: "a customer's cart",
      allowed: SHOPPER_AND_STAFF,
      variables: async () => ({ cartId: await cartFor(alice), sku: 'MX-1', quantity: 2 }),
    },
    {
      operation: 'UpdateCartLine',
      variant: 'a guest cart',
      allowed: EVERYONE,
      variables: async () => ({ cartId: await cartFor(null), sku: 'MX-1', quantity: 2 }),
    },
    {
      operation: 'RemoveCoupon',
      allowed: SHOPPER_AND_STAFF,
      variables: async () => ({ cartId: await cartFor(alice), code: 'NO-SUCH-CODE' }),
    },
    {
      operation: 'Checkout',
      variant: "a customer's cart",
      allowed: SHOPPER_AND_STAFF,
      variables: async () => ({
        input: {
          cartId: await cartFor(alice),
          idempotencyKey: randomUUID(),
          fulfillment: { type: 'PICKUP_IN_STORE', pickupLocationId: elsewhere },
        },
      }),
    },
    {
      operation: 'Checkout',
      variant: 'a guest cart',
      allowed: EVERYONE,
      variables: async () => ({
        input: {
          cartId: await cartFor(null),
          idempotencyKey: randomUUID(),
          fulfillment: { type: 'PICKUP_IN_STORE', pickupLocationId: elsewhere },
          email: `guest-${unique()}@example.com`,
        },
      }),
    },
    {
      operation: 'CheckoutWithTenders',
      variant: "a customer's cart",
      allowed: SHOPPER_AND_STAFF,
      variables: async () => ({
        cartId: await cartFor(alice),
        key: randomUUID(),
        fulfillment: { type: 'PICKUP_IN_STORE', pickupLocationId: elsewhere },
        payment: { provider: 'test', token: 'tok_visa' },
      }),
    },
    {
      operation: 'CheckoutWithTenders',
      variant: 'a guest cart',
      allowed: EVERYONE,
      variables: async () => ({
        cartId: await cartFor(null),
        key: randomUUID(),
        fulfillment: { type: 'PICKUP_IN_STORE', pickupLocationId: elsewhere },
        payment: { provider: 'test', token: 'tok_visa' },
        email: `guest-${unique()}@example.com`,
      }),
    },
    {
      operation: 'PlaceOrder',
      allowed: ['associateHere', 'associateElsewhere', 'csr', 'partner'],
      variables: () => ({
        input: {
          customerId: alice,
          channel: 'MARKETPLACE',
          idempotencyKey: randomUUID(),
          lines: [{ sku: 'MX-1', quantity: 1 }],
          fulfillment: { type: 'SHIP' },
        },
      }),
    },
    {
      operation: 'PlaceOrderWithTenders',
      allowed: ['associateHere', 'associateElsewhere', 'csr', 'partner'],
      variables: () => ({
        customerId: alice,
        channel: 'MARKETPLACE',
        key: randomUUID(),
        lines: [{ sku: 'MX-1', quantity: 1 }],
        fulfillment: { type: 'SHIP' },
        payment: { provider: 'manual', token: 'marketplace-charge' },
      }),
    },
    { operation: 'OrderByNumber', allowed: SHOPPER_AND_STAFF, variables: () => ({ number: aliceOrder.number }) },
    { operation: 'ShipToStoreTransfer', allowed: SHOPPER_AND_STAFF, variables: () => ({ number: aliceOrder.number }) },
    {
      operation: 'OrderPayments',
      variant: 'an order staff placed',
      allowed: SHOPPER_AND_STAFF,
      variables: () => ({ number: aliceOrder.number }),
    },
    {
      operation: 'OrderPayments',
      variant: 'an order the partner placed',
      allowed: [...SHOPPER_AND_STAFF, 'partner'],
      variables: () => ({ number: partnerOrder.number }),
    },
    {
      operation: 'ModifyOrder',
      allowed: SHOPPER_AND_STAFF,
      variables: () => ({
        input: { orderId: aliceOrder.id, channel: 'WEB', changes: [{ lineId: aliceOrder.lineId, quantity: 2 }] },
      }),
    },
    {
      operation: 'CancelOrder',
      allowed: SHOPPER_AND_STAFF,
      variables: async () => ({ orderId: (await placeFor(alice)).id, channel: 'WEB', reason: 'changed my mind' }),
    },
    {
      operation: 'AdvanceFulfillment',
      allowed: ['associateHere'],
      variables: async () => ({ input: { fulfillmentId: (await placeFor(alice)).fulfillmentId, action: 'PICK' } }),
    },
    {
      operation: 'CreateReturn',
      allowed: SHOPPER_AND_STAFF,
      variables: () => ({
        input: {
          orderId: aliceOrder.id,
          channel: 'WEB',
          idempotencyKey: randomUUID(),
          method: 'MAIL',
          resolution: 'REFUND',
          lines: [{ orderLineId: aliceOrder.lineId, quantity: 1, reason: 'too small' }],
        },
      }),
    },
    {
      operation: 'ReceiveReturn',
      allowed: ['associateHere'],
      variables: () => ({
        input: {
          returnId: randomUUID(),
          locationId: dc,
          lines: [{ orderLineId: aliceOrder.lineId, quantity: 1, restockable: true }],
        },
      }),
    },
    {
      operation: 'CreateSubscription',
      allowed: SHOPPER_AND_STAFF,
      variables: () => ({
        input: {
          customerId: alice,
          channel: 'WEB',
          sku: 'MX-1',
          quantity: 1,
          intervalDays: 30,
          startOn: '2099-01-01',
          fulfillment: { type: 'SHIP' },
        },
      }),
    },
    { operation: 'RunDueSubscriptions', allowed: ['admin'], variables: () => ({ asOf: '2000-01-01' }) },
    { operation: 'EnrollLoyalty', allowed: SHOPPER_AND_STAFF, variables: () => ({ customerId: alice, channel: 'WEB' }) },
    {
      operation: 'RecordEngagement',
      allowed: SHOPPER_AND_STAFF,
      variables: () => ({ input: { customerId: alice, kind: 'APP_CHECK_IN', channel: 'MOBILE_APP', ref: unique() } }),
    },
    {
      operation: 'UpsertEarnRule',
      allowed: ['admin'],
      variables: () => ({
        input: { name: `Rule ${unique()}`, trigger: 'ENGAGEMENT', engagementKind: 'SURVEY', fixedPoints: 5, active: false },
      }),
    },
    {
      operation: 'IssueGiftCard',
      allowed: STAFF,
      variables: () => ({ input: { amount: usd(1000), channel: 'STORE', idempotencyKey: randomUUID() } }),
    },
    { operation: 'GiftCardBalance', allowed: EVERYONE, variables: () => ({ code: giftCard }) },
    {
      operation: 'CreateApiClient',
      allowed: ['admin'],
      variables: () => ({ input: { name: `Client ${unique()}`, partnerId: 'marketplace-1', scopes: ['orders:read'] } }),
    },
    {
      // The partner subscribes for itself; ADMIN names the partner.
      operation: 'CreateWebhookSubscription',
      allowed: ['partner', 'admin'],
      variables: () => ({
        input: { url: 'http://127.0.0.1:9/hooks', topics: ['ORDER_PLACED', 'ORDER_CANCELLED'], partnerId: 'marketplace-1' },
      }),
    },
    {
      operation: 'WebhookDeliveries',
      variant: "the partner's own subscription",
      allowed: ['partner', 'admin'],
      variables: () => ({ id: webhookSubscription, first: 5 }),
    },
    {
      operation: 'DefineSegment',
      allowed: ['admin'],
      variables: () => ({ input: { name: `Segment ${unique()}`, rule: { purchasedWithinDays: 30 } } }),
    },
    // Segments and the score are for staff: a shopper's own customer comes back empty.
    { operation: 'CustomerEngagement', allowed: STAFF, variables: () => ({ id: alice }) },
    // Appointments at the store `elsewhere`: its capacity is set by ADMIN or its own associates.
    {
      operation: 'SetAppointmentCapacity',
      allowed: ['admin', 'associateElsewhere'],
      variables: () => ({ input: { locationId: elsewhere, kind: 'FITTING', capacityPerSlot: 100, slotMinutes: 30 } }),
    },
    {
      operation: 'BookAppointment',
      allowed: SHOPPER_AND_STAFF,
      variables: () => ({
        input: { customerId: alice, locationId: elsewhere, kind: 'FITTING', startsAt: TOMORROW_10, channel: 'WEB' },
      }),
    },
    // ADMIN sees every location; an associate their own.
    {
      operation: 'FulfillmentKpis',
      allowed: ['admin', 'associateHere', 'associateElsewhere'],
      variables: () => ({ from: TODAY, to: TODAY }),
    },
    // The shopper's app: `me` is whoever signed in (null for staff, partners and guests).
    { operation: 'MyWallet', allowed: EVERYONE, variables: () => ({}) },
    {
      operation: 'TopUpWallet',
      allowed: SHOPPER_AND_STAFF,
      variables: () => ({
        input: {
          customerId: alice,
          amount: usd(100),
          payment: { provider: 'test', token: 'tok_visa' },
          idempotencyKey: randomUUID(),
        },
      }),
    },
    {
      operation: 'SetShoppingListItem',
      allowed: SHOPPER_AND_STAFF,
      variables: () => ({ input: { customerId: alice, sku: 'MX-1', quantity: 1 } }),
    },
  ];

  type Outcome = 'allowed' | 'FORBIDDEN';

  /** Allowed: no error at all. FORBIDDEN: only FORBIDDEN errors, and every root field empty. */
  function outcomeOf(result: GraphQLResponse<Record<string, unknown>>, label: string): Outcome {
    const codes = (result.errors ?? []).map((e) => e.extensions?.code);
    if (codes.length === 0) return 'allowed';
    if (codes.some((c) => c !== 'FORBIDDEN')) throw new Error(`${label}: unexpected errors ${JSON.stringify(result.errors)}`);
    for (const value of Object.values(result.data ?? {})) {
      if (value !== null) throw new Error(`${label}: FORBIDDEN, yet data came back: ${JSON.stringify(value)}`);
    }
    return 'FORBIDDEN';
  }

  const caseName = (c: Case) => (c.variant ? `${c.operation} (${c.variant})` : c.operation);

  it('covers every contract operation', () => {
    // Operations still pending (schema/contract-pending.txt) are not served yet: nothing to authorize.
    const pending = new Set(pendingOperations());
    const built = [...contractOperations().keys()].filter((name) => !pending.has(name));
    expect(new Set(cases.map((c) => c.operation))).toEqual(new Set(built));
  });

  it.each(EVERYONE)('answers %s as the role table says', async (who) => {
    const client = clients.get(who)!;
    const got: Record<string, Outcome> = {};
    const expected: Record<string, Outcome> = {};
    for (const c of cases) {
      const result = await client.raw<Record<string, unknown>>(contractOperation(c.operation), await c.variables(), c.operation);
      got[caseName(c)] = outcomeOf(result, `${caseName(c)} as ${who}`);
      expected[caseName(c)] = c.allowed.includes(who) ? 'allowed' : 'FORBIDDEN';
    }
    expect(got).toEqual(expected);
  });

  it('treats an identity header sent by the client as nobody, even when signed with the subgraph secret', async () => {
    const forged = encodeCaller({
      subject: 'mallory',
      roles: ['CSR', 'ADMIN'],
      customerId: alice,
      locationId: dc,
      partnerId: null,
    });
    const client = t.anonymous.withHeaders({
      [HEADERS.caller]: forged,
      [HEADERS.requestId]: 'forged-request',
      [HEADERS.callerSignature]: signCallerValue(forged, 'forged-request', DEV_SUBGRAPH_SECRET),
    });
    const got: Record<string, Outcome> = {};
    const expected: Record<string, Outcome> = {};
    for (const c of cases) {
      got[caseName(c)] = outcomeOf(
        await client.raw(contractOperation(c.operation), await c.variables(), c.operation),
        caseName(c),
      );
      expected[caseName(c)] = c.allowed.includes('anonymous') ? 'allowed' : 'FORBIDDEN';
    }
    expect(got).toEqual(expected);
  });

  it('treats a subgraph called directly with an unsigned or wrongly signed identity as nobody', async () => {
    const forged = encodeCaller({
      subject: 'mallory',
      roles: ['CSR', 'ADMIN'],
      customerId: alice,
      locationId: dc,
      partnerId: null,
    });
    let sent = 0;
    for (const signature of [undefined, signCallerValue(forged, 'probe', 'a-guess-at-the-secret')]) {
      const headers = {
        [HEADERS.caller]: forged,
        [HEADERS.requestId]: 'probe',
        ...(signature ? { [HEADERS.callerSignature]: signature } : {}),
      };
      for (const c of cases) {
        const document = parse(contractOperation(c.operation));
        // Operations that span subgraphs are only valid at the gateway; each is sent where it fits.
        for (const [name, service] of t.system.services) {
          if (validate(service.schema, document).length > 0) continue;
          const result = await postTo(
            t.system.endpoints.get(name)!.url,
            contractOperation(c.operation),
            await c.variables(),
            headers,
          );
          expect([caseName(c), name, outcomeOf(result, `${caseName(c)} at ${name}`)]).toEqual([
            caseName(c),
            name,
            c.allowed.includes('anonymous') ? 'allowed' : 'FORBIDDEN',
          ]);
          sent++;
        }
      }
    }
    expect(sent).toBeGreaterThanOrEqual(40);
  });

  it("gives a customer nothing of another's: not by customer(id), orderByNumber or _entities", async () => {
    const bobClient = clients.get('otherCustomer')!;
    const byId = await bobClient.raw<any>(contractOperation('Customer360'), { id: alice }, 'Customer360');
    expect(byId).toEqual({ data: { customer: null }, errors: [expect.objectContaining({ path: ['customer'] })] });
    const byNumber = await bobClient.raw<any>(contractOperation('OrderByNumber'), { number: aliceOrder.number }, 'OrderByNumber');
    expect(byNumber).toEqual({ data: { orderByNumber: null }, errors: [expect.objectContaining({ path: ['orderByNumber'] })] });

    // `_entities` straight to each subgraph, with bob's identity signed as the gateway would sign it.
    const bobCaller: Caller = { subject: 'bob', roles: ['CUSTOMER'], customerId: bob, locationId: null, partnerId: null };
    const value = encodeCaller(bobCaller);
    const headers = {
      [HEADERS.caller]: value,
      [HEADERS.requestId]: 'probe-bob',
      [HEADERS.callerSignature]: signCallerValue(value, 'probe-bob', DEV_SUBGRAPH_SECRET),
    };
    const probes: [string, string, Record<string, unknown>][] = [
      [
        'crm',
        '... on Customer { email phone addresses { line1 } interactions { totalCount } }',
        { __typename: 'Customer', id: alice },
      ],
      [
        'orders',
        '... on Customer { orders { totalCount } carts { id } returns { id } subscriptions { id } }',
        { __typename: 'Customer', id: alice },
      ],
      ['orders', '... on Order { number total { cents } }', { __typename: 'Order', id: aliceOrder.id }],
      ['loyalty', '... on Customer { loyalty { pointsBalance } storeCredit { cents } }', { __typename: 'Customer', id: alice }],
      ['catalog', '... on Customer { recommendations { id } buyAgain { sku } }', { __typename: 'Customer', id: alice }],
    ];
    const denied = [];
    for (const [subgraph, selection, representation] of probes) {
      const query = `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`;
      const result = await postTo(t.system.endpoints.get(subgraph)!.url, query, { r: [representation] }, headers);
      denied.push([subgraph, result.data?._entities, [...new Set(result.errors?.map((e) => e.extensions?.code))]]);
    }
    expect(denied).toEqual(probes.map(([subgraph]) => [subgraph, [null], ['FORBIDDEN']]));
    // The same probes with alice's own identity answer: the denial is about whose data it is.
    const own = encodeCaller({ ...bobCaller, subject: 'alice', customerId: alice });
    const ownHeaders = {
      [HEADERS.caller]: own,
      [HEADERS.requestId]: 'probe-alice',
      [HEADERS.callerSignature]: signCallerValue(own, 'probe-alice', DEV_SUBGRAPH_SECRET),
    };
    for (const [subgraph, selection, representation] of probes) {
      const query = `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`;
      const result = await postTo(t.system.endpoints.get(subgraph)!.url, query, { r: [representation] }, ownHeaders);
      expect([subgraph, result.errors]).toEqual([subgraph, undefined]);
    }
  });

  it('lets a partner read and change the orders it sent, and nothing of the shopper behind them', async () => {
    const partner = clients.get('partner')!;
    const read = await partner.raw<any>(contractOperation('OrderByNumber'), { number: partnerOrder.number }, 'OrderByNumber');
    expect(read.data.orderByNumber).toMatchObject({ number: partnerOrder.number, lines: [expect.any(Object)], customer: null });
    // Both subgraphs behind `customer` (CRM for email, loyalty for points) refuse.
    expect(new Set(read.errors?.map((e) => JSON.stringify([e.path?.slice(0, 2), e.extensions?.code])))).toEqual(
      new Set([JSON.stringify([['orderByNumber', 'customer'], 'FORBIDDEN'])]),
    );
    expect(JSON.stringify(read)).not.toContain('@example.com');

    const cancelled = await send(partner, 'CancelOrder', {
      orderId: partnerOrder.id,
      channel: 'PARTNER',
      reason: 'buyer cancelled',
    });
    expect(cancelled.cancelOrder).toMatchObject({ order: { status: 'CANCELLED' }, userErrors: [] });

    const nested = await partner.raw<any>(
      'query($n: String!) { orderByNumber(number: $n) { number customer { id orders { totalCount } } } }',
      { n: partnerOrder.number },
    );
    expect(nested.data.orderByNumber.customer).toBeNull();
    expect(nested.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('shows a store its work queue to its own associates only', async () => {
    const query = 'query($id: ID!) { location(id: $id) { id workQueue { id } pickupsWaiting { id } } }';
    const own = await clients.get('associateHere')!.raw<any>(query, { id: dc });
    expect(own.errors).toBeUndefined();
    expect(own.data.location.workQueue.length).toBeGreaterThan(0);
    for (const who of ['associateElsewhere', 'csr', 'customer', 'anonymous'] as Who[]) {
      const other = await clients.get(who)!.raw<any>(query, { id: dc });
      // The location is inventory's; only orders' fields are refused (nullable, so the location stays).
      expect([who, other.data?.location ?? null]).toEqual([who, { id: dc, workQueue: null, pickupsWaiting: null }]);
      expect(new Set(other.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
    }
  });

  it('answers `me` with the signed-in customer only', async () => {
    const query = '{ me { id } }';
    expect((await clients.get('customer')!.request<any>(query)).me).toEqual({ id: alice });
    expect((await clients.get('otherCustomer')!.request<any>(query)).me).toEqual({ id: bob });
    for (const who of ['anonymous', 'csr', 'partner'] as Who[])
      expect((await clients.get(who)!.request<any>(query)).me).toBeNull();
  });
});

const EMAIL_OF = 'query EmailOf($id: ID!) { customer(id: $id) { email } }';

async function postTo(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<GraphQLResponse<any>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<any>;
}
