import {
  actingLocation,
  deliveryDateProblem,
  earliestDeliveryDate,
  earliestShipDate,
  FulfillmentAction as A,
  nextStatus,
  orderStatusOf,
  transitionProblem,
} from '../src/domain/fulfillment';
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

  it('sends a ship-to-store pickup from its source, and readies it only after the pickup store received it', () => {
    const transfer = { type: T.PICKUP_IN_STORE, locationId: 'pickup', sourceLocationId: 'source' };
    let status = S.PENDING;
    for (const [action, expected, where] of [
      [A.PICK, S.PICKING, 'source'],
      [A.PACK, S.PACKED, 'source'],
      [A.SHIP, S.IN_TRANSIT, 'source'],
      [A.RECEIVE, S.RECEIVED, 'pickup'],
      [A.READY_FOR_PICKUP, S.READY_FOR_PICKUP, 'pickup'],
      [A.COLLECT, S.COLLECTED, 'pickup'],
    ] as const) {
      if (action === A.READY_FOR_PICKUP || action === A.RECEIVE) {
        expect(transitionProblem({ ...transfer, status: S.PICKING }, action)?.code).toBe(
          action === A.RECEIVE ? 'INVALID_TRANSITION' : 'TRANSFER_NOT_RECEIVED',
        );
      }
      expect(transitionProblem({ ...transfer, status }, action)).toBeNull();
      expect(actingLocation(transfer, action)).toBe(where);
      status = nextStatus(transfer.type, status, action, true)!;
      expect(status).toBe(expected);
    }
    expect(transitionProblem({ ...transfer, status: S.IN_TRANSIT }, A.READY_FOR_PICKUP)?.code).toBe('TRANSFER_NOT_RECEIVED');
    // The store's own stock: no transfer step, and the store does every step.
    const own = { type: T.PICKUP_IN_STORE, locationId: 'pickup', sourceLocationId: 'pickup' };
    expect(transitionProblem({ ...own, status: S.PACKED }, A.SHIP)?.code).toBe('INVALID_TRANSITION');
    expect(transitionProblem({ ...own, status: S.PICKING }, A.READY_FOR_PICKUP)).toBeNull();
    expect(actingLocation(own, A.PICK)).toBe('pickup');
  });

  it('derives the order status from its fulfillments', () => {
    expect(orderStatusOf([S.PENDING, S.PICKING])).toBe(OrderStatus.PLACED);
    expect(orderStatusOf([S.SHIPPED, S.PACKED])).toBe(OrderStatus.PARTIALLY_SHIPPED);
    expect(orderStatusOf([S.SHIPPED, S.COLLECTED])).toBe(OrderStatus.SHIPPED);
    expect(orderStatusOf([S.DELIVERED, S.COLLECTED, S.CANCELLED])).toBe(OrderStatus.COMPLETED);
    expect(orderStatusOf([S.CANCELLED, S.CANCELLED])).toBe(OrderStatus.CANCELLED);
  });

  it('promises a delivery no earlier than the slowest fulfillment can travel, whatever its type', () => {
    const ship = { type: T.SHIP, locationId: 'dc', sourceLocationId: 'dc' };
    const shelf = { type: T.PICKUP_IN_STORE, locationId: 'soho', sourceLocationId: 'soho' };
    const transfer = { type: T.PICKUP_IN_STORE, locationId: 'soho', sourceLocationId: 'dc' };
    const till = { type: T.CARRY_OUT, locationId: 'soho', sourceLocationId: 'soho' };
    expect(earliestDeliveryDate([ship], '2026-12-31')).toBe('2027-01-02');
    expect(earliestDeliveryDate([shelf], '2026-12-31')).toBe('2026-12-31');
    expect(earliestDeliveryDate([shelf, transfer], '2026-12-31')).toBe('2027-01-02');
    expect(earliestDeliveryDate([till], '2026-12-31')).toBe('2026-12-31');
    expect(deliveryDateProblem('2027-01-01', [shelf, transfer], '2026-12-31')).toBe('the earliest delivery date is 2027-01-02');
    expect(deliveryDateProblem('2027-01-02', [shelf, transfer], '2026-12-31')).toBeNull();
    expect(deliveryDateProblem('2026-12-30', [till], '2026-12-31')).toBe('the earliest delivery date is 2026-12-31');
  });

  it('holds a dated shipment until its transit time before the date, across month ends', () => {
    expect(earliestShipDate('2026-12-01', 2)).toBe('2026-11-29');
    expect(earliestShipDate('2027-03-01', 1)).toBe('2027-02-28');
  });
});
