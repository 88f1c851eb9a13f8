import { randomUUID } from 'node:crypto';
import {
  DomainError,
  inTransaction,
  isoDate,
  recordEvent,
  type Channel,
  type OrderModified,
  type ServiceContext,
} from '@omni/platform';
import { In, type EntityManager } from 'typeorm';
import { deliveryDateProblem, hasLeftSource, orderStatusOf } from '../domain/fulfillment';
import { routeOrder, RoutingError, type CandidateLocation, type PlannedFulfillment, type RoutableLine } from '../domain/routing';
import { FulfillmentStatus, FulfillmentType, LineStatus, OrderStatus } from '../domain/status';
import { Fulfillment, FulfillmentLine, Order, OrderLine } from '../entities/order';
import type { PaymentRefund } from '../entities/payment';
import { catalogPrices, releaseReservations, reserveStock } from '../peers';
import { appendHistory } from './history';
import { postalAddress } from './order-pricing';
import { reserveRouted } from './reserve-routed';
import { lockOrder } from './lock-order';
import { applyOrderChange } from './order-money';
import { repriceOrder, type RepricedOrder } from './reprice';
import { captureOrderPayments, sendRefunds } from './settle-payments';
import { addPayments, releaseTenders, requirePayment, takeTenders, validateTenders, type TakenTenders } from './tenders';

export interface ModifyOrderRequest {
  orderId: string;
  channel: Channel;
  actor?: string | null;
  changes: { lineId: string; quantity?: number | null; sku?: string | null }[];
  shippingAddress?: {
    lat?: number | null;
    lng?: number | null;
    line1?: string;
    city?: string;
    postalCode?: string;
    country?: string;
  } | null;
  deliveryDate?: string | null;
  /** Pays what the change adds when it costs more. */
  payment?: { provider: string; token: string } | null;
}

/** `orders.order.modified`: the order after the change, and what changed. */
function validate(request: ModifyOrderRequest): void {
  if (request.changes.length === 0 && !request.shippingAddress && !request.deliveryDate) {
    throw new DomainError('NO_CHANGES', 'name at least one change', ['input', 'changes']);
  }
  const seen = new Set<string>();
  request.changes.forEach((change, i) => {
    if (seen.has(change.lineId))
      throw new DomainError('DUPLICATE_LINE', 'each line once per modification', ['input', 'changes', String(i), 'lineId']);
    seen.add(change.lineId);
    if (change.quantity != null && (!Number.isSafeInteger(change.quantity) || change.quantity < 0)) {
      throw new DomainError('INVALID_QUANTITY', 'a quantity is a whole number, 0 removes the line', [
        'input',
        'changes',
        String(i),
        'quantity',
      ]);
    }
    if (change.quantity == null && !change.sku?.trim()) {
      throw new DomainError('NO_CHANGES', 'change the quantity or the SKU', ['input', 'changes', String(i)]);
    }
  });
}

/** The new delivery date must allow for the transit of every fulfillment it applies to (those still to leave). */
function checkDeliveryDate(request: ModifyOrderRequest, fulfillments: Fulfillment[]): void {
  if (!request.deliveryDate) return;
  const problem = deliveryDateProblem(request.deliveryDate, fulfillments.filter(open), isoDate());
  if (problem) throw new DomainError('INVALID_DELIVERY_DATE', problem, ['input', 'deliveryDate']);
}

interface Snapshot {
  order: Order;
  lines: OrderLine[];
  fulfillments: Fulfillment[];
  parts: FulfillmentLine[];
}

async function snapshot(manager: EntityManager, orderId: string, lock: boolean): Promise<Snapshot> {
  const order = lock ? await lockOrder(manager, orderId) : await manager.findOneBy(Order, { id: orderId });
  if (!order) throw new DomainError('UNKNOWN_ORDER', `no order ${orderId}`, ['input', 'orderId']);
  if (order.status === OrderStatus.CANCELLED)
    throw new DomainError('ORDER_CANCELLED', 'the order is cancelled', ['input', 'orderId']);
  const lines = await manager.find(OrderLine, { where: { orderId }, order: { position: 'ASC' } });
  const fulfillments = await manager.findBy(Fulfillment, { orderId });
  const parts = fulfillments.length
    ? await manager.findBy(FulfillmentLine, { fulfillmentId: In(fulfillments.map((f) => f.id)) })
    : [];
  return { order, lines, fulfillments, parts };
}

