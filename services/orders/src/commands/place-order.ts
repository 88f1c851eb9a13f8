import { randomUUID } from 'node:crypto';
import {
  addDays,
  DomainError,
  inTransaction,
  isoDate,
  isUniqueViolation,
  recordEvent,
  type Channel,
  type FulfillmentLeft,
  type OrderPlaced,
  type PaymentCaptured,
  type ServiceContext,
} from '@omni/platform';
import { type EntityManager } from 'typeorm';
import { partnerOf } from '../domain/access';
import { STANDARD_TRANSIT_DAYS } from '../domain/fulfillment';
import { idempotencyScope, requestHash } from '../domain/idempotency';
import { balanceDue, lineDiscounts, PaymentMethod } from '../domain/money';
import { newOrderNumber } from '../domain/order-number';
import { paidPerLine } from '../domain/returns';
import { routeOrder, RoutingError, type PlannedFulfillment, type RoutableLine } from '../domain/routing';
import { FulfillmentStatus, FulfillmentType, LineStatus, OrderStatus } from '../domain/status';
import { Fulfillment, FulfillmentLine, Order, OrderLine, type PostalAddress } from '../entities/order';
import { OrderPayment } from '../entities/payment';
import {
  catalogPrices,
  customerShippingAddress,
  inventoryCandidates,
  priceCartWithCatalog,
  releaseReservations,
  reserveStock,
  resolveCustomerId,
  type CartPricing,
} from '../peers';
import { appendHistory } from './history';
import { capturePayments } from './settle-payments';
import { paymentsFor, releaseTenders, takeTenders, validateTenders, type TakenTenders, type TenderRequest } from './tenders';

export interface AddressRequest {
  line1?: string | null;
  city?: string | null;
  postalCode?: string | null;
  country?: string | null;
  lat?: number | null;
  lng?: number | null;
}

export interface OrderRequest extends TenderRequest {
  customerId?: string | null;
  channel: Channel;
  idempotencyKey: string;
  externalRef?: string | null;
  lines: { sku: string; quantity: number }[];
  fulfillment: {
    type: FulfillmentType;
    pickupLocationId?: string | null;
    address?: AddressRequest | null;
    deliveryDate?: string | null;
  };
  couponCodes?: string[] | null;
  email?: string | null;
}

export interface PlacementOptions {
  /** Whose the idempotency key is; default the caller's own scope (see domain/idempotency). */
  scope?: string;
  /** What makes a replay the same request; default the request itself. */
  fingerprint?: unknown;
  /** Value of goods returned in exchange: paid towards this order as a discount. */
  exchangeCreditCents?: number;
  /** Runs inside the order's transaction: a throw there places nothing. */
  beforeCommit?: (manager: EntityManager, order: Order, placed: { exchangeCreditCents: number }) => Promise<void>;
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
  const email = request.email?.trim();
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new DomainError('INVALID_EMAIL', 'not an email address', ['input', 'email']);
}

/** The earlier order for this caller's key; the same key with another request is refused. */
export async function replayOf(ctx: ServiceContext, scope: string, key: string, hash: string): Promise<Order | null> {
  const earlier = await ctx.db.getRepository(Order).findOneBy({ idempotencyScope: scope, idempotencyKey: key });
  if (earlier && earlier.requestHash && earlier.requestHash !== hash) {
    throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'this idempotency key was used for another request', [
      'input',
      'idempotencyKey',
    ]);
  }
  return earlier;
}

/** Where a SHIP order goes: the address given, else the customer's own; a guest must give one. */
async function shippingAddressOf(
  ctx: ServiceContext,
  request: OrderRequest,
  customerId: string | null,
): Promise<{ postal: PostalAddress; lat: number | null; lng: number | null } | null> {
  if (request.fulfillment.type !== FulfillmentType.SHIP) return null;
  const given = request.fulfillment.address;
  if (given?.line1?.trim() && given.city?.trim() && given.postalCode?.trim() && given.country?.trim()) {
    const postal = {
      line1: given.line1.trim(),
      city: given.city.trim(),
      postalCode: given.postalCode.trim(),
      country: given.country.trim().toUpperCase(),
    };
    return { postal, lat: given.lat ?? null, lng: given.lng ?? null };
  }
  const own = customerId ? await customerShippingAddress(ctx, customerId) : null;
  if (!own)
    throw new DomainError('ADDRESS_REQUIRED', 'a shipped order needs a shipping address', ['input', 'fulfillment', 'address']);
  const { lat, lng, ...postal } = own;
  return { postal, lat: given?.lat ?? lat, lng: given?.lng ?? lng };
}

