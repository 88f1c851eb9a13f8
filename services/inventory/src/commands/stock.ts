import { randomUUID } from 'node:crypto';
import { DomainError, inTransaction, recordEvent, type Channel } from '@omni/platform';
import type { DataSource } from 'typeorm';
import { isCoordinate } from '../domain/geo';
import { availableUnits } from '../domain/stock';
import { Location, LocationType } from '../entities/location';
import { Stock } from '../entities/stock';

export interface LocationDraft {
  id?: string | null;
  name: string;
  type: LocationType;
  lat: number;
  lng: number;
  fulfillsOnline?: boolean | null;
  pickupEnabled?: boolean | null;
}

export interface StockChanged {
  sku: string;
  locationId: string;
  onHand: number;
  reserved: number;
  available: number;
  reason: string;
}

export async function upsertLocation(db: DataSource, draft: LocationDraft): Promise<Location> {
  if (!draft.name.trim()) throw new DomainError('INVALID_NAME', 'a location needs a name', ['input', 'name']);
  if (!isCoordinate(draft.lat, draft.lng)) {
    throw new DomainError('INVALID_COORDINATES', 'lat is within ±90 and lng within ±180', ['input', 'lat']);
  }
  return inTransaction(db, async (manager) => {
    const existing = draft.id ? await manager.findOneBy(Location, { id: draft.id }) : null;
    if (draft.id && !existing) throw new DomainError('UNKNOWN_LOCATION', `no location ${draft.id}`, ['input', 'id']);
    const location = manager.create(Location, {
      ...existing,
      id: existing?.id ?? randomUUID(),
      name: draft.name.trim(),
      type: draft.type,
      lat: draft.lat,
      lng: draft.lng,
      fulfillsOnline: draft.fulfillsOnline ?? existing?.fulfillsOnline ?? draft.type === LocationType.WAREHOUSE,
      pickupEnabled: draft.pickupEnabled ?? existing?.pickupEnabled ?? draft.type === LocationType.STORE,
      open: existing?.open ?? true,
    });
    return manager.save(Location, location);
  });
}

/** Records a stock count: on hand becomes `onHand`, reservations stay as they are. */
export async function setStock(
  db: DataSource,
  input: { locationId: string; sku: string; onHand: number },
  channel: Channel | null,
): Promise<Stock> {
  if (!Number.isSafeInteger(input.onHand) || input.onHand < 0) {
    throw new DomainError('NEGATIVE_QUANTITY', 'on hand is a whole number of units, zero or more', ['input', 'onHand']);
  }
  if (!input.sku.trim()) throw new DomainError('UNKNOWN_SKU', 'a SKU is required', ['input', 'sku']);
  return inTransaction(db, async (manager) => {
    if (!(await manager.existsBy(Location, { id: input.locationId }))) {
      throw new DomainError('UNKNOWN_LOCATION', `no location ${input.locationId}`, ['input', 'locationId']);
    }
    const stock =
      (await manager.findOneBy(Stock, { locationId: input.locationId, sku: input.sku })) ??
      manager.create(Stock, { locationId: input.locationId, sku: input.sku, reserved: 0, safetyStock: 0 });
    stock.onHand = input.onHand;
    await manager.save(Stock, stock);
    await recordEvent<StockChanged>(
      manager,
      'inventory.stock.changed',
      {
        sku: stock.sku,
        locationId: stock.locationId,
        onHand: stock.onHand,
        reserved: stock.reserved,
        available: availableUnits(stock),
        reason: 'COUNT',
      },
      channel,
    );
    return stock;
  });
}