/** Every line to re-route must be open with no unit shipped. */
function checkNotShipped(s: Snapshot, lineIds: string[], changes: ModifyOrderRequest['changes']): void {
  lineIds.forEach((lineId) => {
    const line = s.lines.find((l) => l.id === lineId);
    const index = changes.findIndex((c) => c.lineId === lineId);
    const i = String(index < 0 ? 0 : index);
    if (!line)
      throw new DomainError('UNKNOWN_LINE', `no line ${lineId} on order ${s.order.number}`, ['input', 'changes', i, 'lineId']);
    // A line on its way to its pickup store (ship to store) has left its source: it changes no more.
    const shipped = s.parts.some(
      (p) => p.orderLineId === lineId && hasLeftSource(s.fulfillments.find((f) => f.id === p.fulfillmentId)!.status),
    );
    if (
      shipped ||
      line.status === LineStatus.SHIPPED ||
      line.status === LineStatus.DELIVERED ||
      line.status === LineStatus.RETURNED
    ) {
      throw new DomainError('ALREADY_SHIPPED', `${line.sku} has already shipped`, ['input', 'changes', i, 'lineId']);
    }
    if (line.status === LineStatus.CANCELLED)
      throw new DomainError('LINE_CANCELLED', `${line.sku} is cancelled`, ['input', 'changes', i, 'lineId']);
  });
}

const open = (f: Fulfillment) => !hasLeftSource(f.status) && f.status !== FulfillmentStatus.CANCELLED;

/**
 * Modifies an order from any channel until the affected lines ship: quantities and SKUs (re-priced
 * at the order's channel, re-routed and re-reserved in one inventory call), the shipping address
 * (re-routes the shipped lines) and the delivery date.
 */
export async function modifyOrder(ctx: ServiceContext, request: ModifyOrderRequest): Promise<Order> {
  validate(request);
  const before = await snapshot(ctx.db.manager, request.orderId, false);
  const changes = new Map(request.changes.map((c) => [c.lineId, c]));
  const destination =
    request.shippingAddress?.lat != null && request.shippingAddress?.lng != null
      ? { lat: request.shippingAddress.lat, lng: request.shippingAddress.lng }
      : null;
  // Lines to re-route: the changed ones, and with a new address every open line that ships.
  const affected = new Set(changes.keys());
  if (destination) {
    for (const p of before.parts) {
      const f = before.fulfillments.find((x) => x.id === p.fulfillmentId)!;
      if (open(f) && f.type === FulfillmentType.SHIP) affected.add(p.orderLineId);
    }
  }
  checkNotShipped(before, [...affected], request.changes);
  checkDeliveryDate(request, before.fulfillments);

  const target = new Map(
    [...affected].map((lineId) => {
      const line = before.lines.find((l) => l.id === lineId)!;
      const change = changes.get(lineId);
      return [lineId, { line, sku: change?.sku?.trim() || line.sku, quantity: change?.quantity ?? line.quantity }] as const;
    }),
  );
  const kept = [...target.values()].filter((t) => t.quantity > 0);
  if (before.lines.filter((l) => l.status !== LineStatus.CANCELLED && !target.has(l.id)).length + kept.length === 0) {
    throw new DomainError('EMPTY_ORDER', 'an order keeps at least one line: cancel it instead', ['input', 'changes']);
  }

  const prices = await catalogPrices(ctx, [...new Set(kept.map((t) => t.sku))], before.order.channel);
  request.changes.forEach((change, i) => {
    if (!change.sku?.trim()) return;
    const price = prices.get(change.sku.trim());
    const field = ['input', 'changes', String(i), 'sku'];
    if (!price) throw new DomainError('UNKNOWN_SKU', `no product has SKU ${change.sku}`, field);
    if (price.discontinued) throw new DomainError('DISCONTINUED_SKU', `${change.sku} is no longer sold`, field);
    // In a market the price list decides (repriceOrder: NOT_SOLD_IN_MARKET without a price there).
    if (!before.order.market && price.price.currency !== before.order.currency)
      throw new DomainError('CURRENCY_MISMATCH', 'priced in another currency', field);
  });

  const repriced = await repriceOrder(ctx, before.order, before.lines, target);

  const { plan, ownHeld } = await rerouteAndReserve(ctx, before, target, destination);
  const extra = await collectDifference(ctx, before.order, repriced.totalCents, request.payment);
  const removed = [...target.values()].filter((t) => t.quantity === 0).map((t) => t.line.id);
  const actor = request.actor?.trim() || ctx.caller.subject;

  let order: Order;
  let refunds: PaymentRefund[] = [];
  try {
    order = await inTransaction(ctx.db, async (manager) => {
      const written = await writeModification(manager, ctx, { request, affected, plan, target, repriced, extra, actor });
      refunds = written.refunds;
      return written.order;
    });
  } catch (error) {
    if (extra) await releaseTenders(ctx, extra.tenders, before.order.id);
    // Put the reservations back as they were before this modification (best effort).
    const previous = ownHeld.map((p) => ({
      lineId: p.orderLineId,
      sku: p.sku,
      quantity: p.quantity,
      locationId: before.fulfillments.find((f) => f.id === p.fulfillmentId)!.sourceLocationId!,
    }));
    if (previous.length && plan.length) {
      await reserveStock(ctx, before.order.id, previous).catch((e: Error) =>
        ctx.log.error({ err: e }, 'restoring reservations failed'),
      );
    }
    throw error;
  }
  await releaseReservations(ctx, order.id, removed).catch((error: Error) =>
    ctx.log.error({ err: error, orderId: order.id }, 'reservation release failed'),
  );
  await captureOrderPayments(ctx, order.id);
  await sendRefunds(ctx, refunds);
  return order;
}

