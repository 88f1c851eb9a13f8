import { DomainError, inTransaction } from '@omni/platform';
import type { DataSource } from 'typeorm';
import { adjustmentSign, AdjustmentReason, isSku, quantityProblem, stockKey } from '../domain/stock';
import { MovementKind } from '../entities/movement';
import { Stock } from '../entities/stock';
import { ensureStockRows, lockStock, writeChange, type Actor } from './levels';
import { requireLocations } from './locations';

function requireSku(sku: string, field: string[]): void {
  if (!isSku(sku))
    throw new DomainError('INVALID_SKU', `"${sku}" is not a SKU (1 to 64 characters, no surrounding spaces)`, field);
}

/** Records a count: on hand becomes `onHand` (and safety stock, when given); reservations stay. */
export async function setStock(
  db: DataSource,
  input: { locationId: string; sku: string; onHand: number; safetyStock?: number | null },
  by: Actor,
): Promise<Stock> {
  const onHandProblem = quantityProblem(input.onHand, true);
  if (onHandProblem)
    throw new DomainError(onHandProblem, 'on hand is a whole number of units, zero or more', ['input', 'onHand']);
  if (input.safetyStock != null) {
    const problem = quantityProblem(input.safetyStock, true);
    if (problem)
      throw new DomainError(problem, 'safety stock is a whole number of units, zero or more', ['input', 'safetyStock']);
  }
  requireSku(input.sku, ['input', 'sku']);
  return inTransaction(db, async (manager) => {
    await requireLocations(manager, [{ id: input.locationId, field: ['input', 'locationId'] }]);
    const ref = { locationId: input.locationId, sku: input.sku };
    await ensureStockRows(manager, [ref]);
    const level = (await lockStock(manager, [ref])).get(stockKey(ref.locationId, ref.sku))!;
    const change = {
      onHand: input.onHand - level.onHand,
      safetyStock: input.safetyStock == null ? 0 : input.safetyStock - level.safetyStock,
    };
    return writeChange(manager, level, change, { kind: MovementKind.COUNT }, by);
  });
}

/** Adds received or found units, or takes damaged or lost ones off on hand. */
export async function adjustStock(
  db: DataSource,
  input: { locationId: string; sku: string; quantity: number; reason: AdjustmentReason; note?: string | null },
  by: Actor,
): Promise<Stock> {
  const problem = quantityProblem(input.quantity);
  if (problem)
    throw new DomainError(problem, 'adjust by a whole number of units above zero; the reason gives the direction', [
      'input',
      'quantity',
    ]);
  requireSku(input.sku, ['input', 'sku']);
  const note = input.note?.trim() || null;
  if (note && note.length > 180) throw new DomainError('INVALID_NOTE', 'a note has at most 180 characters', ['input', 'note']);
  const delta = adjustmentSign(input.reason) * input.quantity;
  return inTransaction(db, async (manager) => {
    await requireLocations(manager, [{ id: input.locationId, field: ['input', 'locationId'] }]);
    const ref = { locationId: input.locationId, sku: input.sku };
    if (delta > 0) await ensureStockRows(manager, [ref]);
    const level = (await lockStock(manager, [ref])).get(stockKey(ref.locationId, ref.sku));
    if (delta < 0 && (level?.onHand ?? 0) < -delta) {
      throw new DomainError('INSUFFICIENT_STOCK', `only ${level?.onHand ?? 0} of ${input.sku} on hand here`, [
        'input',
        'quantity',
      ]);
    }
    const reason = note ? `${input.reason}: ${note}` : input.reason;
    return writeChange(manager, level!, { onHand: delta }, { kind: MovementKind.ADJUSTMENT, reason }, by);
  });
}
