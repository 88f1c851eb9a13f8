import { addDays } from '@omni/platform';
import { FulfillmentStatus as S, FulfillmentType, OrderStatus } from './status';

export enum FulfillmentAction {
  PICK = 'PICK',
  PACK = 'PACK',
  SHIP = 'SHIP',
  READY_FOR_PICKUP = 'READY_FOR_PICKUP',
  COLLECT = 'COLLECT',
  DELIVER = 'DELIVER',
}

type Transitions = Partial<Record<FulfillmentAction, Partial<Record<S, S>>>>;

/** What each action does, per fulfillment type: from-status -> to-status. */
const TRANSITIONS: Record<FulfillmentType, Transitions> = {
  [FulfillmentType.SHIP]: {
    PICK: { [S.PENDING]: S.PICKING },
    PACK: { [S.PICKING]: S.PACKED },
    SHIP: { [S.PACKED]: S.SHIPPED },
    DELIVER: { [S.SHIPPED]: S.DELIVERED },
  },
  [FulfillmentType.PICKUP_IN_STORE]: {
    PICK: { [S.PENDING]: S.PICKING },
    PACK: { [S.PICKING]: S.PACKED },
    READY_FOR_PICKUP: { [S.PICKING]: S.READY_FOR_PICKUP, [S.PACKED]: S.READY_FOR_PICKUP },
    COLLECT: { [S.READY_FOR_PICKUP]: S.COLLECTED },
  },
  [FulfillmentType.CARRY_OUT]: {
    COLLECT: { [S.PENDING]: S.COLLECTED },
  },
};

/** The status after `action`, or null when the action is not allowed now. */
export function nextStatus(type: FulfillmentType, status: S, action: FulfillmentAction): S | null {
  return TRANSITIONS[type][action]?.[status] ?? null;
}

/** Statuses in which the goods have left the location: reservations are consumed, lines can no longer change. */
export function hasLeft(status: S): boolean {
  return status === S.SHIPPED || status === S.DELIVERED || status === S.COLLECTED;
}

/** The order's status follows from its fulfillments. */
export function orderStatusOf(statuses: S[]): OrderStatus {
  const live = statuses.filter((s) => s !== S.CANCELLED);
  if (live.length === 0) return OrderStatus.CANCELLED;
  if (live.every((s) => s === S.DELIVERED || s === S.COLLECTED)) return OrderStatus.COMPLETED;
  if (live.every(hasLeft)) return OrderStatus.SHIPPED;
  if (live.some(hasLeft)) return OrderStatus.PARTIALLY_SHIPPED;
  return OrderStatus.PLACED;
}

/** A shipment for a requested delivery date leaves `transitDays` before it, not earlier. */
export function earliestShipDate(promisedDate: string, transitDays: number): string {
  return addDays(promisedDate, -transitDays);
}

export const STANDARD_TRANSIT_DAYS = 2;
