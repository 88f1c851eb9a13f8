import { DomainError, inTransaction } from '@omni/platform';
import type { DataSource } from 'typeorm';
import { upsertLocation } from '../src/commands/locations';
import { reserveIn, reserveStock, type Reservation } from '../src/commands/reserve-stock';
import { setStock } from '../src/commands/stock';
import { ReservationStatus } from '../src/domain/reservations';
import { LocationType } from '../src/entities/location';
import { MovementKind, StockMovement } from '../src/entities/movement';
import { StockReservation } from '../src/entities/reservation';
import { Stock } from '../src/entities/stock';
import { inventoryService } from '../src/index';
import { DIALECTS, serviceDatabase, statementsOf } from '../../platform/test/databases';

/** Reservations that arrive together are written together, each with the outcome it has alone. */
describe.each(DIALECTS)('reservations applied together on %s', (dialect) => {
  let db: DataSource;
  let close: () => Promise<void>;
  let warehouse: string;
  const by = { channel: null, actor: 'orders' };

  beforeAll(async () => {
    ({ db, close } = await serviceDatabase(inventoryService, dialect));
    const location = await upsertLocation(db, {
      name: 'Secaucus DC',
      type: LocationType.WAREHOUSE,
      lat: 40.7895,
      lng: -74.0565,
    });
    warehouse = location.id;
  });
  afterAll(async () => {
    await close?.();
  });

  const stock = (sku: string, onHand: number) => setStock(db, { locationId: warehouse, sku, onHand }, by);
  const level = (sku: string) => db.getRepository(Stock).findOneByOrFail({ locationId: warehouse, sku });
  const line = (lineId: string, sku: string, quantity: number) => ({ lineId, sku, locationId: warehouse, quantity });
  const request = (orderId: string, lines: ReturnType<typeof line>[]): Reservation => ({
    request: { orderId, lines },
    key: null,
    by,
  });

  /** Reserved units of the SKU as its stock row, its active reservations and its ledger each count them. */
  async function reconciled(sku: string) {
    const row = await level(sku);
    const active = await db.getRepository(StockReservation).findBy({ sku, status: ReservationStatus.ACTIVE });
    const movements = await db.getRepository(StockMovement).findBy({ sku, locationId: warehouse });
    return {
      reserved: row.reserved,
      held: active.reduce((sum, r) => sum + r.quantity, 0),
      ledger: movements.filter((m) => m.kind !== MovementKind.COUNT).reduce((sum, m) => sum + m.reservedChange, 0),
    };
  }

  it('refuses only the request short of stock; the others are written, and stock and ledger agree', async () => {
    await stock('TOG-A', 5);
    await stock('TOG-B', 1);
    await stock('TOG-C', 5);
    await stock('TOG-D', 5);
    const outcomes = await inTransaction(db, (manager) =>
      reserveIn(manager, [
        request('tog-1', [line('l1', 'TOG-A', 2)]),
        request('tog-2', [line('l1', 'TOG-B', 3), line('l2', 'TOG-D', 1)]),
        request('tog-3', [line('l1', 'TOG-C', 4)]),
      ]),
    );
    expect(outcomes[0]).toEqual({ result: [expect.objectContaining({ orderId: 'tog-1', sku: 'TOG-A', quantity: 2 })] });
    const refused = (outcomes[1] as { error: DomainError }).error;
    expect(refused).toBeInstanceOf(DomainError);
    expect([refused.code, refused.field]).toEqual(['INSUFFICIENT_STOCK', ['input', 'lines', '0', 'quantity']]);
    expect(refused.message).toContain('TOG-B');
    expect(outcomes[2]).toEqual({ result: [expect.objectContaining({ orderId: 'tog-3', sku: 'TOG-C', quantity: 4 })] });

    expect(await reconciled('TOG-A')).toEqual({ reserved: 2, held: 2, ledger: 2 });
    expect(await reconciled('TOG-B')).toEqual({ reserved: 0, held: 0, ledger: 0 });
    expect(await reconciled('TOG-C')).toEqual({ reserved: 4, held: 4, ledger: 4 });
    expect(await reconciled('TOG-D')).toEqual({ reserved: 0, held: 0, ledger: 0 });
    expect(await db.getRepository(StockReservation).countBy({ orderId: 'tog-2' })).toBe(0);
  });

  it('defers a request whose stock rows an earlier one of the batch changes, and a second one of the same order', async () => {
    await stock('DEF-A', 5);
    await stock('DEF-B', 5);
    // def-1 holds DEF-A; moving its line to DEF-B gives DEF-A back, a row def-2 reserves first.
    await reserveStock(db, { orderId: 'def-1', lines: [line('l1', 'DEF-A', 2)] }, by);
    const move = request('def-1', [line('l1', 'DEF-B', 2)]);
    const outcomes = await inTransaction(db, (manager) =>
      reserveIn(manager, [request('def-2', [line('l1', 'DEF-A', 3)]), move, request('def-2', [line('l1', 'DEF-A', 3)])]),
    );
    expect(outcomes).toEqual([{ result: [expect.objectContaining({ orderId: 'def-2' })] }, 'deferred', 'deferred']);
    expect(await reconciled('DEF-A')).toEqual({ reserved: 5, held: 5, ledger: 5 });
  });

  it('writes requests that arrive together in one transaction, and still never oversells', async () => {
    const skus = Array.from({ length: 8 }, (_, i) => `GRP-${i}`);
    for (const sku of skus) await stock(sku, 1);
    // Eight orders on eight rows, and three more wanting a unit that is gone by then.
    const orders = [...skus.map((sku, i) => [`grp-${i}`, sku]), ...skus.slice(0, 3).map((sku, i) => [`late-${i}`, sku])];
    let results: PromiseSettledResult<StockReservation[]>[] = [];
    const statements = await statementsOf(db, async () => {
      results = await Promise.allSettled(
        orders.map(([orderId, sku]) => reserveStock(db, { orderId: orderId!, lines: [line('l1', sku!, 1)] }, by)),
      );
    });
    expect(results.slice(0, 8).map((r) => r.status)).toEqual(Array(8).fill('fulfilled'));
    const late = results.slice(8).map((r) => (r.status === 'rejected' ? (r.reason as DomainError).code : r.status));
    expect(late).toEqual(['INSUFFICIENT_STOCK', 'INSUFFICIENT_STOCK', 'INSUFFICIENT_STOCK']);
    for (const sku of skus) expect(await reconciled(sku)).toEqual({ reserved: 1, held: 1, ledger: 1 });
    // Alone, each would take a transaction of its own: BEGIN, 2 reads, 4 writes, COMMIT.
    expect(statements).toBeLessThan(orders.length * 3);
  });

  it('holds the units once when the same request arrives several times at once', async () => {
    await stock('SAME-A', 10);
    const results = await Promise.all(
      Array.from({ length: 4 }, () => reserveStock(db, { orderId: 'same-1', lines: [line('l1', 'SAME-A', 3)] }, by)),
    );
    for (const rows of results)
      expect(rows).toEqual([expect.objectContaining({ orderId: 'same-1', quantity: 3, status: 'ACTIVE' })]);
    expect(await reconciled('SAME-A')).toEqual({ reserved: 3, held: 3, ledger: 3 });
  });
});
