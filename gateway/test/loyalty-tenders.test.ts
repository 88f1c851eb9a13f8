import { randomUUID } from 'node:crypto';
import { newEnvelope } from '@omni/platform';
import { LedgerEntry, LoyaltyAccount } from '../../services/loyalty/src/entities/account';
import { giftCardHash } from '../../services/loyalty/src/domain/stored-value';
import { Hold, StoredValueAccount } from '../../services/loyalty/src/entities/stored-value';
import { loyaltySettings } from '../../services/loyalty/src/settings';
import { eventually, send, startTestSystem, type TestSystem } from './harness';

/**
 * Loyalty tenders end to end: an order placed through orders with points, store credit and a
 * gift card spends each hold when orders publishes `orders.payment.captured`; cancelling it
 * gives each back where it came from (`orders.payment.refunded`) and takes back the points the
 * order earned (`orders.order.cancelled`).
 */
describe('loyalty tenders through orders', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem();
  });
  afterAll(async () => {
    await t?.close();
  });

  const loyaltyDb = () => t.system.services.get('loyalty')!.db;
  const publish = (type: string, payload: unknown) => t.system.bus.publish(newEnvelope(type, payload, 'WEB'));
  const until = <T>(probe: () => Promise<T>, done: (value: T) => boolean) => eventually(probe, done, 15_000);

  it('spends every loyalty tender once the order commits and gives each back when it is cancelled', async () => {
    await send(t.client, 'UpsertProduct', {
      input: { name: 'Tender Boot', variants: [{ sku: 'TB-1', attributes: [], price: { cents: 10000, currency: 'USD' } }] },
    });
    const store = await send(t.client, 'UpsertLocation', {
      input: { name: 'Tender Store', type: 'STORE', lat: 40.7, lng: -74.0, fulfillsOnline: true, pickupEnabled: true },
    });
    await send(t.client, 'SetStock', { input: { locationId: store.upsertLocation.location.id, sku: 'TB-1', onHand: 5 } });
    const registered = await send(t.client, 'RegisterCustomer', {
      input: { email: `tenders.${randomUUID().slice(0, 8)}@example.com`, firstName: 'Tess', lastName: 'Tender', channel: 'WEB' },
    });
    const customerId: string = registered.registerCustomer.customer.id;
    await send(t.client, 'EnrollLoyalty', { customerId, channel: 'WEB' });
    const db = loyaltyDb();
    const account = await db.getRepository(LoyaltyAccount).findOneByOrFail({ customerId });

    // 1,000 points from an earlier order, 20.00 of store credit from a return, a 30.00 gift card.
    await publish('orders.order.placed', {
      orderId: randomUUID(),
      number: 'EARLIER-1',
      customerId,
      channel: 'WEB',
      currency: 'USD',
      subtotalCents: 100000,
      discountCents: 0,
      totalCents: 100000,
      lines: [{ lineId: randomUUID(), sku: 'X', quantity: 1, unitPriceCents: 100000 }],
    });
    await publish('orders.return.received', {
      returnId: randomUUID(),
      orderId: randomUUID(),
      customerId,
      locationId: 'store-1',
      resolution: 'STORE_CREDIT',
      refundCents: 2000,
      currency: 'USD',
      exchangeOrderId: null,
      lines: [],
    });
    const issued = await send(t.client, 'IssueGiftCard', {
      input: { amount: { cents: 3000, currency: 'USD' }, channel: 'STORE', idempotencyKey: randomUUID() },
    });
    const code: string = issued.issueGiftCard.giftCard.code;
    const card = await db.getRepository(StoredValueAccount).findOneByOrFail({
      codeHash: giftCardHash(code, loyaltySettings().giftCardSecret),
    });
    const wallet = () => db.getRepository(StoredValueAccount).findOneBy({ customerId });
    const points = async () => (await db.getRepository(LoyaltyAccount).findOneByOrFail({ id: account.id })).pointsBalance;
    const cardCents = async () => (await db.getRepository(StoredValueAccount).findOneByOrFail({ id: card.id })).balanceCents;
    expect(await until(points, (p) => p === 1000)).toBe(1000);
    expect((await until(wallet, (w) => w?.balanceCents === 2000))?.balanceCents).toBe(2000);

    const placed = await send(t.client, 'PlaceOrderWithTenders', {
      customerId,
      channel: 'CALL_CENTER',
      key: randomUUID(),
      lines: [{ sku: 'TB-1', quantity: 1 }],
      fulfillment: { type: 'SHIP', address: { line1: '1 Main St', city: 'New York', postalCode: '10001', country: 'US' } },
      redeemPoints: 500,
      useStoreCredit: true,
      giftCardCodes: [code],
      payment: { provider: 'manual', token: 'terminal-1' },
    }).catch((error: Error) => ({ error }));
    if ('error' in placed) throw placed.error;
    expect(placed.placeOrder.userErrors).toEqual([]);
    const order = placed.placeOrder.order;

    // Captured: each hold spent once, by the event.
    expect(await until(cardCents, (c) => c === 0)).toBe(0);
    expect((await until(wallet, (w) => w?.balanceCents === 0))?.balanceCents).toBe(0);
    const burn = await until(
      () => db.getRepository(LedgerEntry).findOneBy({ accountId: account.id, kind: 'BURN' as never }),
      (e) => !!e,
    );
    expect(burn).toMatchObject({ points: -500, orderId: order.id });
    const holds = await db.getRepository(Hold).find({ where: { status: 'CAPTURED' as never } });
    expect(holds.length).toBeGreaterThanOrEqual(3);

    // Cancelled: every tender back where it came from, once.
    const cancelled = await send(t.client, 'CancelOrder', { orderId: order.id, channel: 'CALL_CENTER', reason: 'test' });
    expect(cancelled.cancelOrder.userErrors).toEqual([]);
    expect(await until(cardCents, (c) => c === 3000)).toBe(3000);
    expect((await until(wallet, (w) => w?.balanceCents === 2000))?.balanceCents).toBe(2000);
    const refund = await until(
      () => db.getRepository(LedgerEntry).findOneBy({ accountId: account.id, kind: 'REFUND' as never }),
      (e) => !!e,
    );
    expect(refund).toMatchObject({ points: 500, orderId: order.id });
    // The points this order earned are taken back too: the balance is where it started.
    expect(await until(points, (p) => p === 1000)).toBe(1000);
  });
});
