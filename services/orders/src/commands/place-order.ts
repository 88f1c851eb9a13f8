import { randomUUID } from 'node:crypto';
import {
  addDays,
  DomainError,
  inTransaction,
  isoDate,
  recordEvent,
  type Channel,
  type ServiceContext,
  isUniqueViolation,
} from '@omni/platform';
import { type EntityManager } from 'typeorm';
import { partnerOf } from '../domain/access';
import { STANDARD_TRANSIT_DAYS } from '../domain/fulfillment';
import { newOrderNumber } from '../domain/order-number';
import { routeOrder, RoutingError, type PlannedFulfillment, type RoutableLine } from '../domain/routing';
import { FulfillmentStatus, FulfillmentType, LineStatus, OrderStatus } from '../domain/status';
import { orderTotals, type PricedLine } from '../domain/totals';
import { appendHistory } from './history';
import { Fulfillment, FulfillmentLine, Order, OrderLine } from '../entities/order';
import { catalogPrices, inventoryCandidates, releaseReservations, reserveStock, resolveCustomerId } from '../peers';
import type { FulfillmentLeft } from './advance-fulfillment';

export interface OrderRequest {
  customerId?: string | null;
  channel: Channel;
  idempotencyKey: string;
  externalRef?: string | null;
  lines: { sku: string; quantity: number }[];
  fulfillment: {
    type: FulfillmentType;
    pickupLocationId?: string | null;
    address?: { lat?: number | null; lng?: number | null } | null;
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
  /** `categoryPath` (the product's) lets loyalty apply category rules. */
  lines: { lineId: string; sku: string; quantity: number; unitPriceCents: number; categoryPath: string[] }[];
}

function validate(request: OrderRequest): void {
  if (!request.idempotencyKey.trim()) {
    throw new DomainError('INVALID_IDEMPOTENCY_KEY', 'an idempotency key is required', ['input', 'idempotencyKey']);
  }
  if (request.lines.length === 0) throw new DomainError('EMPTY_ORDER', 'an order has at least one line', ['input', 'lines']);
  request.lines.forEach((line, i) => {
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) {
      throw new DomainError('INVALID_QUANTITY', 'a quantity is a whole number above zero', [
        'input',
        'lines',
        String(i),
        'quantity',
      ]);
    }
  });
  const { type, pickupLocationId, deliveryDate } = request.fulfillment;
  if (type !== FulfillmentType.SHIP && !pickupLocationId) {
    throw new DomainError('PICKUP_LOCATION_REQUIRED', `${type} needs a pickup location`, [
      'input',
      'fulfillment',
      'pickupLocationId',
    ]);
  }
  if (deliveryDate && deliveryDate < isoDate()) {
    throw new DomainError('INVALID_DELIVERY_DATE', 'the delivery date is in the past', ['input', 'fulfillment', 'deliveryDate']);
  }
}

async function findByKey(ctx: ServiceContext, key: string): Promise<Order | null> {
  return ctx.db.getRepository(Order).findOneBy({ idempotencyKey: key });
}

function plannedDate(request: OrderRequest, fulfillment: PlannedFulfillment): string {
  if (request.fulfillment.deliveryDate) return request.fulfillment.deliveryDate;
  const transfer = fulfillment.sourceLocationId !== fulfillment.locationId;
  const days = fulfillment.type === FulfillmentType.SHIP || transfer ? STANDARD_TRANSIT_DAYS : 0;
  return addDays(isoDate(), days);
}

const ROUTING_ATTEMPTS = 3;

/**
 * Routes the lines and reserves exactly what the routing chose, all or nothing. When stock
 * moved between reading the candidates and reserving (another order won it), routes again.
 */
async function routeAndReserve(
  ctx: ServiceContext,
  orderId: string,
  lines: RoutableLine[],
  request: OrderRequest,
): Promise<PlannedFulfillment[]> {
  const skus = [...new Set(lines.map((l) => l.sku))];
  const { address } = request.fulfillment;
  const destination = address?.lat != null && address?.lng != null ? { lat: address.lat, lng: address.lng } : null;
  for (let attempt = 1; ; attempt++) {
    const candidates = await inventoryCandidates(ctx, skus);
    let plan: PlannedFulfillment[];
    try {
      plan = routeOrder(lines, { ...request.fulfillment, destination }, candidates);
    } catch (error) {
      if (!(error instanceof RoutingError)) throw error;
      const field = error.code === 'OUT_OF_STOCK' ? ['input', 'lines'] : ['input', 'fulfillment', 'pickupLocationId'];
      throw new DomainError(error.code, error.message, field);
    }
    const reservation = await reserveStock(
      ctx,
      orderId,
      plan.flatMap((f) =>
        f.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity, locationId: f.sourceLocationId })),
      ),
    );
    if (reservation.ok) return plan;
    if (attempt >= ROUTING_ATTEMPTS) throw new DomainError('OUT_OF_STOCK', reservation.message, ['input', 'lines']);
  }
}

/**
 * Places an order from any channel. Idempotent: the same key returns the first order, also
 * when two requests race (the unique key makes the loser re-read the winner's order and give
 * back what it reserved).
 */
