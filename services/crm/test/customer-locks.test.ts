import { randomUUID } from 'node:crypto';
import { inTransaction, tableOf } from '@omni/platform';
import type { DataSource } from 'typeorm';
import { createEngagementRow, lockScoredCustomer } from '../src/commands/engagement';
import { lockCustomerToMessage } from '../src/commands/messages';
import { registerCustomer } from '../src/commands/register-customer';
import { ContactChannel } from '../src/domain/consent';
import { IdentityKind } from '../src/domain/identity';
import { Customer, CustomerIdentity } from '../src/entities/customer';
import { CustomerEngagement, CustomerOrderFact } from '../src/entities/engagement';
import { crmService } from '../src/index';
import { DIALECTS, serviceDatabase } from '../../platform/test/databases';

/**
 * The reads an event consumer starts with: the customer, locked (their row only, on PostgreSQL),
 * with what the consumer needs of them, in one statement for a live id.
 */
describe.each(DIALECTS)('locking a customer for an event on %s', (dialect) => {
  let db: DataSource;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, close } = await serviceDatabase(crmService, dialect));
  });
  afterAll(async () => {
    await close?.();
  });

  let phones = 0;
  const register = () =>
    registerCustomer(db, {
      email: `${randomUUID().slice(0, 8)}@example.com`,
      phone: `+1212555${String(7700 + phones++)}`,
      firstName: 'Hedda',
      lastName: 'Lang',
      channel: 'WEB' as never,
      marketingConsent: [ContactChannel.EMAIL, ContactChannel.SMS],
    });

  const device = (customerId: string, value: string, createdAt: Date) =>
    db
      .getRepository(CustomerIdentity)
      .insert({ id: randomUUID(), customerId, kind: IdentityKind.DEVICE, value, channel: null, createdAt });

  /** Statements `db` runs during `work`, and what it gave. */
  const counted = async <T>(work: () => Promise<T>): Promise<{ statements: number; result: T }> => {
    const spy = jest.spyOn(db.logger, 'logQuery');
    try {
      const result = await work();
      return { statements: spy.mock.calls.length, result };
    } finally {
      spy.mockRestore();
    }
  };

  /** Whether another connection could lock `table`'s row `where` now (PostgreSQL). */
  const lockable = async (table: string, column: string, value: string) => {
    const runner = db.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query(`SELECT 1 FROM ${table} WHERE "${column}" = $1 FOR UPDATE NOWAIT`, [value]);
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === '55P03') return false;
      throw error;
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  };

  it('reads a customer to message with every consent once and their newest device', async () => {
    const customer = await register();
    await device(customer.id, 'fcm-old', new Date('2024-01-01T00:00:00Z'));
    await device(customer.id, 'fcm-new', new Date('2024-06-01T00:00:00Z'));
    await device(customer.id, 'fcm-mid', new Date('2024-03-01T00:00:00Z'));
    const { statements, result } = await inTransaction(db, async (manager) => {
      const read = await counted(() => lockCustomerToMessage(manager, customer.id));
      if (dialect === 'postgres') {
        expect(await lockable(tableOf(db, Customer), 'id', customer.id)).toBe(false);
        expect(await lockable(tableOf(db, CustomerIdentity), 'customerId', customer.id)).toBe(true);
      }
      return read;
    });
    expect(statements).toBe(1);
    expect(result!.customer).toBeInstanceOf(Customer);
    expect(result!.customer).toMatchObject({ id: customer.id, firstName: 'Hedda', channels: ['WEB'], mergedIntoId: null });
    expect(result!.customer.createdAt).toEqual(customer.createdAt);
    expect(result!.contact!.consents.map((c) => c.channel).sort()).toEqual([ContactChannel.EMAIL, ContactChannel.SMS]);
    expect(result!.contact!.consents.every((c) => c.granted === true)).toBe(true);
    expect(result!.contact!.deviceToken).toBe('fcm-new');
  });

  it('reads a customer without consents or devices, follows a merged id to the survivor, and finds no unknown one', async () => {
    const survivor = await registerCustomer(db, {
      email: `${randomUUID().slice(0, 8)}@example.com`,
      firstName: 'Ada',
      lastName: 'Lang',
      channel: 'STORE' as never,
    });
    const plain = await inTransaction(db, (manager) => lockCustomerToMessage(manager, survivor.id));
    expect(plain).toEqual({
      customer: expect.objectContaining({ id: survivor.id }),
      contact: { consents: [], deviceToken: null },
    });

    const duplicate = await register();
    await db.getRepository(Customer).update({ id: duplicate.id }, { mergedIntoId: survivor.id });
    const merged = await inTransaction(db, (manager) => lockCustomerToMessage(manager, duplicate.id));
    expect(merged).toEqual({ customer: expect.objectContaining({ id: survivor.id }), contact: null });
    expect(await inTransaction(db, (manager) => lockCustomerToMessage(manager, randomUUID()))).toBeNull();
  });

  it('reads a scored customer with their row, their recent orders and the event order whoever placed it', async () => {
    const customer = await register();
    const other = await register();
    const now = new Date();
    const fact = (customerId: string, daysAgo: number) => ({
      orderId: randomUUID(),
      customerId,
      channel: 'WEB',
      currency: 'USD',
      placedAt: new Date(now.getTime() - daysAgo * 86_400_000),
      totalCents: 2_500,
      refundedCents: 0,
      categories: ['toys'],
    });
    const recent = [fact(customer.id, 3), fact(customer.id, 40)];
    const old = fact(customer.id, 900);
    const others = fact(other.id, 2);
    // Not the repository's insert: on SQLite it writes the keys read back over the objects' own.
    await db
      .createQueryBuilder()
      .insert()
      .into(CustomerOrderFact)
      .values([...recent, old, others])
      .updateEntity(false)
      .execute();

    const before = await inTransaction(db, (manager) => lockScoredCustomer(manager, customer.id, randomUUID(), now));
    expect(before).toMatchObject({ row: null, known: null, customer: { id: customer.id, channels: ['WEB'] } });
    expect(before!.orders.map((o) => o.orderId).sort()).toEqual(recent.map((o) => o.orderId).sort());
    expect(before!.older.lastOrderAt).toEqual(old.placedAt);
    expect(before!.segmentsVersion).toMatch(/^0\//);

    await inTransaction(db, (manager) => createEngagementRow(manager, customer, now, { tier: { tier: 'GOLD', at: now } }));
    const { statements, result } = await inTransaction(db, async (manager) => {
      const read = await counted(() => lockScoredCustomer(manager, customer.id, old.orderId, now));
      if (dialect === 'postgres') {
        expect(await lockable(tableOf(db, Customer), 'id', customer.id)).toBe(false);
        expect(await lockable(tableOf(db, CustomerEngagement), 'customerId', customer.id)).toBe(true);
        expect(await lockable(tableOf(db, CustomerOrderFact), 'orderId', recent[0]!.orderId)).toBe(true);
      }
      return read;
    });
    expect(statements).toBe(1);
    expect(result!.row).toBeInstanceOf(CustomerEngagement);
    expect(result!.row).toMatchObject({ customerId: customer.id, tier: 'GOLD', scoredOrders: 0 });
    expect(result!.known).toMatchObject({ orderId: old.orderId, placedAt: old.placedAt, categories: ['toys'] });
    // The event's order counts among the ones read, not among the older ones summed up.
    expect(result!.orders.map((o) => o.orderId).sort()).toEqual([...recent, old].map((o) => o.orderId).sort());
    expect(result!.older.lastOrderAt).toBeNull();

    const elsewhere = await inTransaction(db, (manager) => lockScoredCustomer(manager, customer.id, others.orderId, now));
    expect(elsewhere!.known).toMatchObject({ orderId: others.orderId, customerId: other.id });
    expect(elsewhere!.orders).toHaveLength(2);
  });
});
