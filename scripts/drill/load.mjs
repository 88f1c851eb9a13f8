// Seeds a small retailer and applies order load through the gateway, for scripts/drill.sh.
//
//   node scripts/drill/load.mjs seed   # locations, products, stock, customers, loyalty members
//   node scripts/drill/load.mjs load   # CLIENTS clients placing orders until STOP_FILE appears
//
// Environment: GATEWAY_URL (http://127.0.0.1:4000/graphql), AUTH_SECRET (the gateway's), RUN_ID
// (names this run's emails and idempotency keys), WORK_DIR (seed.json and orders.jsonl go there),
// CLIENTS (5), MAX_ORDERS (in all, 400), MAX_SECONDS (240), STOP_FILE, ORDER_DEADLINE_SECONDS (60:
// how long one order keeps being retried), THINK_MS (150: pause between a client's orders).
//
// Each client is a CSR in the call center placing orders for its own customer with
// PlaceOrderWithTenders (PICKUP_IN_STORE, a manual card for what points leave), each order with
// its own idempotency key. A network error, an HTTP 5xx or a GraphQL error that is no user error
// (INTERNAL_SERVER_ERROR, SERVICE_UNAVAILABLE: a subgraph or the database is down) is retried with
// the same key, with backoff, until ORDER_DEADLINE_SECONDS; a userError is final. One JSON line per order in
// orders.jsonl: { key, client, customerId, member, orderId, outcome: accepted|failed, code,
// attempts, transient: [codes seen], ms }.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { issueToken } = createRequire(join(ROOT, 'gateway', 'package.json'))('./dist/token.js');

const env = process.env;
const GATEWAY_URL = env.GATEWAY_URL || 'http://127.0.0.1:4000/graphql';
const RUN_ID = env.RUN_ID || `r${Date.now().toString(36)}`;
const WORK_DIR = env.WORK_DIR || '.';
const CLIENTS = Number(env.CLIENTS || 5);
const MAX_ORDERS = Number(env.MAX_ORDERS || 400);
const MAX_SECONDS = Number(env.MAX_SECONDS || 240);
const ORDER_DEADLINE_MS = Number(env.ORDER_DEADLINE_SECONDS || 60) * 1000;
const THINK_MS = Number(env.THINK_MS || 150);
const STOP_FILE = env.STOP_FILE || join(WORK_DIR, 'stop');
const SEED_FILE = join(WORK_DIR, 'seed.json');
const RESULTS_FILE = join(WORK_DIR, 'orders.jsonl');
// How many placements are in flight right now: the drill kills a process when some are, so the
// kill lands in the middle of an order (holds taken, stock reserved, not yet committed).
const INFLIGHT_FILE = join(WORK_DIR, 'inflight');
let inflight = 0;
const setInflight = (delta) => {
  inflight += delta;
  writeFileSync(INFLIGHT_FILE, `${inflight}\n`);
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (msg) => process.stderr.write(`[drill load] ${msg}\n`);

async function token(roles, subject) {
  if (!env.AUTH_SECRET) throw new Error('AUTH_SECRET is required');
  return issueToken({ roles, subject, ttlSeconds: 3600 }, { secret: env.AUTH_SECRET });
}

class TransientError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** One GraphQL request; throws TransientError for what a retry may cure, Error for the rest. */
async function graphql(bearer, operationName, query, variables) {
  let response;
  try {
    response = await fetch(GATEWAY_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}`, 'x-channel': 'CALL_CENTER' },
      body: JSON.stringify({ operationName, query, variables }),
      signal: AbortSignal.timeout(20_000),
    });
  } catch (error) {
    const cause = error.cause?.code || error.name || 'ERROR';
    throw new TransientError(`NETWORK_${cause}`, `${operationName}: ${error.message} (${cause})`);
  }
  const text = await response.text();
  if (response.status >= 500) throw new TransientError(`HTTP_${response.status}`, `${operationName}: HTTP ${response.status}`);
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${operationName}: HTTP ${response.status}, not JSON: ${text.slice(0, 200)}`);
  }
  if (body.errors?.length) {
    const code = body.errors[0].extensions?.code || 'NO_CODE';
    const message = `${operationName}: ${code}: ${body.errors[0].message}`;
    // The server failed (a subgraph or the database unreachable): the same request may succeed later.
    if (code === 'INTERNAL_SERVER_ERROR' || code === 'SERVICE_UNAVAILABLE' || code === 'NO_CODE') {
      throw new TransientError(code, message);
    }
    throw Object.assign(new Error(message), { code });
  }
  return body.data;
}

