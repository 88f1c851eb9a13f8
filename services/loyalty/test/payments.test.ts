import { randomUUID } from 'node:crypto';
import { inTransaction, type LoyaltyTender, type PaymentCaptured, type PaymentRefunded } from '@omni/platform';
import { holdPoints, holdStoredValue, releaseExpiredHolds } from '../src/commands/holds';
import { mergeMembers } from '../src/commands/maintenance';
import { creditStoreCredit, issueGiftCard } from '../src/commands/stored-value';
import { LedgerKind } from '../src/domain/program';
import { HoldStatus, StoredValueEntryKind, StoredValueKind } from '../src/domain/stored-value';
import { LedgerEntry, LoyaltyAccount } from '../src/entities/account';
import { Hold, StoredValueAccount, StoredValueEntry } from '../src/entities/stored-value';
import { envelope, openLoyalty, type LoyaltyDb } from './support';

/**
 * The money events between orders and loyalty (`orders.payment.captured / refunded / released`)
 * applied to loyalty's own database the way the platform applies them (`applyOnce` per
 * consumer): each tender's hold is spent once, given back once per refund, released if held.
 */
describe('loyalty tenders: capture, refund, release', () => {
  let t: LoyaltyDb;
  beforeAll(async () => {
    t = await openLoyalty();
  });
  afterAll(async () => {
    await t?.close();
  });

  const account = (id: string) => t.db.manager.findOneByOrFail(LoyaltyAccount, { id });
  const stored = (id: string) => t.db.manager.findOneByOrFail(StoredValueAccount, { id });
  const hold = (id: string) => t.db.manager.findOneByOrFail(Hold, { id });

  const pointsHold = async (member: LoyaltyAccount, points: number, orderRef = `cart-${randomUUID()}`) =>
    holdPoints(t.ctx(), member.customerId, points, orderRef, randomUUID());
  const giftCard = async (cents: number) =>
    (await issueGiftCard(t.ctx(), { amount: { cents, currency: 'USD' }, channel: 'STORE', idempotencyKey: randomUUID() })) as {
      card: StoredValueAccount;
      code: string;
    };
  const storeCredit = async (customerId: string, cents: number) => {
    await inTransaction(t.db, (m) => creditStoreCredit(m, customerId, cents, 'USD', 'goodwill', randomUUID(), null));
    return t.db.manager.findOneByOrFail(StoredValueAccount, { customerId, kind: StoredValueKind.STORE_CREDIT });
  };
  const tender = (method: LoyaltyTender['method'], holdId: string, amountCents: number, points = 0): LoyaltyTender => ({
    paymentId: randomUUID(),
    method,
    holdId,
    amountCents,
    points,
  });
  const captured = (tenders: LoyaltyTender[], customerId: string | null = null): PaymentCaptured => ({
    orderId: randomUUID(),
    number: `W-${randomUUID().slice(0, 6)}`,
    customerId,
    currency: 'USD',
    tenders,
  });
  const refunded = (order: PaymentCaptured, tenders: LoyaltyTender[], refundId = randomUUID()): PaymentRefunded => ({
    refundId,
    orderId: order.orderId,
    number: order.number,
    customerId: order.customerId,
    currency: 'USD',
    reason: 'CANCELLED',
    tenders,
  });

  it('spends every tender of a captured order once, in one transaction, also when the event comes again', async () => {
    const member = await t.member(1000);
    const points = await pointsHold(member, 400);
    const { card, code } = await giftCard(5000);
    const cardHold = await holdStoredValue(t.ctx(), {
      giftCardCode: code,
      amount: { cents: 3000, currency: 'USD' },
      orderRef: 'cart-1',
      idempotencyKey: randomUUID(),
    });
    const wallet = await storeCredit(member.customerId, 2000);
    const walletHold = await holdStoredValue(t.ctx(), {
      customerId: member.customerId,
      amount: { cents: 2000, currency: 'USD' },
      orderRef: 'cart-1',
      idempotencyKey: randomUUID(),
    });
    const order = captured(
      [
        tender('POINTS', points.id, 400, 400),
        tender('GIFT_CARD', cardHold.id, 3000),
        tender('STORE_CREDIT', walletHold.id, 2000),
      ],
      member.customerId,
    );
    const event = envelope('orders.payment.captured', order);
    expect(await t.apply('payment-captured', event)).toBe(true);
    expect(await t.apply('payment-captured', event)).toBe(false);
    // Published again under a new event id: each hold is spent once.
    expect(await t.apply('payment-captured', envelope('orders.payment.captured', order))).toBe(true);

    expect(await account(member.id)).toMatchObject({ pointsBalance: 600, heldPoints: 0 });
    expect(await stored(card.id)).toMatchObject({ balanceCents: 2000, heldCents: 0 });
    expect(await stored(wallet.id)).toMatchObject({ balanceCents: 0, heldCents: 0 });
    for (const h of [points, cardHold, walletHold]) expect((await hold(h.id)).status).toBe(HoldStatus.CAPTURED);
    const burns = await t.db.manager.findBy(LedgerEntry, { accountId: member.id, kind: LedgerKind.BURN });
    expect(burns).toEqual([
      expect.objectContaining({
        points: -400,
        orderId: order.orderId,
        ref: points.id,
        reason: `redeemed on order ${order.number}`,
      }),
    ]);
    const debits = await t.db.manager.findBy(StoredValueEntry, { accountId: card.id, kind: StoredValueEntryKind.DEBIT });
    expect(debits).toEqual([
      expect.objectContaining({ amountCents: -3000, orderId: order.orderId, reason: `spent on order ${order.number}` }),
    ]);
  });

  it('spends only what the tender says and releases the rest of its hold', async () => {
    const { card, code } = await giftCard(5000);
    const cardHold = await holdStoredValue(t.ctx(), {
      giftCardCode: code,
      amount: { cents: 4000, currency: 'USD' },
      orderRef: 'cart-2',
      idempotencyKey: randomUUID(),
    });
    await t.apply('payment-captured', envelope('orders.payment.captured', captured([tender('GIFT_CARD', cardHold.id, 2500)])));
    expect(await stored(card.id)).toMatchObject({ balanceCents: 2500, heldCents: 0 });
  });

  it('takes a hold that expired before the order committed again, when the balance still allows it', async () => {
    const member = await t.member(500);
    const points = await pointsHold(member, 300);
    await t.db.manager.update(Hold, { id: points.id }, { expiresAt: new Date(Date.now() - 1000) });
    expect(await releaseExpiredHolds(t.ctx())).toBeGreaterThanOrEqual(1);
    expect(await hold(points.id)).toMatchObject({ status: HoldStatus.RELEASED });
    expect(await account(member.id)).toMatchObject({ pointsBalance: 500, heldPoints: 0 });

    await t.apply('payment-captured', envelope('orders.payment.captured', captured([tender('POINTS', points.id, 300, 300)])));
    expect(await hold(points.id)).toMatchObject({ status: HoldStatus.CAPTURED });
    expect(await account(member.id)).toMatchObject({ pointsBalance: 200, heldPoints: 0 });
  });

  it('fails loudly, changing nothing, when an expired hold can no longer be covered', async () => {
    const member = await t.member(500);
    const first = await pointsHold(member, 400);
    await t.db.manager.update(Hold, { id: first.id }, { expiresAt: new Date(Date.now() - 1000) });
    await releaseExpiredHolds(t.ctx());
    // Meanwhile the shopper spent the points elsewhere.
    const other = await pointsHold(member, 300);
    const { card, code } = await giftCard(1000);
    const cardHold = await holdStoredValue(t.ctx(), {
      giftCardCode: code,
      amount: { cents: 1000, currency: 'USD' },
      orderRef: 'cart-3',
      idempotencyKey: randomUUID(),
    });
    const event = envelope(
      'orders.payment.captured',
      captured([tender('GIFT_CARD', cardHold.id, 1000), tender('POINTS', first.id, 400, 400)]),
    );
    await expect(t.apply('payment-captured', event)).rejects.toThrow(/cannot be spent/);
    // The whole event rolled back: the gift card was not spent either, and it can be retried.
    expect(await hold(cardHold.id)).toMatchObject({ status: HoldStatus.HELD });
    expect(await stored(card.id)).toMatchObject({ balanceCents: 1000, heldCents: 1000 });
    expect(await account(member.id)).toMatchObject({ pointsBalance: 500, heldPoints: 300 });
    expect(await hold(first.id)).toMatchObject({ status: HoldStatus.RELEASED });
    expect((await hold(other.id)).status).toBe(HoldStatus.HELD);
  });

  it('refuses a payload that does not parse, and a tender that is not its hold', async () => {
    const member = await t.member(100);
    const points = await pointsHold(member, 50);
    await expect(
      t.apply('payment-captured', envelope('orders.payment.captured', { ...captured([]), tenders: [] })),
    ).rejects.toThrow();
    await expect(
      t.apply('payment-captured', envelope('orders.payment.captured', captured([tender('POINTS', points.id, -1, 50)]))),
    ).rejects.toThrow();
    await expect(t.apply('payment-refunded', envelope('orders.payment.refunded', { refundId: 'r' }))).rejects.toThrow();
    await expect(
      t.apply('payment-released', envelope('orders.payment.released', { orderRef: 'o', holdIds: [] })),
    ).rejects.toThrow();
    await expect(
      t.apply('payment-captured', envelope('orders.payment.captured', captured([tender('GIFT_CARD', points.id, 50)]))),
    ).rejects.toThrow(/holds POINTS/);
    // A points tender without its points (or stored value with points) is not "nothing spent".
    await expect(
      t.apply('payment-captured', envelope('orders.payment.captured', captured([tender('POINTS', points.id, 50, 0)]))),
    ).rejects.toThrow(/carries 0 points and 50 cents/);
    expect(await hold(points.id)).toMatchObject({ status: HoldStatus.HELD });
  });

  it('gives each tender back where it came from, once per refund and payment', async () => {
    const member = await t.member(1000);
    const points = await pointsHold(member, 600);
    const { card, code } = await giftCard(5000);
    const cardHold = await holdStoredValue(t.ctx(), {
      giftCardCode: code,
      amount: { cents: 5000, currency: 'USD' },
      orderRef: 'cart-4',
      idempotencyKey: randomUUID(),
    });
    const wallet = await storeCredit(member.customerId, 1500);
    const walletHold = await holdStoredValue(t.ctx(), {
      customerId: member.customerId,
      amount: { cents: 1500, currency: 'USD' },
      orderRef: 'cart-4',
      idempotencyKey: randomUUID(),
    });
    const tenders = [
      tender('POINTS', points.id, 600, 600),
      tender('GIFT_CARD', cardHold.id, 5000),
      tender('STORE_CREDIT', walletHold.id, 1500),
    ];
    const order = captured(tenders, member.customerId);
    await t.apply('payment-captured', envelope('orders.payment.captured', order));

    const refund = refunded(order, [
      { ...tenders[0]!, amountCents: 200, points: 200 },
      { ...tenders[1]!, amountCents: 1200 },
      { ...tenders[2]!, amountCents: 1500 },
    ]);
    const event = envelope('orders.payment.refunded', refund);
    expect(await t.apply('payment-refunded', event)).toBe(true);
    expect(await t.apply('payment-refunded', event)).toBe(false);
    // The same refund published again under a new event id: the refs stop it.
    expect(await t.apply('payment-refunded', envelope('orders.payment.refunded', refund))).toBe(true);

    expect((await account(member.id)).pointsBalance).toBe(400 + 200);
    expect((await stored(card.id)).balanceCents).toBe(1200);
    expect((await stored(wallet.id)).balanceCents).toBe(1500);
    const ref = `${refund.refundId}:${tenders[0]!.paymentId}`;
    expect(await t.db.manager.findBy(LedgerEntry, { kind: LedgerKind.REFUND, ref })).toEqual([
      expect.objectContaining({ accountId: member.id, points: 200, orderId: order.orderId }),
    ]);
    const cardRefunds = await t.db.manager.findBy(StoredValueEntry, { accountId: card.id, kind: StoredValueEntryKind.REFUND });
    expect(cardRefunds).toEqual([
      expect.objectContaining({
        amountCents: 1200,
        orderId: order.orderId,
        ref: `${refund.refundId}:${tenders[1]!.paymentId}`,
        reason: expect.stringContaining(order.number),
      }),
    ]);

    // A second, partial refund of the card is fine; more than the card paid is refused.
    await t.apply(
      'payment-refunded',
      envelope('orders.payment.refunded', refunded(order, [{ ...tenders[1]!, amountCents: 3800 }])),
    );
    expect((await stored(card.id)).balanceCents).toBe(5000);
    await expect(
      t.apply('payment-refunded', envelope('orders.payment.refunded', refunded(order, [{ ...tenders[1]!, amountCents: 1 }]))),
    ).rejects.toThrow(/exceed/);
    expect((await stored(card.id)).balanceCents).toBe(5000);
  });

  it("credits the survivor's account and wallet when the paying customer was merged since", async () => {
    const duplicate = await t.member(800);
    const survivor = await t.member(100);
    const points = await pointsHold(duplicate, 500);
    const wallet = await storeCredit(duplicate.customerId, 900);
    const walletHold = await holdStoredValue(t.ctx(), {
      customerId: duplicate.customerId,
      amount: { cents: 900, currency: 'USD' },
      orderRef: 'cart-5',
      idempotencyKey: randomUUID(),
    });
    const tenders = [tender('POINTS', points.id, 500, 500), tender('STORE_CREDIT', walletHold.id, 900)];
    const order = captured(tenders, duplicate.customerId);
    await t.apply('payment-captured', envelope('orders.payment.captured', order));
    await inTransaction(t.db, (m) => mergeMembers(m, survivor.customerId, duplicate.customerId, 'CALL_CENTER'));
    // 300 unheld points moved to the survivor with the merge.
    expect((await account(survivor.id)).pointsBalance).toBe(400);

    await t.apply('payment-refunded', envelope('orders.payment.refunded', refunded(order, tenders)));
    expect((await account(survivor.id)).pointsBalance).toBe(900);
    expect((await account(duplicate.id)).pointsBalance).toBe(0);
    const survivorWallet = await t.db.manager.findOneByOrFail(StoredValueAccount, {
      customerId: survivor.customerId,
      kind: StoredValueKind.STORE_CREDIT,
    });
    expect(survivorWallet.balanceCents).toBe(900);
    expect(await stored(wallet.id)).toMatchObject({ balanceCents: 0, mergedIntoId: survivorWallet.id });
  });

  it('refuses to give back a tender whose hold was never spent', async () => {
    const member = await t.member(300);
    const points = await pointsHold(member, 100);
    const order = captured([tender('POINTS', points.id, 100, 100)]);
    await expect(
      t.apply('payment-refunded', envelope('orders.payment.refunded', refunded(order, order.tenders))),
    ).rejects.toThrow(/HELD, not spent/);
    expect((await account(member.id)).pointsBalance).toBe(300);
  });

  it('releases the holds of an abandoned attempt that are still held, and leaves spent ones alone', async () => {
    const member = await t.member(1000);
    const kept = await pointsHold(member, 100);
    const spent = await pointsHold(member, 200);
    await t.apply('payment-captured', envelope('orders.payment.captured', captured([tender('POINTS', spent.id, 200, 200)])));
    const released = envelope('orders.payment.released', { orderRef: 'cart-6', holdIds: [kept.id, spent.id, randomUUID()] });
    expect(await t.apply('payment-released', released)).toBe(true);
    expect(await t.apply('payment-released', envelope('orders.payment.released', released.payload))).toBe(true);
    expect(await hold(kept.id)).toMatchObject({ status: HoldStatus.RELEASED });
    expect(await hold(spent.id)).toMatchObject({ status: HoldStatus.CAPTURED });
    expect(await account(member.id)).toMatchObject({ pointsBalance: 800, heldPoints: 0 });
  });

  it('keeps every balance equal to the sum of its entries', async () => {
    for (const a of await t.db.manager.find(LoyaltyAccount)) {
      const entries = await t.db.manager.findBy(LedgerEntry, { accountId: a.id });
      expect(entries.reduce((sum, e) => sum + e.points, 0)).toBe(a.pointsBalance);
    }
    for (const a of await t.db.manager.find(StoredValueAccount)) {
      const entries = await t.db.manager.findBy(StoredValueEntry, { accountId: a.id });
      expect(entries.reduce((sum, e) => sum + e.amountCents, 0)).toBe(a.balanceCents);
      expect(a.balanceCents).toBeGreaterThanOrEqual(0);
    }
  });
});
