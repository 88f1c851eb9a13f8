import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEFAULT_PAGE_SIZE, DEV_SUBGRAPH_SECRET, encodeCaller, HEADERS, MAX_PAGE_SIZE, signCallerValue } from '@omni/platform';
import { print } from 'graphql';
import { Order } from '../../services/orders/src/entities/order';
import { apiSchema, contractOperations } from '../src/contract';
import {
  countTokens,
  DEFAULT_LIST_SIZE,
  DEFAULT_MAX_ALIASES,
  DEFAULT_MAX_COST,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_TOKENS,
  measureOperation,
} from '../src/limits';
import { authOptions, DEV_AUDIENCE, DEV_AUTH_SECRET, DEV_ISSUER } from '../src/auth';
import { SUPERGRAPH_PATH } from '../src/system';
import { issueToken } from '../src/token';
import { contractOperation, send, startTestSystem, type TestSystem } from './harness';

/** Phase 1 of security: who the caller is (bearer tokens, signed identity to subgraphs) and query limits. */
describe('authentication and query limits', () => {
  let t: TestSystem;
  let customerId: string;
  let sequence = 0;

  beforeAll(async () => {
    // Over HTTP, so the signed identity header is what carries the caller to the subgraphs.
    t = await startTestSystem({ transport: 'http' });
    const location = (
      await send(t.client, 'UpsertLocation', {
        input: { name: 'Edison DC', type: 'WAREHOUSE', lat: 40.52, lng: -74.41, fulfillsOnline: true, pickupEnabled: false },
      })
    ).upsertLocation.location.id;
    await send(t.client, 'UpsertProduct', {
      input: { name: 'Rain Jacket', variants: [{ sku: 'RJ-S', price: { cents: 12000, currency: 'USD' } }] },
    });
    await send(t.client, 'SetStock', { input: { locationId: location, sku: 'RJ-S', onHand: 50 } });
    customerId = (
      await send(t.client, 'RegisterCustomer', {
        input: {
          email: 'ola@example.com',
          firstName: 'Ola',
          lastName: 'Berg',
          channel: 'WEB',
          // Her SHIP orders (no address of their own) go here.
          address: { line1: '5 Elm St', city: 'Edison', postalCode: '08817', country: 'US' },
        },
      })
    ).registerCustomer.customer.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const orderInput = () => ({
    input: {
      customerId,
      channel: 'WEB',
      idempotencyKey: `auth-${++sequence}`,
      lines: [{ sku: 'RJ-S', quantity: 1 }],
      fulfillment: { type: 'SHIP' },
    },
  });
  const actorOf = async (number: string) =>
    (await send(t.client, 'OrderByNumber', { number })).orderByNumber.history.map((h: { actor: string | null }) => h.actor);
  const orderCount = () => t.system.services.get('orders')!.db.getRepository(Order).count();

  it("carries a valid token's caller to the subgraphs: the order history names the subject", async () => {
    const token = await issueToken({ role: 'CSR', subject: 'csr-ann' });
    const { placeOrder } = await send(t.client.withHeaders({ authorization: `Bearer ${token}` }), 'PlaceOrder', orderInput());
    expect(placeOrder.userErrors).toEqual([]);
    expect(await actorOf(placeOrder.order.number)).toContain('csr-ann');
  });

  it('refuses an expired, over-long, foreign-issuer, wrong-audience or wrong-algorithm token with UNAUTHENTICATED, executing nothing', async () => {
    const before = await orderCount();
    const expired = await issueToken({ role: 'ADMIN', subject: 'old' }, { now: Date.now() - 2 * 3600_000 });
    const foreign = await issueToken(
      { role: 'ADMIN', subject: 'mallory' },
      { secret: 'another-key-that-is-long-enough-to-be-valid' },
    );
    // An exp in 2200 (past the maximum lifetime), another issuer, another audience.
    const forever = await issueToken({ role: 'ADMIN', subject: 'forever', ttlSeconds: 174 * 365 * 86400 });
    const evil = await issueToken({ role: 'ADMIN', subject: 'mallory' }, { issuer: 'evil' });
    const elsewhere = await issueToken({ role: 'ADMIN', subject: 'mallory' }, { audience: 'another-api' });
    // The development key, but HS512: only the configured key's algorithm (HS256) is accepted.
    const { SignJWT } = await import('jose');
    const now = Math.floor(Date.now() / 1000);
    const otherAlgorithm = await new SignJWT({ roles: ['ADMIN'] })
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('mallory')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(new TextEncoder().encode(DEV_AUTH_SECRET));
    for (const token of [expired, foreign, 'not-a-jwt', forever, evil, elsewhere, otherAlgorithm]) {
      const result = await t.client
        .withHeaders({ authorization: `Bearer ${token}` })
        .raw(contractOperation('PlaceOrder'), orderInput());
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    }
    expect(await orderCount()).toBe(before);
  });

  const forgedCsr = encodeCaller({ subject: 'mallory', roles: ['CSR'], customerId: null, locationId: null, partnerId: null });

  it('ignores an identity header sent by the client, even one signed with the right secret', async () => {
    const before = await orderCount();
    const client = t.anonymous.withHeaders({
      [HEADERS.caller]: forgedCsr,
      [HEADERS.requestId]: 'forged-request',
      [HEADERS.callerSignature]: signCallerValue(forgedCsr, 'forged-request', DEV_SUBGRAPH_SECRET),
    });
    const result = await client.raw(contractOperation('PlaceOrder'), orderInput(), 'PlaceOrder');
    expect(result.data?.placeOrder ?? null).toBeNull();
    expect(result.errors).toEqual([
      // The code alone: not which internal subgraph refused.
      expect.objectContaining({ path: ['placeOrder'], extensions: { code: 'FORBIDDEN' } }),
    ]);
    expect(await orderCount()).toBe(before);
  });

  it('serves a subgraph called directly with an unsigned or badly signed identity as anonymous', async () => {
    const orders = t.system.endpoints.get('orders')!.url;
    const placeDirectly = async (headers: Record<string, string>) => {
      const response = await fetch(orders, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: contractOperation('PlaceOrder'), variables: orderInput() }),
      });
      return (await response.json()) as {
        data: null | { placeOrder: { order: { number: string }; userErrors: unknown[] } | null };
        errors?: { extensions?: { code?: string } }[];
      };
    };
    const before = await orderCount();
    const expired = signCallerValue(forgedCsr, 'r-old', DEV_SUBGRAPH_SECRET, Date.now() - 10 * 60_000);
    for (const [requestId, signature] of [
      ['r-1', undefined],
      ['r-2', signCallerValue(forgedCsr, 'r-2', 'a-guess-at-the-secret')],
      // captured ten minutes ago: a replay is refused even with the right secret
      ['r-old', expired],
      // the signature of another request
      ['r-3', signCallerValue(forgedCsr, 'r-4', DEV_SUBGRAPH_SECRET)],
    ] as const) {
      const denied = await placeDirectly({
        [HEADERS.caller]: forgedCsr,
        [HEADERS.requestId]: requestId,
        ...(signature ? { [HEADERS.callerSignature]: signature } : {}),
      });
      expect(denied.data?.placeOrder ?? null).toBeNull();
      expect(denied.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
    expect(await orderCount()).toBe(before);
    // The same header signed with the subgraph secret (here the development one) is believed.
    const believed = await placeDirectly({
      [HEADERS.caller]: forgedCsr,
      [HEADERS.requestId]: 'r-5',
      [HEADERS.callerSignature]: signCallerValue(forgedCsr, 'r-5', DEV_SUBGRAPH_SECRET),
    });
    expect(believed.data?.placeOrder?.userErrors).toEqual([]);
    // Every entry the placement wrote (placed, the balance left to pay) names the forged subject.
    expect(await actorOf(believed.data!.placeOrder!.order.number)).toEqual(['mallory', 'mallory']);
  });

  it('rejects an over-deep query naming the depth limit, without running it', async () => {
    const deep = `query Deep($id: ID!) { customer(id: $id) { orders(first: 1) { edges { node { customer { orders(first: 1) { edges { node {
      customer { orders(first: 1) { edges { node { id } } } } } } } } } } } } }`;
    const result = await t.client.raw(deep, { id: customerId });
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(`maximum depth of ${DEFAULT_MAX_DEPTH}`),
        extensions: { code: 'QUERY_TOO_COMPLEX' },
      }),
    ]);
  });

  it('rejects an over-expensive query naming the cost limit; page sizes from variables count', async () => {
    const expensive = `query Costly($id: ID!, $n: Int) { customer(id: $id) { orders(first: $n) { edges { node { id customer {
      orders(first: $n) { edges { node { id number } } } } } } } } }`;
    for (let i = 0; i < 2; i++) expect((await send(t.client, 'PlaceOrder', orderInput())).placeOrder.userErrors).toEqual([]);
    const result = await t.client.raw(expensive, { id: customerId, n: 100 });
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(`maximum cost of ${DEFAULT_MAX_COST}`),
        extensions: { code: 'QUERY_TOO_COMPLEX' },
      }),
    ]);
    const cheap = await t.client.raw<{ customer: { orders: { edges: unknown[] } } }>(expensive, { id: customerId, n: 2 });
    expect(cheap.errors).toBeUndefined();
    expect(cheap.data?.customer.orders.edges).toHaveLength(2);
    // The same document measured again with the larger page: each page size has its own measure.
    expect((await t.client.raw(expensive, { id: customerId, n: 100 })).errors).toEqual([
      expect.objectContaining({ extensions: { code: 'QUERY_TOO_COMPLEX' } }),
    ]);
  });

  it('refuses a page larger than the maximum page size, naming the limit', async () => {
    const query = 'query Page($q: String, $n: Int) { searchProducts(query: $q, first: $n) { totalCount } }';
    const refused = await t.client.raw(query, { q: 'jacket', n: 101 });
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('maximum page size of 100 (QUERY_MAX_PAGE_SIZE)'),
        extensions: { code: 'QUERY_TOO_COMPLEX' },
      }),
    ]);
    expect((await t.client.raw(query, { q: 'jacket', n: 100 })).errors).toBeUndefined();
  });

  it('refuses a request body over the size limit with a GraphQL error naming it', async () => {
    const response = await fetch(t.system.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename }`, variables: { padding: 'x'.repeat(300 * 1024) } }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [
        expect.objectContaining({
          message: expect.stringContaining('maximum of 262144 bytes (REQUEST_MAX_BYTES)'),
          extensions: { code: 'REQUEST_TOO_LARGE' },
        }),
      ],
    });
  });

  it('keeps every contract operation within the default limits; at the largest page size all but SearchProducts', () => {
    const schema = apiSchema(readFileSync(SUPERGRAPH_PATH, 'utf8'));
    const over = (pageSize: number) => {
      const found: string[] = [];
      for (const [name, document] of contractOperations()) {
        const { depth, cost, aliases } = measureOperation(schema, document, name, {}, pageSize, DEFAULT_LIST_SIZE);
        const tokens = countTokens(print(document), DEFAULT_MAX_TOKENS);
        if (depth > DEFAULT_MAX_DEPTH || cost > DEFAULT_MAX_COST || aliases > DEFAULT_MAX_ALIASES || tokens > DEFAULT_MAX_TOKENS)
          found.push(`${name}: depth ${depth}, cost ${cost}, aliases ${aliases}, tokens ${tokens}`);
      }
      return found;
    };
    // A page variable the request does not give is the page a subgraph serves without one.
    expect(over(DEFAULT_PAGE_SIZE)).toEqual([]);
    // 100 products with every variant's attributes and prices (lists counted at QUERY_LIST_SIZE) cost 15,601.
    expect(over(MAX_PAGE_SIZE)).toEqual([expect.stringMatching(/^SearchProducts: depth 6, cost 15601/)]);
  });
});

describe('token keys and algorithms', () => {
  it("pins the algorithms to the configured key's: HS256 for a secret, the key type's for a public key", () => {
    const pem = (type: 'rsa' | 'ec' | 'ed25519', options: object = {}) =>
      generateKeyPairSync(type as 'rsa', { modulusLength: 2048, ...options } as never)
        .publicKey.export({ type: 'spki', format: 'pem' })
        .toString();
    expect(authOptions({ AUTH_SECRET: 's'.repeat(40) }).algorithms).toEqual(['HS256']);
    expect(authOptions({ AUTH_PUBLIC_KEY: pem('ec', { namedCurve: 'P-256' }) }).algorithms).toEqual(['ES256']);
    expect(authOptions({ AUTH_PUBLIC_KEY: pem('ed25519') }).algorithms).toEqual(['EdDSA']);
    expect(authOptions({ AUTH_PUBLIC_KEY: pem('rsa') }).algorithms).toContain('RS256');
    expect(authOptions({ AUTH_PUBLIC_KEY: pem('rsa') }).algorithms.some((a) => a.startsWith('HS'))).toBe(false);
    expect(authOptions({ AUTH_JWKS_URL: 'https://id.example.com/jwks.json' }).algorithms).toContain('RS256');
    expect(() => authOptions({ AUTH_JWKS_URL: 'https://id.example.com/jwks.json', AUTH_ALGORITHMS: 'RS256,HS256' })).toThrow(
      'AUTH_ALGORITHMS',
    );
  });

  it('caps token lifetime by configuration', () => {
    expect(authOptions({}).maxLifetimeSeconds).toBe(24 * 3600);
    expect(authOptions({ AUTH_SECRET: 's'.repeat(40), AUTH_MAX_TOKEN_LIFETIME_SECONDS: 600 }).maxLifetimeSeconds).toBe(600);
  });
});
