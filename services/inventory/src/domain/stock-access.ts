import { canWorkAt, forbidden, hasRole, Role, type Caller } from '@omni/platform';

/** Stock at a location is counted and moved by admins, and by the associates of that location. */
export function canManageStockAt(caller: Caller, locationId: string | null | undefined): boolean {
  return hasRole(caller, Role.ADMIN) || canWorkAt(caller, locationId);
}

export function assertCanManageStockAt(caller: Caller, locationId: string | null | undefined): void {
  if (!canManageStockAt(caller, locationId)) throw forbidden('only an admin or an associate of this location may move its stock');
}
