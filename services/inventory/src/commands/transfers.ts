import { randomUUID } from 'node:crypto';
import { DomainError, inTransaction } from '@omni/platform';
import type { DataSource } from 'typeorm';
import { availableUnits, isSku, quantityProblem, stockKey } from '../domain/stock';
import { MovementKind } from '../entities/movement';
import { StockTransfer, TransferStatus } from '../entities/transfer';
import { ensureStockRows, lockStock, writeChange, type Actor } from './levels';
import { requireLocations } from './locations';

export interface TransferRequest {
  fromLocationId: string;
  toLocationId: string;
  sku: string;
  quantity: number;
}

/**
 * Sends available units from one location to another: they leave the source's on hand now and
 * show as in transit at the destination until `receiveTransfer`.
 */
export async function transferStock(db: DataSource, input: TransferRequest, by: Actor): Promise<StockTransfer> {
  const problem = quantityProblem(input.quantity);
  if (problem) throw new DomainError(problem, 'transfer a whole number of units above zero', ['input', 'quantity']);
  if (!isSku(input.sku)) throw new DomainError('INVALID_SKU', `"${input.sku}" is not a SKU`, ['input', 'sku']);
  if (input.fromLocationId === input.toLocationId) {
    throw new DomainError('SAME_LOCATION', 'a transfer goes to another location', ['input', 'toLocationId']);
  }
  return inTransaction(db, async (manager) => {
    await requireLocations(manager, [
      { id: input.fromLocationId, field: ['input', 'fromLocationId'] },
      { id: input.toLocationId, field: ['input', 'toLocationId'] },
    ]);
    const from = { locationId: input.fromLocationId, sku: input.sku };
    const to = { locationId: input.toLocationId, sku: input.sku };
    await ensureStockRows(manager, [to]);
    const levels = await lockStock(manager, [from, to]);
    const source = levels.get(stockKey(from.locationId, from.sku));
    const available = source ? availableUnits(source) : 0;
    if (!source || available < input.quantity) {
      throw new DomainError('INSUFFICIENT_STOCK', `only ${available} of ${input.sku} available to transfer`, [
        'input',
        'quantity',
      ]);
    }
    const transfer = manager.create(StockTransfer, {
      id: randomUUID(),
      ...input,
      status: TransferStatus.IN_TRANSIT,
      createdAt: new Date(),
      receivedAt: null,
    });
    const reference = `transfer:${transfer.id}`;
    // Written in lock order (writes keep the locks already held).
    for (const [key, level] of levels) {
      const outbound = key === stockKey(from.locationId, from.sku);
      await writeChange(
        manager,
        level,
        outbound ? { onHand: -input.quantity } : { inTransit: input.quantity },
        { kind: outbound ? MovementKind.TRANSFER_OUT : MovementKind.TRANSFER_IN_TRANSIT, reference },
        by,
      );
    }
    await manager.insert(StockTransfer, transfer);
    return transfer;
  });
}

/** The transfer arrived: its units move from in transit to on hand at the destination. */
export async function receiveTransfer(db: DataSource, id: string, by: Actor): Promise<StockTransfer> {
  return inTransaction(db, async (manager) => {
    const transfer = await manager.findOneBy(StockTransfer, { id });
    if (!transfer) throw new DomainError('UNKNOWN_TRANSFER', `no transfer ${id}`, ['id']);
    // Conditional on the status: of two concurrent receipts exactly one counts the units in.
    const receivedAt = new Date();
    const changed = await manager.update(
      StockTransfer,
      { id, status: TransferStatus.IN_TRANSIT },
      { status: TransferStatus.RECEIVED, receivedAt },
    );
    if (changed.affected !== 1) throw new DomainError('TRANSFER_ALREADY_RECEIVED', `transfer ${id} was received before`, ['id']);
    const to = { locationId: transfer.toLocationId, sku: transfer.sku };
    await ensureStockRows(manager, [to]);
    const level = (await lockStock(manager, [to])).get(stockKey(to.locationId, to.sku))!;
    await writeChange(
      manager,
      level,
      { onHand: transfer.quantity, inTransit: -transfer.quantity },
      { kind: MovementKind.TRANSFER_RECEIVED, reference: `transfer:${id}` },
      by,
    );
    return Object.assign(transfer, { status: TransferStatus.RECEIVED, receivedAt });
  });
}
