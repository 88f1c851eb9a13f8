import { distanceKm } from '@omni/platform';
import { FulfillmentType } from './status';

/**
 * Order routing: which locations fulfil which units. Pure: the caller supplies candidate
 * locations with their available stock (from inventory) and reserves what this returns.
 *
 * Scoring (lower is better), per retailer through `RoutingWeights`:
 *   cost = perShipment * (number of shipments - 1)
 *        + Σ over shipments of (perKm * distance to the destination + storePenalty if a store ships)
 * One location that can ship everything always beats a split; among those the cheapest wins.
 * Only when no single location can, units are split: each round takes the location that covers
 * the most of what is left (cheapest on ties) until all is covered or the network is out.
 */
export interface RoutingWeights {
  perKm: number;
  perShipment: number;
  /** Extra cost of shipping from a store rather than a warehouse (store staff, store stock). */
  storePenalty: number;
}

export const DEFAULT_WEIGHTS: RoutingWeights = { perKm: 1, perShipment: 500, storePenalty: 50 };

export interface CandidateLocation {
  id: string;
  type: 'WAREHOUSE' | 'STORE';
  lat: number;
  lng: number;
  fulfillsOnline: boolean;
  pickupEnabled: boolean;
  open: boolean;
  /** Units available to sell, by SKU. */
  available: Record<string, number>;
  /** Units a carry-out sale may take here, by SKU: safety stock included (absent: `available`). */
  atTill?: Record<string, number>;
}

export interface RoutableLine {
  lineId: string;
  sku: string;
  quantity: number;
}

export interface RoutingRequest {
  type: FulfillmentType;
  pickupLocationId?: string | null;
  /** Where a shipment goes; without it distance plays no part. */
  destination?: { lat: number; lng: number } | null;
}

export interface PlannedFulfillment {
  type: FulfillmentType;
  /** Where the customer gets the goods: the shipping location, or the pickup store. */
  locationId: string;
  /** Where the stock is reserved and picked: differs from `locationId` for ship-to-store. */
  sourceLocationId: string;
  lines: RoutableLine[];
}

export class RoutingError extends Error {
  constructor(
    readonly code: 'OUT_OF_STOCK' | 'PICKUP_NOT_AVAILABLE' | 'UNKNOWN_LOCATION',
    message: string,
    readonly sku?: string,
  ) {
    super(message);
    this.name = 'RoutingError';
  }
}

/** Units still to route, by SKU. */
function demandOf(lines: RoutableLine[]): Map<string, number> {
  const demand = new Map<string, number>();
  for (const line of lines) demand.set(line.sku, (demand.get(line.sku) ?? 0) + line.quantity);
  return demand;
}

function covers(location: CandidateLocation, demand: Map<string, number>): boolean {
  return [...demand].every(([sku, quantity]) => (location.available[sku] ?? 0) >= quantity);
}

function coverage(location: CandidateLocation, demand: Map<string, number>): number {
  let units = 0;
  for (const [sku, quantity] of demand) units += Math.min(quantity, location.available[sku] ?? 0);
  return units;
}

function shipmentCost(
  location: CandidateLocation,
  to: { lat: number; lng: number } | null | undefined,
  w: RoutingWeights,
): number {
  return (to ? w.perKm * distanceKm(location, to) : 0) + (location.type === 'STORE' ? w.storePenalty : 0);
}

/** Takes up to `limit` units per SKU from the lines, in line order; mutates the remaining quantities. */
function take(remaining: RoutableLine[], limit: Map<string, number>): RoutableLine[] {
  const taken: RoutableLine[] = [];
  const left = new Map(limit);
  for (const line of remaining) {
    const can = Math.min(line.quantity, left.get(line.sku) ?? 0);
    if (can <= 0) continue;
    taken.push({ ...line, quantity: can });
    line.quantity -= can;
    left.set(line.sku, (left.get(line.sku) ?? 0) - can);
  }
  return taken;
}

