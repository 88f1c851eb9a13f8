import { distanceKm } from '@omni/platform';
import { availableUnits, unitsAtTill, type StockLevel } from './stock';

export interface PlacedStock<L extends { id: string; lat: number; lng: number; open: boolean }> {
  location: L;
  stock: StockLevel & { sku: string };
}

/** Units a shopper can buy: the sum over open locations. */
export function totalAvailable<L extends { id: string; lat: number; lng: number; open: boolean }>(
  rows: PlacedStock<L>[],
): number {
  return rows.reduce((sum, { location, stock }) => sum + (location.open ? availableUnits(stock) : 0), 0);
}

export interface Nearby<L> {
  location: L;
  available: number;
  /** Great-circle distance in km, to one decimal. */
  distanceKm: number;
}

/** Open locations within `radiusKm` of the shopper that have the item, nearest first. */
export function nearbyStock<L extends { id: string; lat: number; lng: number; open: boolean }>(
  rows: PlacedStock<L>[],
  origin: { lat: number; lng: number },
  radiusKm: number,
): Nearby<L>[] {
  return rows
    .filter(({ location, stock }) => location.open && availableUnits(stock) > 0)
    .map(({ location, stock }) => ({
      location,
      available: availableUnits(stock),
      exact: distanceKm(origin, location),
    }))
    .filter((n) => n.exact <= radiusKm)
    .sort((a, b) => a.exact - b.exact || (a.location.id < b.location.id ? -1 : 1))
    .map(({ location, available, exact }) => ({ location, available, distanceKm: Math.round(exact * 10) / 10 }));
}

export interface Candidate<L> {
  location: L;
  /** `atTill`: what a carry-out sale may take (safety stock included); see `unitsAtTill`. */
  stock: { sku: string; available: number; atTill: number }[];
}

/**
 * The routing input for a set of SKUs: every location with what it can promise of each SKU
 * (zero when it holds none, and zero everywhere at a closed location).
 */
export function fulfillmentCandidates<L extends { id: string; open: boolean }>(
  locations: L[],
  stock: (StockLevel & { sku: string; locationId: string })[],
  skus: string[],
): Candidate<L>[] {
  const levels = new Map(stock.map((s) => [`${s.locationId}\u0000${s.sku}`, s]));
  return locations.map((location) => ({
    location,
    stock: skus.map((sku) => {
      const level = levels.get(`${location.id}\u0000${sku}`);
      const usable = location.open && level;
      return { sku, available: usable ? availableUnits(level) : 0, atTill: usable ? unitsAtTill(level) : 0 };
    }),
  }));
}
