import { randomUUID } from 'node:crypto';
import { DomainError, inTransaction, isUniqueViolation } from '@omni/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { consume, heldUnits, ReservationStatus } from '../domain/reservations';
import { availableUnits, isSku, lockOrder, quantityProblem, stockKey, type StockChange } from '../domain/stock';
import { MovementKind } from '../entities/movement';
import { StockReservation } from '../entities/reservation';
import { StockTransfer, TransferStatus } from '../entities/transfer';
import { ensureStockRows, lockStock, writeChange, type Actor } from './levels';
import { requireLocations } from './locations';
import { lockReservations } from './reservations';

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
      orderId: null,
      lineId: null,
      fulfillmentId: null,
      holdForOrder: false,
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
    if (!(await receiveIn(manager, transfer, by))) {
      throw new DomainError('TRANSFER_ALREADY_RECEIVED', `transfer ${id} was received before`, ['id']);
    }
    return transfer;
  });
}

/**
 * Counts a transfer in at its destination; false when it was received before. Conditional on the
 * status: of two concurrent receipts exactly one counts the units in. An order's transfer (ship to
 * store) that still holds for the order is reserved for its line on arrival, so the units wait for
 * the shopper instead of being sold again.
 */
async function receiveIn(manager: EntityManager, transfer: StockTransfer, by: Actor): Promise<boolean> {
  const receivedAt = new Date();
  const changed = await manager.update(
    StockTransfer,
    { id: transfer.id, status: TransferStatus.IN_TRANSIT },
    { status: TransferStatus.RECEIVED, receivedAt },
  );
  if (changed.affected !== 1) return false;
  const fresh = await manager.findOneByOrFail(StockTransfer, { id: transfer.id });
  const hold = fresh.holdForOrder && fresh.orderId !== null && fresh.lineId !== null;
  const to = { locationId: transfer.toLocationId, sku: transfer.sku };
  await ensureStockRows(manager, [to]);
  const level = (await lockStock(manager, [to])).get(stockKey(to.locationId, to.sku))!;
  await writeChange(
    manager,
    level,
    { onHand: transfer.quantity, inTransit: -transfer.quantity, ...(hold ? { reserved: transfer.quantity } : {}) },
    { kind: MovementKind.TRANSFER_RECEIVED, reference: `transfer:${transfer.id}` },
    by,
  );
  if (hold) await holdOnArrival(manager, fresh);
  Object.assign(transfer, { status: TransferStatus.RECEIVED, receivedAt, holdForOrder: fresh.holdForOrder });
  return true;
}

/** The arrived units are held for the order line at the pickup store (its reservation there grows). */
async function holdOnArrival(manager: EntityManager, transfer: StockTransfer): Promise<void> {
  const key = { orderId: transfer.orderId!, lineId: transfer.lineId!, locationId: transfer.toLocationId };
  const now = new Date();
  const existing = await manager.findOneBy(StockReservation, key);
  if (existing) {
    await manager.update(StockReservation, key, {
      quantity: existing.shippedQuantity + heldUnits(existing) + transfer.quantity,
      status: ReservationStatus.ACTIVE,
      expiresAt: null,
      updatedAt: now,
    });
  } else {
    await manager.insert(StockReservation, {
      ...key,
      sku: transfer.sku,
      quantity: transfer.quantity,
      shippedQuantity: 0,
      status: ReservationStatus.ACTIVE,
      requestKey: null,
      expiresAt: null,
      createdAt: now,
      updatedAt: now,
    });
  }
}

export interface OrderTransferRequest {
  orderId: string;
  /** The order's fulfillment: the pickup at `toLocationId` sourced at `fromLocationId`. */
  fulfillmentId: string;
  fromLocationId: string;
  toLocationId: string;
  lines: { lineId: string; sku: string; quantity: number }[];
}

/**
 * Ship to store: the units reserved for the order's lines at the source leave it (its on hand and
 * reserved drop; the reservation is consumed) and travel to the pickup store, in transit there until
 * received. One transfer per line. Idempotent per fulfillment: a repeat returns the transfers sent.
 */
