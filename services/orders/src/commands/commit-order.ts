import { randomUUID } from 'node:crypto';
import {
  addDays,
  isoDate,
  recordEvent,
  type FulfillmentLeft,
  type OrderPlaced,
  type PaymentCaptured,
  type ServiceContext,
} from '@omni/platform';
import type { EntityManager } from 'typeorm';
import { partnerOf } from '../domain/access';
import { STANDARD_TRANSIT_DAYS } from '../domain/fulfillment';
import { balanceDue } from '../domain/money';
import { newOrderNumber } from '../domain/order-number';
import type { PlannedFulfillment } from '../domain/routing';
import { FulfillmentStatus, FulfillmentType, LineStatus, OrderStatus } from '../domain/status';
import { Fulfillment, FulfillmentLine, Order, OrderLine, type PostalAddress } from '../entities/order';
import { OrderPayment } from '../entities/payment';
import { activateGiftCards } from './gift-cards';
import { appendHistory } from './history';
import type { PricedOrderLine } from './order-pricing';
import type { OrderRequest, PlacementOptions } from './place-order';
import { describeTender, paymentsFor, type TakenTenders } from './tenders';

/** Step 5 of placing an order: everything it is, written in one transaction with its events. */

function plannedDate(request: OrderRequest, fulfillment: PlannedFulfillment): string {
  if (request.fulfillment.deliveryDate) return request.fulfillment.deliveryDate;
  const transfer = fulfillment.sourceLocationId !== fulfillment.locationId;
  const days = fulfillment.type === FulfillmentType.SHIP || transfer ? STANDARD_TRANSIT_DAYS : 0;
  return addDays(isoDate(), days);
}

export interface Commit {
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
  totals: { currency: string; market?: string | null; subtotalCents: number; discountCents: number; totalCents: number };
  couponCodes: string[];
  categoryPaths: Map<string, string[]>;
  exchangeCreditCents: number;
}

/** What step 5 wrote that the answer shows. */
export interface CommittedOrder {
  order: Order;
  fulfillments: Fulfillment[];
}

/** Step 5: the order, its lines, fulfillments, payments, history and events, in one transaction. */
export async function commitOrder(manager: EntityManager, ctx: ServiceContext, c: Commit): Promise<CommittedOrder> {
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
    // The email a shopper named by reference was given with, known or not: the order reads the same.
    email: (request.email ?? request.customer?.email)?.trim().toLowerCase() || null,
    shippingAddress: c.shippingAddress,
    idempotencyScope: c.scope,
    idempotencyKey: c.key,
    requestHash: c.hash,
    externalRef: request.externalRef?.trim() || null,
    partnerId: partnerOf(ctx.caller),
  });
  // The order and its lines hold every value: inserted without reading defaults back (SQLite would).
  await manager.createQueryBuilder().insert().into(Order).values(order).updateEntity(false).execute();
  const lines = c.lines.map(({ id, ...line }, position) =>
    manager.create(OrderLine, {
      id,
      orderId,
      position,
      status: carryOut ? LineStatus.SHIPPED : LineStatus.OPEN,
      settledQuantity: 0,
      giftCardsActivatedAt: null,
      ...line,
    }),
  );
  await manager.createQueryBuilder().insert().into(OrderLine).values(lines).updateEntity(false).execute();
  const fulfillments = c.plan.map((planned) =>
    manager.create(Fulfillment, {
      id: randomUUID(),
      orderId,
      type: planned.type,
      status: carryOut ? FulfillmentStatus.COLLECTED : FulfillmentStatus.PENDING,
      leftAt: carryOut ? order.placedAt : null,
      readyAt: null,
      arrivedAt: null,
      locationId: planned.locationId,
      sourceLocationId: planned.sourceLocationId,
      trackingNumber: null,
      promisedDate: plannedDate(request, planned),
      shippingAddress: planned.type === FulfillmentType.SHIP ? c.shippingAddress : null,
    }),
  );
  await manager.insert(Fulfillment, fulfillments);
  const fulfillmentLines = c.plan.flatMap((planned, i) =>
    planned.lines.map((l) => ({
      fulfillmentId: fulfillments[i]!.id,
      orderLineId: l.lineId,
      sku: l.sku,
      quantity: l.quantity,
      pickedQuantity: null,
      substituteSku: null,
    })),
  );
  await manager.insert(FulfillmentLine, fulfillmentLines);
  // One row per insert: a multi-row insert hands default values back to the wrong entities on SQLite.
  for (const p of payments) await manager.insert(OrderPayment, p);

  await appendHistory(
    manager,
    {
      orderId,
      channel: request.channel,
      actor: ctx.caller.subject,
      event: [
        `placed with ${lines.length} line(s) in ${fulfillments.length} fulfillment(s)${carryOut ? ', carried out' : ''}: total ${c.totals.totalCents} ${c.totals.currency}`,
        ...payments.map((p) => `charged ${p.amountCents} ${p.currency} to ${describeTender(p)}`),
        ...(order.balanceDueCents > 0 ? [`${order.balanceDueCents} ${order.currency} left to pay`] : []),
      ],
    },
    0, // a new order: no history yet
  );

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
        ...(l.giftCardKind ? { giftCard: true } : {}),
      })),
    },
    request.channel,
  );
  await recordCaptured(manager, order, payments);
  if (carryOut) await recordCollected(manager, order, fulfillments, fulfillmentLines);
  await activateGiftCards(manager, ctx, order, request.channel);
  await c.options.beforeCommit?.(manager, order, { exchangeCreditCents: c.exchangeCreditCents });
  return { order, fulfillments };
}

/** Loyalty spends the holds of the loyalty tenders when this event commits with the order. */
async function recordCaptured(manager: EntityManager, order: Order, payments: readonly OrderPayment[]): Promise<void> {
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
