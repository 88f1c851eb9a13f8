import { addDays } from '@omni/platform';
import { FulfillmentStatus as S, FulfillmentType, OrderStatus } from './status';

export enum FulfillmentAction {
  PICK = 'PICK',
  PACK = 'PACK',
  SHIP = 'SHIP',
  READY_FOR_PICKUP = 'READY_FOR_PICKUP',
  COLLECT = 'COLLECT',
  DELIVER = 'DELIVER',
  /** Ship to store: the pickup store received the goods sent from the source location. */
  RECEIVE = 'RECEIVE',
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

/**
 * Ship to store: a pickup whose stock is at another location. The source picks, packs and sends
 * it (SHIP: a transfer in inventory), the pickup store receives it, and only then readies it.
 */
const TRANSFER_TRANSITIONS: Transitions = {
  PICK: { [S.PENDING]: S.PICKING },
  PACK: { [S.PICKING]: S.PACKED },
  SHIP: { [S.PACKED]: S.IN_TRANSIT },
  RECEIVE: { [S.IN_TRANSIT]: S.RECEIVED },
  READY_FOR_PICKUP: { [S.RECEIVED]: S.READY_FOR_PICKUP },
  COLLECT: { [S.READY_FOR_PICKUP]: S.COLLECTED },
};

export interface FulfillmentShape {
  type: FulfillmentType;
  locationId: string | null;
  sourceLocationId: string | null;
}

/** A pickup whose goods come from another location (ship to store): they travel as a transfer. */
export function isTransfer(f: FulfillmentShape): boolean {
  return f.type === FulfillmentType.PICKUP_IN_STORE && f.sourceLocationId !== null && f.sourceLocationId !== f.locationId;
}

/** The status after `action`, or null when the action is not allowed now. */
export function nextStatus(type: FulfillmentType, status: S, action: FulfillmentAction, transfer = false): S | null {
  return ((transfer ? TRANSFER_TRANSITIONS : TRANSITIONS[type])[action]?.[status] ?? null) as S | null;
}

/**
 * Why `action` cannot be taken now, or null when it can: a transfer readied before it arrived is
 * TRANSFER_NOT_RECEIVED; anything else out of order is INVALID_TRANSITION.
 */
export function transitionProblem(
  f: FulfillmentShape & { status: S },
  action: FulfillmentAction,
): { code: string; message: string } | null {
  const transfer = isTransfer(f);
  if (nextStatus(f.type, f.status, action, transfer)) return null;
  if (transfer && action === FulfillmentAction.READY_FOR_PICKUP && !hasLeft(f.status) && f.status !== S.CANCELLED) {
    return {
      code: 'TRANSFER_NOT_RECEIVED',
      message: `the goods come from ${f.sourceLocationId}: receive the transfer before readying the pickup (it is ${f.status})`,
    };
  }
  return { code: 'INVALID_TRANSITION', message: `cannot ${action} a ${f.type} fulfillment that is ${f.status}` };
}

/**
 * Where the associates who may take `action` work: for ship to store the source picks, packs and
 * sends, the pickup store receives, readies and hands over; otherwise the fulfilling location.
 */
export function actingLocation(f: FulfillmentShape, action: FulfillmentAction): string | null {
  const atSource = action === FulfillmentAction.PICK || action === FulfillmentAction.PACK || action === FulfillmentAction.SHIP;
  return isTransfer(f) && atSource ? f.sourceLocationId : f.locationId;
}

/** The goods left their source location: shipped, collected, or on their way to (or at) the pickup store. */
export function hasLeftSource(status: S): boolean {
  return hasLeft(status) || status === S.IN_TRANSIT || status === S.RECEIVED;
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

/** Days the goods travel before the shopper can have them: a shipment or a transfer to the pickup store. */
export function transitDays(f: FulfillmentShape): number {
  return f.type === FulfillmentType.SHIP || isTransfer(f) ? STANDARD_TRANSIT_DAYS : 0;
}

/**
 * The earliest date every one of these fulfillments can reach the shopper, counted from `today`:
 * the same rule for every fulfillment type (a pickup from the store's own shelves is today).
 */
export function earliestDeliveryDate(fulfillments: FulfillmentShape[], today: string): string {
  return addDays(today, Math.max(0, ...fulfillments.map(transitDays)));
}

/**
 * Why a requested delivery date cannot be kept, or null: earlier than the earliest possible is
 * INVALID_DELIVERY_DATE, and the message names that date.
 */
export function deliveryDateProblem(requested: string, fulfillments: FulfillmentShape[], today: string): string | null {
  const earliest = earliestDeliveryDate(fulfillments, today);
  return requested < earliest ? `the earliest delivery date is ${earliest}` : null;
}
