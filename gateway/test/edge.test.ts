import { attestCaller, createLogger, DEV_SUBGRAPH_SECRET, HttpPeerClient, serviceCaller, type Caller } from '@omni/platform';
import type { Request } from 'express';
import { corsOrigins } from '../src/cors';
import { DEFAULT_MAX_ALIASES, DEFAULT_MAX_COST, DEFAULT_MAX_TOKENS, introspectionPolicy } from '../src/limits';
import { createRateLimiter } from '../src/rate-limit';
import { issueToken } from '../src/token';
import { startTestSystem, type TestSystem } from './harness';

const TEST_REDIS_URL = process.env.TEST_REDIS_URL || undefined;

/** The gateway's edge: CORS, abuse limits, rate limits and introspection, through HTTP with real tokens. */
describe('gateway edge', () => {
  let t: TestSystem;
  let url: string;
  let subjects = 0;
  /** A signed-in caller of its own, so each test has its own rate budget. */
  const someone = () => t.signedIn({ role: 'CSR', subject: `edge-${++subjects}` });
  /** An anonymous client at an address of its own (the gateway trusts one proxy hop here). */
  const anonymousAt = (address: string) => t.anonymous.withHeaders({ 'x-forwarded-for': address });

  const settings = {
    CORS_ORIGINS: 'https://shop.example.com, https://app.example.com',
    RATE_LIMIT_PER_MINUTE: '4',
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: '3',
    RATE_LIMIT_LOOKUPS_PER_MINUTE: '5',
    TRUST_PROXY_HOPS: '1',
    INTROSPECTION: 'authenticated',
  };
  const saved = Object.fromEntries(Object.keys(settings).map((k) => [k, process.env[k]]));

  beforeAll(async () => {
    // The gateway reads these from the environment when it starts, as in production.
    Object.assign(process.env, settings);
    try {
      t = await startTestSystem({ transport: 'http' });
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    url = t.system.gateway.url;
  });
  afterAll(async () => {
    await t?.close();
  });

  const preflight = (origin: string) =>
    fetch(url, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-channel,x-request-id',
      },
    });

  describe('CORS', () => {
    it('answers a preflight from a listed origin with 204 and what it may send, without credentials', async () => {
      const response = await preflight('https://shop.example.com');
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
      expect(response.headers.get('access-control-allow-methods')).toContain('POST');
      expect(response.headers.get('access-control-allow-headers')?.split(',')).toEqual([
        'authorization',
        'content-type',
        'x-channel',
        'x-request-id',
      ]);
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      expect(response.headers.get('vary')).toContain('Origin');
    });

    it('gives an origin not listed no Access-Control-Allow-Origin, so the browser refuses', async () => {
      const response = await preflight('https://evil.example.net');
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    });

    it("serves the listed origin's call with the caller's token, and lets it read Retry-After", async () => {
      const bearer = await issueToken({ role: 'CSR', subject: `edge-cors-${++subjects}` });
      const response = await fetch(url, {
        method: 'POST',
        headers: { origin: 'https://app.example.com', 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        body: JSON.stringify({ query: '{ locations { id } }' }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(response.headers.get('access-control-expose-headers')).toContain('retry-after');
      expect(await response.json()).toEqual({ data: { locations: [] } });
    });

    it('defaults to any origin embedded and none distributed; a malformed origin is a configuration error', () => {
      expect(corsOrigins(undefined, 'embedded')).toBe('*');
      expect(corsOrigins(undefined, 'distributed')).toEqual([]);
      expect(corsOrigins('https://a.example.com,http://localhost:3000', 'distributed')).toEqual([
        'https://a.example.com',
        'http://localhost:3000',
      ]);
      expect(() => corsOrigins('https://a.example.com/path', 'distributed')).toThrow(/CORS_ORIGINS/);
    });
  });

  describe('abuse limits', () => {
    const refusal = (message: RegExp) => ({
      errors: [expect.objectContaining({ message: expect.stringMatching(message), extensions: { code: 'QUERY_TOO_COMPLEX' } })],
    });

    it('refuses 1,000 aliases of searchProducts(first: 1) before anything runs', async () => {
      const client = await someone();
      const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: searchProducts(first: 1) { totalCount }`).join('\n');
      // 9 tokens an alias: the token limit refuses it before the document is parsed, every time it is sent.
      for (let i = 0; i < 2; i++) {
        const response = await client.raw(`query Many { ${aliases} }`);
        expect(response).toEqual(refusal(new RegExp(`more than ${DEFAULT_MAX_TOKENS} tokens.*QUERY_MAX_TOKENS`)));
      }
    });

    it('refuses more aliases than QUERY_MAX_ALIASES in a short document, naming the limit', async () => {
      const client = await someone();
      const aliases = (n: number) =>
        Array.from({ length: n }, (_, i) => `a${i}: searchProducts(first: 1) { totalCount }`).join(' ');
      expect(await client.raw(`{ ${aliases(DEFAULT_MAX_ALIASES + 1)} }`)).toEqual(
        refusal(
          new RegExp(`${DEFAULT_MAX_ALIASES + 1} aliases, over the maximum of ${DEFAULT_MAX_ALIASES} \\(QUERY_MAX_ALIASES\\)`),
        ),
      );
      const allowed = await client.raw<Record<string, { totalCount: number }>>(`{ ${aliases(DEFAULT_MAX_ALIASES)} }`);
      expect(allowed.errors).toBeUndefined();
      expect(Object.keys(allowed.data!)).toHaveLength(DEFAULT_MAX_ALIASES);
    });

    it('refuses 15,000 repeated fields by their token count', async () => {
      const client = await someone();
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ ${'__typename '.repeat(15_000)}}` }),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual(refusal(/QUERY_MAX_TOKENS/));
      // A GET is counted the same way (short fields: a URL is at most 16 KiB).
      const get = await fetch(`${url}?query=${encodeURIComponent(`{ ${'a '.repeat(DEFAULT_MAX_TOKENS)}}`)}`, {
        headers: { 'apollo-require-preflight': 'true' },
      });
      expect(await get.json()).toEqual(refusal(/QUERY_MAX_TOKENS/));
      expect((await client.raw('{ __typename }')).data).toEqual({ __typename: 'Query' });
    });

    it('counts a list without `first` as several items: lists nested through each other are refused by cost', async () => {
      const client = await someone();
      // product -> variants -> product -> ... : 1 per level before; now each list is QUERY_LIST_SIZE (5) items.
      const nested = `query Nested($id: ID!) { product(id: $id) { variants { product { variants { product { variants {
        product { variants { attributes { name value } } } } } } } } } }`;
      const response = await client.raw(nested, { id: 'any' });
      expect(response).toEqual(refusal(new RegExp(`maximum cost of ${DEFAULT_MAX_COST} \\(QUERY_MAX_COST\\)`)));
    });
  });

  describe('rate limits', () => {
    it('refuses a token subject over RATE_LIMIT_PER_MINUTE with 429, RATE_LIMITED and Retry-After', async () => {
      const token = await issueToken({ role: 'CSR', subject: `edge-rate-${++subjects}` });
      const call = () =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: '{ __typename }' }),
        });
      for (let i = 0; i < 4; i++) expect((await call()).status).toBe(200);
      const refused = await call();
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(await refused.json()).toEqual({
        errors: [
          {
            message: expect.stringContaining('Rate limit of 4 requests per minute exceeded (RATE_LIMIT_PER_MINUTE)'),
            extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter },
          },
        ],
      });
      // Another subject has a budget of its own.
      expect((await (await someone()).raw('{ __typename }')).data).toEqual({ __typename: 'Query' });
    });

    it('counts anonymous callers, and invalid tokens, per client address (RATE_LIMIT_ANONYMOUS_PER_MINUTE)', async () => {
      const guest = anonymousAt('203.0.113.7');
      for (let i = 0; i < 2; i++) expect((await guest.raw('{ __typename }')).data).toEqual({ __typename: 'Query' });
      // A bad token is UNAUTHENTICATED and still uses the address's budget.
      expect(
        (await guest.withHeaders({ authorization: 'Bearer nope' }).raw('{ __typename }')).errors?.[0]?.extensions?.code,
      ).toBe('UNAUTHENTICATED');
      const refused = await guest.raw('{ __typename }');
      expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(refused.errors?.[0]?.message).toContain('(RATE_LIMIT_ANONYMOUS_PER_MINUTE)');
      // Another address, and a signed-in caller at the same address, are not held back.
      expect((await anonymousAt('203.0.113.8').raw('{ __typename }')).data).toEqual({ __typename: 'Query' });
      expect((await (await someone()).withHeaders({ 'x-forwarded-for': '203.0.113.7' }).raw('{ __typename }')).data).toEqual({
        __typename: 'Query',
      });
    });

    it('counts each gift-card balance and guest-order lookup, aliases included, against RATE_LIMIT_LOOKUPS_PER_MINUTE', async () => {
      const guesser = await someone();
      const guesses = (n: number, from: number) =>
        Array.from({ length: n }, (_, i) => `g${from + i}: giftCard(code: "GUESS-${from + i}") { balance { cents } }`).join('\n');
      // Four guesses in one request, under the budget of 5: answered (none is a card).
      const four = await guesser.raw<any>(`query Guess { ${guesses(4, 0)} }`);
      expect(four.errors).toBeUndefined();
      expect(Object.values(four.data)).toEqual([null, null, null, null]);
      // Two more (a guest-order lookup among them) pass the budget: refused before anything runs.
      const refused = await guesser.raw<any>(
        `query More { ${guesses(1, 4)} order: guestOrder(number: "W-0000-0000", email: "a@example.com") { number } }`,
      );
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(refused.errors?.[0]?.message).toContain('(RATE_LIMIT_LOOKUPS_PER_MINUTE)');
      // Other queries of the same caller are not held back, nor another caller's lookups.
      expect((await guesser.raw('{ __typename }')).data).toEqual({ __typename: 'Query' });
      expect((await (await someone()).raw<any>(`query Guess { ${guesses(2, 0)} }`)).errors).toBeUndefined();
    });

    (TEST_REDIS_URL ? it : it.skip)('shares one budget between gateway replicas through Redis (REDIS_URL)', async () => {
      const log = createLogger('test', 'silent');
      const options = { perMinute: 3, anonymousPerMinute: 3, redisUrl: TEST_REDIS_URL };
      const [a, b] = [createRateLimiter(options, log), createRateLimiter(options, log)];
      const caller: Caller = {
        subject: `replica-${process.pid}-${Date.now()}`,
        roles: [],
        customerId: null,
        locationId: null,
        partnerId: null,
      };
      const req = { headers: {}, socket: { remoteAddress: '127.0.0.1' } } as unknown as Request;
      const build = async () => ({ info: { caller } });
      try {
        await Promise.all([a.ready(), b.ready()]);
        await a.guard(req, build);
        await b.guard(req, build);
        await a.guard(req, build);
        await expect(b.guard(req, build)).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
      } finally {
        await a.close();
        await b.close();
      }
    });
  });

  describe('service-only operations', () => {
    it('are unknown to the gateway, whoever calls, and still served to a peer calling the subgraph', async () => {
      const admin = await t.signedIn({ roles: ['ADMIN', 'CSR'], subject: `edge-admin-${++subjects}` });
      const hold = 'mutation { releaseHold(holdId: "00000000-0000-0000-0000-000000000000") { userErrors { code } } }';
      const price = 'query { priceCartV1(input: { channel: WEB, lines: [] }) { version } }';
      for (const query of [hold, price]) {
        const refused = await admin.raw(query);
        expect(refused.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(refused.errors?.[0]?.message).toMatch(/Cannot query field "(releaseHold|priceCartV1)"/);
      }
      // Over HTTP to the subgraph itself, signed as the orders service (what orders' peers.ts does).
      const loyalty = new HttpPeerClient('loyalty', t.system.endpoints.get('loyalty')!.url);
      const released = await loyalty.request<{ releaseHold: { userErrors: { code: string }[] } }>(
        hold,
        {},
        {
          requestId: 'edge-peer',
          channel: null,
          caller: attestCaller(serviceCaller('orders'), DEV_SUBGRAPH_SECRET),
        },
      );
      expect(released.releaseHold.userErrors.map((e) => e.code)).toEqual(['UNKNOWN_HOLD']);
    });
  });

  describe('introspection', () => {
    const introspect = '{ __schema { queryType { name } } }';

    it('is refused for anonymous callers with INTROSPECTION=authenticated', async () => {
      const refused = await anonymousAt('198.51.100.1').raw(introspect);
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors).toEqual([
        expect.objectContaining({
          message: expect.stringContaining('INTROSPECTION=authenticated'),
          extensions: { code: 'FORBIDDEN' },
        }),
      ]);
      expect((await anonymousAt('198.51.100.1').raw('{ __typename }')).data).toEqual({ __typename: 'Query' });
      expect((await (await someone()).raw(introspect)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    });

    it('defaults to on embedded and off distributed', () => {
      expect(introspectionPolicy(undefined, 'embedded')).toBe('on');
      expect(introspectionPolicy(undefined, 'distributed')).toBe('off');
      expect(introspectionPolicy('authenticated', 'distributed')).toBe('authenticated');
      expect(() => introspectionPolicy('sometimes', 'embedded')).toThrow(/INTROSPECTION/);
    });
  });
});