/** Picks sources for `lines` among `candidates`, nearest to `to`; splits only when it must. */
function source(
  lines: RoutableLine[],
  candidates: CandidateLocation[],
  to: { lat: number; lng: number } | null | undefined,
  weights: RoutingWeights,
): { location: CandidateLocation; lines: RoutableLine[] }[] {
  const remaining = lines.map((l) => ({ ...l }));
  const cost = (c: CandidateLocation) => shipmentCost(c, to, weights);
  const whole = candidates.filter((c) => covers(c, demandOf(remaining))).sort((a, b) => cost(a) - cost(b))[0];
  if (whole) return [{ location: whole, lines: take(remaining, demandOf(remaining)) }];

  const plan: { location: CandidateLocation; lines: RoutableLine[] }[] = [];
  const used = new Set<string>();
  for (;;) {
    const demand = demandOf(remaining.filter((l) => l.quantity > 0));
    if (demand.size === 0) return plan;
    const best = candidates
      .filter((c) => !used.has(c.id) && coverage(c, demand) > 0)
      .sort((a, b) => coverage(b, demand) - coverage(a, demand) || cost(a) - cost(b))[0];
    if (!best) {
      const [sku] = [...demand.keys()];
      throw new RoutingError('OUT_OF_STOCK', `not enough ${sku} in the network`, sku);
    }
    used.add(best.id);
    const limit = new Map([...demand].map(([sku, q]) => [sku, Math.min(q, best.available[sku] ?? 0)]));
    plan.push({ location: best, lines: take(remaining, limit) });
  }
}

export function routeOrder(
  lines: RoutableLine[],
  request: RoutingRequest,
  candidates: CandidateLocation[],
  weights: RoutingWeights = DEFAULT_WEIGHTS,
): PlannedFulfillment[] {
  const open = candidates.filter((c) => c.open);
  if (request.type === FulfillmentType.SHIP) {
    const shippers = open.filter((c) => c.fulfillsOnline);
    return source(lines, shippers, request.destination, weights).map(({ location, lines: taken }) => ({
      type: FulfillmentType.SHIP,
      locationId: location.id,
      sourceLocationId: location.id,
      lines: taken,
    }));
  }

  const store = candidates.find((c) => c.id === request.pickupLocationId);
  if (!store) throw new RoutingError('UNKNOWN_LOCATION', `no location ${request.pickupLocationId}`);
  if (request.type === FulfillmentType.CARRY_OUT) {
    // The shopper is at the till: the goods come off this store's shelves or not at all. Safety
    // stock protects online promises, not the goods in the shopper's hand: the till may sell it.
    const atTill = store.atTill ?? store.available;
    const missing = [...demandOf(lines)].find(([sku, q]) => (atTill[sku] ?? 0) < q);
    if (missing) throw new RoutingError('OUT_OF_STOCK', `not enough ${missing[0]} at this store`, missing[0]);
    return [
      { type: FulfillmentType.CARRY_OUT, locationId: store.id, sourceLocationId: store.id, lines: lines.map((l) => ({ ...l })) },
    ];
  }

  if (!store.open || !store.pickupEnabled) {
    throw new RoutingError('PICKUP_NOT_AVAILABLE', `${request.pickupLocationId} does not offer pickup`);
  }
  // Pickup: the store's own stock first; what it lacks is transferred in (ship-to-store).
  const remaining = lines.map((l) => ({ ...l }));
  const fromStore = take(
    remaining,
    new Map([...demandOf(remaining)].map(([sku, q]) => [sku, Math.min(q, store.available[sku] ?? 0)])),
  );
  const plan: PlannedFulfillment[] = [];
  if (fromStore.length)
    plan.push({ type: FulfillmentType.PICKUP_IN_STORE, locationId: store.id, sourceLocationId: store.id, lines: fromStore });
  const rest = remaining.filter((l) => l.quantity > 0);
  if (rest.length) {
    const others = open.filter((c) => c.id !== store.id);
    for (const { location, lines: taken } of source(rest, others, store, weights)) {
      plan.push({ type: FulfillmentType.PICKUP_IN_STORE, locationId: store.id, sourceLocationId: location.id, lines: taken });
    }
  }
  return plan;
}
