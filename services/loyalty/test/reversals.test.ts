import { randomUUID } from 'node:crypto';
import { holdPoints } from '../src/commands/holds';
import { LedgerKind } from '../src/domain/program';
import { LedgerEntry, LoyaltyAccount } from '../src/entities/account';
import { EarnedLine } from '../src/entities/rules';
import { envelope, openLoyalty, type LoyaltyDb } from './support';

/**
 * Points earned on what is cancelled or modified away go back, like a return's: pro rata per
 * line, never twice for the same unit, capped at what the shopper has not spent.
 */
describe('points reversed on cancellation and modification', () => {
  let t: LoyaltyDb;
  beforeAll(async () => {
    t = await openLoyalty();
  });
  afterAll(async () => {
    await t?.close();
  });

  const balance = async (id: string) => (await t.db.manager.findOneByOrFail(LoyaltyAccount, { id })).pointsBalance;
  /** A placed order earning 1 point per currency unit: lines of `quantity` x `unitPriceCents`. */
  const place = async (member: LoyaltyAccount, lines: { quantity: number; unitPriceCents: number }[]) => {
    const order = {
      orderId: randomUUID(),
      number: `W-${randomUUID().slice(0, 6)}`,
      customerId: member.customerId,
      channel: 'WEB',
      currency: 'USD',
      subtotalCents: lines.reduce((a, l) => a + l.quantity * l.unitPriceCents, 0),
      discountCents: 0,
      totalCents: lines.reduce((a, l) => a + l.quantity * l.unitPriceCents, 0),
      lines: lines.map((l, i) => ({ lineId: randomUUID(), sku: `SKU-${i}`, ...l })),
    };
    await t.apply('earn-on-purchase', envelope('orders.order.placed', order));
    return order;
  };
  const cancelled = (order: { orderId: string }, lines: { orderLineId: string; sku: string; quantity: number }[]) =>
    envelope('orders.order.cancelled', { orderId: order.orderId, customerId: null, reason: 'changed mind', lines });
  const modified = (
    order: { orderId: string; number: string },
    changes: { lineId: string; fromSku: string; sku: string; fromQuantity: number; quantity: number }[],
  ) =>
    envelope('orders.order.modified', {
      orderId: order.orderId,
      number: order.number,
      customerId: null,
      channel: 'WEB',
      actor: 'associate-1',
      currency: 'USD',
      subtotalCents: 0,
      discountCents: 0,
      totalCents: 0,
      changes: changes.map((c) => ({ ...c, unitPriceCents: 1000 })),
      lines: [],
    });

  it('reverses the points of cancelled units once, also when a line comes in several parts', async () => {
    const member = await t.member();
    const order = await place(member, [
      { quantity: 3, unitPriceCents: 1000 },
      { quantity: 1, unitPriceCents: 500 },
    ]);
    expect(await balance(member.id)).toBe(35);
    const line = order.lines[0]!;
    // Two fulfillments of the same line cancelled: 1 + 1 of its 3 units.
    const event = cancelled(order, [
      { orderLineId: line.lineId, sku: line.sku, quantity: 1 },
      { orderLineId: line.lineId, sku: line.sku, quantity: 1 },
    ]);
    await t.apply('order-cancelled', event);
    expect(await balance(member.id)).toBe(15);
    await t.apply('order-cancelled', event); // redelivered: nothing
    expect(await balance(member.id)).toBe(15);
    const reversal = await t.db.manager.findOneByOrFail(LedgerEntry, { accountId: member.id, kind: LedgerKind.REVERSAL });
    expect(reversal).toMatchObject({ points: -20, orderId: order.orderId, ref: `cancel:${event.id}` });

    // A later cancellation of everything left: the last unit and the other line, nothing twice.
    await t.apply(
      'order-cancelled',
      cancelled(
        order,
        order.lines.map((l) => ({ orderLineId: l.lineId, sku: l.sku, quantity: l.quantity })),
      ),
    );
    expect(await balance(member.id)).toBe(0);
    const earned = await t.db.manager.findBy(EarnedLine, { orderId: order.orderId });
    expect(earned.map((e) => e.returnedQuantity).sort()).toEqual([1, 3]);
  });

  it('reverses the units a modification removes: a lower quantity, a removed line, a swapped SKU', async () => {
    const member = await t.member();
    const order = await place(member, [
      { quantity: 4, unitPriceCents: 1000 },
      { quantity: 2, unitPriceCents: 1000 },
      { quantity: 1, unitPriceCents: 2000 },
    ]);
    expect(await balance(member.id)).toBe(80);
    const [a, b, c] = order.lines as [(typeof order.lines)[0], (typeof order.lines)[0], (typeof order.lines)[0]];
    const first = modified(order, [
      { lineId: a.lineId, fromSku: a.sku, sku: a.sku, fromQuantity: 4, quantity: 1 }, // -3 units
      { lineId: b.lineId, fromSku: b.sku, sku: b.sku, fromQuantity: 2, quantity: 5 }, // raised: nothing
    ]);
    await t.apply('order-modified', first);
    expect(await balance(member.id)).toBe(50);
    // Lowered again after being raised: of its 2 earning units none is gone.
    await t.apply(
      'order-modified',
      modified(order, [{ lineId: b.lineId, fromSku: b.sku, sku: b.sku, fromQuantity: 5, quantity: 2 }]),
    );
    expect(await balance(member.id)).toBe(50);
    await t.apply(
      'order-modified',
      modified(order, [
        { lineId: b.lineId, fromSku: b.sku, sku: 'OTHER', fromQuantity: 2, quantity: 2 }, // swapped: all of it
        { lineId: c.lineId, fromSku: c.sku, sku: c.sku, fromQuantity: 1, quantity: 0 }, // removed
      ]),
    );
    expect(await balance(member.id)).toBe(10);
    const reversals = await t.db.manager.findBy(LedgerEntry, { accountId: member.id, kind: LedgerKind.REVERSAL });
    expect(reversals.map((r) => r.points).sort((x, y) => x - y)).toEqual([-40, -30]);
    expect(reversals.find((r) => r.points === -30)).toMatchObject({ ref: `modify:${first.id}`, orderId: order.orderId });
  });

  it('takes back at most the unheld balance: points already spent stay spent', async () => {
    const member = await t.member();
    const order = await place(member, [{ quantity: 2, unitPriceCents: 5000 }]);
    expect(await balance(member.id)).toBe(100);
    await holdPoints(t.ctx(), member.customerId, 80, 'cart-x', randomUUID());
    const line = order.lines[0]!;
    await t.apply('order-cancelled', cancelled(order, [{ orderLineId: line.lineId, sku: line.sku, quantity: 2 }]));
    expect(await balance(member.id)).toBe(80);
    // The units are counted as reversed: a later return of them takes nothing more.
    await t.apply(
      'return-received',
      envelope('orders.return.received', {
        returnId: randomUUID(),
        orderId: order.orderId,
        customerId: member.customerId,
        locationId: 'store-1',
        resolution: 'REFUND',
        refundCents: 0,
        currency: 'USD',
        exchangeOrderId: null,
        lines: [{ orderLineId: line.lineId, sku: line.sku, quantity: 2, unitPriceCents: 5000, restockable: true }],
      }),
    );
    expect(await balance(member.id)).toBe(80);
  });

  it('refuses payloads that do not parse', async () => {
    await expect(
      t.apply('order-cancelled', envelope('orders.order.cancelled', { orderId: 'o', lines: 'all' })),
    ).rejects.toThrow();
    await expect(
      t.apply('order-modified', envelope('orders.order.modified', { orderId: 'o', changes: [{ lineId: 'l', quantity: -1 }] })),
    ).rejects.toThrow();
  });
});