/**
 * The basket through the one price engine every channel uses (coupons that do not apply are
 * refused), with each SKU's category path for loyalty's category rules.
 */
async function price(
  ctx: ServiceContext,
  request: OrderRequest,
  customerId: string | null,
): Promise<CartPricing & { categoryPaths: Map<string, string[]> }> {
  const couponCodes = [...new Set((request.couponCodes ?? []).map((c) => c.trim().toUpperCase()).filter(Boolean))];
  const [pricing, catalog] = await Promise.all([
    priceCartWithCatalog(ctx, { channel: request.channel, customerId, couponCodes, lines: request.lines }),
    catalogPrices(ctx, [...new Set(request.lines.map((l) => l.sku))], request.channel),
  ]);
  couponCodes.forEach((code) => {
    if (!pricing.appliedCodes.includes(code)) {
      const i = (request.couponCodes ?? []).findIndex((c) => c.trim().toUpperCase() === code);
      throw new DomainError('INVALID_COUPON', `coupon ${code} does not apply to this order`, ['input', 'couponCodes', String(i)]);
    }
  });
  const categoryPaths = new Map([...catalog].map(([sku, price]) => [sku, price.product?.categoryPath ?? []]));
  return { ...pricing, categoryPaths };
}

interface PricedOrderLine {
  id: string;
  sku: string;
  quantity: number;
  unitPriceCents: number;
  discountCents: number;
  currency: string;
}

