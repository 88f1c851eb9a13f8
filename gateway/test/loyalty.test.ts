import { randomUUID } from 'node:crypto';
import { newEnvelope, type Channel } from '@omni/platform';
import { LedgerEntry, LoyaltyAccount } from '../../services/loyalty/src/entities/account';
import { giftCardHash } from '../../services/loyalty/src/domain/stored-value';
import { StoredValueAccount, StoredValueEntry } from '../../services/loyalty/src/entities/stored-value';
import { loyaltySettings } from '../../services/loyalty/src/settings';
import { eventually, send, startTestSystem, type TestSystem, asService } from './harness';

/** The loyalty program through the gateway: one account per customer, whatever the channel. */
describe('loyalty', () => {
  let t: TestSystem;
  const customers: Record<string, string> = {};

  const MEMBER = /* GraphQL */ `
    query Member($id: ID!) {
      customer(id: $id) {
        identities {
          kind
          value
          channel
        }
        loyalty {
          cardNumber
          tier
          pointsBalance
          lifetimePoints
          ledger(first: 50) {
            totalCount
            edges {
              node {
                id
                kind
                points
                reason
                channel
                orderId
              }
            }
          }
        }
        storeCredit {
          cents
          currency
        }
      }
    }
  `;
  /** Holds are the orders service's checkout boundary: it calls them as a service, never a token. */
  const fromOrders = <T = any>(query: string, variables: Record<string, unknown> = {}) =>
    asService(t, 'loyalty')<T>(query, variables);
  const member = async (id: string) => (await t.client.request<{ customer: any }>(MEMBER, { id }, 'Member')).customer;
  const pointsOf = async (id: string) => (await member(id)).loyalty?.pointsBalance as number;

  const HOLD_POINTS = /* GraphQL */ `
    mutation Hold($customerId: ID!, $points: Int!, $orderRef: String!, $key: String!) {
      holdPoints(customerId: $customerId, points: $points, orderRef: $orderRef, idempotencyKey: $key) {
        hold {
          id
          status
          amount
        }
        userErrors {
          field
          code
          message
        }
      }
    }
  `;
  const HOLD_VALUE = /* GraphQL */ `
    mutation HoldValue($input: HoldStoredValueInput!) {
      holdStoredValue(input: $input) {
        hold {
          id
          status
          amount
          currency
        }
        userErrors {
          field
          code
          message
        }
      }
    }
  `;
  const CAPTURE = /* GraphQL */ `
    mutation Capture($id: ID!) {
      captureHold(holdId: $id) {
        hold {
          id
          status
        }
        userErrors {
          code
        }
      }
    }
  `;
  const RELEASE = /* GraphQL */ `
    mutation Release($id: ID!) {
      releaseHold(holdId: $id) {
        hold {
          id
          status
        }
        userErrors {
          code
        }
      }
    }
  `;

  /** An order event as the orders service publishes it, from any channel. */
  const publish = (type: string, payload: unknown, channel: Channel) => t.system.bus.publish(newEnvelope(type, payload, channel));
  const orderPlaced = (
    customerId: string,
    channel: Channel,
    lines: { sku: string; quantity: number; unitPriceCents: number; categoryPath?: string[] }[],
  ) => {
    const withIds = lines.map((l) => ({ lineId: randomUUID(), ...l }));
    const subtotal = withIds.reduce((a, l) => a + l.quantity * l.unitPriceCents, 0);
    return {
      orderId: randomUUID(),
      number: `T-${randomUUID().slice(0, 6)}`,
      customerId,
      channel,
      currency: 'USD',
      subtotalCents: subtotal,
      discountCents: 0,
      totalCents: subtotal,
      lines: withIds,
    };
  };

  const register = async (name: string, channel: Channel) => {
    const r = await send(t.client, 'RegisterCustomer', {
      input: { email: `${name}.${randomUUID().slice(0, 8)}@example.com`, firstName: name, lastName: 'Test', channel },
    });
    customers[name] = r.registerCustomer.customer.id;
    return customers[name]!;
  };

  beforeAll(async () => {
    t = await startTestSystem();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('enrols from any channel once, with a card also linked as a CRM identity', async () => {
    const ana = await register('ana', 'STORE');
    await register('ben', 'WEB');
    await register('cy', 'CALL_CENTER');
    const atTill = await send(t.client.withHeaders({ 'x-channel': 'STORE' }), 'EnrollLoyalty', {
      customerId: ana,
      channel: 'STORE',
    });
    expect(atTill.enrollLoyalty).toMatchObject({ account: { tier: 'BRONZE', pointsBalance: 0 }, userErrors: [] });
    const card = atTill.enrollLoyalty.account.cardNumber;
    expect(card).toMatch(/^7\d{15}$/);
    for (const [name, channel] of [
      ['ben', 'MOBILE_APP'],
      ['cy', 'CALL_CENTER'],
    ] as const) {
      expect((await send(t.client, 'EnrollLoyalty', { customerId: customers[name], channel })).enrollLoyalty.userErrors).toEqual(
        [],
      );
    }

    const again = await send(t.client, 'EnrollLoyalty', { customerId: ana, channel: 'WEB' });
    expect(again.enrollLoyalty).toEqual({
      account: null,
      userErrors: [expect.objectContaining({ code: 'ALREADY_ENROLLED', field: ['customerId'] })],
    });
    const nobody = await send(t.client, 'EnrollLoyalty', { customerId: randomUUID(), channel: 'WEB' });
    expect(nobody.enrollLoyalty.userErrors).toEqual([expect.objectContaining({ code: 'UNKNOWN_CUSTOMER' })]);

    const view = await eventually(
      () => member(ana),
      (c) => c.identities.some((i: { kind: string }) => i.kind === 'LOYALTY_CARD'),
    );
    expect(view.identities).toContainEqual({ kind: 'LOYALTY_CARD', value: card, channel: 'STORE' });
    expect(view.loyalty).toMatchObject({
      cardNumber: card,
      tier: 'BRONZE',
      pointsBalance: 0,
      lifetimePoints: 0,
      ledger: { totalCount: 0, edges: [] },
    });
    expect(view.storeCredit).toBeNull();
  });

  it('earns once per order from every channel, with rules stored as data', async () => {
    // A real order through the orders service, at the till.
    await send(t.client, 'UpsertProduct', {
      input: {
        name: 'Trail Jacket',
        categoryPath: ['Apparel', 'Outerwear'],
        attributes: [],
        variants: [{ sku: 'TJ-1', attributes: [], price: { cents: 12000, currency: 'USD' } }],
      },
    });
    const store = await send(t.client, 'UpsertLocation', {
      input: { name: 'Till Store', type: 'STORE', lat: 40.7, lng: -74.0, fulfillsOnline: true, pickupEnabled: true },
    });
    await send(t.client, 'SetStock', { input: { locationId: store.upsertLocation.location.id, sku: 'TJ-1', onHand: 5 } });
    const placed = await send(t.client.withHeaders({ 'x-channel': 'STORE' }), 'PlaceOrder', {
      input: {
        customerId: customers.ana,
        channel: 'STORE',
        idempotencyKey: `pos-${randomUUID()}`,
        lines: [{ sku: 'TJ-1', quantity: 1 }],
        fulfillment: { type: 'SHIP', address: { line1: '1 Main St', city: 'New York', postalCode: '10001', country: 'US' } },
      },
    });
    expect(placed.placeOrder.userErrors).toEqual([]);
    expect(
      await eventually(
        () => pointsOf(customers.ana!),
        (p) => p === 120,
      ),
    ).toBe(120);

    // App orders earn double; apparel earns triple during a campaign window.
    const rule = await send(t.client, 'UpsertEarnRule', {
      input: { name: 'App double points', trigger: 'PURCHASE', multiplier: 2, channels: ['MOBILE_APP'], active: true },
    });
    expect(rule.upsertEarnRule).toMatchObject({ rule: { name: 'App double points', active: true }, userErrors: [] });
    const campaign = await send(t.client, 'UpsertEarnRule', {
      input: {
        name: 'Apparel week',
        trigger: 'PURCHASE',
        multiplier: 3,
        categoryPath: ['Apparel'],
        startsAt: new Date(Date.now() - 3600_000).toISOString(),
        endsAt: new Date(Date.now() + 3600_000).toISOString(),
        active: true,
      },
    });
    expect(campaign.upsertEarnRule.userErrors).toEqual([]);
    const bad = await send(t.client, 'UpsertEarnRule', { input: { name: 'Nothing', trigger: 'PURCHASE', active: true } });
    expect(bad.upsertEarnRule).toEqual({ rule: null, userErrors: [expect.objectContaining({ code: 'INVALID_RULE' })] });

    const appOrder = orderPlaced(customers.ben!, 'MOBILE_APP', [
      { sku: 'TJ-1', quantity: 1, unitPriceCents: 10000, categoryPath: ['Apparel', 'Outerwear'] },
      { sku: 'MUG', quantity: 2, unitPriceCents: 1000, categoryPath: ['Home'] },
    ]);
    await publish('orders.order.placed', appOrder, 'MOBILE_APP');
    // 100 units x2 (app) x3 (apparel) + 20 units x2 (app)
    expect(
      await eventually(
        () => pointsOf(customers.ben!),
        (p) => p > 0,
      ),
    ).toBe(600 + 40);
    // The same order published again (a new event id) earns nothing more.
    await publish('orders.order.placed', appOrder, 'MOBILE_APP');
    await publish(
      'orders.order.placed',
      orderPlaced(customers.ben!, 'WEB', [{ sku: 'X', quantity: 1, unitPriceCents: 1000 }]),
      'WEB',
    );
    expect(
      await eventually(
        () => pointsOf(customers.ben!),
        (p) => p !== 640,
      ),
    ).toBe(650);

    // Switch the campaign off again: it is data, edited in place.
    const off = await send(t.client, 'UpsertEarnRule', {
      input: {
        id: campaign.upsertEarnRule.rule.id,
        name: 'Apparel week',
        trigger: 'PURCHASE',
        multiplier: 3,
        categoryPath: ['Apparel'],
        active: false,
      },
    });
    expect(off.upsertEarnRule.rule).toMatchObject({ id: campaign.upsertEarnRule.rule.id, active: false });
  });

  it('rewards engagement within per-period caps', async () => {
    const ben = customers.ben!;
    const before = await pointsOf(ben);
    const share = await send(t.client, 'RecordEngagement', {
      input: { customerId: ben, kind: 'SOCIAL_SHARE', channel: 'MOBILE_APP', ref: 'post-1' },
    });
    expect(share.recordEngagement).toMatchObject({ entry: { points: 10, kind: 'EARN' }, userErrors: [] });
    // A retry of the same share gives the same entry; another share today is capped.
    const retry = await send(t.client, 'RecordEngagement', {
      input: { customerId: ben, kind: 'SOCIAL_SHARE', channel: 'MOBILE_APP', ref: 'post-1' },
    });
    expect(retry.recordEngagement.entry.id).toBe(share.recordEngagement.entry.id);
    const second = await send(t.client, 'RecordEngagement', {
      input: { customerId: ben, kind: 'SOCIAL_SHARE', channel: 'WEB', ref: 'post-2' },
    });
    expect(second.recordEngagement).toEqual({
      entry: null,
      userErrors: [expect.objectContaining({ code: 'ENGAGEMENT_CAPPED' })],
    });
    const review = await send(t.client, 'RecordEngagement', {
      input: { customerId: ben, kind: 'PRODUCT_REVIEW', channel: 'WEB', ref: 'review-9' },
    });
    expect(review.recordEngagement.entry.points).toBe(50);
    expect(await pointsOf(ben)).toBe(before + 60);

    // An operator turns referral rewards off: a stored rule replaces the default of that id.
    await send(t.client, 'UpsertEarnRule', {
      input: {
        id: 'default-referral',
        name: 'No referrals',
        trigger: 'ENGAGEMENT',
        engagementKind: 'REFERRAL',
        fixedPoints: 200,
        active: false,
      },
    });
    const referral = await send(t.client, 'RecordEngagement', { input: { customerId: ben, kind: 'REFERRAL', channel: 'WEB' } });
    expect(referral.recordEngagement.userErrors).toEqual([expect.objectContaining({ code: 'NO_EARN_RULE' })]);
    const stranger = await send(t.client, 'RecordEngagement', {
      input: { customerId: randomUUID(), kind: 'SURVEY', channel: 'WEB' },
    });
    expect(stranger.recordEngagement.userErrors).toEqual([expect.objectContaining({ code: 'UNKNOWN_CUSTOMER' })]);
  });

  it('lets a shopper claim only her app check-in; a review or referral needs staff or the service that saw it', async () => {
    const ben = customers.ben!;
    const app = await t.signedIn({ role: 'CUSTOMER', customerId: ben, subject: ben });
    const before = await pointsOf(ben);
    for (const kind of ['REFERRAL', 'PRODUCT_REVIEW', 'SURVEY', 'SOCIAL_SHARE']) {
      const claim = await send(app, 'RecordEngagement', {
        input: { customerId: ben, kind, channel: 'MOBILE_APP', ref: `self-${kind}` },
      });
      expect(claim.recordEngagement).toEqual({
        entry: null,
        userErrors: [expect.objectContaining({ code: 'PROOF_REQUIRED', field: ['input', 'kind'] })],
      });
    }
    expect(await pointsOf(ben)).toBe(before);
    const checkIn = await send(app, 'RecordEngagement', {
      input: { customerId: ben, kind: 'APP_CHECK_IN', channel: 'MOBILE_APP', ref: 'self-check-in' },
    });
    expect(checkIn.recordEngagement.userErrors).toEqual([]);
    expect(await pointsOf(ben)).toBe(before + checkIn.recordEngagement.entry.points);
  });

  it('redeems points at checkout through holds, all or nothing, never below zero', async () => {
    const ben = customers.ben!;
    const balance = await pointsOf(ben);
    const hold = (points: number, key = randomUUID()) =>
      fromOrders(HOLD_POINTS, { customerId: ben, points, orderRef: 'cart-1', key }).then((d) => d.holdPoints);

    expect(await hold(balance + 1)).toEqual({
      hold: null,
      userErrors: [expect.objectContaining({ code: 'INSUFFICIENT_POINTS' })],
    });

    // A failed checkout releases its hold: the points are back.
    const failed = await hold(balance);
    expect(failed.hold).toMatchObject({ status: 'HELD', amount: balance });
    expect((await hold(1)).userErrors[0].code).toBe('INSUFFICIENT_POINTS');
    expect((await fromOrders(RELEASE, { id: failed.hold.id })).releaseHold.hold.status).toBe('RELEASED');
    expect((await fromOrders(CAPTURE, { id: failed.hold.id })).captureHold.userErrors[0].code).toBe('HOLD_RELEASED');

    // Five checkouts race for 60% of the balance each: exactly one gets it.
    const racing = await Promise.all(Array.from({ length: 5 }, () => hold(Math.ceil(balance * 0.6))));
    const won = racing.filter((r) => r.hold);
    expect(won).toHaveLength(1);
    expect(racing.filter((r) => r.userErrors[0]?.code === 'INSUFFICIENT_POINTS')).toHaveLength(4);
    const captured = await fromOrders(CAPTURE, { id: won[0].hold.id });
    expect(captured.captureHold.hold.status).toBe('CAPTURED');
    await fromOrders(CAPTURE, { id: won[0].hold.id }); // a retried capture spends nothing more
    expect((await fromOrders(RELEASE, { id: won[0].hold.id })).releaseHold.userErrors[0].code).toBe('HOLD_CAPTURED');

    const after = await member(ben);
    expect(after.loyalty.pointsBalance).toBe(balance - Math.ceil(balance * 0.6));
    expect(after.loyalty.ledger.edges.filter((e: any) => e.node.kind === 'BURN').map((e: any) => e.node.points)).toEqual([
      -Math.ceil(balance * 0.6),
    ]);
    // The same idempotency key holds once.
    const key = randomUUID();
    expect((await hold(1, key)).hold.id).toBe((await hold(1, key)).hold.id);
  });

  it('issues gift cards idempotently and never overspends one, even when checkouts race', async () => {
    const input = { amount: { cents: 10000, currency: 'USD' }, channel: 'STORE', idempotencyKey: `gc-${randomUUID()}` };
    const issued = await send(t.client, 'IssueGiftCard', { input });
    expect(issued.issueGiftCard).toMatchObject({ giftCard: { balance: { cents: 10000, currency: 'USD' } }, userErrors: [] });
    const code: string = issued.issueGiftCard.giftCard.code;
    expect(code).toMatch(/^[2-9A-Z]{4}(-[2-9A-Z]{4}){3}$/);
    // The same key gives the same card; its code is shown only in the first answer.
    expect((await send(t.client, 'IssueGiftCard', { input })).issueGiftCard).toEqual({
      giftCard: { code: null, balance: { cents: 10000, currency: 'USD' } },
      userErrors: [],
    });
    const reused = await send(t.client, 'IssueGiftCard', { input: { ...input, amount: { cents: 5000, currency: 'USD' } } });
    expect(reused.issueGiftCard.userErrors).toEqual([expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED' })]);
    const other = await send(t.client, 'IssueGiftCard', { input: { ...input, idempotencyKey: `gc-${randomUUID()}` } });
    expect(other.issueGiftCard.giftCard.code).not.toBe(code);

    expect((await send(t.client, 'GiftCardBalance', { code: code.replace(/-/g, '').toLowerCase() })).giftCard).toEqual({
      code: null,
      balance: { cents: 10000, currency: 'USD' },
    });
    // One symbol off is simply unknown: no hint that a similar code exists.
    const near = code.slice(0, -1) + (code.endsWith('Z') ? 'Y' : 'Z');
    expect((await send(t.client, 'GiftCardBalance', { code: near })).giftCard).toBeNull();
    const unknown = await fromOrders(HOLD_VALUE, {
      input: { giftCardCode: near, amount: { cents: 100, currency: 'USD' }, orderRef: 'o', idempotencyKey: randomUUID() },
    });
    expect(unknown.holdStoredValue.userErrors).toEqual([
      { field: ['input', 'giftCardCode'], code: 'UNKNOWN_GIFT_CARD', message: 'no gift card has this code' },
    ]);

    // Eight checkouts spend 40.00 of the 100.00 card at the same time: two succeed.
    const spend = () =>
      fromOrders(HOLD_VALUE, {
        input: {
          giftCardCode: code,
          amount: { cents: 4000, currency: 'USD' },
          orderRef: `o-${randomUUID()}`,
          idempotencyKey: randomUUID(),
        },
      }).then((d) => d.holdStoredValue);
    const results = await Promise.all(Array.from({ length: 8 }, spend));
    const holds = results.filter((r) => r.hold);
    expect(holds).toHaveLength(2);
    expect(results.filter((r) => r.userErrors[0]?.code === 'INSUFFICIENT_FUNDS')).toHaveLength(6);
    await Promise.all(holds.map((h) => fromOrders(CAPTURE, { id: h.hold.id })));
    expect((await send(t.client, 'GiftCardBalance', { code })).giftCard.balance.cents).toBe(2000);

    const db = t.system.services.get('loyalty')!.db;
    const card = await db
      .getRepository(StoredValueAccount)
      .findOneByOrFail({ codeHash: giftCardHash(code, loyaltySettings().giftCardSecret) });
    const entries = await db.getRepository(StoredValueEntry).findBy({ accountId: card.id });
    expect(entries.map((e) => e.amountCents).sort((a, b) => a - b)).toEqual([-4000, -4000, 10000]);
    expect(card).toMatchObject({ balanceCents: 2000, heldCents: 0 });
  });

  it('reverses points for returned units and credits store credit', async () => {
    const cy = customers.cy!;
    const order = orderPlaced(cy, 'CALL_CENTER', [
      { sku: 'BOOT', quantity: 2, unitPriceCents: 5000 },
      { sku: 'SOCK', quantity: 1, unitPriceCents: 999 },
    ]);
    await publish('orders.order.placed', order, 'CALL_CENTER');
    expect(
      await eventually(
        () => pointsOf(cy),
        (p) => p > 0,
      ),
    ).toBe(109);

    const ret = {
      returnId: randomUUID(),
      orderId: order.orderId,
      customerId: cy,
      locationId: 'store-1',
      resolution: 'STORE_CREDIT',
      refundCents: 5000,
      currency: 'USD',
      exchangeOrderId: null,
      lines: [{ orderLineId: order.lines[0]!.lineId, sku: 'BOOT', quantity: 1, unitPriceCents: 5000, restockable: true }],
    };
    await publish('orders.return.received', ret, 'STORE');
    const after = await eventually(
      () => member(cy),
      (c) => c.storeCredit?.cents === 5000 && c.loyalty.pointsBalance < 109,
    );
    expect(after.loyalty).toMatchObject({ pointsBalance: 59, lifetimePoints: 59 });
    expect(after.storeCredit).toEqual({ cents: 5000, currency: 'USD' });
    expect(after.loyalty.ledger.edges[0].node).toMatchObject({ kind: 'REVERSAL', points: -50, orderId: order.orderId });

    // The same return again changes nothing; the other boot comes back later.
    await publish('orders.return.received', ret, 'STORE');
    await publish('orders.return.received', { ...ret, returnId: randomUUID(), resolution: 'REFUND' }, 'STORE');
    const final = await eventually(
      () => member(cy),
      (c) => c.loyalty.pointsBalance < 59,
    );
    expect(final.loyalty.pointsBalance).toBe(9);
    expect(final.storeCredit.cents).toBe(5000);

    // Store credit is spent at checkout like a gift card.
    const held = await fromOrders(HOLD_VALUE, {
      input: { customerId: cy, amount: { cents: 6000, currency: 'USD' }, orderRef: 'o', idempotencyKey: randomUUID() },
    });
    expect(held.holdStoredValue.userErrors[0].code).toBe('INSUFFICIENT_FUNDS');
  });

  it('folds a duplicate membership into the survivor on crm.customer.merged', async () => {
    const [survivor, duplicate] = [customers.ben!, customers.cy!];
    const [s, d] = [await member(survivor), await member(duplicate)];
    await publish('crm.customer.merged', { survivorId: survivor, duplicateId: duplicate }, 'CALL_CENTER');
    const merged = await eventually(
      () => member(survivor),
      (c) => c.loyalty.pointsBalance !== s.loyalty.pointsBalance,
    );
    expect(merged.loyalty).toMatchObject({
      cardNumber: s.loyalty.cardNumber,
      pointsBalance: s.loyalty.pointsBalance + d.loyalty.pointsBalance,
      lifetimePoints: s.loyalty.lifetimePoints + d.loyalty.lifetimePoints,
    });
    expect(merged.loyalty.ledger.edges[0].node).toMatchObject({ kind: 'ADJUSTMENT', points: d.loyalty.pointsBalance });
    expect(merged.storeCredit).toEqual({ cents: 5000, currency: 'USD' });
    // The duplicate's card links to the survivor's account.
    expect((await member(duplicate)).loyalty.cardNumber).toBe(s.loyalty.cardNumber);
    const db = t.system.services.get('loyalty')!.db;
    const dupAccount = await db.getRepository(LoyaltyAccount).findOneByOrFail({ cardNumber: d.loyalty.cardNumber });
    expect(dupAccount).toMatchObject({ pointsBalance: 0 });
    expect(await db.getRepository(LedgerEntry).countBy({ accountId: dupAccount.id })).toBe(d.loyalty.ledger.totalCount + 1);
  });

  it('expires dormant points with a job that is safe to run twice', async () => {
    const RUN = /* GraphQL */ `
      mutation Run($asOf: DateTime) {
        runLoyaltyMaintenance(asOf: $asOf) {
          expiredAccounts
          expiredPoints
          releasedHolds
        }
      }
    `;
    const ana = customers.ana!;
    const balance = await pointsOf(ana);
    const now = await t.client.request<any>(RUN, {});
    expect(now.runLoyaltyMaintenance).toMatchObject({ expiredAccounts: 0, expiredPoints: 0 });
    const later = new Date(Date.now() + 400 * 24 * 3600 * 1000).toISOString();
    const first = await t.client.request<any>(RUN, { asOf: later });
    expect(first.runLoyaltyMaintenance.expiredAccounts).toBeGreaterThanOrEqual(2);
    expect(first.runLoyaltyMaintenance.releasedHolds).toBeGreaterThanOrEqual(1); // the idempotency-test hold never came back
    const second = await t.client.request<any>(RUN, { asOf: later });
    expect(second.runLoyaltyMaintenance).toEqual({ expiredAccounts: 0, expiredPoints: 0, releasedHolds: 0 });
    const view = await member(ana);
    expect(view.loyalty.pointsBalance).toBe(0);
    expect(view.loyalty.ledger.edges[0].node).toMatchObject({ kind: 'EXPIRY', points: -balance });
  });

  it('keeps every balance equal to the sum of its append-only ledger', async () => {
    const db = t.system.services.get('loyalty')!.db;
    const accounts = await db.getRepository(LoyaltyAccount).find();
    expect(accounts.length).toBe(3);
    for (const account of accounts) {
      const entries = await db.getRepository(LedgerEntry).findBy({ accountId: account.id });
      expect(entries.reduce((sum, e) => sum + e.points, 0)).toBe(account.pointsBalance);
      expect(account.pointsBalance).toBeGreaterThanOrEqual(0);
      expect(account.heldPoints).toBe(0);
    }
    for (const wallet of await db.getRepository(StoredValueAccount).find()) {
      const entries = await db.getRepository(StoredValueEntry).findBy({ accountId: wallet.id });
      expect(entries.reduce((sum, e) => sum + e.amountCents, 0)).toBe(wallet.balanceCents);
      expect(wallet.balanceCents).toBeGreaterThanOrEqual(0);
    }
  });
});