/** The new unit prices and discounts of the lines that stay. */
async function applyLineDiscounts(manager: EntityManager, lines: OrderLine[], repriced: RepricedOrder): Promise<void> {
  for (const line of lines) {
    const priced = repriced.lines.get(line.id);
    if (!priced || (priced.discountCents === line.discountCents && priced.unitPriceCents === line.unitPriceCents)) continue;
    await manager.update(OrderLine, { id: line.id }, priced);
    Object.assign(line, priced);
  }
}

/**
 * A change that costs more: the new payment given pays the difference (authorized now, captured
 * after the commit); without one the difference is left to pay, unless the order's channel
 * requires full payment (PAYMENT_REQUIRED).
 */
async function collectDifference(
  ctx: ServiceContext,
  order: Order,
  totalCents: number,
  payment: ModifyOrderRequest['payment'],
): Promise<TakenTenders | null> {
  const more = totalCents - order.totalCents;
  if (more <= 0) return null;
  if (!payment) {
    requirePayment(order.channel, order.balanceDueCents + more);
    return null;
  }
  validateTenders({ payment }, order.customerId);
  return takeTenders(
    ctx,
    { attemptId: randomUUID(), customerId: order.customerId, channel: order.channel, currency: order.currency, totalCents: more },
    { payment },
  );
}

/** Candidates as they would be without this order's own reservations of the lines being re-routed. */
function withOwnReservations(
  candidates: CandidateLocation[],
  held: FulfillmentLine[],
  fulfillments: Fulfillment[],
): CandidateLocation[] {
  return candidates.map((c) => {
    const available = { ...c.available };
    for (const p of held) {
      const source = fulfillments.find((f) => f.id === p.fulfillmentId)?.sourceLocationId;
      if (source === c.id && c.open) available[p.sku] = (available[p.sku] ?? 0) + p.quantity;
    }
    return { ...c, available };
  });
}

type Target = Map<string, { line: OrderLine; sku: string; quantity: number }>;
type PlannedChange = PlannedFulfillment & { promisedDate: string | null };

/**
 * Routes the lines that stay and reserves them in one inventory call (each line keeps how it is
 * fulfilled: ship, or pickup at its store), counting this order's own reservations as available.
 */