/** For the seed: retries transient failures for a while, and fails on a userError. */
async function seedCall(bearer, operationName, query, variables, field) {
  const deadline = Date.now() + 60_000;
  for (let delay = 250; ; delay = Math.min(delay * 2, 2000)) {
    try {
      const data = await graphql(bearer, operationName, query, variables);
      const payload = data[field];
      if (payload?.userErrors?.length) throw new Error(`${operationName}: ${JSON.stringify(payload.userErrors)}`);
      return payload;
    } catch (error) {
      if (!(error instanceof TransientError) || Date.now() > deadline) throw error;
      await sleep(delay);
    }
  }
}

const UPSERT_LOCATION = `mutation UpsertLocation($input: UpsertLocationInput!) {
  upsertLocation(input: $input) { location { id name type } userErrors { field message code } }
}`;
const UPSERT_PRODUCT = `mutation UpsertProduct($input: UpsertProductInput!) {
  upsertProduct(input: $input) { product { id name variants { sku } } userErrors { field message code } }
}`;
const SET_STOCK = `mutation SetStock($input: SetStockInput!) {
  setStock(input: $input) { stock { sku onHand reserved available location { id } } userErrors { field message code } }
}`;
const REGISTER_CUSTOMER = `mutation RegisterCustomer($input: RegisterCustomerInput!) {
  registerCustomer(input: $input) { customer { id email } userErrors { field message code } }
}`;
const ENROLL_LOYALTY = `mutation EnrollLoyalty($customerId: ID!, $channel: Channel!) {
  enrollLoyalty(customerId: $customerId, channel: $channel) { account { cardNumber tier pointsBalance } userErrors { field message code } }
}`;
const RECORD_ENGAGEMENT = `mutation RecordEngagement($input: RecordEngagementInput!) {
  recordEngagement(input: $input) { entry { id points kind } userErrors { field message code } }
}`;
const PLACE_ORDER_WITH_TENDERS = `mutation PlaceOrderWithTenders(
  $customerId: ID
  $channel: Channel!
  $key: String!
  $lines: [OrderLineInput!]!
  $fulfillment: FulfillmentRequestInput!
  $couponCodes: [String!]
  $redeemPoints: Int
  $useStoreCredit: Boolean
  $giftCardCodes: [String!]
  $payment: ExternalPaymentInput
) {
  placeOrder(
    input: {
      customerId: $customerId
      channel: $channel
      idempotencyKey: $key
      lines: $lines
      fulfillment: $fulfillment
      couponCodes: $couponCodes
      redeemPoints: $redeemPoints
      useStoreCredit: $useStoreCredit
      giftCardCodes: $giftCardCodes
      payment: $payment
    }
  ) {
    order { id number total { cents currency } discount { cents currency } balanceDue { cents currency } payments { method amount { cents currency } } }
    userErrors { field message code }
  }
}`;

