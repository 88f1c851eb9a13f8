import { randomUUID } from 'node:crypto';
import { DomainError, inTransaction, isCoordinate } from '@omni/platform';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Location, LocationType } from '../entities/location';

export interface LocationDraft {
  id?: string | null;
  name: string;
  type: LocationType;
  lat: number;
  lng: number;
  fulfillsOnline?: boolean | null;
  pickupEnabled?: boolean | null;
  open?: boolean | null;
}

/** Creates a location, or replaces one when `id` names it. */
export async function upsertLocation(db: DataSource, draft: LocationDraft): Promise<Location> {
  const name = draft.name.trim();
  if (!name || name.length > 200)
    throw new DomainError('INVALID_NAME', 'a location needs a name of at most 200 characters', ['input', 'name']);
  if (!isCoordinate(draft.lat, draft.lng)) {
    throw new DomainError('INVALID_COORDINATES', 'lat is within ±90 and lng within ±180', ['input', 'lat']);
  }
  return inTransaction(db, async (manager) => {
    const existing = draft.id ? await manager.findOneBy(Location, { id: draft.id }) : null;
    if (draft.id && !existing) throw new DomainError('UNKNOWN_LOCATION', `no location ${draft.id}`, ['input', 'id']);
    const location = manager.create(Location, {
      ...existing,
      id: existing?.id ?? randomUUID(),
      name,
      type: draft.type,
      lat: draft.lat,
      lng: draft.lng,
      fulfillsOnline: draft.fulfillsOnline ?? existing?.fulfillsOnline ?? draft.type === LocationType.WAREHOUSE,
      pickupEnabled: draft.pickupEnabled ?? existing?.pickupEnabled ?? draft.type === LocationType.STORE,
      open: draft.open ?? existing?.open ?? true,
    });
    return manager.save(Location, location);
  });
}

/** The named locations, or a UNKNOWN_LOCATION error for the first that does not exist. */
export async function requireLocations(
  manager: EntityManager,
  wanted: { id: string; field: string[] }[],
): Promise<Map<string, Location>> {
  const ids = [...new Set(wanted.map((w) => w.id))];
  const found = ids.length ? await manager.findBy(Location, { id: In(ids) }) : [];
  const map = new Map(found.map((l) => [l.id, l]));
  const missing = wanted.find((w) => !map.has(w.id));
  if (missing) throw new DomainError('UNKNOWN_LOCATION', `no location ${missing.id}`, missing.field);
  return map;
}
