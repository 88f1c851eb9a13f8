import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LessThanOrEqual } from 'typeorm';
import { WebhookDelivery } from '../../services/orders/src/entities/partner';
import express from 'express';
import { authOptions } from '../src/auth';
import { GatewayClient } from '../src/client';
import { oauthTokenRouter } from '../src/oauth';
import { eventually, send, startTestSystem, type TestSystem } from './harness';

/** A webhook receiver on 127.0.0.1 (random port): answers each request with the next status of `statuses` (then 200). */
async function receiver(statuses: number[] = [], options: { hang?: boolean } = {}) {
  const received: { headers: IncomingHttpHeaders; body: string; status: number }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (options.hang) return; // never answers
      const status = statuses.shift() ?? 200;
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

/** What a partner's receiver does: HMAC-SHA256 of `<timestamp>.<raw body>` under the signing secret, compared in constant time. */
function verifies(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const expected = createHmac('sha256', secret).update(`${headers['x-omni-timestamp']}.${body}`).digest();
  const given = Buffer.from(String(headers['x-omni-hmac-sha256']), 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const PLACE = `mutation($input: PlaceOrderInput!) {
  placeOrder(input: $input) { order { id number externalRef } userErrors { field message code } }
}`;

/**
 * Partners through the gateway: API clients with scopes get tokens from POST /oauth/token, place
 * orders, and receive their own orders' events as signed CloudEvents, retried after a failure.
 */
describe('partner API clients and webhooks', () => {
  let t: TestSystem;
  let base: string;
  const receivers: Awaited<ReturnType<typeof receiver>>[] = [];

  const createClient = async (partnerId: string, scopes: string[]) => {
    const { createApiClient } = await send(t.client, 'CreateApiClient', {
      input: { name: `${partnerId} app`, partnerId, scopes },
    });
    expect(createApiClient.userErrors).toEqual([]);
    return { id: createApiClient.client.clientId as string, secret: createApiClient.clientSecret as string };
  };
  const token = (client: { id: string; secret: string }, form: Record<string, string> = {}) =>
    fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', ...form }).toString(),
    });
  const partnerClient = async (client: { id: string; secret: string }) => {
    const response = await token(client);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(body).toEqual(expect.objectContaining({ token_type: 'Bearer', expires_in: 900 }));
    return new GatewayClient(t.system.gateway.url, { 'x-channel': 'PARTNER', authorization: `Bearer ${body.access_token}` });
  };
  const place = (client: GatewayClient, externalRef: string) =>
    client.raw<any>(PLACE, {
      input: {
        customer: { email: 'shopper@example.com' },
        channel: 'PARTNER',
        idempotencyKey: externalRef,
        externalRef,
        lines: [{ sku: 'WH-MUG', quantity: 1 }],
        fulfillment: { type: 'SHIP', address: { line1: '1 Dock St', city: 'Newark', postalCode: '07102', country: 'US' } },
      },
    });
  const subscribe = async (client: GatewayClient, url: string, topics: string[]) => {
    const { createWebhookSubscription } = await send(client, 'CreateWebhookSubscription', { input: { url, topics } });
    expect(createWebhookSubscription.userErrors).toEqual([]);
    return { id: createWebhookSubscription.subscription.id as string, secret: createWebhookSubscription.signingSecret as string };
  };
  const deliveriesOf = (subscriptionId: string) =>
    t.system.services.get('orders')!.db.getRepository(WebhookDelivery).findBy({ subscriptionId });

  let acmeApp: { id: string; secret: string };
  let acme: GatewayClient;
  let globex: GatewayClient;

  beforeAll(async () => {
    t = await startTestSystem();
    base = new URL(t.system.gateway.url).origin;
    const dc = (
      await send(t.client, 'UpsertLocation', {
        input: { name: 'Webhook DC', type: 'WAREHOUSE', lat: 40.5, lng: -74.3, fulfillsOnline: true, pickupEnabled: false },
      })
    ).upsertLocation.location.id;
    await send(t.client, 'UpsertProduct', {
      input: { name: 'Mug', variants: [{ sku: 'WH-MUG', price: { cents: 1200, currency: 'USD' } }] },
    });
    await send(t.client, 'SetStock', { input: { locationId: dc, sku: 'WH-MUG', onHand: 100 } });
    const full = ['orders:read', 'orders:write', 'webhooks:manage'];
    acmeApp = await createClient('acme', full);
    acme = await partnerClient(acmeApp);
    globex = await partnerClient(await createClient('globex', full));
  });
  afterAll(async () => {
    await t?.close();
    for (const r of receivers) await r.close();
  });

  it('answers RFC 6749 errors for a wrong secret or grant, and takes the credentials by Basic or in the form', async () => {
    const wrong = await token({ id: acmeApp.id, secret: 'not-the-secret' });
    expect([wrong.status, await wrong.json()]).toEqual([401, expect.objectContaining({ error: 'invalid_client' })]);
    const grant = await token(acmeApp, { grant_type: 'password' });
    expect([grant.status, await grant.json()]).toEqual([400, expect.objectContaining({ error: 'unsupported_grant_type' })]);
    // client_id and client_secret in the form work as well as HTTP Basic.
    const form = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: acmeApp.id,
        client_secret: acmeApp.secret,
      }).toString(),
    });
    expect(form.status).toBe(200);
  });

  it("delivers a signed ORDER_PLACED CloudEvent to the partner's receiver, and nothing to another partner", async () => {
    const acmeHook = await receiver();
    const globexHook = await receiver();
    receivers.push(acmeHook, globexHook);
    const acmeSub = await subscribe(acme, acmeHook.url, ['ORDER_PLACED', 'ORDER_CANCELLED']);
    const globexSub = await subscribe(globex, globexHook.url, ['ORDER_PLACED']);

    const placed = await place(acme, 'ACME-WH-1');
    expect(placed.errors).toBeUndefined();
    const order = placed.data.placeOrder.order;
    await eventually(
      () => deliveriesOf(acmeSub.id),
      (d) => d.length === 1,
    );
    expect(await t.runJob('orders', 'webhook-dispatch')).toBe(1);

    expect(acmeHook.received).toHaveLength(1);
    const [hit] = acmeHook.received;
    expect(verifies(acmeSub.secret, hit!.headers, hit!.body)).toBe(true);
    expect(verifies(globexSub.secret, hit!.headers, hit!.body)).toBe(false);
    expect(hit!.headers['x-omni-topic']).toBe('ORDER_PLACED');
    const event = JSON.parse(hit!.body);
    expect(event).toEqual({
      specversion: '1.0',
      id: hit!.headers['x-omni-delivery-id'],
      type: 'com.omni.order.placed.v1',
      source: '/omni/orders',
      subject: `orders/${order.id}`,
      time: expect.any(String),
      datacontenttype: 'application/json',
      data: expect.objectContaining({
        order: expect.objectContaining({
          id: order.id,
          number: order.number,
          externalRef: 'ACME-WH-1',
          totalCents: expect.any(Number),
        }),
        lines: [expect.objectContaining({ sku: 'WH-MUG', quantity: 1 })],
      }),
    });
    // The public payload carries nothing of the shopper.
    expect(hit!.body).not.toMatch(/customerId|shopper@example.com/);

    // Globex placed nothing: its subscription got no delivery of acme's order.
    expect(await deliveriesOf(globexSub.id)).toEqual([]);
    expect(globexHook.received).toEqual([]);

    const log = await send(acme, 'WebhookDeliveries', { id: acmeSub.id, first: 10 });
    expect(log.webhookSubscription.deliveries).toEqual({
      totalCount: 1,
      edges: [
        {
          node: {
            id: hit!.headers['x-omni-delivery-id'],
            topic: 'ORDER_PLACED',
            status: 'DELIVERED',
            attempts: 1,
            responseStatus: 200,
          },
        },
      ],
    });
    // Another partner cannot read acme's delivery log.
    const foreign = await globex.raw<any>('query($id: ID!) { webhookSubscription(id: $id) { id } }', { id: acmeSub.id });
    expect(foreign.errors?.map((e: any) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('retries a delivery the receiver answered 500 with backoff, and marks it delivered on the next attempt', async () => {
    const flaky = await receiver([500]);
    receivers.push(flaky);
    const sub = await subscribe(acme, flaky.url, ['ORDER_PLACED']);
    expect((await place(acme, 'ACME-WH-2')).errors).toBeUndefined();
    await eventually(
      () => deliveriesOf(sub.id),
      (d) => d.length === 1,
    );

    await t.runJob('orders', 'webhook-dispatch');
    const [failed] = await deliveriesOf(sub.id);
    expect(failed).toEqual(expect.objectContaining({ status: 'PENDING', attempts: 1, responseStatus: 500 }));
    expect(failed!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000); // 30 s backoff
    // Nothing is due before its backoff.
    await t.runJob('orders', 'webhook-dispatch');
    expect(flaky.received).toHaveLength(1);

    // Time passes: the retry is due.
    const repository = t.system.services.get('orders')!.db.getRepository(WebhookDelivery);
    await repository.update({ id: failed!.id }, { nextAttemptAt: new Date(Date.now() - 1000) });
    expect(await repository.countBy({ id: failed!.id, nextAttemptAt: LessThanOrEqual(new Date()) })).toBe(1);
    await t.runJob('orders', 'webhook-dispatch');
    expect(flaky.received.map((r) => r.status)).toEqual([500, 200]);
    // The same delivery, the same bytes, both signed.
    expect(flaky.received[1]!.headers['x-omni-delivery-id']).toBe(flaky.received[0]!.headers['x-omni-delivery-id']);
    expect(flaky.received[1]!.body).toBe(flaky.received[0]!.body);
    expect(flaky.received.every((r) => verifies(sub.secret, r.headers, r.body))).toBe(true);
    const log = await send(acme, 'WebhookDeliveries', { id: sub.id, first: 10 });
    expect(log.webhookSubscription.deliveries.edges.map((e: any) => e.node)).toEqual([
      expect.objectContaining({ topic: 'ORDER_PLACED', status: 'DELIVERED', attempts: 2, responseStatus: 200 }),
    ]);
  });

  it('is FORBIDDEN what its scopes lack: a read-only client can read its orders, not place one nor subscribe', async () => {
    const reader = await partnerClient(await createClient('acme', ['orders:read']));
    const denied = await place(reader, 'ACME-WH-3');
    expect(denied.errors?.map((e: any) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(denied.data?.placeOrder ?? null).toBeNull();
    const subscribing = await reader.raw<any>(
      'mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { signingSecret } }',
      { input: { url: 'http://127.0.0.1:9/hooks', topics: ['ORDER_PLACED'] } },
    );
    expect(subscribing.errors?.map((e: any) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const read = await reader.raw<any>(
      'query($ref: String!) { orderByExternalRef(channel: PARTNER, externalRef: $ref) { externalRef } }',
      {
        ref: 'ACME-WH-1',
      },
    );
    expect(read).toEqual({ data: { orderByExternalRef: { externalRef: 'ACME-WH-1' } } });

    // A writer without orders:read places, but cannot read orders back.
    const writer = await partnerClient(await createClient('acme', ['orders:write']));
    const blind = await writer.raw<any>(
      'query($ref: String!) { orderByExternalRef(channel: PARTNER, externalRef: $ref) { externalRef } }',
      {
        ref: 'ACME-WH-1',
      },
    );
    expect(blind.errors?.map((e: any) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it("sends exactly the subscribed topics of one order's life, and replays a delivery to its owner only", async () => {
    const hook = await receiver();
    receivers.push(hook);
    const sub = await subscribe(acme, hook.url, ['ORDER_PLACED', 'FULFILLMENT_SHIPPED']);
    const placed = await place(acme, 'ACME-WH-LIFE');
    expect(placed.errors).toBeUndefined();
    const { orderByNumber } = await t.client.request<any>(
      'query($n: String!) { orderByNumber(number: $n) { fulfillments { id } } }',
      {
        n: placed.data.placeOrder.order.number,
      },
    );
    const fulfillmentId = orderByNumber.fulfillments[0].id;
    const associate = await t.associateFor(fulfillmentId);
    for (const action of ['PICK', 'PACK', 'SHIP']) {
      const { advanceFulfillment } = await send(associate, 'AdvanceFulfillment', {
        input: { fulfillmentId, action, ...(action === 'SHIP' ? { trackingNumber: '1Z999' } : {}) },
      });
      expect(advanceFulfillment.userErrors).toEqual([]);
    }
    await eventually(
      () => deliveriesOf(sub.id),
      (d) => d.length === 2,
    );
    await t.runJob('orders', 'webhook-dispatch');
    const topics = hook.received.map((r) => r.headers['x-omni-topic']).sort();
    expect(topics).toEqual(['FULFILLMENT_SHIPPED', 'ORDER_PLACED']);
    expect(hook.received.every((r) => verifies(sub.secret, r.headers, r.body))).toBe(true);
    const shipped = JSON.parse(hook.received.find((r) => r.headers['x-omni-topic'] === 'FULFILLMENT_SHIPPED')!.body);
    expect(shipped).toEqual(
      expect.objectContaining({
        type: 'com.omni.fulfillment.shipped.v1',
        data: expect.objectContaining({
          order: expect.objectContaining({ externalRef: 'ACME-WH-LIFE' }),
          fulfillment: expect.objectContaining({ id: fulfillmentId, trackingNumber: '1Z999' }),
        }),
      }),
    );

    // The receiver lost it: its owner replays it, with the same id and body; another partner may not.
    const REPLAY =
      'mutation($id: ID!) { replayWebhookDelivery(id: $id) { delivery { id status attempts } userErrors { code } } }';
    const foreign = await globex.raw<any>(REPLAY, { id: shipped.id });
    expect(foreign.errors?.map((e: any) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const replayed = await acme.request<any>(REPLAY, { id: shipped.id });
    expect(replayed.replayWebhookDelivery).toEqual({
      delivery: { id: shipped.id, status: 'PENDING', attempts: 0 },
      userErrors: [],
    });
    await t.runJob('orders', 'webhook-dispatch');
    expect(hook.received).toHaveLength(3);
    expect(JSON.parse(hook.received[2]!.body)).toEqual(shipped);
  });

  it("lets only ADMIN scope a subscription to every order's events", async () => {
    const erp = await receiver();
    receivers.push(erp);
    const wide = await send(t.client, 'CreateWebhookSubscription', {
      input: { url: erp.url, topics: ['ORDER_PLACED'], partnerId: 'retailer-erp', allOrders: true },
    });
    expect(wide.createWebhookSubscription.userErrors).toEqual([]);
    const sub = wide.createWebhookSubscription.subscription;
    const byPartner = await acme.raw<any>(
      'mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { signingSecret } }',
      { input: { url: erp.url, topics: ['ORDER_PLACED'], allOrders: true } },
    );
    expect(byPartner.errors?.map((e: any) => e.extensions?.code)).toEqual(['FORBIDDEN']);

    // A call-center order (no partner) and a partner's order both reach it.
    const { placeOrder } = await send(t.client.withHeaders({ 'x-channel': 'CALL_CENTER' }), 'PlaceOrder', {
      input: {
        channel: 'CALL_CENTER',
        idempotencyKey: 'ERP-1',
        customer: { email: 'caller@example.com' },
        lines: [{ sku: 'WH-MUG', quantity: 1 }],
        fulfillment: { type: 'SHIP', address: { line1: '1 Dock St', city: 'Newark', postalCode: '07102', country: 'US' } },
      },
    });
    expect(placeOrder.userErrors).toEqual([]);
    expect((await place(acme, 'ACME-WH-ERP')).errors).toBeUndefined();
    await eventually(
      () => deliveriesOf(sub.id),
      (d) => d.length === 2,
    );
    await t.runJob('orders', 'webhook-dispatch');
    const numbers = erp.received.map((r) => JSON.parse(r.body).data.order.number);
    expect(numbers).toHaveLength(2);
    expect(numbers).toContain(placeOrder.order.number);
  });

  it('parks a delivery whose receiver never answers after WEBHOOK_MAX_ATTEMPTS, while other subscriptions keep receiving', async () => {
    const saved = { attempts: process.env.WEBHOOK_MAX_ATTEMPTS, timeout: process.env.WEBHOOK_TIMEOUT_MS };
    process.env.WEBHOOK_MAX_ATTEMPTS = '2';
    process.env.WEBHOOK_TIMEOUT_MS = '300';
    try {
      const silent = await receiver([], { hang: true });
      const healthy = await receiver();
      receivers.push(silent, healthy);
      const stuck = await subscribe(acme, silent.url, ['ORDER_PLACED']);
      const fine = await subscribe(acme, healthy.url, ['ORDER_PLACED']);
      expect((await place(acme, 'ACME-WH-4')).errors).toBeUndefined();
      await eventually(
        async () => [...(await deliveriesOf(stuck.id)), ...(await deliveriesOf(fine.id))],
        (d) => d.length === 2,
      );
      await t.runJob('orders', 'webhook-dispatch');
      expect(healthy.received).toHaveLength(1);
      const repository = t.system.services.get('orders')!.db.getRepository(WebhookDelivery);
      const [waiting] = await deliveriesOf(stuck.id);
      expect(waiting).toEqual(expect.objectContaining({ status: 'PENDING', attempts: 1, responseStatus: null }));
      await repository.update({ id: waiting!.id }, { nextAttemptAt: new Date(Date.now() - 1000) });
      await t.runJob('orders', 'webhook-dispatch');
      expect(await deliveriesOf(stuck.id)).toEqual([
        expect.objectContaining({ status: 'FAILED', attempts: 2, lastError: 'no answer within 300 ms' }),
      ]);
      // Parked for good: later runs leave it; the healthy subscription gets the next order.
      expect((await place(acme, 'ACME-WH-5')).errors).toBeUndefined();
      await eventually(
        () => deliveriesOf(fine.id),
        (d) => d.length === 2,
      );
      await t.runJob('orders', 'webhook-dispatch');
      expect(healthy.received).toHaveLength(2);
      expect((await deliveriesOf(stuck.id)).map((d) => d.status).sort()).toEqual(['FAILED', 'PENDING']);
    } finally {
      process.env.WEBHOOK_MAX_ATTEMPTS = saved.attempts;
      process.env.WEBHOOK_TIMEOUT_MS = saved.timeout;
      if (saved.attempts === undefined) delete process.env.WEBHOOK_MAX_ATTEMPTS;
      if (saved.timeout === undefined) delete process.env.WEBHOOK_TIMEOUT_MS;
    }
  });

  it('refuses new tokens to a revoked client, and the old secret once rotated', async () => {
    const app = await createClient('acme', ['orders:read']);
    const rotated = await t.client.request<any>(
      'mutation($id: String!) { rotateApiClientSecret(clientId: $id) { clientSecret userErrors { code } } }',
      { id: app.id },
    );
    const fresh = { id: app.id, secret: rotated.rotateApiClientSecret.clientSecret as string };
    expect((await token(app)).status).toBe(401);
    expect((await token(fresh)).status).toBe(200);
    const revoked = await t.client.request<any>(
      'mutation($id: String!) { revokeApiClient(clientId: $id) { client { revokedAt } userErrors { code } } }',
      { id: app.id },
    );
    expect(revoked.revokeApiClient).toEqual({ client: { revokedAt: expect.any(String) }, userErrors: [] });
    const refused = await token(fresh);
    expect([refused.status, await refused.json()]).toEqual([401, expect.objectContaining({ error: 'invalid_client' })]);
    // Only ADMIN revokes or rotates.
    const byPartner = await acme.raw<any>('mutation($id: String!) { revokeApiClient(clientId: $id) { userErrors { code } } }', {
      id: acmeApp.id,
    });
    expect(byPartner.errors?.map((e: any) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('refuses loopback, private and plain-http URLs under WEBHOOK_URL_POLICY=public (the distributed default)', async () => {
    process.env.WEBHOOK_URL_POLICY = 'public';
    try {
      const codes = [];
      for (const url of [
        'http://example.com/hooks',
        'https://127.0.0.1/hooks',
        'https://10.1.2.3/hooks',
        'https://169.254.169.254/latest/meta-data',
        'https://[::1]/hooks',
        'https://localhost/hooks',
      ]) {
        const { createWebhookSubscription } = await send(acme, 'CreateWebhookSubscription', {
          input: { url, topics: ['ORDER_PLACED'] },
        });
        codes.push([url, createWebhookSubscription.userErrors.map((e: any) => e.code)]);
      }
      expect(codes.every(([, c]) => JSON.stringify(c) === '["INVALID_URL"]')).toBe(true);
      const publicIp = await send(acme, 'CreateWebhookSubscription', {
        input: { url: 'https://93.184.215.14/hooks', topics: ['RETURN_RECEIVED'] }, // nothing here returns: never sent
      });
      expect(publicIp.createWebhookSubscription.userErrors).toEqual([]);
    } finally {
      delete process.env.WEBHOOK_URL_POLICY;
    }
  });

  it('refuses a scope the client was not granted, and a webhook URL that is not http(s)', async () => {
    const wider = await token(await createClient('acme', ['orders:read']), { scope: 'orders:read orders:write' });
    expect([wider.status, await wider.json()]).toEqual([400, expect.objectContaining({ error: 'invalid_scope' })]);
    const { createWebhookSubscription } = await send(acme, 'CreateWebhookSubscription', {
      input: { url: 'file:///etc/passwd', topics: ['ORDER_PLACED'] },
    });
    expect(createWebhookSubscription.userErrors.map((e: any) => e.code)).toEqual(['INVALID_URL']);
  });
});

describe('POST /oauth/token rate limit', () => {
  it('answers 429 with Retry-After past OAUTH_TOKEN_RATE_PER_MINUTE from one address, before asking orders', async () => {
    let asked = 0;
    const app = express().use(
      oauthTokenRouter({
        clients: {
          authenticate: async () => {
            asked++;
            return null;
          },
        },
        auth: authOptions({}),
        ratePerMinute: 2,
        log: { error: () => undefined } as never,
      }),
    );
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth/token`;
      const post = () =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'grant_type=client_credentials&client_id=a&client_secret=b',
        });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await post()).status);
      expect(statuses).toEqual([401, 401, 429]);
      const limited = await post();
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(asked).toBe(2);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
