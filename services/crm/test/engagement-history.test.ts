import { randomUUID } from 'node:crypto';
import {
  inTransaction,
  newEnvelope,
  OrderPlacedEvent,
  ReturnReceivedEvent,
  type OrderPlaced,
  type ReturnReceived,
} from '@omni/platform';
import type { DataSource } from 'typeorm';
import { defineSegment, lockScoredCustomer, rfmWindowDays, toOrderFact } from '../src/commands/engagement';
import { registerCustomer } from '../src/commands/register-customer';
import { NO_OLDER_ORDERS, rfmScore } from '../src/domain/rfm';
import { isMember } from '../src/domain/segments';
import { Customer } from '../src/entities/customer';
import { CustomerEngagement, CustomerOrderFact, Segment, SegmentMember } from '../src/entities/engagement';
import { engagementFacts } from '../src/events/engagement';
import { crmService } from '../src/index';
import { DIALECTS, serviceDatabase, statementsOf } from '../../platform/test/databases';

const DAY_MS = 86_400_000;

/**
 * An order event reads a customer's orders one by one only within the window the score and the
 * rules look at; older ones come summed up by the database. Statements and rows stay the same
 * however long the history, and the score and segments are the ones all orders give.
 */
describe.each(DIALECTS)('an order event on %s reads the recent orders, not the whole history', (dialect) => {
  let db: DataSource;
  let close: () => Promise<void>;
  const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS - 12 * 3_600_000);

  beforeAll(async () => {
    ({ db, close } = await serviceDatabase(crmService, dialect));
    const rules = {
      'Shoe buyers': { categoryPath: ['Apparel', 'Shoes'] },
      Gardeners: { categoryPath: ['Garden'] },
      'Web and store': { channels: ['WEB', 'STORE'] },
      'App shoppers': { channels: ['APP'] },
      'Spent 500.00 in five years': { minSpend: { cents: 50_000, currency: 'USD' }, spendWithinDays: 1825 },
      'Bought within two years': { purchasedWithinDays: 730 },
      'Score 7 or more': { minScore: 7 },
    };
    for (const [name, rule] of Object.entries(rules)) await defineSegment(db, { name, rule });
  });
  afterAll(async () => {
    await close?.();
  });

  const register = async () =>
    (
      await registerCustomer(db, {
        email: `${randomUUID().slice(0, 8)}@example.com`,
        firstName: 'Hedda',
        lastName: 'Lang',
        channel: 'WEB' as never,
      })
    ).id;

  /** Orders CRM learned long ago, written as they are kept. */
  const remember = async (customerId: string, orders: Partial<CustomerOrderFact>[]) => {
    const facts = orders.map((o) => ({
      orderId: randomUUID(),
      customerId,
      channel: 'WEB',
      currency: 'USD',
      totalCents: 10_000,
      refundedCents: 0,
      categories: ['toys'],
      ...o,
    }));
    for (let i = 0; i < facts.length; i += 100) {
      await db
        .createQueryBuilder()
        .insert()
        .into(CustomerOrderFact)
        .values(facts.slice(i, i + 100))
        .updateEntity(false)
        .execute();
    }
    return facts;
  };

  /** A history of `count` orders placed 6 to 9 years ago: every tenth refunded whole; one store order. */
  const history = (count: number): Partial<CustomerOrderFact>[] =>
    Array.from({ length: count }, (_, i) => ({
      placedAt: daysAgo(2_200 + i * Math.floor(1_000 / count)),
      refundedCents: i % 10 === 9 ? 10_000 : 0,
      channel: i === 3 ? 'STORE' : i === 9 ? 'APP' : 'WEB',
      categories: i === 5 ? ['apparel/shoes'] : i === 9 ? ['garden/tools'] : ['toys'],
    }));

  const apply = (type: string, payload: unknown) =>
    inTransaction(db, (manager) => engagementFacts.handle(manager, newEnvelope(type, payload, null)));

  const place = (customerId: string, totalCents = 10_000) =>
    apply(OrderPlacedEvent.type, {
      orderId: randomUUID(),
      number: `W-${randomUUID().slice(0, 6)}`,
      customerId,
      channel: 'WEB',
      currency: 'USD',
      subtotalCents: totalCents,
      discountCents: 0,
      totalCents,
      lines: [{ lineId: randomUUID(), sku: 'TOY-1', quantity: 1, unitPriceCents: totalCents, categoryPath: ['Toys'] }],
    } satisfies OrderPlaced);

  const refund = (customerId: string, orderId: string, refundCents: number) =>
    apply(ReturnReceivedEvent.type, {
      returnId: randomUUID(),
      orderId,
      customerId,
      locationId: 'store-1',
      resolution: 'REFUND',
      refundCents,
      currency: 'USD',
      exchangeOrderId: null,
      lines: [],
    } satisfies ReturnReceived);

  /** The score and segments as kept, and as every order of the customer gives them. */
  const keptAndExpected = async (customerId: string) => {
    const now = new Date();
    const customer = await db.getRepository(Customer).findOneByOrFail({ id: customerId });
    const row = await db.getRepository(CustomerEngagement).findOneByOrFail({ customerId });
    const segments = (await db.getRepository(Segment).find()).sort((a, b) => a.name.localeCompare(b.name));
    const members = await db.getRepository(SegmentMember).findBy({ customerId });
    const orders = (await db.getRepository(CustomerOrderFact).findBy({ customerId })).map(toOrderFact);
    const score = rfmScore(orders, now, rfmWindowDays());
    const facts = {
      tier: row.tier,
      orders,
      older: NO_OLDER_ORDERS,
      lastActivityAt: row.lastActivityAt,
      channels: customer.channels,
    };
    return {
      kept: {
        score: [row.recency, row.frequency, row.monetary, row.scoredOrders, row.spendCents, row.lastOrderAt?.getTime()],
        segments: segments.filter((s) => members.some((m) => m.segmentId === s.id)).map((s) => s.name),
      },
      expected: {
        score: [
          score?.recency,
          score?.frequency,
          score?.monetary,
          score?.orders,
          score?.spendCents,
          score?.lastOrderAt.getTime(),
        ],
        segments: segments.filter((s) => isMember(s.rule, { ...facts, score: score?.value ?? null }, now)).map((s) => s.name),
      },
    };
  };

  it('reads as many orders and runs as many statements for a thousand past orders as for ten', async () => {
    const recent = [{ placedAt: daysAgo(20) }, { placedAt: daysAgo(700), totalCents: 45_000 }];
    const long = await register();
    const [latest] = await remember(long, [...history(1_000), ...recent]);
    const short = await register();
    await remember(short, [...history(10), ...recent]);
    // The first orders create the engagement rows and join segments (which the rules' version shows).
    for (let round = 0; round < 2; round++) {
      await place(long);
      await place(short);
    }
    const statements = {
      long: await statementsOf(db, () => place(long)),
      short: await statementsOf(db, () => place(short)),
    };
    expect(statements.long).toBe(statements.short);

    const read = await inTransaction(db, (manager) => lockScoredCustomer(manager, long, randomUUID(), new Date()));
    // The five orders within the longest window (five years, a spend rule's): not the thousand before.
    expect(read!.orders).toHaveLength(5);
    expect(read!.older.lastOrderAt).toEqual(latest!.placedAt);
    expect([...read!.older.channels].sort()).toEqual(['STORE', 'WEB']);
    expect([...read!.older.categories].sort()).toEqual(['apparel/shoes', 'toys']);

    for (const customerId of [long, short]) {
      const { kept, expected } = await keptAndExpected(customerId);
      expect(kept).toEqual(expected);
      expect(kept.segments).toEqual([
        'Bought within two years',
        'Score 7 or more',
        'Shoe buyers',
        'Spent 500.00 in five years',
        'Web and store',
      ]);
    }
  });

  it('a return of an order from years ago takes it out of what older orders add up to', async () => {
    const customerId = await register();
    const [store] = await remember(customerId, [
      { placedAt: daysAgo(2_500), channel: 'STORE', categories: ['garden/tools'] },
      { placedAt: daysAgo(2_600), channel: 'APP', categories: ['garden/seeds'], totalCents: 5_000, refundedCents: 5_000 },
    ]);
    // Defined now: the first event after it reads the rules again, and what they ask of older orders.
    await defineSegment(db, { name: 'Tool buyers', rule: { categoryPath: ['Garden', 'Tools'] } });
    await place(customerId);
    let { kept, expected } = await keptAndExpected(customerId);
    expect(kept).toEqual(expected);
    expect(kept.segments).toEqual(expect.arrayContaining(['Gardeners', 'Tool buyers', 'Web and store']));
    expect(kept.segments).not.toContain('App shoppers');

    await refund(customerId, store!.orderId, 10_000);
    ({ kept, expected } = await keptAndExpected(customerId));
    expect(kept).toEqual(expected);
    expect(kept.segments).toContain('Bought within two years');
    expect(kept.segments).not.toContain('Gardeners');
    expect(kept.segments).not.toContain('Tool buyers');
    expect(kept.segments).not.toContain('Web and store');
  });
});
