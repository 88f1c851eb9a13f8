import { randomUUID } from 'node:crypto';
import { addDays, isoDate } from '@omni/platform';
import { In } from 'typeorm';
import { Order } from '../../services/orders/src/entities/order';
import { SavedPaymentMethod, ShoppingListItemRow, WalletTopUp } from '../../services/orders/src/entities/shopper';
import { paymentProvider, type TestProvider } from '../../services/orders/src/payments/provider';
import { StoredValueEntry } from '../../services/loyalty/src/entities/stored-value';
import { CustomerMessage } from '../../services/crm/src/entities/message';
import type { GatewayClient } from '../src/client';
import { countStatements, eventually, send, startTestSystem, type TestSystem } from './harness';

/**
 * The shopper's own app, as she uses it on her CUSTOMER token from the MOBILE_APP channel: a
 * wallet she tops up and pays with, saved payment methods, a shopping list that learns from what
 * she buys in every channel and fills itself, and the first screen in one request.
 */
describe("the shopper's app", () => {
  let t: TestSystem;
  let store: string;
  const provider = () => paymentProvider('test') as TestProvider;
  const until = <T>(probe: () => Promise<T>, done: (value: T) => boolean) => eventually(probe, done, 15_000);
  const today = isoDate();

  const SAVE_METHOD = `mutation Save($input: SavePaymentMethodInput!) {
    savePaymentMethod(input: $input) {
      paymentMethod { id provider brand last4 expiresOn isDefault }
      paymentMethods { id isDefault }
      userErrors { field message code }
    } }`;
  const SET_DEFAULT = `mutation SetDefault($id: ID!) {
    setDefaultPaymentMethod(id: $id) { paymentMethods { id isDefault } userErrors { code } } }`;
  const REMOVE = `mutation Remove($id: ID!) {
    removePaymentMethod(id: $id) { paymentMethods { id isDefault } userErrors { code } } }`;
  const LEDGER = `query Ledger { me { storeCreditEntries(first: 10) { kind amount { cents currency } reason orderId } } }`;

  beforeAll(async () => {
    t = await startTestSystem();
    const product = (sku: string, cents: number) =>
      send(t.client, 'UpsertProduct', {
        input: { name: `Product ${sku}`, variants: [{ sku, attributes: [], price: { cents, currency: 'USD' } }] },
      });
    await product('MILK-1L', 250);
    await product('COFFEE-500', 1200);
    await product('FILTERS-100', 400);
    await product('TEA-250', 650);
    const location = await send(t.client, 'UpsertLocation', {
      input: { name: 'App Store', type: 'STORE', lat: 40.7, lng: -74.0, fulfillsOnline: true, pickupEnabled: true },
    });
    store = location.upsertLocation.location.id;
    for (const sku of ['MILK-1L', 'COFFEE-500', 'FILTERS-100', 'TEA-250']) {
      await send(t.client, 'SetStock', { input: { locationId: store, sku, onHand: 500 } });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A registered shopper with a home address, signed in on the app with her own token. */
  async function shopper() {
    const registered = await send(t.client, 'RegisterCustomer', {
      input: {
        email: `app.${randomUUID().slice(0, 8)}@example.com`,
        firstName: 'Ada',
        lastName: 'Shopper',
        channel: 'MOBILE_APP',
        address: { line1: '1 Main St', city: 'New York', postalCode: '10001', country: 'US', lat: 40.7, lng: -74.0 },
      },
    });
    const { id, email } = registered.registerCustomer.customer as { id: string; email: string };
    const client = (await t.signedIn({ role: 'CUSTOMER', customerId: id, subject: id })).withHeaders({
      'x-channel': 'MOBILE_APP',
    });
    return { id, email, client };
  }

  const topUp = (client: GatewayClient, customerId: string, cents: number, key: string, token = 'tok_visa') =>
    send(client, 'TopUpWallet', {
      input: { customerId, amount: { cents, currency: 'USD' }, payment: { provider: 'test', token }, idempotencyKey: key },
    }).then((d) => d.topUpWallet);

  const wallet = async (client: GatewayClient) => (await send(client, 'MyWallet')).me;

  async function cartWith(client: GatewayClient, customerId: string, channel: string, lines: [string, number][]) {
    const created = await send(client, 'CreateCart', { input: { channel, customerId } });
    const cartId: string = created.createCart.cart.id;
    for (const [sku, quantity] of lines) await send(client, 'AddCartLine', { cartId, sku, quantity });
    return cartId;
  }

  const pickup = () => ({ type: 'PICKUP_IN_STORE', pickupLocationId: store });

  it('tops up the wallet, pays with it in the app, and shows each top-up, spend and refund in its ledger', async () => {
    const ada = await shopper();
    const added = await topUp(ada.client, ada.id, 5000, `top-up-${randomUUID()}`);
    expect(added).toEqual({ storeCredit: { cents: 5000, currency: 'USD' }, userErrors: [] });
    expect((await wallet(ada.client)).storeCredit).toEqual({ cents: 5000, currency: 'USD' });
    const { topUpWallet } = await ada.client.request(
      `mutation($input: TopUpWalletInput!) { topUpWallet(input: $input) { topUp { status provider amount { cents currency } } storeCredit { cents } } }`,
      {
        input: {
          customerId: ada.id,
          amount: { cents: 500, currency: 'USD' },
          payment: { provider: 'test', token: 'tok_visa' },
          idempotencyKey: randomUUID(),
        },
      },
    );
    expect(topUpWallet).toEqual({
      topUp: { status: 'CREDITED', provider: 'test', amount: { cents: 500, currency: 'USD' } },
      storeCredit: { cents: 5500 },
    });

    const cartId = await cartWith(ada.client, ada.id, 'MOBILE_APP', [['COFFEE-500', 2]]);
    const { checkout } = await send(ada.client, 'CheckoutWithTenders', {
      cartId,
      key: `pay-${randomUUID()}`,
      fulfillment: pickup(),
      useStoreCredit: true,
    });
    expect(checkout.userErrors).toEqual([]);
    expect(checkout.order.payments).toEqual([{ method: 'STORE_CREDIT', amount: { cents: 2400, currency: 'USD' } }]);
    expect(checkout.order.balanceDue.cents).toBe(0);
    await until(
      async () => (await wallet(ada.client)).storeCredit.cents,
      (cents) => cents === 3100,
    );

    const { cancelOrder } = await send(ada.client, 'CancelOrder', {
      orderId: checkout.order.id,
      channel: 'MOBILE_APP',
      reason: null,
    });
    expect(cancelOrder.userErrors).toEqual([]);
    await until(
      async () => (await wallet(ada.client)).storeCredit.cents,
      (cents) => cents === 5500,
    );
    const { me } = await ada.client.request(LEDGER);
    expect(me.storeCreditEntries.map((e: any) => [e.kind, e.amount.cents])).toEqual([
      ['REFUND', 2400],
      ['DEBIT', -2400],
      ['TOP_UP', 500],
      ['TOP_UP', 5000],
    ]);
    expect(me.storeCreditEntries[1].orderId).toBe(checkout.order.id);
    expect(me.storeCreditEntries[3].reason).toBe('top-up by CARD (test)');
  });

  it('adds nothing for a declined top-up, once for a retried one, and refuses what a shopper may not do', async () => {
    const ben = await shopper();
    const declinedKey = `declined-${randomUUID()}`;
    for (let i = 0; i < 2; i++) {
      const declined = await topUp(ben.client, ben.id, 2000, declinedKey, 'tok_decline');
      expect(declined.storeCredit).toBeNull();
      expect(declined.userErrors.map((e: any) => e.code)).toEqual(['PAYMENT_DECLINED']);
    }
    expect((await wallet(ben.client)).storeCredit).toBeNull();

    // The same key, sent twice at once and once more after: one payment captured, one credit.
    const key = `retried-${randomUUID()}`;
    const answers = await Promise.all([topUp(ben.client, ben.id, 1500, key), topUp(ben.client, ben.id, 1500, key)]);
    answers.push(await topUp(ben.client, ben.id, 1500, key));
    for (const answer of answers) expect(answer.userErrors).toEqual([]);
    expect(answers[2].storeCredit).toEqual({ cents: 1500, currency: 'USD' });
    expect((await wallet(ben.client)).storeCredit.cents).toBe(1500);
    const topUps = await t.system.services.get('orders')!.db.getRepository(WalletTopUp).findBy({ customerId: ben.id });
    expect(topUps.map((u) => u.status).sort()).toEqual(['CREDITED', 'DECLINED']);
    const credited = topUps.find((u) => u.status === 'CREDITED')!;
    expect(provider().payments.get(credited.reference!)).toMatchObject({ authorized: 1500, captured: 1500, refunded: 0 });
    const entries = await t.system.services
      .get('loyalty')!
      .db.getRepository(StoredValueEntry)
      .findBy({ kind: 'TOP_UP' as never, ref: `top-up:${credited.id}` });
    expect(entries).toHaveLength(1);

    const refused = async (input: Record<string, unknown>, client = ben.client) =>
      (
        await send(client, 'TopUpWallet', {
          input: {
            customerId: ben.id,
            amount: { cents: 1000, currency: 'USD' },
            payment: { provider: 'test', token: 'tok_visa' },
            idempotencyKey: `k-${randomUUID()}`,
            ...input,
          },
        })
      ).topUpWallet.userErrors.map((e: any) => e.code);
    expect(await refused({ idempotencyKey: key, amount: { cents: 1600, currency: 'USD' } })).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(await refused({ payment: { provider: 'manual', token: 'anything' } })).toEqual(['PAYMENT_METHOD_NOT_ALLOWED']);
    expect(await refused({ payment: { provider: 'nope', token: 'tok_visa' } })).toEqual(['UNKNOWN_PAYMENT_PROVIDER']);
    expect(await refused({ amount: { cents: 0, currency: 'USD' } })).toEqual(['INVALID_AMOUNT']);
    expect(await refused({ amount: { cents: 100_001, currency: 'USD' } })).toEqual(['INVALID_AMOUNT']);
    expect(await refused({ amount: { cents: 1000, currency: 'usd' } })).toEqual(['INVALID_CURRENCY']);
    expect(await refused({ idempotencyKey: ' ' })).toEqual(['INVALID_IDEMPOTENCY_KEY']);
    await expect(refused({ idempotencyKey: 'bad\u0000key' })).rejects.toThrow(/NUL character/);
    expect(await refused({ idempotencyKey: 'x'.repeat(101) })).toEqual(['INVALID_IDEMPOTENCY_KEY']);
    expect(await refused({ payment: { provider: 'test', token: 'tok\u0007' } })).toEqual(['INVALID_PAYMENT_TOKEN']);
    expect(await refused({ paymentMethodId: randomUUID() })).toEqual(['PAYMENT_CONFLICT']);
    expect(await refused({ payment: null, paymentMethodId: randomUUID() })).toEqual(['UNKNOWN_PAYMENT_METHOD']);
    // A CSR at the phone takes the money another way and may record it.
    expect(await refused({ payment: { provider: 'manual', token: 'terminal-receipt-7' } }, t.client)).toEqual([]);
    // Another shopper's wallet is not hers to top up.
    const other = await shopper();
    await expect(refused({}, other.client)).rejects.toThrow(/FORBIDDEN|not yours/);
    expect((await wallet(ben.client)).storeCredit.cents).toBe(2500);
  });

  it('finishes top-ups a crash or an unreachable loyalty left half-way, with the wallet-top-ups job', async () => {
    const hal = await shopper();
    const orders = t.system.services.get('orders')!.db;
    // Paid, not credited yet (loyalty did not answer): the job credits it, once however often it runs.
    const authorized = await provider().authorize({
      token: 'tok_visa',
      cents: 2500,
      currency: 'USD',
      idempotencyKey: `crash-${randomUUID()}`,
    });
    if (!authorized.ok) throw new Error('the test provider declined');
    await provider().capture(authorized.reference, 2500, 'USD', `crash-capture-${randomUUID()}`);
    const row = (status: string, createdAt: Date, reference: string | null) =>
      orders.getRepository(WalletTopUp).create({
        id: randomUUID(),
        customerId: hal.id,
        idempotencyScope: `customer:${hal.id}`,
        idempotencyKey: randomUUID(),
        requestHash: 'x',
        status: status as never,
        amountCents: 2500,
        currency: 'USD',
        provider: 'test',
        paymentMethodId: null,
        reference,
        channel: 'MOBILE_APP',
        lastError: 'loyalty unreachable',
        attempts: 1,
        createdAt,
        settledAt: null,
      });
    const paid = row('CAPTURED', new Date(), authorized.reference);
    // Abandoned before the provider answered, ten minutes ago: given up, nothing was captured.
    const abandoned = row('PENDING', new Date(Date.now() - 10 * 60_000), null);
    // Still in progress in its request: left alone.
    const inFlight = row('PENDING', new Date(), null);
    for (const topUp of [paid, abandoned, inFlight]) await orders.getRepository(WalletTopUp).insert(topUp);
    expect(await t.runJob('orders', 'wallet-top-ups')).toBe(2);
    expect(await t.runJob('orders', 'wallet-top-ups')).toBe(0);
    const after = new Map((await orders.getRepository(WalletTopUp).findBy({ customerId: hal.id })).map((u) => [u.id, u.status]));
    expect([after.get(paid.id), after.get(abandoned.id), after.get(inFlight.id)]).toEqual(['CREDITED', 'DECLINED', 'PENDING']);
    expect((await wallet(hal.client)).storeCredit).toEqual({ cents: 2500, currency: 'USD' });
  });

  it('refunds the payment when the wallet cannot take the top-up', async () => {
    const cleo = await shopper();
    for (let i = 0; i < 10; i++)
      expect((await topUp(cleo.client, cleo.id, 100_000, `fill-${i}-${randomUUID()}`)).userErrors).toEqual([]);
    const over = await topUp(cleo.client, cleo.id, 100, `over-${randomUUID()}`);
    expect(over.userErrors.map((e: any) => e.code)).toEqual(['WALLET_LIMIT_EXCEEDED']);
    expect((await wallet(cleo.client)).storeCredit.cents).toBe(1_000_000);
    const topUps = t.system.services.get('orders')!.db.getRepository(WalletTopUp);
    const refunded = await topUps.findOneByOrFail({ customerId: cleo.id, status: 'REFUNDED' as never });
    expect(provider().payments.get(refunded.reference!)).toMatchObject({ captured: 100, refunded: 100 });

    // The provider fails the refund the first time: the answer is the same, the job refunds it.
    const stuck = await topUp(cleo.client, cleo.id, 200, `stuck-${randomUUID()}`, 'tok_fail_refund');
    expect(stuck.userErrors.map((e: any) => e.code)).toEqual(['WALLET_LIMIT_EXCEEDED']);
    const pending = await topUps.findOneByOrFail({ customerId: cleo.id, status: 'CAPTURED' as never });
    expect(provider().payments.get(pending.reference!)).toMatchObject({ captured: 200, refunded: 0 });
    expect(await t.runJob('orders', 'wallet-top-ups')).toBe(1);
    expect(await topUps.findOneByOrFail({ id: pending.id })).toMatchObject({ status: 'REFUNDED' });
    expect(provider().payments.get(pending.reference!)).toMatchObject({ captured: 200, refunded: 200 });
    expect((await wallet(cleo.client)).storeCredit.cents).toBe(1_000_000);
  });

  it('saves two methods, sets the default, pays with a saved method, and staff see the methods but never a token', async () => {
    const dora = await shopper();
    const save = async (token: string, last4: string, extra: Record<string, unknown> = {}) =>
      (
        await dora.client.request(SAVE_METHOD, {
          input: {
            customerId: dora.id,
            provider: 'test',
            token,
            brand: 'Visa',
            last4,
            expiryMonth: 12,
            expiryYear: 2031,
            ...extra,
          },
        })
      ).savePaymentMethod;
    const first = await save('tok_dora_visa', '4242');
    expect(first.paymentMethod).toMatchObject({
      provider: 'test',
      brand: 'visa',
      last4: '4242',
      expiresOn: '2031-12-31',
      isDefault: true,
    });
    const second = await save('tok_dora_mc', '4444', { brand: 'Mastercard' });
    expect(second.paymentMethod.isDefault).toBe(false);
    expect((await save('tok_dora_mc', '4444')).paymentMethods).toHaveLength(2); // saving again keeps one
    expect((await save('4242 4242 4242 4242', '4242')).userErrors.map((e: any) => e.code)).toEqual(['CARD_NUMBER_REFUSED']);
    expect((await save('tok_old', '1111', { expiryMonth: 1, expiryYear: 2020 })).userErrors.map((e: any) => e.code)).toEqual([
      'CARD_EXPIRED',
    ]);
    expect((await save('tok_x', '12a4')).userErrors.map((e: any) => e.code)).toEqual(['INVALID_LAST4']);

    const { setDefaultPaymentMethod } = await dora.client.request(SET_DEFAULT, { id: second.paymentMethod.id });
    expect(setDefaultPaymentMethod.paymentMethods).toEqual([
      { id: first.paymentMethod.id, isDefault: false },
      { id: second.paymentMethod.id, isDefault: true },
    ]);
    const me = await wallet(dora.client);
    expect(me.paymentMethods.map((m: any) => [m.last4, m.isDefault])).toEqual([
      ['4242', false],
      ['4444', true],
    ]);

    // Checkout in the app with the saved Mastercard: the provider is charged with its token.
    const cartId = await cartWith(dora.client, dora.id, 'MOBILE_APP', [['FILTERS-100', 1]]);
    const { checkout } = await send(dora.client, 'Checkout', {
      input: { cartId, idempotencyKey: `saved-${randomUUID()}`, fulfillment: pickup(), paymentMethodId: second.paymentMethod.id },
    });
    expect(checkout.userErrors).toEqual([]);
    const paid = (await send(t.client, 'OrderPayments', { number: checkout.order.number })).orderByNumber;
    expect(paid.payments).toEqual([
      expect.objectContaining({ method: 'CARD', status: 'CAPTURED', amount: { cents: 400, currency: 'USD' } }),
    ]);
    const charged = [...provider().payments.values()].filter((p) => p.token === 'tok_dora_mc');
    expect(charged).toEqual([expect.objectContaining({ captured: 400 })]);

    // The wallet is topped up with a saved method too.
    const withSaved = await send(dora.client, 'TopUpWallet', {
      input: {
        customerId: dora.id,
        amount: { cents: 2000, currency: 'USD' },
        paymentMethodId: first.paymentMethod.id,
        idempotencyKey: randomUUID(),
      },
    });
    expect(withSaved.topUpWallet).toEqual({ storeCredit: { cents: 2000, currency: 'USD' }, userErrors: [] });
    expect([...provider().payments.values()].filter((p) => p.token === 'tok_dora_visa')).toEqual([
      expect.objectContaining({ captured: 2000 }),
    ]);

    // Staff see that the methods exist; nobody can ask for a token.
    const staffView = await t.client.request(
      `query($id: ID!) { customer(id: $id) { paymentMethods { id brand last4 isDefault } } }`,
      {
        id: dora.id,
      },
    );
    expect(staffView.customer.paymentMethods).toHaveLength(2);
    await expect(
      t.client.request(`query($id: ID!) { customer(id: $id) { paymentMethods { id token } } }`, { id: dora.id }),
    ).rejects.toThrow(/Cannot query field "token"/);

    // Someone else's method: unknown to another shopper; a partner never charges a shopper's saved card.
    const eve = await shopper();
    const eveCart = await cartWith(eve.client, eve.id, 'MOBILE_APP', [['FILTERS-100', 1]]);
    const stolen = await send(eve.client, 'Checkout', {
      input: {
        cartId: eveCart,
        idempotencyKey: `steal-${randomUUID()}`,
        fulfillment: pickup(),
        paymentMethodId: second.paymentMethod.id,
      },
    });
    expect(stolen.checkout.userErrors.map((e: any) => e.code)).toEqual(['UNKNOWN_PAYMENT_METHOD']);
    await expect(eve.client.request(REMOVE, { id: first.paymentMethod.id })).rejects.toThrow(/FORBIDDEN|not yours/);
    const partner = await t.signedIn({ role: 'PARTNER', partnerId: 'market-x', subject: 'market-x' });
    const { placeOrder } = await partner.request(
      `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } userErrors { code } } }`,
      {
        input: {
          customer: { email: dora.email },
          channel: 'MARKETPLACE',
          idempotencyKey: `partner-${randomUUID()}`,
          lines: [{ sku: 'FILTERS-100', quantity: 1 }],
          fulfillment: pickup(),
          paymentMethodId: second.paymentMethod.id,
        },
      },
    );
    expect(placeOrder.userErrors.map((e: any) => e.code)).toEqual(['PAYMENT_METHOD_NOT_ALLOWED']);

    // Removing the default makes the other one the default.
    const { removePaymentMethod } = await dora.client.request(REMOVE, { id: second.paymentMethod.id });
    expect(removePaymentMethod.paymentMethods).toEqual([{ id: first.paymentMethod.id, isDefault: true }]);
    const stored = await t.system.services.get('orders')!.db.getRepository(SavedPaymentMethod).findBy({ customerId: dora.id });
    expect(stored.map((m) => m.token)).toEqual(['tok_dora_visa']);

    // A subscription pays each run with the saved Visa (another shopper's method is unknown to it).
    const subscribe = (paymentMethodId: string) =>
      send(dora.client, 'CreateSubscription', {
        input: {
          customerId: dora.id,
          channel: 'MOBILE_APP',
          sku: 'FILTERS-100',
          quantity: 2,
          intervalDays: 30,
          startOn: today,
          fulfillment: pickup(),
          paymentMethodId,
        },
      }).then((d) => d.createSubscription);
    expect((await subscribe(randomUUID())).userErrors.map((e: any) => e.code)).toEqual(['UNKNOWN_PAYMENT_METHOD']);
    const subscribed = await subscribe(first.paymentMethod.id);
    expect(subscribed.userErrors).toEqual([]);
    const { runDueSubscriptions } = await send(t.client, 'RunDueSubscriptions', { asOf: today });
    const subscriptionOrder = await t.system.services
      .get('orders')!
      .db.getRepository(Order)
      .findOneByOrFail({ id: In(runDueSubscriptions.ordersPlaced.map((o: any) => o.id)), customerId: dora.id });
    const subscriptionPaid = (await send(t.client, 'OrderPayments', { number: subscriptionOrder.number })).orderByNumber;
    expect(subscriptionPaid.payments).toEqual([
      expect.objectContaining({ method: 'CARD', status: 'CAPTURED', amount: subscriptionPaid.total }),
    ]);
    expect([...provider().payments.values()].filter((p) => p.token === 'tok_dora_visa').map((p) => p.captured)).toEqual([
      2000,
      subscriptionPaid.total.cents,
    ]);
  });

  it('learns a 14-day interval from purchases in store and on the web, and auto-fills a due order exactly once', async () => {
    const fay = await shopper();
    const orders = t.system.services.get('orders')!.db;
    await fay.client.request(SAVE_METHOD, {
      input: {
        customerId: fay.id,
        provider: 'test',
        token: 'tok_fay',
        brand: 'visa',
        last4: '1881',
        expiryMonth: 6,
        expiryYear: 2032,
      },
    });
    // Three purchases of milk, 14 days apart: the web, the store's till, the web again.
    const web = async () => {
      const cartId = await cartWith(fay.client, fay.id, 'WEB', [['MILK-1L', 2]]);
      const { checkout } = await send(fay.client.withHeaders({ 'x-channel': 'WEB' }), 'Checkout', {
        input: { cartId, idempotencyKey: `milk-${randomUUID()}`, fulfillment: pickup() },
      });
      expect(checkout.userErrors).toEqual([]);
      return checkout.order.id as string;
    };
    const inStore = async () => {
      const { placeOrder } = await send(await t.associateAt(store), 'PlaceOrder', {
        input: {
          customerId: fay.id,
          channel: 'STORE',
          idempotencyKey: `till-${randomUUID()}`,
          lines: [{ sku: 'MILK-1L', quantity: 2 }],
          fulfillment: { type: 'CARRY_OUT', pickupLocationId: store },
        },
      });
      expect(placeOrder.userErrors).toEqual([]);
      return placeOrder.order.id as string;
    };
    const placed = [await web(), await inStore(), await web()];
    // A one-off purchase of coffee teaches nothing.
    await send(fay.client, 'CheckoutWithTenders', {
      cartId: await cartWith(fay.client, fay.id, 'MOBILE_APP', [['COFFEE-500', 1]]),
      key: `once-${randomUUID()}`,
      fulfillment: pickup(),
    });
    for (const [i, id] of placed.entries()) {
      await orders.getRepository(Order).update({ id }, { placedAt: new Date(`${addDays(today, -42 + 14 * i)}T10:00:00Z`) });
    }

    const learned = (await wallet(fay.client)).shoppingList.items;
    expect(learned).toEqual([
      {
        sku: 'MILK-1L',
        quantity: 2,
        autoFill: false,
        intervalDays: 14,
        nextDueOn: today,
        variant: { product: { name: 'Product MILK-1L' } },
      },
    ]);

    const { setShoppingListItem } = await send(fay.client, 'SetShoppingListItem', {
      input: { customerId: fay.id, sku: 'MILK-1L', quantity: 3, autoFill: true },
    });
    expect(setShoppingListItem).toEqual({
      item: { sku: 'MILK-1L', quantity: 3, autoFill: true, intervalDays: 14, nextDueOn: today },
      userErrors: [],
    });

    const autoOrders = () =>
      orders
        .getRepository(Order)
        .findBy({ customerId: fay.id, channel: 'MOBILE_APP' as never, idempotencyScope: 'shopping-list' });
    // The first run tells her the order is coming; the next places it; a further run places nothing more.
    expect(await t.runJob('orders', 'shopping-list-auto-fill')).toBe(0);
    const item = await orders.getRepository(ShoppingListItemRow).findOneByOrFail({ customerId: fay.id, sku: 'MILK-1L' });
    expect(item.remindedFor).toBe(today);
    const told = await until(
      () =>
        t.system.services
          .get('crm')!
          .db.getRepository(CustomerMessage)
          .findBy({ customerId: fay.id, kind: 'AUTO_FILL_DUE' as never }),
      (messages) => messages.length > 0,
    );
    expect(told[0]!.subject).toBe(`Your shopping list reorders MILK-1L on ${today}`);
    expect(await autoOrders()).toHaveLength(0);
    expect(await t.runJob('orders', 'shopping-list-auto-fill')).toBe(1);
    expect(await t.runJob('orders', 'shopping-list-auto-fill')).toBe(0);
    const [auto] = await autoOrders();
    expect(await autoOrders()).toHaveLength(1);
    const paid = (await send(t.client, 'OrderPayments', { number: auto!.number })).orderByNumber;
    expect(paid.lines.map((l: any) => [l.sku, l.quantity])).toEqual([['MILK-1L', 3]]);
    expect(paid.payments).toEqual([expect.objectContaining({ method: 'CARD', status: 'CAPTURED', amount: paid.total })]);
    expect(paid.balanceDue.cents).toBe(0);
    expect(paid.shippingAddress).toMatchObject({ line1: '1 Main St', city: 'New York' });

    const after = (await wallet(fay.client)).shoppingList.items;
    expect(after).toEqual([
      expect.objectContaining({ sku: 'MILK-1L', autoFill: true, intervalDays: 14, nextDueOn: addDays(today, 14) }),
    ]);

    // She skips the next one, then buys her list in one call.
    const skipped = await fay.client.request(
      `mutation($c: ID!) { skipShoppingListAutoFill(customerId: $c, sku: "MILK-1L") { item { nextDueOn } userErrors { code } } }`,
      { c: fay.id },
    );
    expect(skipped.skipShoppingListAutoFill).toEqual({ item: { nextDueOn: addDays(today, 28) }, userErrors: [] });
    await send(fay.client, 'SetShoppingListItem', { input: { customerId: fay.id, sku: 'FILTERS-100', quantity: 1 } });
    const bought = await fay.client.request(
      `mutation($input: BuyShoppingListInput!) { buyShoppingList(input: $input) { cart { id lines { sku quantity } } skippedSkus userErrors { code } } }`,
      { input: { customerId: fay.id, channel: 'MOBILE_APP' } },
    );
    expect(bought.buyShoppingList.userErrors).toEqual([]);
    expect(bought.buyShoppingList.cart.lines.map((l: any) => [l.sku, l.quantity]).sort()).toEqual([
      ['FILTERS-100', 1],
      ['MILK-1L', 3],
    ]);
  });

  it("keeps a merged duplicate's saved methods and list with the survivor, and the survivor's default", async () => {
    const [survivor, duplicate] = [await shopper(), await shopper()];
    for (const [who, token, last4, sku] of [
      [survivor, 'tok_survivor', '1001', 'MILK-1L'],
      [duplicate, 'tok_duplicate', '2002', 'MILK-1L'],
      [duplicate, 'tok_duplicate_2', '3003', 'TEA-250'],
    ] as const) {
      await who.client.request(SAVE_METHOD, {
        input: { customerId: who.id, provider: 'test', token, brand: 'visa', last4, expiryMonth: 3, expiryYear: 2031 },
      });
      await send(who.client, 'SetShoppingListItem', { input: { customerId: who.id, sku, quantity: who === survivor ? 4 : 1 } });
    }
    const { mergeCustomers } = await send(t.client, 'MergeCustomers', { survivorId: survivor.id, duplicateId: duplicate.id });
    expect(mergeCustomers.userErrors ?? []).toEqual([]);
    const merged = await until(
      async () => (await wallet(survivor.client)) as any,
      (me) => me.paymentMethods.length === 3,
    );
    expect(merged.paymentMethods.filter((m: any) => m.isDefault).map((m: any) => m.last4)).toEqual(['1001']);
    expect(merged.shoppingList.items.map((i: any) => [i.sku, i.quantity]).sort()).toEqual([
      ['MILK-1L', 4],
      ['TEA-250', 1],
    ]);
  });

  it('refuses shopping list input a client got wrong, as userErrors', async () => {
    const gus = await shopper();
    const codes = async (input: Record<string, unknown>) =>
      (
        await send(gus.client, 'SetShoppingListItem', { input: { customerId: gus.id, sku: 'MILK-1L', quantity: 1, ...input } })
      ).setShoppingListItem.userErrors.map((e: any) => e.code);
    expect(await codes({ sku: 'NO-SUCH-SKU' })).toEqual(['UNKNOWN_SKU']);
    expect(await codes({ sku: 'MILK\u00071L' })).toEqual(['UNKNOWN_SKU']);
    expect(await codes({ sku: 'x'.repeat(65) })).toEqual(['UNKNOWN_SKU']);
    expect(await codes({ quantity: -1 })).toEqual(['INVALID_QUANTITY']);
    expect(await codes({ quantity: 1000 })).toEqual(['INVALID_QUANTITY']);
    expect(await codes({ intervalDays: 0 })).toEqual(['INVALID_INTERVAL']);
    expect(await codes({ autoFill: true })).toEqual(['INTERVAL_REQUIRED']);
    expect(await codes({ autoFill: true, intervalDays: 7 })).toEqual([]);
    expect(await codes({ quantity: 0 })).toEqual([]);
    expect((await wallet(gus.client)).shoppingList.items).toEqual([]);
  });

  it("shows the app's first screen in one request, with the same SQL statements per service whatever her history", async () => {
    const FIRST_SCREEN = `query FirstScreen {
      me {
        id firstName
        loyalty { pointsBalance tier }
        storeCredit { cents currency }
        defaultPaymentMethod { brand last4 expiresOn }
        shoppingList { dueItems { sku quantity nextDueOn variant { sku product { name } } } items { sku } }
        orders(first: 5, status: PLACED) { totalCount edges { node { number status total { cents currency } } } }
        recommendations(first: 4) { id name }
      }
    }`;
    const light = await shopper();
    const heavy = await shopper();
    for (const s of [light, heavy]) await send(t.client, 'EnrollLoyalty', { customerId: s.id, channel: 'MOBILE_APP' });
    await topUp(heavy.client, heavy.id, 3000, `screen-${randomUUID()}`);
    for (const [token, last4] of [
      ['tok_h1', '1111'],
      ['tok_h2', '2222'],
      ['tok_h3', '3333'],
    ]) {
      await heavy.client.request(SAVE_METHOD, {
        input: { customerId: heavy.id, provider: 'test', token, brand: 'visa', last4, expiryMonth: 1, expiryYear: 2033 },
      });
    }
    for (const sku of ['MILK-1L', 'COFFEE-500', 'FILTERS-100']) {
      await send(heavy.client, 'SetShoppingListItem', { input: { customerId: heavy.id, sku, quantity: 2, intervalDays: 7 } });
      await send(heavy.client, 'CheckoutWithTenders', {
        cartId: await cartWith(heavy.client, heavy.id, 'MOBILE_APP', [[sku, 1]]),
        key: `h-${sku}-${randomUUID()}`,
        fulfillment: pickup(),
      });
    }
    await send(light.client, 'SetShoppingListItem', {
      input: { customerId: light.id, sku: 'TEA-250', quantity: 1, intervalDays: 7 },
    });
    await send(light.client, 'CheckoutWithTenders', {
      cartId: await cartWith(light.client, light.id, 'MOBILE_APP', [['TEA-250', 1]]),
      key: `l-${randomUUID()}`,
      fulfillment: pickup(),
    });
    const ordersDb = t.system.services.get('orders')!.db;
    const [lightOrder] = await ordersDb.getRepository(Order).findBy({ customerId: light.id });
    await ordersDb.getRepository(Order).update({ id: lightOrder!.id }, { placedAt: new Date(`${addDays(today, -7)}T09:00:00Z`) });
    const heavyOrders = await ordersDb.getRepository(Order).findBy({ customerId: heavy.id });
    // Bought twice 7 days apart, so that the list has due items to show.
    for (const [i, o] of heavyOrders.entries()) {
      await ordersDb
        .getRepository(Order)
        .update({ id: o.id }, { placedAt: new Date(`${addDays(today, i % 2 ? -7 : -14)}T09:00:00Z`) });
    }
    await until(
      () => ordersDb.getRepository(Order).countBy({ customerId: In([heavy.id]) }),
      (n) => n === 3,
    );

    const measure = async (client: GatewayClient) => {
      const counters = Object.fromEntries(
        ['crm', 'catalog', 'inventory', 'orders', 'loyalty'].map((s) => [s, countStatements(t.system.services.get(s)!.db)]),
      );
      const data = await client.request(FIRST_SCREEN);
      for (const c of Object.values(counters)) c.stop();
      return { data, counts: Object.fromEntries(Object.entries(counters).map(([s, c]) => [s, c.count()])) };
    };
    // Measured once the events of the purchases above are applied (their consumers write too).
    await until(
      async () => {
        const [a, b] = [await measure(light.client), await measure(light.client)];
        return (
          JSON.stringify(a.counts) === JSON.stringify(b.counts) &&
          JSON.stringify((await measure(heavy.client)).counts) === JSON.stringify((await measure(heavy.client)).counts)
        );
      },
      (settled) => settled,
    );
    const lightScreen = await measure(light.client);
    const heavyScreen = await measure(heavy.client);
    expect(heavyScreen.data.me.storeCredit).toEqual({ cents: 3000, currency: 'USD' });
    expect(heavyScreen.data.me.defaultPaymentMethod).toEqual({ brand: 'visa', last4: '1111', expiresOn: '2033-01-31' });
    expect(heavyScreen.data.me.orders.totalCount).toBe(3);
    expect(heavyScreen.data.me.shoppingList.items).toHaveLength(3);
    expect(heavyScreen.data.me.shoppingList.dueItems).toHaveLength(3);
    expect(lightScreen.data.me.shoppingList.items).toEqual([{ sku: 'TEA-250' }]);
    expect(lightScreen.data.me.shoppingList.dueItems).toHaveLength(1);
    expect(heavyScreen.data.me.recommendations.length).toBeGreaterThan(0);
    expect(lightScreen.data.me.recommendations.length).toBeGreaterThan(0);
    expect(heavyScreen.counts).toEqual(lightScreen.counts);
    if (process.env.DUMP_STATEMENTS) console.log('first screen statements per service', heavyScreen.counts);
    expect(heavyScreen.counts.orders).toBeLessThanOrEqual(6);
  });
});
