import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebhookDelivery, WebhookSubscription } from '../../services/orders/src/entities/partner';
import { GatewayClient } from '../src/client';
import { eventually, send, startTestSystem, type TestSystem } from './harness';

/** A webhook receiver on 127.0.0.1 (random port) that answers 200 and keeps what it got. */
async function receiver() {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    events: (topic?: string) =>
      received.filter((r) => !topic || r.headers['x-omni-topic'] === topic).map((r) => JSON.parse(r.body) as any),
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

function verifies(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const expected = createHmac('sha256', secret).update(`${headers['x-omni-timestamp']}.${body}`).digest();
  const given = Buffer.from(String(headers['x-omni-hmac-sha256']), 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const PLACE = `mutation($input: PlaceOrderInput!) {
  placeOrder(input: $input) { order { id number lines { id } fulfillments { id } } userErrors { field message code } }
}`;
const DELETE = `mutation($id: ID!) {
  deleteWebhookSubscription(id: $id) { subscription { id active } cancelledDeliveries userErrors { code } }
}`;
const SHIP_TO = { line1: '1 Dock St', city: 'Newark', postalCode: '07102', country: 'US' };

/**
 * The topics beyond an order's own events: a refund issued by a cancellation or a return (the
 * partner's order), a stock level changed and two customers merged (the retailer's, only for a
 * subscription ADMIN scoped to every order); deleting a subscription; and the example receiver
 * (examples/webhook-receiver/receiver.mjs) verifying a real delivery.
 */
describe('partner webhooks: refunds, stock, merged customers, deleting', () => {
  let t: TestSystem;
  let dc: string;
  let acme: GatewayClient;
  let globex: GatewayClient;
  const closers: (() => Promise<void> | void)[] = [];

  const deliveriesOf = (subscriptionId: string) =>
    t.system.services.get('orders')!.db.getRepository(WebhookDelivery).findBy({ subscriptionId });
  /** Waits until the consumer has written `count` deliveries for the subscription, then sends them. */
  const dispatchWhen = async (subscriptionId: string, count: (n: number) => boolean) => {
    const rows = await eventually(
      () => deliveriesOf(subscriptionId),
      (d) => count(d.length),
    );
    await t.runJob('orders', 'webhook-dispatch');
    return rows;
  };
  const subscribe = async (client: GatewayClient, input: Record<string, unknown>) => {
    const { createWebhookSubscription } = await send(client, 'CreateWebhookSubscription', { input });
    expect(createWebhookSubscription.userErrors).toEqual([]);
    return { id: createWebhookSubscription.subscription.id as string, secret: createWebhookSubscription.signingSecret as string };
  };
  /** A partner's token from POST /oauth/token, for a new API client of `partnerId`. */
  const partner = async (partnerId: string) => {
    const { createApiClient } = await send(t.client, 'CreateApiClient', {
      input: { name: `${partnerId} app`, partnerId, scopes: ['orders:read', 'orders:write', 'webhooks:manage'] },
    });
    const response = await fetch(`${new URL(t.system.gateway.url).origin}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: createApiClient.client.clientId,
        client_secret: createApiClient.clientSecret,
      }).toString(),
    });
    const { access_token } = (await response.json()) as { access_token: string };
    return new GatewayClient(t.system.gateway.url, { 'x-channel': 'PARTNER', authorization: `Bearer ${access_token}` });
  };
  const place = async (client: GatewayClient, externalRef: string, quantity = 1) => {
    const placed = await client.raw<any>(PLACE, {
      input: {
        customer: { email: 'shopper@example.com' },
        channel: 'PARTNER',
        idempotencyKey: externalRef,
        externalRef,
        lines: [{ sku: 'WT-MUG', quantity }],
        fulfillment: { type: 'SHIP', address: SHIP_TO },
        payment: { provider: 'test', token: 'tok_visa' },
      },
    });
    expect(placed.errors).toBeUndefined();
    expect(placed.data.placeOrder.userErrors).toEqual([]);
    return placed.data.placeOrder.order as {
      id: string;
      number: string;
      lines: { id: string }[];
      fulfillments: { id: string }[];
    };
  };

  beforeAll(async () => {
    t = await startTestSystem();
    dc = (
      await send(t.client, 'UpsertLocation', {
        input: { name: 'Topics DC', type: 'WAREHOUSE', lat: 40.5, lng: -74.3, fulfillsOnline: true, pickupEnabled: false },
      })
    ).upsertLocation.location.id;
    await send(t.client, 'UpsertProduct', {
      input: { name: 'Mug', variants: [{ sku: 'WT-MUG', price: { cents: 1200, currency: 'USD' } }] },
    });
    await send(t.client, 'SetStock', { input: { locationId: dc, sku: 'WT-MUG', onHand: 100 } });
    acme = await partner('acme');
    globex = await partner('globex');
  });
  afterAll(async () => {
    await t?.close();
    for (const close of closers) await close();
  });

  it("delivers REFUND_ISSUED to the partner for its order's return and for a cancellation", async () => {
    const hook = await receiver();
    closers.push(hook.close);
    const sub = await subscribe(acme, {
      url: hook.url,
      topics: ['ORDER_PLACED', 'ORDER_CANCELLED', 'FULFILLMENT_SHIPPED', 'RETURN_CREATED', 'RETURN_RECEIVED', 'REFUND_ISSUED'],
    });
    const globexHook = await receiver();
    closers.push(globexHook.close);
    const globexSub = await subscribe(globex, { url: globexHook.url, topics: ['REFUND_ISSUED'] });

    // One order's life: placed (two mugs, paid by card), shipped, one mug returned and refunded.
    const order = await place(acme, 'ACME-REFUND-1', 2);
    const fulfillmentId = order.fulfillments[0]!.id;
    const associate = await t.associateFor(fulfillmentId);
    for (const action of ['PICK', 'PACK', 'SHIP']) {
      const { advanceFulfillment } = await send(associate, 'AdvanceFulfillment', {
        input: { fulfillmentId, action, ...(action === 'SHIP' ? { trackingNumber: '1Z-REFUND' } : {}) },
      });
      expect(advanceFulfillment.userErrors).toEqual([]);
    }
    const { createReturn } = await send(acme, 'CreateReturn', {
      input: {
        orderId: order.id,
        channel: 'PARTNER',
        idempotencyKey: randomUUID(),
        method: 'MAIL',
        resolution: 'REFUND',
        lines: [{ orderLineId: order.lines[0]!.id, quantity: 1, reason: 'chipped' }],
      },
    });
    expect(createReturn.userErrors).toEqual([]);
    const { receiveReturn } = await send(await t.associateAt(dc), 'ReceiveReturn', {
      input: {
        returnId: createReturn.return.id,
        locationId: dc,
        lines: [{ orderLineId: order.lines[0]!.id, quantity: 1, restockable: true }],
      },
    });
    expect(receiveReturn.userErrors).toEqual([]);
    await dispatchWhen(sub.id, (n) => n === 5);
    // Sent side by side: a receiver orders them by the events' `time`, not by arrival.
    expect(hook.received.map((r) => r.headers['x-omni-topic']).sort()).toEqual([
      'FULFILLMENT_SHIPPED',
      'ORDER_PLACED',
      'REFUND_ISSUED',
      'RETURN_CREATED',
      'RETURN_RECEIVED',
    ]);
    expect(hook.received.every((r) => verifies(sub.secret, r.headers, r.body))).toBe(true);
    const [returned] = hook.events('REFUND_ISSUED');
    expect(returned).toEqual({
      specversion: '1.0',
      id: expect.any(String),
      type: 'com.omni.refund.issued.v1',
      source: '/omni/orders',
      subject: `orders/${order.id}`,
      time: expect.any(String),
      datacontenttype: 'application/json',
      data: {
        order: { id: order.id, number: order.number, externalRef: 'ACME-REFUND-1' },
        refund: {
          id: expect.any(String),
          reason: 'RETURNED',
          amountCents: 1200,
          currency: 'USD',
          tenders: [{ paymentId: expect.any(String), method: 'CARD', amountCents: 1200, points: 0 }],
        },
      },
    });

    // A paid order cancelled before it ships: the whole total back to the card.
    const cancelled = await place(acme, 'ACME-REFUND-2');
    const { cancelOrder } = await send(acme, 'CancelOrder', { orderId: cancelled.id, channel: 'PARTNER', reason: 'buyer asked' });
    expect(cancelOrder.userErrors).toEqual([]);
    await dispatchWhen(sub.id, (n) => n === 8);
    const ofCancelled = hook.events().filter((e) => e.subject === `orders/${cancelled.id}`);
    expect(ofCancelled.map((e) => e.type).sort()).toEqual([
      'com.omni.order.cancelled.v1',
      'com.omni.order.placed.v1',
      'com.omni.refund.issued.v1',
    ]);
    const refund = ofCancelled.find((e) => e.type === 'com.omni.refund.issued.v1');
    expect(refund.data).toEqual({
      order: { id: cancelled.id, number: cancelled.number, externalRef: 'ACME-REFUND-2' },
      refund: expect.objectContaining({ reason: 'CANCELLED', amountCents: 1200, currency: 'USD' }),
    });
    // Nothing of the shopper, and nothing of acme's refunds for globex.
    expect(hook.received.map((r) => r.body).join('')).not.toMatch(/customerId|shopper@example.com/);
    expect(await deliveriesOf(globexSub.id)).toEqual([]);
  });

  it('delivers STOCK_CHANGED only to a subscription ADMIN scoped to every order, never to a partner-scoped one', async () => {
    const erp = await receiver();
    const partnerHook = await receiver();
    closers.push(erp.close, partnerHook.close);
    const wide = await subscribe(t.client, {
      url: erp.url,
      topics: ['STOCK_CHANGED'],
      partnerId: 'retailer-erp',
      allOrders: true,
    });
    // The partner's own subscription, to everything it may name.
    const own = await subscribe(acme, {
      url: partnerHook.url,
      topics: ['ORDER_PLACED', 'FULFILLMENT_SHIPPED', 'RETURN_RECEIVED', 'REFUND_ISSUED'],
    });
    // Neither a partner nor ADMIN may name the retailer's topics on a partner-scoped subscription.
    for (const [client, input] of [
      [acme, { url: partnerHook.url, topics: ['ORDER_PLACED', 'STOCK_CHANGED'] }],
      [t.client, { url: partnerHook.url, topics: ['CUSTOMER_MERGED'], partnerId: 'acme' }],
    ] as const) {
      const { createWebhookSubscription } = await send(client, 'CreateWebhookSubscription', { input });
      expect(createWebhookSubscription.userErrors.map((e: any) => [e.code, e.field])).toEqual([
        ['TOPIC_NEEDS_ALL_ORDERS', ['input', 'topics']],
      ]);
    }

    // A count by ADMIN, then acme's order reserves a mug at the DC: both change the DC's stock.
    await send(t.client, 'SetStock', { input: { locationId: dc, sku: 'WT-MUG', onHand: 80 } });
    const order = await place(acme, 'ACME-STOCK-1');
    await dispatchWhen(wide.id, (n) => n >= 2);
    await dispatchWhen(own.id, (n) => n === 1);
    const counted = erp.events('STOCK_CHANGED').find((e) => e.data.kind === 'COUNT');
    expect(counted).toEqual({
      specversion: '1.0',
      id: expect.any(String),
      type: 'com.omni.stock.changed.v1',
      source: '/omni/inventory',
      subject: `locations/${dc}/stock/WT-MUG`,
      time: expect.any(String),
      datacontenttype: 'application/json',
      data: {
        sku: 'WT-MUG',
        locationId: dc,
        kind: 'COUNT',
        onHand: 80,
        reserved: expect.any(Number),
        available: expect.any(Number),
        safetyStock: expect.any(Number),
        inTransit: expect.any(Number),
        change: expect.objectContaining({ onHand: expect.any(Number) }),
      },
    });
    expect(erp.events('STOCK_CHANGED').some((e) => e.data.kind === 'RESERVE')).toBe(true);
    expect(erp.received.every((r) => verifies(wide.secret, r.headers, r.body))).toBe(true);
    // The partner's subscription got its order, and no stock level.
    expect(partnerHook.received.map((r) => r.headers['x-omni-topic'])).toEqual(['ORDER_PLACED']);
    expect(partnerHook.events()[0].data.order.id).toBe(order.id);
    expect((await deliveriesOf(own.id)).map((d) => d.topic)).toEqual(['ORDER_PLACED']);
  });

  it('delivers CUSTOMER_MERGED to a subscription ADMIN scoped to every order', async () => {
    const erp = await receiver();
    closers.push(erp.close);
    const wide = await subscribe(t.client, {
      url: erp.url,
      topics: ['CUSTOMER_MERGED'],
      partnerId: 'retailer-erp',
      allOrders: true,
    });
    const register = async (email: string) =>
      (await send(t.client, 'RegisterCustomer', { input: { email, firstName: 'Dee', lastName: 'Plicate', channel: 'WEB' } }))
        .registerCustomer.customer.id as string;
    const survivorId = await register('dee@example.com');
    const duplicateId = await register('dee.p@example.com');
    const { mergeCustomers } = await send(t.client, 'MergeCustomers', { survivorId, duplicateId });
    expect(mergeCustomers.userErrors).toEqual([]);
    await dispatchWhen(wide.id, (n) => n === 1);
    expect(erp.received).toHaveLength(1);
    expect(verifies(wide.secret, erp.received[0]!.headers, erp.received[0]!.body)).toBe(true);
    expect(erp.events()[0]).toEqual({
      specversion: '1.0',
      id: erp.received[0]!.headers['x-omni-delivery-id'],
      type: 'com.omni.customer.merged.v1',
      source: '/omni/crm',
      subject: `customers/${survivorId}`,
      time: expect.any(String),
      datacontenttype: 'application/json',
      data: { survivorId, duplicateId },
    });
  });

  it('deletes a subscription (its owner or ADMIN): its pending deliveries are cancelled and nothing more is sent', async () => {
    const hook = await receiver();
    closers.push(hook.close);
    const control = await receiver();
    closers.push(control.close);
    const sub = await subscribe(acme, { url: hook.url, topics: ['ORDER_PLACED'] });
    const live = await subscribe(acme, { url: control.url, topics: ['ORDER_PLACED'] });
    await place(acme, 'ACME-DELETE-1');
    await eventually(
      () => deliveriesOf(sub.id),
      (d) => d.length === 1,
    );

    // Another partner may not; an unknown id is NOT_FOUND.
    const foreign = await globex.raw<any>(DELETE, { id: sub.id });
    expect(foreign.errors?.map((e: any) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const unknown = await acme.request<any>(DELETE, { id: randomUUID() });
    expect(unknown.deleteWebhookSubscription).toEqual({
      subscription: null,
      cancelledDeliveries: 0,
      userErrors: [{ code: 'NOT_FOUND' }],
    });

    const deleted = await acme.request<any>(DELETE, { id: sub.id });
    expect(deleted.deleteWebhookSubscription).toEqual({
      subscription: { id: sub.id, active: false },
      cancelledDeliveries: 1,
      userErrors: [],
    });
    await place(acme, 'ACME-DELETE-2');
    // The next order reaches the live subscription, and nothing reaches the deleted one.
    await dispatchWhen(live.id, (n) => n === 2);
    expect(control.received).toHaveLength(2);
    expect(hook.received).toEqual([]);
    expect(await deliveriesOf(sub.id)).toHaveLength(1);
    const log = await send(acme, 'WebhookDeliveries', { id: sub.id, first: 10 });
    expect(log.webhookSubscription.deliveries.edges.map((e: any) => e.node)).toEqual([
      expect.objectContaining({ topic: 'ORDER_PLACED', status: 'CANCELLED', attempts: 0 }),
    ]);

    // A delivery read as due just before its subscription went inactive is cancelled, not sent.
    const raced = await subscribe(acme, { url: hook.url, topics: ['ORDER_PLACED'] });
    await place(acme, 'ACME-DELETE-3');
    await eventually(
      () => deliveriesOf(raced.id),
      (d) => d.length === 1,
    );
    const orders = t.system.services.get('orders')!.db;
    await orders.getRepository(WebhookSubscription).update({ id: raced.id }, { active: false });
    await t.runJob('orders', 'webhook-dispatch');
    expect(await deliveriesOf(raced.id)).toEqual([
      expect.objectContaining({ status: 'CANCELLED', attempts: 0, lastError: 'the subscription was deleted' }),
    ]);
    expect(hook.received).toEqual([]);

    // ADMIN deletes a partner's subscription; deleting again cancels nothing more.
    const other = await subscribe(acme, { url: hook.url, topics: ['ORDER_PLACED'] });
    const byAdmin = await t.client.request<any>(DELETE, { id: other.id });
    expect(byAdmin.deleteWebhookSubscription.userErrors).toEqual([]);
    const again = await t.client.request<any>(DELETE, { id: other.id });
    expect(again.deleteWebhookSubscription).toEqual({
      subscription: { id: other.id, active: false },
      cancelledDeliveries: 0,
      userErrors: [],
    });
  });

  it('examples/webhook-receiver/receiver.mjs verifies a real delivery, and refuses a forged one', async () => {
    // A free port for the receiver, known before subscribing (the secret comes with the subscription).
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const sub = await subscribe(acme, { url: `http://127.0.0.1:${port}/`, topics: ['ORDER_PLACED'] });

    let output = '';
    const child: ChildProcess = spawn(
      process.execPath,
      [join(__dirname, '../../examples/webhook-receiver/receiver.mjs'), String(port)],
      {
        env: { ...process.env, WEBHOOK_SECRET: sub.secret },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    closers.push(() => void child.kill());
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    await eventually(
      async () => output,
      (o) => o.includes('receiving on'),
    );
    expect(output).toContain(`receiving on http://127.0.0.1:${port}/`);

    const order = await place(acme, 'ACME-RECEIVER-1');
    const [delivery] = await dispatchWhen(sub.id, (n) => n === 1);
    expect(await deliveriesOf(sub.id)).toEqual([expect.objectContaining({ status: 'DELIVERED', responseStatus: 204 })]);
    await eventually(
      async () => output,
      (o) => o.includes(order.number),
    );
    expect(output).toContain(`ORDER_PLACED ${delivery!.id} verified`);
    expect(output).toContain(`"externalRef": "ACME-RECEIVER-1"`);

    // The same body under another secret, or a changed body, is refused.
    const timestamp = String(Math.floor(Date.now() / 1000));
    const forged = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/cloudevents+json',
        'x-omni-timestamp': timestamp,
        'x-omni-topic': 'ORDER_PLACED',
        'x-omni-delivery-id': randomUUID(),
        'x-omni-hmac-sha256': createHmac('sha256', 'whsec_not-the-secret')
          .update(`${timestamp}.${delivery!.body}`)
          .digest('base64'),
      },
      body: delivery!.body,
    });
    expect(forged.status).toBe(401);
    // A replay of the real delivery is answered 204 once more, and not printed twice.
    await t.client.request<any>('mutation($id: ID!) { replayWebhookDelivery(id: $id) { userErrors { code } } }', {
      id: delivery!.id,
    });
    await t.runJob('orders', 'webhook-dispatch');
    await eventually(
      async () => output,
      (o) => o.includes('already received'),
    );
    expect(output.split(`${delivery!.id} verified`).length - 1).toBe(2);
    expect(output).toContain('BAD SIGNATURE');
  });
});
