import { z } from 'zod';
import { Id, Units } from './common';
import { defineEvent } from './definition';

/**
 * The events inventory publishes, exactly as its producers write them (a field the first release
 * did not write yet is optional). Consumers parse, never cast.
 */

/** What changed a stock level (`MovementKind` in inventory). */
export const STOCK_MOVEMENT_KINDS = [
  'COUNT',
  'ADJUSTMENT',
  'SAFETY_STOCK',
  'TRANSFER_OUT',
  'TRANSFER_IN_TRANSIT',
  'TRANSFER_RECEIVED',
  'RESERVE',
  'RELEASE',
  'SHIP',
  'RETURN',
] as const;
export type StockMovementKindName = (typeof STOCK_MOVEMENT_KINDS)[number];

const Delta = z.number().int();

/** `inventory.stock.changed`, version 1: once per stock row per change, with the counts after it. */
export const StockChangedSchema = z.object({
  sku: Id,
  locationId: Id,
  /** Not written by the first release (its `reason` was the kind, COUNT). */
  kind: z.enum(STOCK_MOVEMENT_KINDS).optional(),
  reason: z.string().nullable(),
  /** What it was for (`order:<id>`, `return:<id>`, a transfer...); not written by the first release. */
  reference: z.string().nullable().optional(),
  onHand: Units,
  reserved: Units,
  /** Not written by the first release. */
  safetyStock: Units.optional(),
  /** Not written by the first release. */
  inTransit: Units.optional(),
  available: Units,
  /** Each count's change (negative: fewer); not written by the first release. */
  change: z.object({ onHand: Delta, reserved: Delta, inTransit: Delta, safetyStock: Delta }).optional(),
});
export type StockChanged = z.infer<typeof StockChangedSchema>;
export const StockChangedEvent = defineEvent('inventory.stock.changed', 1, StockChangedSchema);

export const InventoryEvents = [StockChangedEvent] as const;
