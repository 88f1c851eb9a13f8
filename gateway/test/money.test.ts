import { randomUUID } from 'node:crypto';
import { newEnvelope } from '@omni/platform';
import { paymentProvider, type TestProvider } from '../../services/orders/src/payments/provider';
import { resetOrderSettings } from '../../services/orders/src/settings';
import { Order } from '../../services/orders/src/entities/order';
import { OrderPayment } from '../../services/orders/src/entities/payment';
import { LedgerEntry } from '../../services/loyalty/src/entities/account';
import { StoredValueEntry } from '../../services/loyalty/src/entities/stored-value';
import { CustomerMessage } from '../../services/crm/src/entities/message';
import { ProductVariant } from '../../services/catalog/src/entities/product';
import { In } from 'typeorm';
import type { GatewayClient } from '../src/client';
import { contractOperation, eventually, send, startTestSystem, type TestSystem } from './harness';

/**
 * The order's money, as the channels use it through the gateway with their own tokens: every
 * tender recorded, one price in every channel, refunds back to where the money came from, changes
 * that cost more collect more. Each journey checks the numbers to the cent.
 */
describe('the money of an order', () => {
  let t: TestSystem;
  let store: string;
  let partnerA: GatewayClient;
  let partnerB: GatewayClient;
  let csr: GatewayClient;
  const ADDRESS = { line1: '1 Main St', city: 'New York', postalCode: '10001', country: 'US', lat: 40.7, lng: -74.0 };
  const until = <T>(probe: () => Promise<T>, done: (value: T) => boolean) => eventually(probe, done, 15_000);

  beforeAll(async () => {
    t = await startTestSystem();
    csr = t.client;
    const product = (sku: string, cents: number) =>
      send(t.client, 'UpsertProduct', {
        input: { name: `Product ${sku}`, variants: [{ sku, attributes: [], price: { cents, currency: 'USD' } }] },
      });
    await product('BOOT-89', 8900);
    await product('TEE-24', 2400);
    await product('JKT-129', 12900);
    await product('SOCK-5', 500);
    const location = await send(t.client, 'UpsertLocation', {
      input: { name: 'Money Store', type: 'STORE', lat: 40.7, lng: -74.0, fulfillsOnline: true, pickupEnabled: true },
    });
    store = location.upsertLocation.location.id;
    for (const sku of ['BOOT-89', 'TEE-24', 'JKT-129', 'SOCK-5']) {
      await send(t.client, 'SetStock', { input: { locationId: store, sku, onHand: 500 } });
    }
    // 10% off every order of 100.00 or more, on every channel; a 5.00 coupon.
    await send(t.client, 'CreatePromotion', {
      input: { name: 'Ten percent over 100', kind: 'PERCENT_OFF', value: 10, minSubtotal: { cents: 10000, currency: 'USD' } },
    });
    await send(t.client, 'CreatePromotion', {
      input: { name: 'Five off', code: 'FIVE', kind: 'AMOUNT_OFF', value: 500, currency: 'USD' },
    });
    partnerA = await t.signedIn({ role: 'PARTNER', partnerId: 'market-a', subject: 'market-a' });
    partnerB = await t.signedIn({ role: 'PARTNER', partnerId: 'market-b', subject: 'market-b' });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A shopper with loyalty points and store credit, signed in on their own token. */
  async function shopper(points = 0, storeCreditCents = 0) {
    const registered = await send(t.client, 'RegisterCustomer', {
      input: { email: `money.${randomUUID().slice(0, 8)}@example.com`, firstName: 'Mo', lastName: 'Ney', channel: 'WEB' },
    });
    const id: string = registered.registerCustomer.customer.id;
    await send(t.client, 'EnrollLoyalty', { customerId: id, channel: 'WEB' });
    if (points > 0) await grantPoints(id, points);
    if (storeCreditCents > 0) await grantStoreCredit(id, storeCreditCents);
    const client = await t.signedIn({ role: 'CUSTOMER', customerId: id, subject: id });
    return { id, client };
  }

  /** Points as an earlier purchase earns them (the default rule: 1 point per 1.00). */
  async function grantPoints(customerId: string, points: number) {
    const before = await wallet(customerId);
    await t.system.bus.publish(
      newEnvelope(
        'orders.order.placed',
        {
          orderId: randomUUID(),
          number: `EARLIER-${randomUUID().slice(0, 6)}`,
          customerId,
          channel: 'WEB',
          currency: 'USD',
          subtotalCents: points * 100,
          discountCents: 0,
          totalCents: points * 100,
          lines: [{ lineId: randomUUID(), sku: 'X', quantity: 1, unitPriceCents: points * 100 }],
        },
        'WEB',
      ),
    );
    await until(
      () => wallet(customerId),
      (w) => w.points >= before.points + points,
    );
  }

  async function grantStoreCredit(customerId: string, cents: number) {
    await t.system.bus.publish(
      newEnvelope(
        'orders.return.received',
        {
          returnId: randomUUID(),
          orderId: randomUUID(),
          customerId,
          locationId: 'store-1',
          resolution: 'STORE_CREDIT',
          refundCents: cents,
          currency: 'USD',
          exchangeOrderId: null,
          lines: [],
        },
        'WEB',
      ),
    );
    await until(
      () => wallet(customerId),
      (w) => w.storeCredit === cents,
    );
  }

  /** What the shopper holds, as a CSR sees it in the Customer360. */
  async function wallet(customerId: string): Promise<{ points: number; storeCredit: number; ledger: any[] }> {
    const { customer } = await send(csr, 'Customer360', { id: customerId });
    return {
      points: customer.loyalty?.pointsBalance ?? 0,
      storeCredit: customer.storeCredit?.cents ?? 0,
      ledger: customer.loyalty?.ledger.edges.map((e: any) => e.node) ?? [],
    };
  }

  const payments = async (number: string) => (await send(csr, 'OrderPayments', { number })).orderByNumber;

  async function cartWith(client: GatewayClient, channel: string, lines: [string, number][], customerId?: string) {
    const created = await send(client, 'CreateCart', { input: { channel, customerId } });
    const cartId: string = created.createCart.cart.id;
    for (const [sku, quantity] of lines) await send(client, 'AddCartLine', { cartId, sku, quantity });
    return cartId;
  }

  const pickup = () => ({ type: 'PICKUP_IN_STORE', pickupLocationId: store });

  it('prices the same basket the same in every channel: cart checkout and placeOrder alike', async () => {
    const web = await shopper();
    const basket: [string, number][] = [['BOOT-89', 2]];
    const totals = [];
    for (const channel of ['WEB', 'MOBILE_APP']) {
      const cartId = await cartWith(web.client, channel, basket, web.id);
      const out = await send(web.client, 'CheckoutWithTenders', { cartId, key: randomUUID(), fulfillment: pickup() });
      expect(out.checkout.userErrors).toEqual([]);
      totals.push((await payments(out.checkout.order.number)) as any);
    }
    const placers: [string, GatewayClient][] = [
      ['STORE', await t.associateAt(store)],
      ['CALL_CENTER', csr],
      ['PARTNER', partnerA],
    ];
    for (const [channel, client] of placers) {
      const out = await send(client, 'PlaceOrderWithTenders', {
        customerId: channel === 'PARTNER' ? null : web.id,
        channel,
        key: randomUUID(),
        lines: basket.map(([sku, quantity]) => ({ sku, quantity })),
        fulfillment: pickup(),
      });
      expect(out.placeOrder.userErrors).toEqual([]);
      totals.push(await payments(out.placeOrder.order.number));
    }
    for (const order of totals) {
      expect({ subtotal: order.subtotal.cents, discount: order.discount.cents, total: order.total.cents }).toEqual({
        subtotal: 17800,
        discount: 1780,
        total: 16020,
      });
      expect(order.lines[0].discount.cents).toBe(1780);
      expect(order.balanceDue.cents).toBe(16020);
      expect(order.payments).toEqual([]);
    }
  });

  it('refunds a cancelled order to its points, store credit and card, and takes back the points it earned', async () => {
    const maya = await shopper(1000, 2000);
    const before = await wallet(maya.id);
    const cartId = await cartWith(maya.client, 'WEB', [['TEE-24', 1]], maya.id);
    const out = await send(maya.client, 'CheckoutWithTenders', {
      cartId,
      key: randomUUID(),
      fulfillment: pickup(),
      redeemPoints: 100,
      useStoreCredit: true,
      payment: { provider: 'test', token: 'tok_visa' },
    });
    expect(out.checkout.userErrors).toEqual([]);
    const order = out.checkout.order;
    expect(order.total.cents).toBe(2400);
    expect(order.balanceDue.cents).toBe(0);
    expect(order.payments).toEqual([
      { method: 'POINTS', amount: { cents: 100, currency: 'USD' } },
      { method: 'STORE_CREDIT', amount: { cents: 2000, currency: 'USD' } },
      { method: 'CARD', amount: { cents: 300, currency: 'USD' } },
    ]);
    // Loyalty spends the holds when the order's commit is published; the order earns 24 points.
    const spent = await until(
      () => wallet(maya.id),
      (w) => w.storeCredit === 0 && w.points === before.points - 100 + 24,
    );
    expect(spent).toMatchObject({ points: 924, storeCredit: 0 });

    const cancelled = await send(maya.client, 'CancelOrder', { orderId: order.id, channel: 'WEB', reason: 'changed my mind' });
    expect(cancelled.cancelOrder.userErrors).toEqual([]);
    const after = await payments(order.number);
    expect(after.total.cents).toBe(0);
    expect(after.balanceDue.cents).toBe(0);
    expect(after.payments.map((p: any) => [p.method, p.status, p.amount.cents, p.refunded.cents])).toEqual([
      ['POINTS', 'REFUNDED', 100, 100],
      ['STORE_CREDIT', 'REFUNDED', 2000, 2000],
      ['CARD', 'REFUNDED', 300, 300],
    ]);
    const back = await until(
      () => wallet(maya.id),
      (w) => w.storeCredit === 2000 && w.points === 1000,
    );
    expect(back).toMatchObject({ points: 1000, storeCredit: 2000 });
    // The timeline shows the cancellation with what the order costs now.
    const timeline = await until(
      async () => (await send(csr, 'Customer360', { id: maya.id })).customer.interactions.edges.map((e: any) => e.node),
      (nodes) => nodes.some((n: any) => n.kind === 'ORDER_CANCELLED'),
    );
    expect(timeline.find((n: any) => n.kind === 'ORDER_CANCELLED').summary).toMatch(`Cancelled order ${order.number}: total now`);
    const card = (paymentProvider('test') as TestProvider).payments;
    expect([...card.values()].filter((p) => p.token === 'tok_visa' && p.authorized === 300)).toEqual([
      expect.objectContaining({ captured: 300, refunded: 300 }),
    ]);
  });

  it('returns an order paid with store credit to store credit, and one paid with points to points', async () => {
    const lea = await shopper(600, 5000);
    const associate = await t.associateAt(store);
    const carryOut = (tenders: Record<string, unknown>, sku: string) =>
      send(associate, 'PlaceOrderWithTenders', {
        customerId: lea.id,
        channel: 'STORE',
        key: randomUUID(),
        lines: [{ sku, quantity: 1 }],
        fulfillment: { type: 'CARRY_OUT', pickupLocationId: store },
        ...tenders,
      });
    const byCredit = (await carryOut({ useStoreCredit: true }, 'TEE-24')).placeOrder.order;
    const byPoints = (await carryOut({ redeemPoints: 500 }, 'SOCK-5')).placeOrder.order;
    expect(byCredit.payments).toEqual([{ method: 'STORE_CREDIT', amount: { cents: 2400, currency: 'USD' } }]);
    expect(byPoints.payments).toEqual([{ method: 'POINTS', amount: { cents: 500, currency: 'USD' } }]);
    // 24 + 5 points earned; 500 spent; 24.00 of credit spent.
    await until(
      () => wallet(lea.id),
      (w) => w.storeCredit === 2600 && w.points === 600 - 500 + 29,
    );

    for (const order of [byCredit, byPoints]) {
      const full = await payments(order.number);
      const created = await send(lea.client, 'CreateReturn', {
        input: {
          orderId: order.id,
          channel: 'WEB',
          idempotencyKey: randomUUID(),
          method: 'IN_STORE',
          locationId: store,
          resolution: 'REFUND',
          lines: [{ orderLineId: full.lines[0].id, quantity: 1, reason: 'too small' }],
        },
      });
      expect(created.createReturn.userErrors).toEqual([]);
      const received = await send(associate, 'ReceiveReturn', {
        input: {
          returnId: created.createReturn.return.id,
          locationId: store,
          lines: [{ orderLineId: full.lines[0].id, quantity: 1, restockable: true }],
        },
      });
      expect(received.receiveReturn.userErrors).toEqual([]);
      const after = await payments(order.number);
      expect(after.payments.map((p: any) => [p.method, p.status, p.refunded.cents])).toEqual([
        [order.payments[0].method, 'REFUNDED', order.total.cents],
      ]);
      expect(after.total.cents).toBe(0);
      expect(after.balanceDue.cents).toBe(0);
    }
    // Both tenders back; the points both orders earned taken back.
    const back = await until(
      () => wallet(lea.id),
      (w) => w.storeCredit === 5000 && w.points === 600,
    );
    expect(back).toMatchObject({ storeCredit: 5000, points: 600 });
  });

  it('re-prices a modified order with the promotion rules and refunds the difference to the card', async () => {
    const cartOwner = await shopper();
    const cartId = await cartWith(
      cartOwner.client,
      'WEB',
      [
        ['BOOT-89', 1],
        ['TEE-24', 1],
      ],
      cartOwner.id,
    );
    expect((await send(cartOwner.client, 'ApplyCoupon', { cartId, code: 'FIVE' })).applyCoupon.userErrors).toEqual([]);
    const out = await send(cartOwner.client, 'CheckoutWithTenders', {
      cartId,
      key: randomUUID(),
      fulfillment: { type: 'SHIP', address: ADDRESS },
      payment: { provider: 'test', token: 'tok_visa' },
    });
    expect(out.checkout.userErrors).toEqual([]);
    // 113.00 less 10% (11.30) less the coupon (5.00).
    expect(out.checkout.order.total.cents).toBe(9670);
    const placed = await payments(out.checkout.order.number);
    expect(placed.shippingAddress).toEqual({ line1: '1 Main St', city: 'New York', postalCode: '10001', country: 'US' });
    const boot = placed.lines.find((l: any) => l.sku === 'BOOT-89');

    const modified = await send(cartOwner.client, 'ModifyOrder', {
      input: { orderId: placed.id, channel: 'WEB', changes: [{ lineId: boot.id, quantity: 0 }] },
    });
    expect(modified.modifyOrder.userErrors).toEqual([]);
    // 24.00 no longer reaches the 10% threshold; the coupon still gives 5.00.
    expect(modified.modifyOrder.order.total.cents).toBe(1900);
    const after = await payments(placed.number);
    expect(after.discount.cents).toBe(500);
    expect(after.payments.map((p: any) => [p.method, p.status, p.amount.cents, p.refunded.cents])).toEqual([
      ['CARD', 'PARTIALLY_REFUNDED', 9670, 7770],
    ]);
    expect(after.balanceDue.cents).toBe(0);
  });

  it('collects the difference when an exchange is for a dearer item, and records it on the new order', async () => {
    const ola = await shopper();
    const associate = await t.associateAt(store);
    const placed = await send(associate, 'PlaceOrderWithTenders', {
      customerId: ola.id,
      channel: 'STORE',
      key: randomUUID(),
      lines: [{ sku: 'TEE-24', quantity: 1 }],
      fulfillment: { type: 'CARRY_OUT', pickupLocationId: store },
      payment: { provider: 'manual', token: 'terminal-7' },
    });
    const order = await payments(placed.placeOrder.order.number);
    const created = await send(associate, 'CreateReturn', {
      input: {
        orderId: order.id,
        channel: 'STORE',
        idempotencyKey: randomUUID(),
        method: 'IN_STORE',
        locationId: store,
        resolution: 'EXCHANGE',
        lines: [{ orderLineId: order.lines[0].id, quantity: 1, reason: 'wants the jacket', exchangeSku: 'JKT-129' }],
        exchangeFulfillment: { type: 'CARRY_OUT', pickupLocationId: store },
      },
    });
    expect(created.createReturn.userErrors).toEqual([]);
    const received = await send(associate, 'ReceiveReturn', {
      input: {
        returnId: created.createReturn.return.id,
        locationId: store,
        lines: [{ orderLineId: order.lines[0].id, quantity: 1, restockable: true }],
        payment: { provider: 'manual', token: 'terminal-7' },
      },
    });
    expect(received.receiveReturn.userErrors).toEqual([]);
    const exchange = await payments(received.receiveReturn.return.exchangeOrder.number);
    // 129.00 less 10% (12.90) = 116.10; the tee's 24.00 pays part, the card the other 92.10.
    expect({ subtotal: exchange.subtotal.cents, discount: exchange.discount.cents, total: exchange.total.cents }).toEqual({
      subtotal: 12900,
      discount: 1290 + 2400,
      total: 9210,
    });
    expect(exchange.payments.map((p: any) => [p.method, p.amount.cents])).toEqual([['CARD', 9210]]);
    expect(exchange.balanceDue.cents).toBe(0);
    const original = await payments(order.number);
    expect(original.total.cents).toBe(0);
    expect(original.balanceDue.cents).toBe(0);
    expect(original.payments[0].refunded.cents).toBe(0);
  });

  it('refunds the difference when an exchange is for a cheaper item, to the tenders of the order', async () => {
    const associate = await t.associateAt(store);
    const placed = await send(associate, 'PlaceOrderWithTenders', {
      channel: 'STORE',
      key: randomUUID(),
      lines: [{ sku: 'BOOT-89', quantity: 1 }],
      fulfillment: { type: 'CARRY_OUT', pickupLocationId: store },
      payment: { provider: 'test', token: 'tok_visa' },
    });
    const order = await payments(placed.placeOrder.order.number);
    const created = await send(associate, 'CreateReturn', {
      input: {
        orderId: order.id,
        channel: 'STORE',
        idempotencyKey: randomUUID(),
        method: 'IN_STORE',
        locationId: store,
        resolution: 'EXCHANGE',
        lines: [{ orderLineId: order.lines[0].id, quantity: 1, reason: 'wants the tee', exchangeSku: 'TEE-24' }],
        exchangeFulfillment: { type: 'CARRY_OUT', pickupLocationId: store },
      },
    });
    const received = await send(associate, 'ReceiveReturn', {
      input: {
        returnId: created.createReturn.return.id,
        locationId: store,
        lines: [{ orderLineId: order.lines[0].id, quantity: 1, restockable: true }],
      },
    });
    expect(received.receiveReturn.userErrors).toEqual([]);
    // The boots paid 89.00: 24.00 goes to the tee, 65.00 back to the card.
    expect(received.receiveReturn.return.refund).toEqual({ cents: 6500, currency: 'USD' });
    const exchange = await payments(received.receiveReturn.return.exchangeOrder.number);
    expect({ total: exchange.total.cents, balanceDue: exchange.balanceDue.cents }).toEqual({ total: 0, balanceDue: 0 });
    const original = await payments(order.number);
    expect(original.payments.map((p: any) => [p.method, p.status, p.refunded.cents])).toEqual([
      ['CARD', 'PARTIALLY_REFUNDED', 6500],
    ]);
    expect(original.balanceDue.cents).toBe(0);
  });

  it('refuses more points than the shopper holds, and gives nothing else away for it', async () => {
    const few = await shopper(50);
    const cartId = await cartWith(few.client, 'WEB', [['TEE-24', 1]], few.id);
    const out = await send(few.client, 'CheckoutWithTenders', {
      cartId,
      key: randomUUID(),
      fulfillment: pickup(),
      redeemPoints: 100,
      useStoreCredit: true,
    });
    expect(out.checkout.userErrors.map((e: any) => [e.code, e.field])).toEqual([
      ['INSUFFICIENT_POINTS', ['input', 'redeemPoints']],
    ]);
    expect((await wallet(few.id)).points).toBe(50);
  });

  it('spends gift cards in any channel, refuses bad tenders, and holds nothing for a refused attempt', async () => {
    const issue = async (cents: number, currency = 'USD') =>
      (
        await send(csr, 'IssueGiftCard', {
          input: { amount: { cents, currency }, channel: 'STORE', idempotencyKey: randomUUID() },
        })
      ).issueGiftCard.giftCard.code as string;
    const code = await issue(3000);
    const euro = await issue(3000, 'EUR');
    const guestCart = () => cartWith(t.anonymous, 'WEB', [['TEE-24', 1]]);
    const checkout = async (extra: Record<string, unknown>) =>
      (
        await send(t.anonymous, 'CheckoutWithTenders', {
          cartId: await guestCart(),
          key: randomUUID(),
          fulfillment: { type: 'SHIP', address: ADDRESS },
          email: 'guest@example.com',
          ...extra,
        })
      ).checkout;
    const codes = async (extra: Record<string, unknown>) => (await checkout(extra)).userErrors.map((e: any) => e.code);

    expect(await codes({ giftCardCodes: [code, code] })).toEqual(['DUPLICATE_GIFT_CARD']);
    expect(await codes({ giftCardCodes: ['NOPE-NOPE-NOPE-NOPE'] })).toEqual(['UNKNOWN_GIFT_CARD']);
    expect(await codes({ giftCardCodes: [euro] })).toEqual(['CURRENCY_MISMATCH']);
    expect(await codes({ payment: { provider: 'stripe-ish', token: 'x' } })).toEqual(['UNKNOWN_PAYMENT_PROVIDER']);
    expect(await codes({ redeemPoints: -5 })).toEqual(['INVALID_POINTS']);
    expect(await codes({ redeemPoints: 100 })).toEqual(['CUSTOMER_REQUIRED']);
    expect(await codes({ fulfillment: { type: 'SHIP' } })).toEqual(['ADDRESS_REQUIRED']);
    expect(await codes({ email: null })).toEqual(['EMAIL_REQUIRED']);
    // A declined card gives back the gift card the attempt had already held: all 30.00 of it.
    const jacket = await cartWith(t.anonymous, 'WEB', [['JKT-129', 1]]);
    const declined = await send(t.anonymous, 'CheckoutWithTenders', {
      cartId: jacket,
      key: randomUUID(),
      fulfillment: { type: 'SHIP', address: ADDRESS },
      email: 'guest@example.com',
      giftCardCodes: [code],
      payment: { provider: 'test', token: 'tok_decline' },
    });
    expect(declined.checkout.userErrors.map((e: any) => e.code)).toEqual(['PAYMENT_DECLINED']);
    // So the whole card can pay the next order; the card spends 24.00 and 6.00 is left.
    const paid = await checkout({ giftCardCodes: [code] });
    expect(paid.userErrors).toEqual([]);
    expect(paid.order.payments).toEqual([{ method: 'GIFT_CARD', amount: { cents: 2400, currency: 'USD' } }]);
    expect((await payments(paid.order.number)).payments[0]).toMatchObject({ status: 'CAPTURED', refunded: { cents: 0 } });
    const balance = async () => (await send(t.anonymous, 'GiftCardBalance', { code })).giftCard.balance.cents;
    expect(await until(balance, (b) => b === 600)).toBe(600);
    // The 6.00 left pays part of the next order; the guest owes the rest at pickup or delivery.
    const part = await checkout({ giftCardCodes: [code] });
    expect(part.order.payments).toEqual([{ method: 'GIFT_CARD', amount: { cents: 600, currency: 'USD' } }]);
    expect(part.order.balanceDue.cents).toBe(1800);
  });

  it('starts a retried checkout clean: the points of a failed attempt are released, the retry spends its own', async () => {
    const ana = await shopper(1000);
    await send(csr, 'SetStock', { input: { locationId: store, sku: 'SOCK-5', onHand: 0 } });
    const cartId = await cartWith(ana.client, 'WEB', [['SOCK-5', 1]], ana.id);
    const input = { cartId, key: 'retry-1', fulfillment: pickup(), redeemPoints: 300 };
    const first = await send(ana.client, 'CheckoutWithTenders', input);
    expect(first.checkout.userErrors.map((e: any) => e.code)).toEqual(['OUT_OF_STOCK']);
    await send(csr, 'SetStock', { input: { locationId: store, sku: 'SOCK-5', onHand: 500 } });
    const retry = await send(ana.client, 'CheckoutWithTenders', input);
    expect(retry.checkout.userErrors).toEqual([]);
    expect(retry.checkout.order.payments).toEqual([{ method: 'POINTS', amount: { cents: 300, currency: 'USD' } }]);
    // 300 points spent once (the 5.00 order earns 5): never kept by a released hold.
    const after = await until(
      () => wallet(ana.id),
      (w) => w.points === 1000 - 300 + 5,
    );
    expect(after.points).toBe(705);
    expect(after.ledger.filter((e) => e.kind === 'BURN').map((e) => e.points)).toEqual([-300]);
    // The same key with the same request is the same order; with another request it is refused.
    const replay = await send(ana.client, 'CheckoutWithTenders', input);
    expect(replay.checkout.order.number).toBe(retry.checkout.order.number);
    const reused = await send(ana.client, 'CheckoutWithTenders', { ...input, redeemPoints: 200 });
    expect(reused.checkout.userErrors.map((e: any) => e.code)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
  });

  it("keeps each caller's idempotency keys apart: another partner's key is a new order, not theirs", async () => {
    const order = (client: GatewayClient, quantity: number) =>
      send(client, 'PlaceOrderWithTenders', {
        channel: 'PARTNER',
        key: 'partner-order-1',
        lines: [{ sku: 'TEE-24', quantity }],
        fulfillment: pickup(),
      }).then((d) => d.placeOrder);
    const a = await order(partnerA, 1);
    const b = await order(partnerB, 1);
    expect(a.userErrors).toEqual([]);
    expect(b.userErrors).toEqual([]);
    expect(b.order.id).not.toBe(a.order.id);
    expect((await order(partnerA, 1)).order.id).toBe(a.order.id);
    expect((await order(partnerA, 2)).userErrors.map((e: any) => e.code)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
  });

  it('captures a card whose first capture failed, through the settlement job', async () => {
    const out = await send(csr, 'PlaceOrderWithTenders', {
      channel: 'CALL_CENTER',
      key: randomUUID(),
      lines: [{ sku: 'TEE-24', quantity: 1 }],
      fulfillment: pickup(),
      payment: { provider: 'test', token: 'tok_fail_capture' },
    });
    expect(out.placeOrder.userErrors).toEqual([]);
    const number = out.placeOrder.order.number;
    expect((await payments(number)).payments[0]).toMatchObject({ method: 'CARD', status: 'AUTHORIZED' });
    await t.runJob('orders', 'settle-payments');
    expect((await payments(number)).payments[0]).toMatchObject({ method: 'CARD', status: 'CAPTURED' });
  });

  it('refuses an unpaid order on a channel that requires full payment, holding nothing', async () => {
    const kim = await shopper(500);
    process.env.PAYMENT_REQUIRED_CHANNELS = 'CALL_CENTER';
    resetOrderSettings();
    try {
      const place = (extra: Record<string, unknown>) =>
        send(csr, 'PlaceOrderWithTenders', {
          customerId: kim.id,
          channel: 'CALL_CENTER',
          key: randomUUID(),
          lines: [{ sku: 'TEE-24', quantity: 1 }],
          fulfillment: pickup(),
          redeemPoints: 500,
          ...extra,
        }).then((d) => d.placeOrder);
      expect((await place({})).userErrors.map((e: any) => e.code)).toEqual(['PAYMENT_REQUIRED']);
      const paid = await place({ payment: { provider: 'manual', token: 'phone-order' } });
      expect(paid.userErrors).toEqual([]);
      expect(paid.order.balanceDue.cents).toBe(0);
      // Only the paid order's 500 points were spent (and it earned 24).
      expect(
        (
          await until(
            () => wallet(kim.id),
            (w) => w.points === 24,
          )
        ).points,
      ).toBe(24);
    } finally {
      delete process.env.PAYMENT_REQUIRED_CHANNELS;
      resetOrderSettings();
    }
  });

  it('sells gift cards as order lines: activated when paid, codes e-mailed once, no points earned on them', async () => {
    await send(csr, 'UpsertProduct', {
      input: {
        name: 'E-gift card',
        variants: [{ sku: 'EGIFT-50', attributes: [], price: { cents: 5000, currency: 'USD' }, giftCard: 'EGIFT' }],
      },
    });
    const buyer = await shopper();
    const place = (extra: Record<string, unknown>) =>
      send(csr, 'PlaceOrderWithTenders', {
        customerId: buyer.id,
        channel: 'CALL_CENTER',
        key: randomUUID(),
        lines: [
          { sku: 'EGIFT-50', quantity: 2, giftCardRecipientEmail: 'Friend@Example.com' },
          { sku: 'BOOT-89', quantity: 1 },
        ],
        fulfillment: pickup(),
        ...extra,
      }).then((d) => d.placeOrder);
    // 189.00, but only the boots count towards (and get) the 10% over 100.00: no discount at all.
    const unpaid = await place({});
    expect(unpaid.userErrors).toEqual([]);
    expect(unpaid.order).toMatchObject({ total: { cents: 18900 }, discount: { cents: 0 }, balanceDue: { cents: 18900 } });
    const messages = t.system.services.get('crm')!.db.getRepository(CustomerMessage);
    const sentTo = async (orderId: string) => (await messages.findBy({ orderId, kind: 'GIFT_CARD' as never })).map((m) => m);
    // Not paid: no card yet. Collecting the balance at pickup pays it and activates the cards.
    const lines = async (number: string) => (await send(csr, 'OrderByNumber', { number })).orderByNumber.lines;
    expect((await lines(unpaid.order.number)).find((l: any) => l.sku === 'EGIFT-50').status).toBe('OPEN');
    const collected = await csr.request(
      `mutation Collect($input: CollectPaymentInput!) { collectPayment(input: $input) { order { balanceDue { cents } } userErrors { code } } }`,
      { input: { orderId: unpaid.order.id, channel: 'STORE', payment: { provider: 'cash', token: 'till-3' } } },
    );
    expect((collected as any).collectPayment).toEqual({ order: { balanceDue: { cents: 0 } }, userErrors: [] });
    const emails = await until(
      () => sentTo(unpaid.order.id),
      (m) => m.length === 2,
    );
    expect(emails.map((m) => m.recipient)).toEqual(['friend@example.com', 'friend@example.com']);
    const codes = emails.map((m) => /code is ([0-9A-Z-]+)/.exec(m.body)![1]!);
    expect(new Set(codes).size).toBe(2);
    for (const code of codes) {
      expect((await send(t.anonymous, 'GiftCardBalance', { code })).giftCard.balance).toEqual({ cents: 5000, currency: 'USD' });
    }
    expect((await lines(unpaid.order.number)).find((l: any) => l.sku === 'EGIFT-50').status).toBe('DELIVERED');
    // The boots earn 89 points; the gift cards none (their value earns when it is spent).
    expect(
      (
        await until(
          () => wallet(buyer.id),
          (w) => w.points === 89,
        )
      ).points,
    ).toBe(89);
    // A card bought is spent like any other.
    const spend = await send(csr, 'PlaceOrderWithTenders', {
      channel: 'CALL_CENTER',
      key: randomUUID(),
      lines: [{ sku: 'TEE-24', quantity: 1 }],
      fulfillment: pickup(),
      giftCardCodes: [codes[0]],
    });
    expect(spend.placeOrder.order.payments).toEqual([{ method: 'GIFT_CARD', amount: { cents: 2400, currency: 'USD' } }]);
  });

  it('answers a failed catalog lookup with an error to retry, never "no such product"', async () => {
    // Catalog's read of the variants fails (pricing reads them in one statement with their prices).
    const catalog = t.system.services.get('catalog')!.db;
    const query = catalog.query.bind(catalog);
    const spy = jest
      .spyOn(catalog, 'query')
      .mockImplementation((sql: string, parameters?: unknown[]) =>
        sql.includes(catalog.getMetadata(ProductVariant).tableName)
          ? Promise.reject(new Error('Connection terminated unexpectedly'))
          : query(sql, parameters),
      );
    try {
      const out = await csr.raw(contractOperation('PlaceOrderWithTenders'), {
        channel: 'CALL_CENTER',
        key: randomUUID(),
        lines: [{ sku: 'TEE-24', quantity: 1 }],
        fulfillment: pickup(),
      });
      expect(out.errors?.length).toBeGreaterThan(0);
      expect((out.data as any)?.placeOrder?.userErrors ?? []).not.toContainEqual(
        expect.objectContaining({ code: 'UNKNOWN_SKU' }),
      );
    } finally {
      spy.mockRestore();
    }
  });

  it('reconciles to the cent: every order against its payments, and the payments against loyalty and the card provider', async () => {
    const orders = await t.system.services.get('orders')!.db.getRepository(Order).find();
    const paid = await t.system.services.get('orders')!.db.getRepository(OrderPayment).find();
    const net = (p: OrderPayment) => (p.status === 'VOIDED' ? 0 : p.amountCents - p.refundedCents);
    for (const order of orders) {
      const own = paid.filter((p) => p.orderId === order.id);
      expect(order.balanceDueCents).toBe(order.totalCents - own.reduce((sum, p) => sum + net(p), 0) + order.creditedCents);
    }
    const ids = orders.map((o) => o.id);
    const loyalty = t.system.services.get('loyalty')!.db;
    const of = (method: string) => paid.filter((p) => p.method === method);
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const ledgers = async () => {
      const points = await loyalty.getRepository(LedgerEntry).findBy({ orderId: In(ids), kind: In(['BURN', 'REFUND']) as never });
      const value = await loyalty
        .getRepository(StoredValueEntry)
        .findBy({ orderId: In(ids), kind: In(['DEBIT', 'REFUND']) as never });
      return { points: -sum(points.map((e) => e.points)), storedValue: -sum(value.map((e) => e.amountCents)) };
    };
    const expected = {
      points: sum(of('POINTS').map((p) => p.points - p.refundedPoints)),
      storedValue: sum([...of('STORE_CREDIT'), ...of('GIFT_CARD')].map(net)),
    };
    expect(expected.points).toBeGreaterThan(0);
    expect(expected.storedValue).toBeGreaterThan(0);
    expect(await until(ledgers, (l) => l.points === expected.points && l.storedValue === expected.storedValue)).toEqual(expected);
    // The test provider's own books: what it captured less what it refunded, per payment.
    const provider = (paymentProvider('test') as TestProvider).payments;
    for (const p of paid.filter((x) => x.provider === 'test' && x.capturedAt)) {
      const books = provider.get(p.reference!)!;
      expect(books.captured - books.refunded).toBe(net(p));
    }
  });
});
