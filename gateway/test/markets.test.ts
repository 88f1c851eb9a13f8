import { randomUUID } from 'node:crypto';
import { newEnvelope } from '@omni/platform';
import { StoredValueAccount } from '../../services/loyalty/src/entities/stored-value';
import type { GatewayClient } from '../src/client';
import { eventually, send, startTestSystem, type TestSystem } from './harness';

/**
 * Local currency: a market (country, currency) has its own price list and its stores; carts and
 * orders in it are priced and paid in its currency, points are earned and redeemed on the same
 * account at that currency's rates, and a gift card in another currency pays only at a configured
 * conversion rate, recorded on the payment. Everything through the gateway with the callers' own
 * tokens: the shopper (CUSTOMER), an associate of the Berlin store, back-office staff.
 */
describe('markets and local currency', () => {
  let t: TestSystem;
  let staff: GatewayClient;
  let shopper: GatewayClient;
  let berlinAssociate: GatewayClient;
  let customerId: string;
  let berlin: string;
  let newYork: string;
  const until = <T>(probe: () => Promise<T>, done: (value: T) => boolean) => eventually(probe, done, 15_000);

  const UPSERT_MARKET = /* GraphQL */ `
    mutation ($input: UpsertMarketInput!) {
      upsertMarket(input: $input) {
        market {
          code
          name
          country
          currency
          locationIds
        }
        userErrors {
          field
          message
          code
        }
      }
    }
  `;
  const SET_MARKET_PRICE = /* GraphQL */ `
    mutation ($input: SetPriceInput!) {
      setPrice(input: $input) {
        variant {
          sku
          marketPrice(market: "DE") {
            cents
            currency
          }
        }
        userErrors {
          field
          message
          code
        }
      }
    }
  `;
  const LOYALTY = /* GraphQL */ `
    query ($id: ID!) {
      customer(id: $id) {
        loyalty {
          pointsBalance
        }
      }
    }
  `;
  const SET_LOYALTY_CURRENCY = /* GraphQL */ `
    mutation ($input: SetLoyaltyCurrencyInput!) {
      setLoyaltyCurrency(input: $input) {
        settings {
          currency
          earnRate
          pointValue
        }
        userErrors {
          field
          message
          code
        }
      }
    }
  `;
  const SET_RATE = /* GraphQL */ `
    mutation ($input: SetCurrencyConversionRateInput!) {
      setCurrencyConversionRate(input: $input) {
        rate {
          fromCurrency
          toCurrency
          rate
        }
        userErrors {
          field
          message
          code
        }
      }
    }
  `;
  const PLACE_ORDER = /* GraphQL */ `
    mutation ($input: PlaceOrderInput!) {
      placeOrder(input: $input) {
        order {
          number
          market
          total {
            cents
            currency
          }
        }
        userErrors {
          field
          message
          code
        }
      }
    }
  `;
  const PAYMENTS = /* GraphQL */ `
    query ($number: String!) {
      orderByNumber(number: $number) {
        market
        total {
          cents
          currency
        }
        balanceDue {
          cents
          currency
        }
        payments {
          method
          amount {
            cents
            currency
          }
          points
          exchangeRate
          tenderAmount {
            cents
            currency
          }
          refunded {
            cents
            currency
          }
        }
      }
    }
  `;

  const points = async () =>
    (await shopper.request<{ customer: { loyalty: { pointsBalance: number } } }>(LOYALTY, { id: customerId })).customer.loyalty
      .pointsBalance;
  const pickupAt = (locationId: string) => ({ type: 'PICKUP_IN_STORE', pickupLocationId: locationId });

  beforeAll(async () => {
    t = await startTestSystem();
    staff = t.client;
    const product = (sku: string, cents: number) =>
      send(staff, 'UpsertProduct', {
        input: { name: `Product ${sku}`, variants: [{ sku, attributes: [], price: { cents, currency: 'USD' } }] },
      });
    await product('MKT-TEE', 2400);
    await product('MKT-BAG', 5000);
    await product('MKT-USONLY', 1000);
    const store = async (name: string, lat: number, lng: number) =>
      (
        await send(staff, 'UpsertLocation', {
          input: { name, type: 'STORE', lat, lng, fulfillsOnline: true, pickupEnabled: true },
        })
      ).upsertLocation.location.id as string;
    berlin = await store('Berlin Mitte', 52.52, 13.4);
    newYork = await store('New York SoHo', 40.72, -74.0);
    for (const locationId of [berlin, newYork]) {
      for (const sku of ['MKT-TEE', 'MKT-BAG', 'MKT-USONLY']) {
        await send(staff, 'SetStock', { input: { locationId, sku, onHand: 100 } });
      }
    }
    const market = await staff.request(UPSERT_MARKET, {
      input: { code: 'de', name: 'Germany', country: 'de', currency: 'EUR', locationIds: [berlin] },
    });
    expect(market.upsertMarket).toEqual({
      market: { code: 'DE', name: 'Germany', country: 'DE', currency: 'EUR', locationIds: [berlin] },
      userErrors: [],
    });
    for (const [sku, cents] of [
      ['MKT-TEE', 2200],
      ['MKT-BAG', 4600],
    ] as const) {
      const priced = await staff.request(SET_MARKET_PRICE, { input: { sku, market: 'DE', price: { cents, currency: 'EUR' } } });
      expect(priced.setPrice).toEqual({ variant: { sku, marketPrice: { cents, currency: 'EUR' } }, userErrors: [] });
    }
    // In Germany a euro earns 1.5 points and a point pays 0.8 euro cents.
    const settings = await staff.request(SET_LOYALTY_CURRENCY, {
      input: { currency: 'EUR', earnRate: '1.5', pointValue: '0.80' },
    });
    expect(settings.setLoyaltyCurrency).toEqual({
      settings: { currency: 'EUR', earnRate: '1.5', pointValue: '0.8' },
      userErrors: [],
    });

    const registered = await send(staff, 'RegisterCustomer', {
      input: {
        email: `abroad.${randomUUID().slice(0, 8)}@example.com`,
        firstName: 'Ada',
        lastName: 'Abroad',
        channel: 'MOBILE_APP',
      },
    });
    customerId = registered.registerCustomer.customer.id;
    await send(staff, 'EnrollLoyalty', { customerId, channel: 'MOBILE_APP' });
    shopper = (await t.signedIn({ role: 'CUSTOMER', customerId, subject: 'ada' })).withHeaders({ 'x-channel': 'MOBILE_APP' });
    berlinAssociate = await t.associateAt(berlin);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses what a market cannot price, with stable codes', async () => {
    const wrongCurrency = await staff.request(SET_MARKET_PRICE, {
      input: { sku: 'MKT-TEE', market: 'DE', price: { cents: 2000, currency: 'USD' } },
    });
    expect(wrongCurrency.setPrice.userErrors[0]).toMatchObject({
      code: 'CURRENCY_MISMATCH',
      field: ['input', 'price', 'currency'],
    });
    const noMarket = await staff.request(SET_MARKET_PRICE, {
      input: { sku: 'MKT-TEE', market: 'FR', price: { cents: 2000, currency: 'EUR' } },
    });
    expect(noMarket.setPrice.userErrors[0]).toMatchObject({ code: 'UNKNOWN_MARKET' });
    // Without a market, another currency is refused as before.
    const base = await send(staff, 'SetPrice', { input: { sku: 'MKT-TEE', price: { cents: 2000, currency: 'EUR' } } });
    expect(base.setPrice.userErrors[0]).toMatchObject({ code: 'CURRENCY_MISMATCH' });

    const unknown = await send(shopper, 'CreateCart', { input: { customerId, channel: 'MOBILE_APP', market: 'XX' } });
    expect(unknown.createCart.userErrors[0]).toMatchObject({ code: 'UNKNOWN_MARKET', field: ['input', 'market'] });
    const cart = await send(shopper, 'CreateCart', { input: { customerId, channel: 'MOBILE_APP', market: 'DE' } });
    const notSold = await send(shopper, 'AddCartLine', { cartId: cart.createCart.cart.id, sku: 'MKT-USONLY', quantity: 1 });
    expect(notSold.addCartLine.userErrors[0]).toMatchObject({ code: 'NOT_SOLD_IN_MARKET', field: ['sku'] });
    // A named market that is not the store's: the store sells in its own market only.
    const us = await staff.request(UPSERT_MARKET, {
      input: { code: 'US', name: 'United States', country: 'US', currency: 'USD', locationIds: [newYork] },
    });
    expect(us.upsertMarket.userErrors).toEqual([]);
    const mismatch = await staff.request(PLACE_ORDER, {
      input: {
        customerId,
        channel: 'CALL_CENTER',
        idempotencyKey: randomUUID(),
        market: 'DE',
        lines: [{ sku: 'MKT-TEE', quantity: 1 }],
        fulfillment: pickupAt(newYork),
      },
    });
    expect(mismatch.placeOrder).toEqual({
      order: null,
      userErrors: [
        {
          code: 'MARKET_MISMATCH',
          field: ['input', 'locationId'],
          message: `location ${newYork} sells in market US, not DE`,
        },
      ],
    });

    // A store's market, through the location inventory owns.
    const located = await staff.request(`query ($id: ID!) { location(id: $id) { name market { code currency } } }`, {
      id: berlin,
    });
    expect(located.location).toEqual({ name: 'Berlin Mitte', market: { code: 'DE', currency: 'EUR' } });

    // Anonymous shoppers see the market's price, and null where the SKU is not sold.
    const prices = await t.anonymous.request(
      `query { variants(skus: ["MKT-TEE", "MKT-USONLY"]) { sku price { cents currency } marketPrice(market: "de") { cents currency } } }`,
    );
    expect(prices.variants).toEqual([
      { sku: 'MKT-TEE', price: { cents: 2400, currency: 'USD' }, marketPrice: { cents: 2200, currency: 'EUR' } },
      { sku: 'MKT-USONLY', price: { cents: 1000, currency: 'USD' }, marketPrice: null },
    ]);
  });

  it("prices and pays an order at a store in another market in that market's currency, earning points on the same account", async () => {
    // The shopper abroad: the app names the market, the cart is in euros.
    const created = await send(shopper, 'CreateCart', { input: { customerId, channel: 'MOBILE_APP', market: 'DE' } });
    const cartId = created.createCart.cart.id;
    expect((await send(shopper, 'Cart', { id: cartId })).cart.total).toEqual({ cents: 0, currency: 'EUR' });
    const added = await send(shopper, 'AddCartLine', { cartId, sku: 'MKT-TEE', quantity: 2 });
    expect(added.addCartLine.cart.lines).toEqual([{ sku: 'MKT-TEE', quantity: 2, unitPrice: { cents: 2200, currency: 'EUR' } }]);
    expect(added.addCartLine.cart.subtotal).toEqual({ cents: 4400, currency: 'EUR' });
    const checkedOut = await send(shopper, 'CheckoutWithTenders', {
      cartId,
      key: randomUUID(),
      fulfillment: pickupAt(berlin),
      payment: { provider: 'test', token: 'tok_visa' },
    });
    expect(checkedOut.checkout.userErrors).toEqual([]);
    const order = checkedOut.checkout.order;
    expect(order.total).toEqual({ cents: 4400, currency: 'EUR' });
    expect(order.payments).toEqual([{ method: 'CARD', amount: { cents: 4400, currency: 'EUR' } }]);
    const paid = await shopper.request(PAYMENTS, { number: order.number });
    expect(paid.orderByNumber).toMatchObject({ market: 'DE', balanceDue: { cents: 0, currency: 'EUR' } });

    // 44.00 EUR at 1.5 points a euro: 66 points.
    expect(await until(points, (p) => p === 66)).toBe(66);

    // Back home, a dollar order at the New York store earns on the same account (24.00 USD: 24 points).
    const home = await send(staff, 'PlaceOrderWithTenders', {
      customerId,
      channel: 'CALL_CENTER',
      key: randomUUID(),
      lines: [{ sku: 'MKT-TEE', quantity: 1 }],
      fulfillment: pickupAt(newYork),
      payment: { provider: 'test', token: 'tok_visa' },
    });
    expect(home.placeOrder.order.total).toEqual({ cents: 2400, currency: 'USD' });
    expect(await until(points, (p) => p === 90)).toBe(90);
  });

  it("redeems points abroad at that currency's point value", async () => {
    expect(await until(points, (p) => p === 90)).toBe(90);
    // The Berlin associate rings up a bag: the store decides the market; 50 points pay 0.40 EUR.
    const placed = await send(berlinAssociate, 'PlaceOrderWithTenders', {
      customerId,
      channel: 'STORE',
      key: randomUUID(),
      lines: [{ sku: 'MKT-BAG', quantity: 1 }],
      fulfillment: pickupAt(berlin),
      redeemPoints: 50,
      payment: { provider: 'cash', token: 'till-1' },
    });
    expect(placed.placeOrder.userErrors).toEqual([]);
    expect(placed.placeOrder.order.total).toEqual({ cents: 4600, currency: 'EUR' });
    expect(placed.placeOrder.order.payments).toEqual([
      { method: 'POINTS', amount: { cents: 40, currency: 'EUR' } },
      { method: 'CASH', amount: { cents: 4560, currency: 'EUR' } },
    ]);
    const paid = await staff.request(PAYMENTS, { number: placed.placeOrder.order.number });
    expect(paid.orderByNumber).toMatchObject({ market: 'DE', balanceDue: { cents: 0, currency: 'EUR' } });
    expect(paid.orderByNumber.payments[0]).toMatchObject({ method: 'POINTS', points: 50, exchangeRate: null });
    // 50 points spent, 46.00 EUR earned at 1.5 points a euro: 69.
    expect(await until(points, (p) => p === 90 - 50 + 69)).toBe(109);
  });

  it('refuses a dollar gift card at a euro store, and takes it at a configured rate recorded on the payment', async () => {
    const issued = await send(staff, 'IssueGiftCard', {
      input: { amount: { cents: 5000, currency: 'USD' }, channel: 'STORE', idempotencyKey: randomUUID() },
    });
    const code: string = issued.issueGiftCard.giftCard.code;
    const order = (key: string) =>
      send(berlinAssociate, 'PlaceOrderWithTenders', {
        customerId,
        channel: 'STORE',
        key,
        lines: [{ sku: 'MKT-BAG', quantity: 1 }],
        fulfillment: pickupAt(berlin),
        giftCardCodes: [code],
      });
    const refused = await order(randomUUID());
    expect(refused.placeOrder.order).toBeNull();
    expect(refused.placeOrder.userErrors).toEqual([
      {
        code: 'CURRENCY_MISMATCH',
        field: ['input', 'giftCardCodes', '0'],
        message: 'the gift card holds USD, not EUR, and no conversion rate from USD to EUR is configured',
      },
    ]);
    expect((await send(staff, 'GiftCardBalance', { code })).giftCard.balance).toEqual({ cents: 5000, currency: 'USD' });

    const rate = await staff.request(SET_RATE, { input: { from: 'usd', to: 'EUR', rate: '0.92' } });
    expect(rate.setCurrencyConversionRate).toEqual({
      rate: { fromCurrency: 'USD', toCurrency: 'EUR', rate: '0.92' },
      userErrors: [],
    });
    const accepted = await order(randomUUID());
    expect(accepted.placeOrder.userErrors).toEqual([]);
    // 46.00 EUR at 0.92 takes exactly 50.00 USD off the card.
    expect(accepted.placeOrder.order.payments).toEqual([{ method: 'GIFT_CARD', amount: { cents: 4600, currency: 'EUR' } }]);
    const number = accepted.placeOrder.order.number;
    const paid = await staff.request(PAYMENTS, { number });
    expect(paid.orderByNumber.payments).toEqual([
      {
        method: 'GIFT_CARD',
        amount: { cents: 4600, currency: 'EUR' },
        points: 0,
        exchangeRate: '0.92',
        tenderAmount: { cents: 5000, currency: 'USD' },
        refunded: { cents: 0, currency: 'EUR' },
      },
    ]);
    const balance = async () => (await send(staff, 'GiftCardBalance', { code })).giftCard.balance;
    expect(await until(balance, (b) => b.cents === 0)).toEqual({ cents: 0, currency: 'USD' });

    // Cancelled: the card gets back what it paid, in its own currency, at the recorded rate.
    const cancelled = await send(staff, 'CancelOrder', {
      orderId: accepted.placeOrder.order.id,
      channel: 'STORE',
      reason: 'test',
    });
    expect(cancelled.cancelOrder.userErrors).toEqual([]);
    expect(await until(balance, (b) => b.cents === 5000)).toEqual({ cents: 5000, currency: 'USD' });
  });

  it("changes an order in its market's prices and currency", async () => {
    const placed = await send(berlinAssociate, 'PlaceOrderWithTenders', {
      channel: 'STORE',
      key: randomUUID(),
      lines: [{ sku: 'MKT-TEE', quantity: 1 }],
      fulfillment: pickupAt(berlin),
    });
    expect(placed.placeOrder.order.total).toEqual({ cents: 2200, currency: 'EUR' });
    const { orderByNumber } = await staff.request(`query ($n: String!) { orderByNumber(number: $n) { id lines { id } } }`, {
      n: placed.placeOrder.order.number,
    });
    const change = (sku: string) =>
      send(staff, 'ModifyOrder', {
        input: { orderId: orderByNumber.id, channel: 'STORE', changes: [{ lineId: orderByNumber.lines[0].id, sku }] },
      });
    const notSold = await change('MKT-USONLY');
    expect(notSold.modifyOrder.userErrors[0]).toMatchObject({ code: 'NOT_SOLD_IN_MARKET' });
    const swapped = await change('MKT-BAG');
    expect(swapped.modifyOrder.userErrors).toEqual([]);
    expect(swapped.modifyOrder.order.total).toEqual({ cents: 4600, currency: 'EUR' });
  });

  it('lets only ADMIN configure markets, loyalty currencies and conversion rates', async () => {
    const market = { code: 'FR', name: 'France', country: 'FR', currency: 'EUR' };
    for (const caller of [shopper, berlinAssociate]) {
      const attempts = [
        await caller.raw(UPSERT_MARKET, { input: market }),
        await caller.raw(SET_RATE, { input: { from: 'USD', to: 'EUR', rate: '2' } }),
        await caller.raw(SET_LOYALTY_CURRENCY, { input: { currency: 'EUR', earnRate: '100', pointValue: '100' } }),
      ];
      for (const attempt of attempts) expect(attempt.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const rates = await berlinAssociate.request(`query { currencyConversionRates { fromCurrency toCurrency rate } }`);
    expect(rates.currencyConversionRates).toEqual([{ fromCurrency: 'USD', toCurrency: 'EUR', rate: '0.92' }]);
    const invalid = await staff.request(SET_RATE, { input: { from: 'USD', to: 'EUR', rate: '-1' } });
    expect(invalid.setCurrencyConversionRate.userErrors[0]).toMatchObject({ code: 'INVALID_RATE', field: ['input', 'rate'] });
  });

  it('pays a euro order from dollar store credit at the configured rate', async () => {
    // 20.00 USD of store credit from a return, then a 22.00 EUR tee in Berlin: 18.40 EUR paid by the credit.
    const loyalty = t.system.services.get('loyalty')!;
    await t.system.bus.publish(
      newEnvelope(
        'orders.return.received',
        {
          returnId: randomUUID(),
          orderId: randomUUID(),
          customerId,
          locationId: newYork,
          resolution: 'STORE_CREDIT',
          refundCents: 2000,
          currency: 'USD',
          exchangeOrderId: null,
          lines: [],
        },
        'WEB',
      ),
    );
    const wallet = () => loyalty.db.getRepository(StoredValueAccount).findOneBy({ customerId, currency: 'USD' });
    expect((await until(wallet, (w) => w?.balanceCents === 2000))?.balanceCents).toBe(2000);
    const placed = await send(berlinAssociate, 'PlaceOrderWithTenders', {
      customerId,
      channel: 'STORE',
      key: randomUUID(),
      lines: [{ sku: 'MKT-TEE', quantity: 1 }],
      fulfillment: pickupAt(berlin),
      useStoreCredit: true,
      payment: { provider: 'cash', token: 'till-1' },
    });
    expect(placed.placeOrder.userErrors).toEqual([]);
    expect(placed.placeOrder.order.payments).toEqual([
      { method: 'STORE_CREDIT', amount: { cents: 1840, currency: 'EUR' } },
      { method: 'CASH', amount: { cents: 360, currency: 'EUR' } },
    ]);
    const paid = await staff.request(PAYMENTS, { number: placed.placeOrder.order.number });
    expect(paid.orderByNumber.payments[0]).toMatchObject({
      exchangeRate: '0.92',
      tenderAmount: { cents: 2000, currency: 'USD' },
    });
  });

  it('applies a promotion with an amount only to baskets in its currency', async () => {
    await send(staff, 'CreatePromotion', {
      input: { name: 'Five dollars off', code: 'FIVEUSD', kind: 'AMOUNT_OFF', value: 500, currency: 'USD' },
    });
    await send(staff, 'CreatePromotion', {
      input: { name: 'Five euros off', code: 'FIVEEUR', kind: 'AMOUNT_OFF', value: 500, currency: 'EUR' },
    });
    const cartIn = async (market: string | null) => {
      const created = await send(shopper, 'CreateCart', { input: { customerId, channel: 'MOBILE_APP', market } });
      const cartId = created.createCart.cart.id;
      await send(shopper, 'AddCartLine', { cartId, sku: 'MKT-BAG', quantity: 1 });
      return cartId as string;
    };
    const euros = await cartIn('DE');
    const dollars = await cartIn(null);
    const refused = await send(shopper, 'ApplyCoupon', { cartId: euros, code: 'FIVEUSD' });
    expect(refused.applyCoupon.userErrors[0]).toMatchObject({ code: 'INVALID_COUPON' });
    const inEuros = await send(shopper, 'ApplyCoupon', { cartId: euros, code: 'FIVEEUR' });
    expect(inEuros.applyCoupon.cart).toMatchObject({
      discount: { cents: 500, currency: 'EUR' },
      total: { cents: 4100, currency: 'EUR' },
    });
    const inDollars = await send(shopper, 'ApplyCoupon', { cartId: dollars, code: 'FIVEUSD' });
    expect(inDollars.applyCoupon.cart).toMatchObject({
      discount: { cents: 500, currency: 'USD' },
      total: { cents: 4500, currency: 'USD' },
    });
    expect((await send(shopper, 'ApplyCoupon', { cartId: dollars, code: 'FIVEEUR' })).applyCoupon.userErrors[0]).toMatchObject({
      code: 'INVALID_COUPON',
    });
  });
});