async function rerouteAndReserve(
  ctx: ServiceContext,
  before: Snapshot,
  target: Target,
  destination: { lat: number; lng: number } | null,
): Promise<{ plan: PlannedChange[]; ownHeld: FulfillmentLine[] }> {
  const kept = [...target.values()].filter((t) => t.quantity > 0);
  const groups = new Map<
    string,
    { type: FulfillmentType; pickupLocationId: string | null; promisedDate: string | null; lines: RoutableLine[] }
  >();
  for (const t of kept) {
    const f = before.fulfillments.find(
      (x) => open(x) && before.parts.some((p) => p.fulfillmentId === x.id && p.orderLineId === t.line.id),
    );
    const type = f?.type ?? FulfillmentType.SHIP;
    const pickupLocationId = type === FulfillmentType.SHIP ? null : (f?.locationId ?? null);
    const key = `${type}|${pickupLocationId ?? ''}`;
    const group = groups.get(key) ?? { type, pickupLocationId, promisedDate: f?.promisedDate ?? null, lines: [] };
    group.lines.push({ lineId: t.line.id, sku: t.sku, quantity: t.quantity });
    groups.set(key, group);
  }
  const ownHeld = before.parts.filter(
    (p) => target.has(p.orderLineId) && open(before.fulfillments.find((f) => f.id === p.fulfillmentId)!),
  );
  if (kept.length === 0) return { plan: [], ownHeld };
  const route = (found: CandidateLocation[]) => {
    const candidates = withOwnReservations(found, ownHeld, before.fulfillments);
    try {
      return [...groups.values()].flatMap((g) =>
        routeOrder(g.lines, { type: g.type, pickupLocationId: g.pickupLocationId, destination }, candidates).map((p) => ({
          ...p,
          promisedDate: g.promisedDate,
        })),
      );
    } catch (error) {
      if (!(error instanceof RoutingError)) throw error;
      throw new DomainError(error.code, error.message, ['input', 'changes']);
    }
  };
  // One call per attempt: inventory adjusts each named line to its new sourcing, atomically.
  const skus = [...kept.map((t) => t.sku), ...ownHeld.map((p) => p.sku)];
  const plan = await reserveRouted(ctx, before.order.id, skus, route, { field: ['input', 'changes'] });
  return { plan, ownHeld };
}

interface Modification {
  request: ModifyOrderRequest;
  affected: Set<string>;
  plan: PlannedChange[];
  target: Target;
  repriced: RepricedOrder;
  extra: TakenTenders | null;
  actor: string | null;
}

/**
 * The modification's one transaction: the order's fulfillments as re-routed, its lines, its new
 * price and the money it moves, its history and `orders.order.modified`.
 */
