import { FulfillmentType } from '../src/domain/status';
import { DEFAULT_WEIGHTS, routeOrder, RoutingError, type CandidateLocation } from '../src/domain/routing';

const NEWARK = { lat: 40.7357, lng: -74.1724 };
const SOHO = { lat: 40.7233, lng: -74.003 };
const BROOKLYN = { lat: 40.6959, lng: -73.9956 };
const BOSTON = { lat: 42.3503, lng: -71.081 };

function location(
  id: string,
  type: 'WAREHOUSE' | 'STORE',
  at: { lat: number; lng: number },
  available: Record<string, number>,
  extra: Partial<CandidateLocation> = {},
): CandidateLocation {
  return { id, type, ...at, fulfillsOnline: true, pickupEnabled: type === 'STORE', open: true, available, ...extra };
}

const line = (lineId: string, sku: string, quantity: number) => ({ lineId, sku, quantity });
const shipTo = (destination: { lat: number; lng: number }) => ({ type: FulfillmentType.SHIP, destination });
const summary = (plan: ReturnType<typeof routeOrder>) =>
  plan.map((f) => ({ at: f.locationId, from: f.sourceLocationId, lines: f.lines.map((l) => `${l.sku}x${l.quantity}`) }));

describe('routing an order to locations', () => {
  it('ships everything from one warehouse when it has it all, even when a store is nearer', () => {
    const plan = routeOrder([line('1', 'A', 1), line('2', 'B', 2)], shipTo(SOHO), [
      location('dc', 'WAREHOUSE', NEWARK, { A: 10, B: 10 }),
      location('soho', 'STORE', SOHO, { A: 1, B: 1 }),
    ]);
    expect(summary(plan)).toEqual([{ at: 'dc', from: 'dc', lines: ['Ax1', 'Bx2'] }]);
  });

  it('ships from a store when the warehouse is out', () => {
    const plan = routeOrder([line('1', 'A', 1)], shipTo(BROOKLYN), [
      location('dc', 'WAREHOUSE', NEWARK, { A: 0 }),
      location('boston', 'STORE', BOSTON, { A: 5 }),
      location('soho', 'STORE', SOHO, { A: 2 }),
    ]);
    expect(summary(plan)).toEqual([{ at: 'soho', from: 'soho', lines: ['Ax1'] }]);
  });

  it('prefers one location that has everything over a nearer split', () => {
    const plan = routeOrder([line('1', 'A', 1), line('2', 'B', 1)], shipTo(SOHO), [
      location('soho', 'STORE', SOHO, { A: 1 }),
      location('brooklyn', 'STORE', BROOKLYN, { B: 1 }),
      location('boston', 'STORE', BOSTON, { A: 1, B: 1 }),
    ]);
    expect(summary(plan)).toEqual([{ at: 'boston', from: 'boston', lines: ['Ax1', 'Bx1'] }]);
  });

  it('splits only when no single location can ship it all, and covers every unit', () => {
    const plan = routeOrder([line('1', 'A', 3), line('2', 'B', 1)], shipTo(SOHO), [
      location('dc', 'WAREHOUSE', NEWARK, { A: 2 }),
      location('soho', 'STORE', SOHO, { A: 1, B: 1 }),
    ]);
    expect(summary(plan)).toEqual([
      { at: 'dc', from: 'dc', lines: ['Ax2'] },
      { at: 'soho', from: 'soho', lines: ['Ax1', 'Bx1'] },
    ]);
  });

  it('ignores closed locations and those that do not ship online orders', () => {
    expect(() =>
      routeOrder([line('1', 'A', 1)], shipTo(SOHO), [
        location('dc', 'WAREHOUSE', NEWARK, { A: 9 }, { open: false }),
        location('soho', 'STORE', SOHO, { A: 9 }, { fulfillsOnline: false }),
      ]),
    ).toThrow(expect.objectContaining({ code: 'OUT_OF_STOCK', sku: 'A' }));
  });

  it('fails with OUT_OF_STOCK naming the SKU the network lacks', () => {
    const attempt = () =>
      routeOrder([line('1', 'A', 1), line('2', 'B', 4)], shipTo(SOHO), [location('dc', 'WAREHOUSE', NEWARK, { A: 1, B: 3 })]);
    expect(attempt).toThrow(RoutingError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'OUT_OF_STOCK', sku: 'B' }));
  });

  it('picks up from the chosen store when it has the stock', () => {
    const plan = routeOrder([line('1', 'A', 2)], { type: FulfillmentType.PICKUP_IN_STORE, pickupLocationId: 'soho' }, [
      location('dc', 'WAREHOUSE', NEWARK, { A: 50 }),
      location('soho', 'STORE', SOHO, { A: 2 }),
    ]);
    expect(summary(plan)).toEqual([{ at: 'soho', from: 'soho', lines: ['Ax2'] }]);
  });

  it('transfers into a pickup store without stock from the nearest location that has it', () => {
    const plan = routeOrder([line('1', 'A', 1)], { type: FulfillmentType.PICKUP_IN_STORE, pickupLocationId: 'soho' }, [
      location('boston', 'STORE', BOSTON, { A: 5 }),
      location('brooklyn', 'STORE', BROOKLYN, { A: 1 }),
      location('soho', 'STORE', SOHO, { A: 0 }),
    ]);
    expect(summary(plan)).toEqual([{ at: 'soho', from: 'brooklyn', lines: ['Ax1'] }]);
  });

  it('refuses pickup at a store that does not offer it', () => {
    expect(() =>
      routeOrder([line('1', 'A', 1)], { type: FulfillmentType.PICKUP_IN_STORE, pickupLocationId: 'dc' }, [
        location('dc', 'WAREHOUSE', NEWARK, { A: 5 }),
      ]),
    ).toThrow(expect.objectContaining({ code: 'PICKUP_NOT_AVAILABLE' }));
  });

  it('carries out only from the store the shopper stands in', () => {
    const candidates = [location('dc', 'WAREHOUSE', NEWARK, { A: 50 }), location('soho', 'STORE', SOHO, { A: 1 })];
    const request = { type: FulfillmentType.CARRY_OUT, pickupLocationId: 'soho' };
    expect(summary(routeOrder([line('1', 'A', 1)], request, candidates))).toEqual([{ at: 'soho', from: 'soho', lines: ['Ax1'] }]);
    expect(() => routeOrder([line('1', 'A', 2)], request, candidates)).toThrow(
      expect.objectContaining({ code: 'OUT_OF_STOCK', sku: 'A' }),
    );
  });

  it('sells at the till what the store holds below its safety stock, but never promises it online', () => {
    // 3 on hand, safety stock 5: nothing available to promise, 3 in the shopper's reach.
    const soho = location('soho', 'STORE', SOHO, { A: 0 }, { atTill: { A: 3 } });
    const carryOut = { type: FulfillmentType.CARRY_OUT, pickupLocationId: 'soho' };
    expect(summary(routeOrder([line('1', 'A', 3)], carryOut, [soho]))).toEqual([{ at: 'soho', from: 'soho', lines: ['Ax3'] }]);
    expect(() => routeOrder([line('1', 'A', 4)], carryOut, [soho])).toThrow(expect.objectContaining({ code: 'OUT_OF_STOCK' }));
    const pickup = { type: FulfillmentType.PICKUP_IN_STORE, pickupLocationId: 'soho' };
    expect(() => routeOrder([line('1', 'A', 1)], pickup, [soho])).toThrow(expect.objectContaining({ code: 'OUT_OF_STOCK' }));
    expect(() => routeOrder([line('1', 'A', 1)], shipTo(SOHO), [soho])).toThrow(
      expect.objectContaining({ code: 'OUT_OF_STOCK' }),
    );
  });

  it('lets a retailer weigh distance over store use', () => {
    const candidates = [location('boston', 'WAREHOUSE', BOSTON, { A: 5 }), location('soho', 'STORE', SOHO, { A: 5 })];
    const avoidStores = { ...DEFAULT_WEIGHTS, perKm: 0.01, storePenalty: 1_000 };
    expect(routeOrder([line('1', 'A', 1)], shipTo(BROOKLYN), candidates)[0]!.locationId).toBe('soho');
    expect(routeOrder([line('1', 'A', 1)], shipTo(BROOKLYN), candidates, avoidStores)[0]!.locationId).toBe('boston');
  });
});
