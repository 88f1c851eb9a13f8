import { earliestShipDate, FulfillmentAction as A, nextStatus, orderStatusOf } from '../src/domain/fulfillment';
import { FulfillmentStatus as S, FulfillmentType as T, OrderStatus } from '../src/domain/status';

describe('fulfillment lifecycle', () => {
  it('walks a shipment through pick, pack, ship and deliver, in that order only', () => {
    let status = S.PENDING;
    for (const [action, expected] of [
      [A.PICK, S.PICKING],
      [A.PACK, S.PACKED],
      [A.SHIP, S.SHIPPED],
      [A.DELIVER, S.DELIVERED],
    ] as const) {
      status = nextStatus(T.SHIP, status, action)!;
      expect(status).toBe(expected);
    }
    expect(nextStatus(T.SHIP, S.PENDING, A.SHIP)).toBeNull();
    expect(nextStatus(T.SHIP, S.SHIPPED, A.PICK)).toBeNull();
    expect(nextStatus(T.SHIP, S.PACKED, A.COLLECT)).toBeNull();
  });

  it('readies a pickup after picking and lets the shopper collect it only when ready', () => {
    expect(nextStatus(T.PICKUP_IN_STORE, S.PICKING, A.READY_FOR_PICKUP)).toBe(S.READY_FOR_PICKUP);
    expect(nextStatus(T.PICKUP_IN_STORE, S.PICKING, A.COLLECT)).toBeNull();
    expect(nextStatus(T.PICKUP_IN_STORE, S.READY_FOR_PICKUP, A.COLLECT)).toBe(S.COLLECTED);
    expect(nextStatus(T.PICKUP_IN_STORE, S.PACKED, A.SHIP)).toBeNull();
  });

  it('derives the order status from its fulfillments', () => {
    expect(orderStatusOf([S.PENDING, S.PICKING])).toBe(OrderStatus.PLACED);
    expect(orderStatusOf([S.SHIPPED, S.PACKED])).toBe(OrderStatus.PARTIALLY_SHIPPED);
    expect(orderStatusOf([S.SHIPPED, S.COLLECTED])).toBe(OrderStatus.SHIPPED);
    expect(orderStatusOf([S.DELIVERED, S.COLLECTED, S.CANCELLED])).toBe(OrderStatus.COMPLETED);
    expect(orderStatusOf([S.CANCELLED, S.CANCELLED])).toBe(OrderStatus.CANCELLED);
  });

  it('holds a dated shipment until its transit time before the date, across month ends', () => {
    expect(earliestShipDate('2026-12-01', 2)).toBe('2026-11-29');
    expect(earliestShipDate('2027-03-01', 1)).toBe('2027-02-28');
  });
});
