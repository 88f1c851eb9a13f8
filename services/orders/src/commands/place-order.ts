import { randomUUID } from 'node:crypto';
import {
  DomainError,
  inTransaction,
  isoDate,
  recordEvent,
  type Channel,
  type ServiceContext,
} from '@omni/platform';
import { QueryFailedError } from 'typeorm';
import { newOrderNumber } from '../domain/order-number';
import { FulfillmentStatus, FulfillmentType, LineStatus, OrderStatus } from '../domain/status';
import { orderTotals, type PricedLine } from '../domain/totals';
import { Fulfillment, FulfillmentLine, Order, OrderHistoryEntry, OrderLine } from '../entities/order';
import { catalogPrices, resolveCustomerId } from '../peers';

export interface OrderRequest {
  customerId?: string | null;
  channel: Channel;
  idempotencyKey: string;
  externalRef?: string | null;
  lines: { sku: string; quantity: number }[];
  fulfillment: {
    type: FulfillmentType;
    pickupLocationId?: string | null;
    deliveryDate?: string | null;
  };
}

export interface OrderPlaced {
  orderId: string;
  number: string;
  customerId: string | null;
  channel: Channel;
  currency: string;
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  lines: { lineId: string; sku: string; quantity: number; unitPriceCents: number }[];
}

function validate(request: OrderRequest): void {
  if (!request.idempotencyKey.trim()) {
    throw new DomainError('INVALID_IDEMPOTENCY_KEY', 'an idempotency key is required', ['input', 'idempotencyKey']);
  }
  if (request.lines.length === 0) throw new DomainError('EMPTY_ORDER', 'an order has at least one line', ['input', 'lines']);
  request.lines.forEach((line, i) => {
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) {
      throw new DomainError('INVALID_QUANTITY', 'a quantity is a whole number above zero', ['input', 'lines', String(i), 'quantity']);
    }
  });
  const { type, pickupLocationId, deliveryDate } = request.fulfillment;
  if (type !== FulfillmentType.SHIP && !pickupLocationId) {
    throw new DomainError('PICKUP_LOCATION_REQUIRED', `${type} needs a pickup location`, ['input', 'fulfillment', 'pickupLocationId']);
  }
  if (deliveryDate && deliveryDate < isoDate()) {
    throw new DomainError('INVALID_DELIVERY_DATE', 'the delivery date is in the past', ['input', 'fulfillment', 'deliveryDate']);
  }
}

async function findByKey(ctx: ServiceContext, key: string): Promise<Order | null> {
  return ctx.db.getRepository(Order).findOneBy({ idempotencyKey: key });
}

function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string };
  return driverError.code === '23505' || driverError.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Places an order from any channel. Idempotent: the same key returns the first order, also
 * when two requests race (the unique key makes the loser re-read the winner's order).
 */
export async function placeOrder(ctx: ServiceContext, request: OrderRequest): Promise<Order> {
  validate(request);
  const key = request.idempotencyKey.trim();
  const earlier = await findByKey(ctx, key);
  if (earlier) return earlier;

  let customerId: string | null = null;
  if (request.customerId) {
    customerId = await resolveCustomerId(ctx, request.customerId);
    if (!customerId) throw new DomainError('UNKNOWN_CUSTOMER', `no customer ${request.customerId}`, ['input', 'customerId']);
  }
  const skus = [...new Set(request.lines.map((l) => l.sku))];
  const prices = await catalogPrices(ctx, skus, request.channel);
  const priced: PricedLine[] = request.lines.map((line, i) => {
    const price = prices.get(line.sku);
    if (!price) throw new DomainError('UNKNOWN_SKU', `no product has SKU ${line.sku}`, ['input', 'lines', String(i), 'sku']);
    if (price.discontinued) throw new DomainError('DISCONTINUED_SKU', `${line.sku} is no longer sold`, ['input', 'lines', String(i), 'sku']);
    return { sku: line.sku, quantity: line.quantity, unitPriceCents: price.price.cents, currency: price.price.currency };
  });
  let totals;
  try {
    totals = orderTotals(priced);
  } catch {
    throw new DomainError('CURRENCY_MISMATCH', 'the lines are priced in different currencies', ['input', 'lines']);
  }

  try {
    return await inTransaction(ctx.db, async (manager) => {
      const order = manager.create(Order, {
        id: randomUUID(),
        number: newOrderNumber(request.channel),
        customerId,
        channel: request.channel,
        status: OrderStatus.PLACED,
        placedAt: new Date(),
        ...totals,
        idempotencyKey: key,
        externalRef: request.externalRef?.trim() || null,
      });
      await manager.insert(Order, order);
      const lines = priced.map((line, position) =>
        manager.create(OrderLine, { id: randomUUID(), orderId: order.id, position, status: LineStatus.OPEN, ...line }),
      );
      await manager.insert(OrderLine, lines);
      const fulfillment = manager.create(Fulfillment, {
        id: randomUUID(),
        orderId: order.id,
        type: request.fulfillment.type,
        status: FulfillmentStatus.PENDING,
        locationId: request.fulfillment.pickupLocationId ?? null,
        trackingNumber: null,
        promisedDate: request.fulfillment.deliveryDate ?? null,
      });
      await manager.insert(Fulfillment, fulfillment);
      await manager.insert(
        FulfillmentLine,
        lines.map((l) => ({ fulfillmentId: fulfillment.id, orderLineId: l.id, sku: l.sku, quantity: l.quantity })),
      );
      await manager.insert(OrderHistoryEntry, {
        id: randomUUID(),
        orderId: order.id,
        channel: request.channel,
        actor: ctx.caller.subject,
        event: `placed with ${lines.length} line(s)`,
      });
      await recordEvent<OrderPlaced>(
        manager,
        'orders.order.placed',
        {
          orderId: order.id,
          number: order.number,
          customerId,
          channel: request.channel,
          ...totals,
          lines: lines.map((l) => ({ lineId: l.id, sku: l.sku, quantity: l.quantity, unitPriceCents: l.unitPriceCents })),
        },
        request.channel,
      );
      return order;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const winner = await findByKey(ctx, key);
      if (winner) return winner;
    }
    throw error;
  }
}