const usd = (cents) => ({ cents, currency: 'USD' });
const PRODUCTS = [
  {
    name: 'Drill Tee',
    brand: 'Drill',
    description: 'A tee for the fault drill.',
    categoryPath: ['Apparel', 'Tops'],
    attributes: [{ name: 'material', value: 'cotton' }],
    variants: ['S', 'M', 'L'].map((size) => ({
      sku: `DRILL-TEE-${size}`,
      attributes: [{ name: 'size', value: size }],
      price: usd(2500),
    })),
  },
  {
    name: 'Drill Mug',
    brand: 'Drill',
    description: 'A mug for the fault drill.',
    categoryPath: ['Home', 'Kitchen'],
    attributes: [{ name: 'material', value: 'ceramic' }],
    variants: [{ sku: 'DRILL-MUG', attributes: [{ name: 'color', value: 'white' }], price: usd(1200) }],
  },
  {
    // Scarce: a few units in the second store only, so some orders run out of stock.
    name: 'Drill Lamp',
    brand: 'Drill',
    description: 'A limited lamp for the fault drill.',
    categoryPath: ['Home', 'Lighting'],
    attributes: [{ name: 'material', value: 'brass' }],
    variants: [{ sku: 'DRILL-LAMP', attributes: [{ name: 'color', value: 'brass' }], price: usd(9900) }],
  },
];
const PLENTY_SKUS = ['DRILL-TEE-S', 'DRILL-TEE-M', 'DRILL-TEE-L', 'DRILL-MUG'];
const SCARCE_SKU = 'DRILL-LAMP';
const SCARCE_UNITS = 12;
const MEMBERS = 3; // customers 0..2 are loyalty members, the others are not
const STARTING_REVIEWS = 4; // PRODUCT_REVIEW engagements (50 points each) a member starts with

async function seed() {
  const admin = await token(['ADMIN', 'CSR'], `drill-seed-${RUN_ID}`);
  const locations = [];
  for (const [i, name] of ['Drill Store North', 'Drill Store South'].entries()) {
    const payload = await seedCall(
      admin,
      'UpsertLocation',
      UPSERT_LOCATION,
      {
        input: {
          name: `${name} ${RUN_ID}`,
          type: 'STORE',
          lat: 40.7 + i / 10,
          lng: -74 + i / 10,
          fulfillsOnline: true,
          pickupEnabled: true,
        },
      },
      'upsertLocation',
    );
    locations.push(payload.location.id);
  }
  for (const input of PRODUCTS) await seedCall(admin, 'UpsertProduct', UPSERT_PRODUCT, { input }, 'upsertProduct');
  const stock = [];
  for (const sku of PLENTY_SKUS) {
    stock.push([locations[0], sku, 5000], [locations[1], sku, 5000]);
  }
  stock.push([locations[1], SCARCE_SKU, SCARCE_UNITS]);
  for (const [locationId, sku, onHand] of stock) {
    await seedCall(admin, 'SetStock', SET_STOCK, { input: { locationId, sku, onHand } }, 'setStock');
  }
  const customers = [];
  for (let i = 0; i < CLIENTS; i++) {
    const payload = await seedCall(
      admin,
      'RegisterCustomer',
      REGISTER_CUSTOMER,
      {
        input: {
          email: `drill-${RUN_ID}-${i}@example.com`,
          firstName: `Drill${i}`,
          lastName: 'Shopper',
          channel: 'CALL_CENTER',
        },
      },
      'registerCustomer',
    );
    const member = i < MEMBERS;
    const customerId = payload.customer.id;
    if (member) {
      await seedCall(admin, 'EnrollLoyalty', ENROLL_LOYALTY, { customerId, channel: 'CALL_CENTER' }, 'enrollLoyalty');
      for (let r = 0; r < STARTING_REVIEWS; r++) {
        await seedCall(
          admin,
          'RecordEngagement',
          RECORD_ENGAGEMENT,
          { input: { customerId, kind: 'PRODUCT_REVIEW', channel: 'CALL_CENTER', ref: `drill-${RUN_ID}-review-${i}-${r}` } },
          'recordEngagement',
        );
      }
    }
    customers.push({ id: customerId, member });
  }
  const seeded = {
    runId: RUN_ID,
    locations,
    customers,
    plentySkus: PLENTY_SKUS,
    scarceSku: SCARCE_SKU,
    scarceUnits: SCARCE_UNITS,
  };
  writeFileSync(SEED_FILE, JSON.stringify(seeded, null, 2));
  log(
    `seeded ${locations.length} stores, ${PRODUCTS.length} products, ${customers.length} customers (${MEMBERS} loyalty members)`,
  );
}