/** Lines with their discounts: the promotions' per line, plus an exchange credit shared by value. */
function pricedLines(pricing: CartPricing, credit: number): PricedOrderLine[] {
  const lines = pricing.lines.map((l) => ({ id: randomUUID(), ...l, currency: pricing.currency }));
  const promoted = lineDiscounts(lines);
  const afterPromotions = lines.map((l) => ({ id: l.id, quantity: 1, unitPriceCents: l.totalCents }));
  const paid = paidPerLine(afterPromotions, credit);
  return lines.map((l) => ({
    id: l.id,
    sku: l.sku,
    quantity: l.quantity,
    unitPriceCents: l.unitPriceCents,
    currency: pricing.currency,
    discountCents: promoted.get(l.id)! + (l.totalCents - paid.get(l.id)!),
  }));
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
  destination: { lat: number; lng: number } | null,
): Promise<PlannedFulfillment[]> {
  const skus = [...new Set(lines.map((l) => l.sku))];
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
 * Places an order from any channel, as named steps:
 *   1. validate, and replay the caller's earlier order for this key (same request only);
 *   2. price with the promotion engine every channel shares;
 *   3. take the tenders (holds, card authorization)      undone by: releaseTenders;
 *   4. route and reserve the stock                        undone by: releaseReservations
 *      (and, should the release fail too, by inventory's reservation expiry);
 *   5. commit the order, its payments and its events in one transaction: loyalty spends the holds
 *      on `orders.payment.captured`, so no capture is lost after the commit;
 *   6. capture the card (retried by the settlement job until done).
 * A race on the same key commits one order; the loser gives back what it took and returns it.
 */
export async function placeOrder(ctx: ServiceContext, request: OrderRequest, options: PlacementOptions = {}): Promise<Order> {
  validate(request);
  const key = request.idempotencyKey.trim();
  const scope = options.scope ?? idempotencyScope(ctx.caller, request.channel);
  const hash = requestHash(options.fingerprint ?? request);
  const earlier = await replayOf(ctx, scope, key, hash);
  if (earlier) return earlier;

  const customerId = await customerOf(ctx, request);
  validateTenders(request, customerId);
  const pricing = await price(ctx, request, customerId);
  const shipTo = await shippingAddressOf(ctx, request, customerId);
  const exchangeCreditCents = Math.min(options.exchangeCreditCents ?? 0, pricing.totalCents);
  const lines = pricedLines(pricing, exchangeCreditCents);
  const discountCents = lines.reduce((sum, l) => sum + l.discountCents, 0);
  const totalCents = pricing.subtotalCents - discountCents;

  const orderId = randomUUID();
  const tenders = await takeTenders(
    ctx,
    { attemptId: orderId, customerId, channel: request.channel, currency: pricing.currency, totalCents },
    request,
  );
  let order: Order;
  try {
    const destination = shipTo?.lat != null && shipTo.lng != null ? { lat: shipTo.lat, lng: shipTo.lng } : null;
    const plan = await routeAndReserve(
      ctx,
      orderId,
      lines.map((l) => ({ lineId: l.id, sku: l.sku, quantity: l.quantity })),
      request,
      destination,
    );
    try {
      order = await inTransaction(ctx.db, (manager) =>
        commitOrder(manager, ctx, {
          orderId,
          request,
          options,
          customerId,
          key,
          scope,
          hash,
          lines,
          plan,
          tenders,
          shippingAddress: shipTo?.postal ?? null,
          totals: { currency: pricing.currency, subtotalCents: pricing.subtotalCents, discountCents, totalCents },
          couponCodes: pricing.appliedCodes,
          categoryPaths: pricing.categoryPaths,
          exchangeCreditCents,
        }),
      );
    } catch (error) {
      await releaseReservations(ctx, orderId).catch((releaseError: Error) =>
        ctx.log.warn({ err: releaseError.message, orderId }, 'reservations left to expire: the order was not written'),
      );
      throw error;
    }
  } catch (error) {
    await releaseTenders(ctx, tenders.tenders, orderId);
    if (isUniqueViolation(error)) {
      const winner = await replayOf(ctx, scope, key, hash);
      if (winner) return winner;
    }
    throw error;
  }
  await capturePayments(ctx, await ctx.db.getRepository(OrderPayment).findBy({ orderId }));
  return order;
}

async function customerOf(ctx: ServiceContext, request: OrderRequest): Promise<string | null> {
  if (!request.customerId) return null;
  const customerId = await resolveCustomerId(ctx, request.customerId);
  if (!customerId) throw new DomainError('UNKNOWN_CUSTOMER', `no customer ${request.customerId}`, ['input', 'customerId']);
  return customerId;
}

interface Commit {
  orderId: string;
  request: OrderRequest;
  options: PlacementOptions;
  customerId: string | null;
  key: string;
  scope: string;
  hash: string;
  lines: PricedOrderLine[];
  plan: PlannedFulfillment[];
  tenders: TakenTenders;
  shippingAddress: PostalAddress | null;
  totals: { currency: string; subtotalCents: number; discountCents: number; totalCents: number };
  couponCodes: string[];
  categoryPaths: Map<string, string[]>;
  exchangeCreditCents: number;
}

/** Step 5: the order, its lines, fulfillments, payments, history and events, in one transaction. */
async function commitOrder(manager: EntityManager, ctx: ServiceContext, c: Commit): Promise<Order> {
  const { request, orderId } = c;
  const carryOut = request.fulfillment.type === FulfillmentType.CARRY_OUT;
  const payments = paymentsFor(manager, { id: orderId, currency: c.totals.currency }, c.tenders.tenders);
  const order = manager.create(Order, {
    id: orderId,
    number: newOrderNumber(request.channel),
    customerId: c.customerId,
    channel: request.channel,
    status: carryOut ? OrderStatus.COMPLETED : OrderStatus.PLACED,
    placedAt: new Date(),
    ...c.totals,
    balanceDueCents: balanceDue(c.totals.totalCents, payments),
    creditedCents: 0,
    couponCodes: c.couponCodes,
    email: request.email?.trim().toLowerCase() || null,
    shippingAddress: c.shippingAddress,
    idempotencyScope: c.scope,
    idempotencyKey: c.key,
    requestHash: c.hash,
    externalRef: request.externalRef?.trim() || null,
    partnerId: partnerOf(ctx.caller),
  });
  await manager.insert(Order, order);
  const lines = c.lines.map(({ id, ...line }, position) =>
    manager.create(OrderLine, { id, orderId, position, status: carryOut ? LineStatus.SHIPPED : LineStatus.OPEN, ...line }),
  );
  await manager.insert(OrderLine, lines);
  const fulfillments = c.plan.map((planned) =>
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
      shippingAddress: planned.type === FulfillmentType.SHIP ? c.shippingAddress : null,
    }),
  );
  await manager.insert(Fulfillment, fulfillments);
  const fulfillmentLines = c.plan.flatMap((planned, i) =>
    planned.lines.map((l) => ({ fulfillmentId: fulfillments[i]!.id, orderLineId: l.lineId, sku: l.sku, quantity: l.quantity })),
  );
  await manager.insert(FulfillmentLine, fulfillmentLines);
  // One row per insert: a multi-row insert hands default values back to the wrong entities on SQLite.
  for (const p of payments) await manager.insert(OrderPayment, p);

  const history = (event: string) =>
    appendHistory(manager, { orderId, channel: request.channel, actor: ctx.caller.subject, event });
  await history(
    `placed with ${lines.length} line(s) in ${fulfillments.length} fulfillment(s)${carryOut ? ', carried out' : ''}: total ${c.totals.totalCents} ${c.totals.currency}`,
  );
  for (const p of payments) await history(`charged ${p.amountCents} ${p.currency} to ${describeTender(p)}`);
  if (order.balanceDueCents > 0) await history(`${order.balanceDueCents} ${order.currency} left to pay`);

  await recordEvent<OrderPlaced>(
    manager,
    'orders.order.placed',
    {
      orderId,
      number: order.number,
      customerId: c.customerId,
      channel: request.channel,
      ...c.totals,
      lines: lines.map((l) => ({
        lineId: l.id,
        sku: l.sku,
        quantity: l.quantity,
        unitPriceCents: l.unitPriceCents,
        categoryPath: c.categoryPaths.get(l.sku) ?? [],
      })),
    },
    request.channel,
  );
  await recordCaptured(manager, order, payments);
  if (carryOut) await recordCollected(manager, order, fulfillments, fulfillmentLines);
  await c.options.beforeCommit?.(manager, order, { exchangeCreditCents: c.exchangeCreditCents });
  return order;
}

