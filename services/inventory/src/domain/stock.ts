/** The counts kept for one SKU at one location. */
export interface StockLevel {
  onHand: number;
  reserved: number;
  safetyStock: number;
}

export interface FullStockLevel extends StockLevel {
  /** Units on their way here from another location (a transfer not yet received). */
  inTransit: number;
}

/** What can still be promised: on hand less reserved less safety stock, never below zero. */
export function availableUnits(stock: StockLevel): number {
  return Math.max(0, stock.onHand - stock.reserved - stock.safetyStock);
}

/**
 * What a store may sell over the counter: on hand less reserved, never below zero. Safety stock
 * protects online promises (units counted but perhaps not where the count says), not the till:
 * goods the shopper holds in their hand are there.
 */
export function unitsAtTill(stock: StockLevel): number {
  return Math.max(0, stock.onHand - stock.reserved);
}

/** Why a stock adjustment happened. The reason fixes the direction of the change. */
export enum AdjustmentReason {
  /** Goods received from a supplier. */
  RECEIPT = 'RECEIPT',
  /** Units found that were not counted before. */
  FOUND = 'FOUND',
  /** Units damaged and no longer sellable. */
  DAMAGE = 'DAMAGE',
  /** Units lost or stolen. */
  SHRINK = 'SHRINK',
}

export function adjustmentSign(reason: AdjustmentReason): 1 | -1 {
  return reason === AdjustmentReason.RECEIPT || reason === AdjustmentReason.FOUND ? 1 : -1;
}

/** Why a quantity is not a usable number of units, or null when it is. */
export function quantityProblem(quantity: number, allowZero = false): 'NEGATIVE_QUANTITY' | 'INVALID_QUANTITY' | null {
  if (typeof quantity !== 'number' || Number.isNaN(quantity)) return 'INVALID_QUANTITY';
  if (quantity < 0) return 'NEGATIVE_QUANTITY';
  if (!Number.isSafeInteger(quantity) || (!allowZero && quantity === 0)) return 'INVALID_QUANTITY';
  return null;
}

export const MAX_SKU_LENGTH = 64;

export function isSku(sku: string): boolean {
  return typeof sku === 'string' && sku.trim() === sku && sku.length > 0 && sku.length <= MAX_SKU_LENGTH;
}

/** A change of the counts; every part defaults to no change. */
export interface StockChange {
  onHand?: number;
  reserved?: number;
  inTransit?: number;
  safetyStock?: number;
}

/**
 * The level after a change. On hand and reserved never go below zero (a count may have found
 * fewer units than were reserved; shipping those cannot make on hand negative).
 */
export function applyChange(level: FullStockLevel, change: StockChange): FullStockLevel {
  return {
    onHand: Math.max(0, level.onHand + (change.onHand ?? 0)),
    reserved: Math.max(0, level.reserved + (change.reserved ?? 0)),
    inTransit: Math.max(0, level.inTransit + (change.inTransit ?? 0)),
    safetyStock: Math.max(0, level.safetyStock + (change.safetyStock ?? 0)),
  };
}

/** What actually changed between two levels (after clamping). */
export function difference(before: FullStockLevel, after: FullStockLevel): Required<StockChange> {
  return {
    onHand: after.onHand - before.onHand,
    reserved: after.reserved - before.reserved,
    inTransit: after.inTransit - before.inTransit,
    safetyStock: after.safetyStock - before.safetyStock,
  };
}

export const EMPTY_LEVEL: FullStockLevel = Object.freeze({ onHand: 0, reserved: 0, inTransit: 0, safetyStock: 0 });

/** One key per stock row. */
export function stockKey(locationId: string, sku: string): string {
  return `${locationId}\u0000${sku}`;
}

/** Stock rows in the one order every transaction locks them in, so two never wait on each other. */
export function lockOrder<T extends { locationId: string; sku: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) =>
    a.locationId < b.locationId ? -1 : a.locationId > b.locationId ? 1 : a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0,
  );
}
