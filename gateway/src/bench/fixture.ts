import type { GatewayClient } from '../client';
import { isSeeded, seedDemoRetailer } from '../seed';

/** What the cases load: the demo retailer plus the bench's own products, stock and shoppers. */
export interface Fixture {
  /** Ada, of the demo retailer: Customer360's customer. */
  customerId: string;
  /** Shoppers placing the bench's orders, each enrolled in loyalty. */
  shoppers: string[];
  /** Customers with exactly 5 and 50 orders. */
  fiveOrders: string;
  fiftyOrders: string;
  /** Stores taking pickups: where the bench's orders are collected. */
  stores: string[];
  /** Every location: where reservations are made. */
  locations: string[];
  /** SKUs with deep stock at every location. */
  skus: string[];
}

export const BENCH_SKUS = Array.from({ length: 20 }, (_, i) => `BENCH-SOCK-${String(i + 1).padStart(2, '0')}`);
const SHOPPERS = 10;

type UserError = { code: string; message: string };
/** Enough for the run never to sell out nor to need a transfer. */
const DEEP_STOCK = 10_000_000;

const BENCH_IDS = `query BenchIds($email: String!) {
  locations { id name type pickupEnabled }
  customerLookup(email: $email) { id }
  variant(sku: "${BENCH_SKUS[0]}") { sku }
}`;
const CUSTOMER_BY_EMAIL = `query BenchCustomer($email: String!) { customerLookup(email: $email) { id } }`;
const UPSERT_PRODUCT = `mutation UpsertProduct($input: UpsertProductInput!) {
  upsertProduct(input: $input) { product { id } userErrors { field message code } }
}`;
const SET_STOCK = `mutation SetStock($input: SetStockInput!) {
  setStock(input: $input) { stock { sku onHand } userErrors { field message code } }
}`;
const REGISTER_CUSTOMER = `mutation RegisterCustomer($input: RegisterCustomerInput!) {
  registerCustomer(input: $input) { customer { id } userErrors { field message code } }
}`;
const ENROLL_LOYALTY = `mutation EnrollLoyalty($customerId: ID!, $channel: Channel!) {
  enrollLoyalty(customerId: $customerId, channel: $channel) { account { cardNumber } userErrors { field message code } }
}`;
export const PLACE_ORDER = `mutation PlaceOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) { order { id number status total { cents currency } } userErrors { field message code } }
}`;

/** One product in 20 sizes: 20 SKUs, so the bench's orders and reservations spread over many stock rows. */
const BENCH_PRODUCT = {
  name: 'Bench Crew Sock',
  brand: 'Northfield',
  description: 'Cotton crew sock.',
  categoryPath: ['Apparel', 'Socks'],
  variants: BENCH_SKUS.map((sku, i) => ({
    sku,
    attributes: [{ name: 'size', value: String(i + 1) }],
    price: { cents: 900 + i * 10, currency: 'USD' },
  })),
};

/** A customer by e-mail, registered (and enrolled in loyalty) the first time. */
async function customer(admin: GatewayClient, email: string, firstName: string): Promise<string> {
  const found = await admin.request<{ customerLookup: { id: string } | null }>(CUSTOMER_BY_EMAIL, { email });
  if (found.customerLookup) return found.customerLookup.id;
  const input = { email, firstName, lastName: 'Bench', channel: 'WEB' };
  const data = await admin.mutate<{ registerCustomer: { customer: { id: string }; userErrors: UserError[] } }>(
    REGISTER_CUSTOMER,
    { input },
    'RegisterCustomer',
  );
  const id = data.registerCustomer.customer.id;
  await admin.mutate(ENROLL_LOYALTY, { customerId: id, channel: 'WEB' }, 'EnrollLoyalty');
  return id;
}

/**
 * The order `n` of a run: two of the 20 SKUs, picked up at one of the stores, by one of the
 * shoppers; consecutive orders touch different stock rows and shoppers.
 */
export function benchOrder(fixture: Fixture, customerId: string, n: number, idempotencyKey: string) {
  const first = n % BENCH_SKUS.length;
  let second = (n * 7 + 3) % BENCH_SKUS.length;
  if (second === first) second = (first + 1) % BENCH_SKUS.length;
  return {
    customerId,
    channel: 'CALL_CENTER',
    idempotencyKey,
    lines: [
      { sku: BENCH_SKUS[first], quantity: 1 },
      { sku: BENCH_SKUS[second], quantity: 1 },
    ],
    fulfillment: { type: 'PICKUP_IN_STORE', pickupLocationId: fixture.stores[n % fixture.stores.length] },
  };
}

/** Places orders for `customerId` until it has `count` of the bench's (a repeat adds none: fixed keys). */
async function orderHistory(admin: GatewayClient, fixture: Fixture, customerId: string, count: number): Promise<void> {
  for (let n = 0; n < count; n++) {
    const input = benchOrder(fixture, customerId, n, `bench-history-${customerId}-${n}`);
    await admin.mutate(PLACE_ORDER, { input }, 'PlaceOrder');
  }
}

/** Seeds the demo retailer (unless seeded) and what the cases need; idempotent, so a seeded system can be measured again. */
export async function prepareFixture(admin: GatewayClient): Promise<Fixture> {
  if (!(await isSeeded(admin))) await seedDemoRetailer(admin);
  const ids = await admin.request<{
    locations: { id: string; name: string; type: string; pickupEnabled: boolean }[];
    customerLookup: { id: string };
    variant: { sku: string } | null;
  }>(BENCH_IDS, { email: 'ada.lovelace@example.com' });
  if (!ids.variant) await admin.mutate(UPSERT_PRODUCT, { input: BENCH_PRODUCT }, 'UpsertProduct');
  const locations = ids.locations.map((l) => l.id);
  for (const locationId of locations) {
    for (const sku of BENCH_SKUS) {
      await admin.mutate(SET_STOCK, { input: { locationId, sku, onHand: DEEP_STOCK } }, 'SetStock');
    }
  }
  const shoppers: string[] = [];
  for (let i = 1; i <= SHOPPERS; i++) shoppers.push(await customer(admin, `bench.shopper.${i}@example.com`, `Shopper${i}`));
  const fixture: Fixture = {
    customerId: ids.customerLookup.id,
    shoppers,
    fiveOrders: await customer(admin, 'bench.five.orders@example.com', 'Five'),
    fiftyOrders: await customer(admin, 'bench.fifty.orders@example.com', 'Fifty'),
    stores: ids.locations.filter((l) => l.type === 'STORE' && l.pickupEnabled).map((l) => l.id),
    locations,
    skus: BENCH_SKUS,
  };
  await orderHistory(admin, fixture, fixture.fiveOrders, 5);
  await orderHistory(admin, fixture, fixture.fiftyOrders, 50);
  return fixture;
}