async function writeModification(
  manager: EntityManager,
  ctx: ServiceContext,
  { request, affected, plan, target, repriced, extra, actor }: Modification,
): Promise<{ order: Order; refunds: PaymentRefund[] }> {
  const s = await snapshot(manager, request.orderId, true);
  checkNotShipped(s, [...affected], request.changes);
  const openIds = s.fulfillments.filter(open).map((f) => f.id);
  if (openIds.length) await manager.delete(FulfillmentLine, { fulfillmentId: In(openIds), orderLineId: In([...affected]) });
  const remaining = s.parts.filter((p) => !(openIds.includes(p.fulfillmentId) && affected.has(p.orderLineId)));
  for (const planned of plan) {
    let f = s.fulfillments.find(
      (x) =>
        open(x) &&
        x.type === planned.type &&
        x.locationId === planned.locationId &&
        x.sourceLocationId === planned.sourceLocationId,
    );
    if (!f) {
      f = manager.create(Fulfillment, {
        id: randomUUID(),
        orderId: s.order.id,
        type: planned.type,
        status: FulfillmentStatus.PENDING,
        locationId: planned.locationId,
        sourceLocationId: planned.sourceLocationId,
        trackingNumber: null,
        promisedDate: planned.promisedDate,
        shippingAddress:
          planned.type === FulfillmentType.SHIP ? (postalAddress(request.shippingAddress) ?? s.order.shippingAddress) : null,
      });
      await manager.insert(Fulfillment, f);
      s.fulfillments.push(f);
    }
    const rows = planned.lines.map((l) => ({ fulfillmentId: f.id, orderLineId: l.lineId, sku: l.sku, quantity: l.quantity }));
    await manager.insert(FulfillmentLine, rows);
    remaining.push(...rows.map((r) => manager.create(FulfillmentLine, r)));
  }
  // A fulfillment with nothing left to send is cancelled.
  for (const f of s.fulfillments.filter(open)) {
    if (!remaining.some((p) => p.fulfillmentId === f.id)) {
      await manager.update(Fulfillment, { id: f.id }, { status: FulfillmentStatus.CANCELLED });
      f.status = FulfillmentStatus.CANCELLED;
    }
  }
  if (request.deliveryDate) {
    checkDeliveryDate(request, s.fulfillments);
    const ids = s.fulfillments.filter(open).map((f) => f.id);
    if (ids.length) await manager.update(Fulfillment, { id: In(ids) }, { promisedDate: request.deliveryDate });
  }

  const changed: OrderModified['changes'] = [];
  for (const t of target.values()) {
    const line = s.lines.find((l) => l.id === t.line.id)!;
    const unitPriceCents = repriced.lines.get(line.id)?.unitPriceCents ?? line.unitPriceCents;
    if (line.sku === t.sku && line.quantity === t.quantity && line.unitPriceCents === unitPriceCents) continue;
    changed.push({
      lineId: line.id,
      fromSku: line.sku,
      sku: t.sku,
      fromQuantity: line.quantity,
      quantity: t.quantity,
      unitPriceCents,
    });
    const update = t.quantity > 0 ? { sku: t.sku, quantity: t.quantity, unitPriceCents } : { status: LineStatus.CANCELLED };
    await manager.update(OrderLine, { id: line.id }, update);
    Object.assign(line, update);
  }
  await applyLineDiscounts(manager, s.lines, repriced);
  const status = orderStatusOf(s.fulfillments.map((f) => f.status));
  const shippingAddress = postalAddress(request.shippingAddress) ?? s.order.shippingAddress;
  await manager.update(Order, { id: s.order.id }, { status, shippingAddress });
  Object.assign(s.order, { status, shippingAddress });
  if (postalAddress(request.shippingAddress)) {
    const shipping = s.fulfillments.filter((f) => open(f) && f.type === FulfillmentType.SHIP).map((f) => f.id);
    if (shipping.length) await manager.update(Fulfillment, { id: In(shipping) }, { shippingAddress });
  }
  if (extra) await addPayments(manager, s.order, extra.tenders, { channel: s.order.channel, actor: null });
  const refunds = await applyOrderChange(manager, ctx, s.order, {
    totalCents: repriced.totalCents,
    subtotalCents: repriced.subtotalCents,
    discountCents: repriced.discountCents,
    reason: 'MODIFIED',
    channel: request.channel,
  });
  const totals = {
    currency: s.order.currency,
    subtotalCents: s.order.subtotalCents,
    discountCents: s.order.discountCents,
    totalCents: s.order.totalCents,
  };

  const what = [
    ...changed.map((c) =>
      c.quantity === 0
        ? `removed ${c.fromSku}`
        : `${c.fromSku}${c.sku !== c.fromSku ? `→${c.sku}` : ''} qty ${c.fromQuantity}${c.quantity !== c.fromQuantity ? `→${c.quantity}` : ''}`,
    ),
    ...(request.shippingAddress
      ? [`ship to ${[request.shippingAddress.line1, request.shippingAddress.city].filter(Boolean).join(', ')}`]
      : []),
    ...(request.deliveryDate ? [`deliver on ${request.deliveryDate}`] : []),
  ];
  await appendHistory(manager, {
    orderId: s.order.id,
    channel: request.channel,
    actor,
    event: `modified by ${actor ?? 'anonymous'} from ${request.channel}: ${what.join('; ') || 'nothing'}`.slice(0, 200),
  });
  await recordEvent<OrderModified>(
    manager,
    'orders.order.modified',
    {
      orderId: s.order.id,
      number: s.order.number,
      customerId: s.order.customerId,
      channel: request.channel,
      actor,
      ...totals,
      changes: changed,
      lines: s.lines.map((l) => ({
        lineId: l.id,
        sku: l.sku,
        quantity: l.quantity,
        unitPriceCents: l.unitPriceCents,
        status: l.status,
      })),
    },
    request.channel,
  );
  return { order: s.order, refunds };
}