export interface PlacementOptions {
  /** Discount on the whole order (promotions priced by the catalog), allocated by the totals. */
  discountCents?: number;
  /** Loyalty tenders already held for this order (points and store credit). */
  tenders?: { redeemedPoints: number; pointsCents: number; storeCreditCents: number };
  /** Runs inside the order's transaction: a throw there places nothing. */
  beforeCommit?: (manager: EntityManager, order: Order) => Promise<void>;
}

export async function placeOrder(ctx: ServiceContext, request: OrderRequest, options: PlacementOptions = {}): Promise<Order> {
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
  const priced: (PricedLine & { id: string })[] = request.lines.map((line, i) => {
    const price = prices.get(line.sku);
    if (!price) throw new DomainError('UNKNOWN_SKU', `no product has SKU ${line.sku}`, ['input', 'lines', String(i), 'sku']);
    if (price.discontinued)
      throw new DomainError('DISCONTINUED_SKU', `${line.sku} is no longer sold`, ['input', 'lines', String(i), 'sku']);
    return {
      id: randomUUID(),
      sku: line.sku,
      quantity: line.quantity,
      unitPriceCents: price.price.cents,
      currency: price.price.currency,
    };
  });
  let totals;
  try {
    totals = orderTotals(priced, options.discountCents ?? 0);
  } catch {
    throw new DomainError('CURRENCY_MISMATCH', 'the lines are priced in different currencies', ['input', 'lines']);
  }

  const orderId = randomUUID();
  const plan = await routeAndReserve(
    ctx,
    orderId,
    priced.map((l) => ({ lineId: l.id, sku: l.sku, quantity: l.quantity })),
    request,
  );
  const carryOut = request.fulfillment.type === FulfillmentType.CARRY_OUT;
  try {
    return await inTransaction(ctx.db, async (manager) => {
      const order = manager.create(Order, {
        id: orderId,
        number: newOrderNumber(request.channel),
        customerId,
        channel: request.channel,
        status: carryOut ? OrderStatus.COMPLETED : OrderStatus.PLACED,
        placedAt: new Date(),
        ...totals,
        idempotencyKey: key,
        externalRef: request.externalRef?.trim() || null,
        partnerId: partnerOf(ctx.caller),
        redeemedPoints: options.tenders?.redeemedPoints ?? 0,
        pointsCents: options.tenders?.pointsCents ?? 0,
        storeCreditCents: options.tenders?.storeCreditCents ?? 0,
      });
      await manager.insert(Order, order);
      const lines = priced.map(({ id, ...line }, position) =>
        manager.create(OrderLine, { id, orderId, position, status: carryOut ? LineStatus.SHIPPED : LineStatus.OPEN, ...line }),
      );
      await manager.insert(OrderLine, lines);
      const fulfillments = plan.map((planned) =>
        manager.create(Fulfillment, {
          id: randomUUID(),
          orderId,
          type: planned.type,
          status: carryOut ? FulfillmentStatus.COLLECTED : FulfillmentStatus.PENDING,
          leftAt: carryOut ? order.placedAt : null,
          locationId: planned.locationId,
          sourceLocationId: planned.sourceLocationId,
          trackingNumber: null,
          promisedDate: plannedDate(request, planned),
        }),
      );
      await manager.insert(Fulfillment, fulfillments);
      const fulfillmentLines = plan.flatMap((planned, i) =>
        planned.lines.map((l) => ({
          fulfillmentId: fulfillments[i]!.id,
          orderLineId: l.lineId,
          sku: l.sku,
          quantity: l.quantity,
        })),
      );
      await manager.insert(FulfillmentLine, fulfillmentLines);
      await appendHistory(manager, {
        orderId,
        channel: request.channel,
        actor: ctx.caller.subject,
        event: `placed with ${lines.length} line(s) in ${fulfillments.length} fulfillment(s)${carryOut ? ', carried out' : ''}`,
      });
      await recordEvent<OrderPlaced>(
        manager,
        'orders.order.placed',
        {
          orderId,
          number: order.number,
          customerId,
          channel: request.channel,
          ...totals,
          lines: lines.map((l) => ({
            lineId: l.id,
            sku: l.sku,
            quantity: l.quantity,
            unitPriceCents: l.unitPriceCents,
            categoryPath: prices.get(l.sku)?.product?.categoryPath ?? [],
          })),
        },
        request.channel,
      );
      if (carryOut) {
        for (const f of fulfillments) {
          await recordEvent<FulfillmentLeft>(
            manager,
            'orders.fulfillment.collected',
            {
              orderId,
              fulfillmentId: f.id,
              customerId,
              locationId: f.locationId,
              sourceLocationId: f.sourceLocationId,
              trackingNumber: null,
              carrier: null,
              lines: fulfillmentLines
                .filter((fl) => fl.fulfillmentId === f.id)
                .map(({ orderLineId, sku, quantity }) => ({ orderLineId, sku, quantity })),
            },
            request.channel,
          );
        }
      }
      await options.beforeCommit?.(manager, order);
      return order;
    });
  } catch (error) {
    await releaseReservations(ctx, orderId).catch((releaseError: Error) =>
      ctx.log.error({ err: releaseError, orderId }, 'reservation release failed after an order was not written'),
    );
    if (isUniqueViolation(error)) {
      const winner = await findByKey(ctx, key);
      if (winner) return winner;
    }
    throw error;
  }
}