export async function shipOrderTransfer(db: DataSource, input: OrderTransferRequest, by: Actor): Promise<StockTransfer[]> {
  if (!input.orderId?.trim() || !input.fulfillmentId?.trim()) {
    throw new DomainError('INVALID_ORDER', 'an order and a fulfillment are required', ['input', 'fulfillmentId']);
  }
  if (input.lines.length === 0) throw new DomainError('EMPTY_REQUEST', 'name the lines that travel', ['input', 'lines']);
  if (input.fromLocationId === input.toLocationId) {
    throw new DomainError('SAME_LOCATION', 'a transfer goes to another location', ['input', 'toLocationId']);
  }
  input.lines.forEach((line, i) => {
    const problem = quantityProblem(line.quantity);
    if (problem) throw new DomainError(problem, 'transfer a whole number of units above zero', ['input', 'lines', String(i)]);
  });
  const sent = () =>
    db.getRepository(StockTransfer).find({ where: { fulfillmentId: input.fulfillmentId }, order: { lineId: 'ASC' } });
  try {
    return await inTransaction(db, async (manager) => {
      const earlier = await manager.findBy(StockTransfer, { fulfillmentId: input.fulfillmentId });
      if (earlier.length) return earlier;
      await requireLocations(manager, [
        { id: input.fromLocationId, field: ['input', 'fromLocationId'] },
        { id: input.toLocationId, field: ['input', 'toLocationId'] },
      ]);
      const refs = input.lines.flatMap((l) => [
        { locationId: input.fromLocationId, sku: l.sku },
        { locationId: input.toLocationId, sku: l.sku },
      ]);
      // Reservations, then stock rows: the order reserving locks them in.
      const rows = await lockReservations(manager, [input.orderId], [...new Set(input.lines.map((l) => l.lineId))], true);
      await ensureStockRows(manager, refs);
      const levels = await lockStock(manager, refs);
      const changes = new Map<string, StockChange>();
      const add = (locationId: string, sku: string, change: StockChange) => {
        const k = stockKey(locationId, sku);
        const c = changes.get(k) ?? {};
        for (const [part, n] of Object.entries(change) as [keyof StockChange, number][]) c[part] = (c[part] ?? 0) + n;
        changes.set(k, c);
      };
      const now = new Date();
      const transfers: StockTransfer[] = [];
      for (const [i, line] of input.lines.entries()) {
        const row = rows.find((r) => r.lineId === line.lineId && r.locationId === input.fromLocationId);
        const held = row ? heldUnits(row) : 0;
        if (!row || row.sku !== line.sku || held < line.quantity) {
          throw new DomainError(
            'NO_ACTIVE_RESERVATION',
            `line ${line.lineId} holds ${held} of ${line.sku} at the source, ${line.quantity} to send`,
            ['input', 'lines', String(i), 'quantity'],
          );
        }
        const result = consume(row, line.quantity);
        Object.assign(row, { shippedQuantity: result.shippedQuantity, status: result.status, updatedAt: now });
        await manager.update(
          StockReservation,
          { orderId: input.orderId, lineId: row.lineId, locationId: row.locationId },
          { shippedQuantity: row.shippedQuantity, status: row.status, updatedAt: now },
        );
        add(input.fromLocationId, line.sku, { onHand: -line.quantity, reserved: -line.quantity });
        add(input.toLocationId, line.sku, { inTransit: line.quantity });
        transfers.push(
          manager.create(StockTransfer, {
            id: randomUUID(),
            sku: line.sku,
            fromLocationId: input.fromLocationId,
            toLocationId: input.toLocationId,
            quantity: line.quantity,
            status: TransferStatus.IN_TRANSIT,
            createdAt: now,
            receivedAt: null,
            orderId: input.orderId,
            lineId: line.lineId,
            fulfillmentId: input.fulfillmentId,
            holdForOrder: true,
          }),
        );
      }
      const reference = `order:${input.orderId}`;
      for (const ref of lockOrder([...changes.keys()].map((k) => refs.find((r) => stockKey(r.locationId, r.sku) === k)!))) {
        const outbound = ref.locationId === input.fromLocationId;
        await writeChange(
          manager,
          levels.get(stockKey(ref.locationId, ref.sku))!,
          changes.get(stockKey(ref.locationId, ref.sku))!,
          { kind: outbound ? MovementKind.TRANSFER_OUT : MovementKind.TRANSFER_IN_TRANSIT, reference },
          by,
        );
      }
      for (const transfer of transfers) await manager.insert(StockTransfer, transfer);
      return transfers;
    });
  } catch (error) {
    // Two identical requests raced: the loser returns what the winner sent.
    if (isUniqueViolation(error)) return sent();
    throw error;
  }
}

/**
 * Ship to store: the pickup store received the fulfillment's transfers (all of them). Transfers
 * already received are fine, so a repeat (or a receipt through `receiveTransfer`) changes nothing.
 */
export async function receiveOrderTransfer(db: DataSource, fulfillmentId: string, by: Actor): Promise<StockTransfer[]> {
  return inTransaction(db, async (manager) => {
    const transfers = await manager.find(StockTransfer, { where: { fulfillmentId }, order: { lineId: 'ASC' } });
    if (transfers.length === 0) {
      throw new DomainError('UNKNOWN_TRANSFER', `nothing was sent for fulfillment ${fulfillmentId}`, ['fulfillmentId']);
    }
    for (const transfer of transfers) {
      if (transfer.status === TransferStatus.IN_TRANSIT) await receiveIn(manager, transfer, by);
    }
    return transfers;
  });
}
