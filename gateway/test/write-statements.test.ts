import { countStatements, send, startTestSystem, TEST_DATABASE_URL, type TestSystem } from './harness';

/**
 * What one order costs the databases: the SQL statements of a 2-line placeOrder in every
 * service, with everything its events set off (reservations, loyalty points, the CRM timeline,
 * catalog's recommendations), the outbox and de-duplication bookkeeping and BEGIN/COMMIT aside
 * (countStatements). The counts are pinned, so a new per-row statement shows up here.
 */
describe('statements per order', () => {
  let t: TestSystem;
  let customerId: string;
  let store: string;

  beforeAll(async () => {
    t = await startTestSystem();
    store = (
      await send(t.client, 'UpsertLocation', {
        input: { name: 'Bench Store', type: 'STORE', lat: 40.71, lng: -74.01, fulfillsOnline: true, pickupEnabled: true },
      })
    ).upsertLocation.location.id;
    for (const [name, sku, categoryPath] of [
      ['Rain Jacket', 'WS-RJ-M', ['Apparel', 'Outerwear']],
      ['Trail Bottle', 'WS-TB-1', ['Accessories', 'Drinkware']],
    ] as const) {
      await send(t.client, 'UpsertProduct', {
        input: { name, categoryPath, variants: [{ sku, price: { cents: 5000, currency: 'USD' } }] },
      });
      await send(t.client, 'SetStock', { input: { locationId: store, sku, onHand: 100 } });
    }
    customerId = (
      await send(t.client, 'RegisterCustomer', {
        input: { email: 'stmt@example.com', firstName: 'Sam', lastName: 'Counter', channel: 'WEB' },
      })
    ).registerCustomer.customer.id;
    await send(t.client, 'EnrollLoyalty', { customerId, channel: 'WEB' });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Waits until 300 ms pass without a statement in any service (the events before have settled). */
  const quiet = async () => {
    for (;;) {
      const counters = [...t.system.services.values()].map((service) => countStatements(service.db));
      await new Promise((resolve) => setTimeout(resolve, 300));
      counters.forEach((c) => c.stop());
      if (counters.every((c) => c.count() === 0)) return;
    }
  };

  /** Places a 2-line order and counts, per service, until 300 ms pass without a statement. */
  const placeAndCount = async (key: string) => {
    await quiet();
    const counters = [...t.system.services].map(([name, service]) => [name, countStatements(service.db)] as const);
    try {
      const { placeOrder } = await send(t.client, 'PlaceOrder', {
        input: {
          customerId,
          channel: 'WEB',
          idempotencyKey: key,
          lines: [
            { sku: 'WS-RJ-M', quantity: 1 },
            { sku: 'WS-TB-1', quantity: 2 },
          ],
          fulfillment: { type: 'PICKUP_IN_STORE', pickupLocationId: store },
        },
      });
      expect(placeOrder.userErrors).toEqual([]);
      let total = -1;
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        const now = counters.reduce((sum, [, c]) => sum + c.count(), 0);
        if (now === total) break;
        total = now;
      }
    } finally {
      counters.forEach(([, c]) => c.stop());
    }
    // DUMP_STATEMENTS=1 prints them, to find what to batch next.
    if (process.env.DUMP_STATEMENTS) for (const [name, c] of counters) console.log(name, c.statements.join('\n'));
    return Object.fromEntries(counters.map(([name, c]) => [name, c.count()]));
  };

  it('costs a fixed, small number of statements per service', async () => {
    // A first order warms what each process keeps (catalog's promotions, CRM's segment rules).
    await placeAndCount('stmt-warm');
    const first = await placeAndCount('stmt-1');
    const second = await placeAndCount('stmt-2');
    expect(second).toEqual(first);
    // The same on both dialects (but inventory's): inserts that give every value read nothing back.
    // Catalog: one pricing read (market, variants with categories, prices, tier), then its order
    // consumer's joined read, four multi-row upserts, and the tier read (the upsert only when it changed).
    // Inventory: routing reads locations with their stock, reserving locks the order's
    // reservations, then the stock rows, writes every row in one guarded UPDATE, the movements and
    // the reservations (on PostgreSQL all three in that one statement); confirming is one UPDATE.
    // Orders: the idempotency read, five inserts, the shopping-list read before any transaction
    // (stock changes nobody subscribed to cost nothing).
    // Loyalty: the account locked with its earn rules and rates, the earned lines, the balance
    // (reading back the tier's inputs) and the ledger entry.
    // CRM: orders' customer read; the order consumer's locked read of the customer with consents,
    // its timeline and message inserts and known_order; the engagement consumer's read, order fact
    // and score; the dispatcher's claim, sent mark and timeline entry; the points' activity UPDATE.
    expect(second).toEqual({ catalog: 7, inventory: TEST_DATABASE_URL ? 5 : 7, orders: 7, loyalty: 4, crm: 12 });
  });
});
