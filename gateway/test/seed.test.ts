import { isSeeded, seedDemoRetailer } from '../src/seed';
import { eventually, send, startTestSystem, type TestSystem } from './harness';

/** `pnpm start` seeds this on first start: it must keep working as the services grow. */
describe('demo retailer seed', () => {
  let t: TestSystem;

  beforeAll(async () => {
    t = await startTestSystem();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('seeds an empty system once, with orders from several channels and loyalty points', async () => {
    expect(await isSeeded(t.client)).toBe(false);
    const seeded = await seedDemoRetailer(t.client);
    expect(await isSeeded(t.client)).toBe(true);
    expect(new Set(seeded.orderNumbers.map((n) => n[0]))).toEqual(new Set(['W', 'S', 'C', 'A']));

    const ada = await eventually(
      () => send(t.client, 'CustomerLookup', { email: 'ada.lovelace@example.com' }).then((d) => d.customerLookup),
      (c) => c.loyalty.pointsBalance > 0,
    );
    const view = await t.client.request<any>(
      'query($id: ID!) { customer(id: $id) { channels orders(first: 5) { totalCount } } }',
      { id: ada.id },
    );
    expect(view.customer.orders.totalCount).toBe(3);
    expect([...view.customer.channels].sort()).toEqual(['CALL_CENTER', 'STORE', 'WEB']);

    // Every demo order is paid in full; the web and app orders ship to the shopper's address.
    for (const number of seeded.orderNumbers) {
      const order = (await send(t.client, 'OrderPayments', { number })).orderByNumber;
      expect(order.balanceDue.cents).toBe(0);
      if (number.startsWith('W') || number.startsWith('A')) expect(order.shippingAddress).toMatchObject({ country: 'US' });
    }
  });
});
