import { randomUUID } from 'node:crypto';
import { OutboxEvent } from '@omni/platform';
import { LedgerKind, LoyaltyTier } from '../src/domain/program';
import { LedgerEntry, LoyaltyAccount } from '../src/entities/account';
import { LoyaltyCurrency } from '../src/entities/currencies';
import { EarnedLine, EarnRule } from '../src/entities/rules';
import { EarnTrigger } from '../src/domain/rules';
import { envelope, openLoyalty, type LoyaltyDb } from './support';

/**
 * Points for a placed order: once per order whatever delivers it, with the balance and the tier
 * the points event tells read back by the statement that moves the balance.
 */
describe('points earned on an order', () => {
  let t: LoyaltyDb;
  beforeAll(async () => {
    t = await openLoyalty();
  });
  afterAll(async () => {
    await t?.close();
  });

  /** An order worth `cents` in USD (1 point per dollar), in two lines. */
  const order = (customerId: string, cents: number) => ({
    orderId: randomUUID(),
    number: `W-${randomUUID().slice(0, 6)}`,
    customerId,
    channel: 'WEB',
    currency: 'USD',
    subtotalCents: cents,
    discountCents: 0,
    totalCents: cents,
    lines: [
      { lineId: randomUUID(), sku: 'SKU-A', quantity: 1, unitPriceCents: cents / 2 },
      { lineId: randomUUID(), sku: 'SKU-B', quantity: 1, unitPriceCents: cents / 2 },
    ],
  });

  /** Applies the event until it succeeds, as the bus redelivers a failed one. */
  const applyUntilDone = async (event: ReturnType<typeof envelope>) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await t.apply('earn-on-purchase', event);
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  };

  it('earns once for an order published twice at the same time under two event ids', async () => {
    const member = await t.member();
    const placed = order(member.customerId, 12_000);
    await Promise.all([
      applyUntilDone(envelope('orders.order.placed', placed)),
      applyUntilDone(envelope('orders.order.placed', placed)),
    ]);
    const earned = await t.db.manager.findBy(LedgerEntry, { orderId: placed.orderId, kind: LedgerKind.EARN });
    expect(earned.map((e) => e.points)).toEqual([120]);
    expect(await t.db.manager.countBy(EarnedLine, { orderId: placed.orderId })).toBe(2);
    expect(await t.db.manager.findOneByOrFail(LoyaltyAccount, { id: member.id })).toMatchObject({
      pointsBalance: 120,
      lifetimePoints: 120,
    });
  });

  it('moves the tier with the points of the entry, and tells the balance and tier it reached', async () => {
    const member = await t.member(25);
    const first = order(member.customerId, 98_000);
    await t.apply('earn-on-purchase', envelope('orders.order.placed', first));
    expect((await t.db.manager.findOneByOrFail(LoyaltyAccount, { id: member.id })).tier).toBe(LoyaltyTier.BRONZE);
    // 980 earned in the last 12 months (the adjustment does not count): 20 more reach SILVER.
    const second = order(member.customerId, 2_000);
    await t.apply('earn-on-purchase', envelope('orders.order.placed', second));
    expect(await t.db.manager.findOneByOrFail(LoyaltyAccount, { id: member.id })).toMatchObject({
      tier: LoyaltyTier.SILVER,
      pointsBalance: 1_025,
    });
    const told = (await t.db.manager.findBy(OutboxEvent, { type: 'loyalty.points.changed' }))
      .map(
        (e) =>
          (JSON.parse(e.envelope) as { payload: { accountId: string; points: number; balance: number; tier: string } }).payload,
      )
      .filter((p) => p.accountId === member.id);
    expect(told.map(({ points, balance, tier }) => ({ points, balance, tier }))).toEqual(
      expect.arrayContaining([
        { points: 980, balance: 1_005, tier: 'BRONZE' },
        { points: 20, balance: 1_025, tier: 'SILVER' },
      ]),
    );
  });

  it("earns on the survivor's account for an order of a merged-away member, once", async () => {
    const survivor = await t.member(10);
    const duplicate = await t.member();
    await t.db.manager.update(LoyaltyAccount, { id: duplicate.id }, { mergedIntoId: survivor.id });
    const placed = order(duplicate.customerId, 5_000);
    await t.apply('earn-on-purchase', envelope('orders.order.placed', placed));
    await t.apply('earn-on-purchase', envelope('orders.order.placed', placed));
    const earned = await t.db.manager.findBy(LedgerEntry, { orderId: placed.orderId, kind: LedgerKind.EARN });
    expect(earned.map((e) => ({ accountId: e.accountId, points: e.points }))).toEqual([{ accountId: survivor.id, points: 50 }]);
    expect((await t.db.manager.findBy(EarnedLine, { orderId: placed.orderId })).map((l) => l.accountId)).toEqual([
      survivor.id,
      survivor.id,
    ]);
    expect(await t.db.manager.findOneByOrFail(LoyaltyAccount, { id: survivor.id })).toMatchObject({ pointsBalance: 60 });
    expect(await t.db.manager.findOneByOrFail(LoyaltyAccount, { id: duplicate.id })).toMatchObject({ pointsBalance: 0 });
  });

  it("earns by the stored rules and the currency's earn rate, read with the account", async () => {
    const rule = (id: string, multiplier: number, active: boolean) => ({
      ...EarnRule.columns({ id, name: id, trigger: EarnTrigger.PURCHASE, multiplier, channels: ['WEB'], active }),
      updatedAt: new Date(),
    });
    await t.db.manager.save(EarnRule, [rule('web-double', 2, true), rule('web-tenfold-off', 10, false)]);
    await t.db.manager.save(LoyaltyCurrency, { currency: 'EUR', earnRate: '0.5', pointValue: '1', updatedAt: new Date() });
    try {
      const member = await t.member();
      const placed = { ...order(member.customerId, 10_000), currency: 'EUR' };
      await t.apply('earn-on-purchase', envelope('orders.order.placed', placed));
      // 100 EUR at half the weight: 50 points, doubled on the web; the switched-off rule adds nothing.
      const [earned] = await t.db.manager.findBy(LedgerEntry, { orderId: placed.orderId, kind: LedgerKind.EARN });
      expect(earned).toMatchObject({ points: 100 });
      expect(earned!.ruleIds!.split(',')).toContain('web-double');
      expect(earned!.ruleIds!.split(',')).not.toContain('web-tenfold-off');
    } finally {
      await t.db.manager.delete(EarnRule, ['web-double', 'web-tenfold-off']);
      await t.db.manager.delete(LoyaltyCurrency, { currency: 'EUR' });
    }
  });
});