export function describeTender(p: Pick<OrderPayment, 'method' | 'points' | 'giftCardLast4' | 'provider'>): string {
  if (p.method === PaymentMethod.POINTS) return `POINTS (${p.points} points)`;
  if (p.method === PaymentMethod.GIFT_CARD) return `GIFT_CARD ending ${p.giftCardLast4 ?? ''}`.trim();
  if (p.provider && p.provider !== p.method.toLowerCase()) return `${p.method} (${p.provider})`;
  return p.method;
}

/** Loyalty spends the holds of the loyalty tenders when this event commits with the order. */
export async function recordCaptured(manager: EntityManager, order: Order, payments: readonly OrderPayment[]): Promise<void> {
  const tenders = payments
    .filter((p) => !p.provider)
    .map((p) => ({
      paymentId: p.id,
      method: p.method as 'POINTS' | 'STORE_CREDIT' | 'GIFT_CARD',
      holdId: p.reference!,
      amountCents: p.amountCents,
      points: p.points,
    }));
  if (tenders.length === 0) return;
  await recordEvent<PaymentCaptured>(
    manager,
    'orders.payment.captured',
    { orderId: order.id, number: order.number, customerId: order.customerId, currency: order.currency, tenders },
    order.channel,
  );
}

async function recordCollected(
  manager: EntityManager,
  order: Order,
  fulfillments: Fulfillment[],
  parts: FulfillmentLine[],
): Promise<void> {
  for (const f of fulfillments) {
    await recordEvent<FulfillmentLeft>(
      manager,
      'orders.fulfillment.collected',
      {
        orderId: order.id,
        fulfillmentId: f.id,
        customerId: order.customerId,
        locationId: f.locationId,
        sourceLocationId: f.sourceLocationId,
        trackingNumber: null,
        carrier: null,
        lines: parts
          .filter((fl) => fl.fulfillmentId === f.id)
          .map(({ orderLineId, sku, quantity }) => ({ orderLineId, sku, quantity })),
      },
      order.channel,
    );
  }
}
