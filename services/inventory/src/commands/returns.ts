import type { ReturnReceived } from '@omni/platform';
import { In, type EntityManager } from 'typeorm';
import { lockOrder, quantityProblem, stockKey } from '../domain/stock';
import { Location } from '../entities/location';
import { MovementKind } from '../entities/movement';
import { ensureStockRows, lockStock, writeChange, type Actor } from './levels';

/**
 * Puts the restockable units of a received return back on hand at the receiving location, one
 * ledger entry per SKU. Units not restockable, and a location inventory does not know, change
 * nothing.
 */
export async function restockReturn(manager: EntityManager, received: ReturnReceived, by: Actor): Promise<number> {
  const units = new Map<string, number>();
  for (const line of received.lines) {
    if (!line.restockable || quantityProblem(line.quantity)) continue;
    units.set(line.sku, (units.get(line.sku) ?? 0) + line.quantity);
  }
  if (units.size === 0) return 0;
  if ((await manager.countBy(Location, { id: In([received.locationId]) })) === 0) return 0;
  const refs = lockOrder([...units.keys()].map((sku) => ({ locationId: received.locationId, sku })));
  await ensureStockRows(manager, refs);
  const levels = await lockStock(manager, refs);
  let total = 0;
  for (const ref of refs) {
    const quantity = units.get(ref.sku)!;
    await writeChange(
      manager,
      levels.get(stockKey(ref.locationId, ref.sku))!,
      { onHand: quantity },
      { kind: MovementKind.RETURN, reference: `return:${received.returnId}` },
      by,
    );
    total += quantity;
  }
  return total;
}