// A small deterministic generator per client, so two runs send the same kind of baskets.
function random(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

function orderFor(seeded, client, n, rand) {
  const customer = seeded.customers[client];
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const scarce = rand() < 0.1;
  const lines = scarce
    ? [{ sku: seeded.scarceSku, quantity: 1 }]
    : [...new Set([pick(seeded.plentySkus), ...(rand() < 0.4 ? [pick(seeded.plentySkus)] : [])])].map((sku) => ({
        sku,
        quantity: 1 + Math.floor(rand() * 2),
      }));
  const pickupLocationId = scarce ? seeded.locations[1] : pick(seeded.locations);
  // Members pay part of every third order with points: a loyalty hold that the order spends.
  const redeemPoints = customer.member && n % 3 === 2 ? 40 : 0;
  return {
    customerId: customer.id,
    channel: 'CALL_CENTER',
    key: `drill-${seeded.runId}-c${client}-${n}`,
    lines,
    fulfillment: { type: 'PICKUP_IN_STORE', pickupLocationId },
    ...(redeemPoints ? { redeemPoints } : {}),
    payment: { provider: 'manual', token: `drill-card-${client}` },
  };
}

async function placeWithRetries(bearer, variables) {
  const started = Date.now();
  const transient = [];
  let attempts = 0;
  for (let delay = 250; ; delay = Math.min(delay * 2, 2000)) {
    attempts++;
    try {
      const data = await graphql(bearer, 'PlaceOrderWithTenders', PLACE_ORDER_WITH_TENDERS, variables);
      const payload = data.placeOrder;
      if (payload?.order)
        return { outcome: 'accepted', orderId: payload.order.id, number: payload.order.number, attempts, transient };
      const code = payload?.userErrors?.[0]?.code || 'NO_ORDER';
      return { outcome: 'failed', code, message: payload?.userErrors?.[0]?.message, attempts, transient };
    } catch (error) {
      if (!(error instanceof TransientError)) {
        return { outcome: 'failed', code: error.code || 'ERROR', message: error.message, attempts, transient };
      }
      transient.push(error.code);
      if (Date.now() - started + delay > ORDER_DEADLINE_MS) {
        return { outcome: 'failed', code: `GAVE_UP_AFTER_${error.code}`, message: error.message, attempts, transient };
      }
      await sleep(delay);
    }
  }
}

async function load() {
  const seeded = JSON.parse(readFileSync(SEED_FILE, 'utf8'));
  const started = Date.now();
  let sent = 0;
  const counts = { accepted: 0, failed: 0 };
  const stop = () => existsSync(STOP_FILE) || sent >= MAX_ORDERS || Date.now() - started > MAX_SECONDS * 1000;
  const progress = setInterval(
    () =>
      log(`${sent} sent, ${counts.accepted} accepted, ${counts.failed} failed (${Math.round((Date.now() - started) / 1000)} s)`),
    15_000,
  );
  const client = async (i) => {
    const bearer = await token(['CSR'], `drill-csr-${i}`);
    const rand = random(0x9e3779b9 ^ ((i + 1) * 7919));
    for (let n = 0; !stop(); n++) {
      sent++;
      const variables = orderFor(seeded, i, n, rand);
      const t0 = Date.now();
      setInflight(1);
      const result = await placeWithRetries(bearer, variables).finally(() => setInflight(-1));
      counts[result.outcome]++;
      const record = {
        key: variables.key,
        client: i,
        customerId: variables.customerId,
        member: seeded.customers[i].member,
        redeemPoints: variables.redeemPoints ?? 0,
        lines: variables.lines,
        ...result,
        ms: Date.now() - t0,
        at: new Date(t0).toISOString(),
      };
      appendFileSync(RESULTS_FILE, `${JSON.stringify(record)}\n`);
      await sleep(THINK_MS);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
  clearInterval(progress);
  log(
    `done: ${sent} sent, ${counts.accepted} accepted, ${counts.failed} failed in ${Math.round((Date.now() - started) / 1000)} s`,
  );
}

const command = process.argv[2];
const run = { seed, load }[command];
if (!run) {
  process.stderr.write('usage: node scripts/drill/load.mjs seed|load\n');
  process.exit(2);
}
run().catch((error) => {
  log(`error: ${error.stack || error.message}`);
  process.exit(1);
});
