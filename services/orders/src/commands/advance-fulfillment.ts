import { DomainError, inTransaction, isoDate, recordEvent, type FulfillmentLeft, type ServiceContext } from '@omni/platform';
import { In } from 'typeorm';
import {
  earliestShipDate,
  FulfillmentAction,
  hasLeft,
  isTransfer,
  nextStatus,
  orderStatusOf,
  STANDARD_TRANSIT_DAYS,
  transitionProblem,
} from '../domain/fulfillment';
import { FulfillmentStatus, FulfillmentType, LineStatus } from '../domain/status';
import { appendHistory } from './history';
import { Fulfillment, FulfillmentLine, Order, OrderLine } from '../entities/order';
import { receiveOrderTransfer, shipOrderTransfer } from '../peers';

export interface AdvanceRequest {
  fulfillmentId: string;
  action: FulfillmentAction;
  trackingNumber?: string | null;
}

const CARRIER = 'UPS';

/** The step is allowed now, or a DomainError says why not. */
function checkStep(fulfillment: Fulfillment, request: AdvanceRequest, trackingNumber: string | null): void {
  const problem = transitionProblem(fulfillment, request.action);
  if (problem) throw new DomainError(problem.code, problem.message, ['input', 'action']);
  // A shipment to the shopper needs a tracking number; a transfer between stores may travel without one.
  if (request.action === FulfillmentAction.SHIP && fulfillment.type === FulfillmentType.SHIP && !trackingNumber) {
    throw new DomainError('TRACKING_NUMBER_REQUIRED', 'a shipment needs a tracking number', ['input', 'trackingNumber']);
  }
}

/**
 * Ship to store, before the step commits: sending moves the reserved units out of the source into
 * an inventory transfer, receiving counts them in (and holds them for the order) at the pickup
 * store. Both are idempotent in inventory, so a step that then loses a race, or is retried after a
 * failed commit, moves nothing twice.
 */
async function moveTransfer(ctx: ServiceContext, fulfillment: Fulfillment, action: FulfillmentAction): Promise<void> {
  if (!isTransfer(fulfillment)) return;
  if (action === FulfillmentAction.SHIP) {
    const lines = await ctx.db.getRepository(FulfillmentLine).findBy({ fulfillmentId: fulfillment.id });
    await shipOrderTransfer(ctx, {
      orderId: fulfillment.orderId,
      fulfillmentId: fulfillment.id,
      fromLocationId: fulfillment.sourceLocationId!,
      toLocationId: fulfillment.locationId!,
      lines: lines.map((l) => ({ lineId: l.orderLineId, sku: l.sku, quantity: l.quantity })),
    });
  }
  if (action === FulfillmentAction.RECEIVE) await receiveOrderTransfer(ctx, fulfillment.id);
}

/** Moves a fulfillment one step; the order's status and lines follow. */
export async function advanceFulfillment(ctx: ServiceContext, request: AdvanceRequest): Promise<Fulfillment> {
  const trackingNumber = request.trackingNumber?.trim() || null;
  const current = await ctx.db.getRepository(Fulfillment).findOneBy({ id: request.fulfillmentId });
  if (!current)
    throw new DomainError('UNKNOWN_FULFILLMENT', `no fulfillment ${request.fulfillmentId}`, ['input', 'fulfillmentId']);
  checkStep(current, request, trackingNumber);
  await moveTransfer(ctx, current, request.action);
  return inTransaction(ctx.db, async (manager) => {
    const fulfillment = await manager.findOneBy(Fulfillment, { id: request.fulfillmentId });
    if (!fulfillment)
      throw new DomainError('UNKNOWN_FULFILLMENT', `no fulfillment ${request.fulfillmentId}`, ['input', 'fulfillmentId']);
    checkStep(fulfillment, request, trackingNumber);
    const next = nextStatus(fulfillment.type, fulfillment.status, request.action, isTransfer(fulfillment))!;
    if (request.action === FulfillmentAction.SHIP && fulfillment.type === FulfillmentType.SHIP && fulfillment.promisedDate) {
      const shipOn = earliestShipDate(fulfillment.promisedDate, STANDARD_TRANSIT_DAYS);
      if (isoDate() < shipOn) {
        throw new DomainError('SHIPMENT_HELD', `held for delivery on ${fulfillment.promisedDate}: ships on ${shipOn}`, [
          'input',
          'action',
        ]);
      }
    }
    // Conditional on the status read: a concurrent step by another associate loses cleanly.
    const changed = await manager.update(
      Fulfillment,
      { id: fulfillment.id, status: fulfillment.status },
      {
        status: next,
        ...(trackingNumber ? { trackingNumber } : {}),
        ...(hasLeft(next) && !fulfillment.leftAt ? { leftAt: new Date() } : {}),
        ...(next === FulfillmentStatus.READY_FOR_PICKUP && !fulfillment.readyAt ? { readyAt: new Date() } : {}),
      },
    );
    if (!changed.affected)
      throw new DomainError('INVALID_TRANSITION', 'the fulfillment changed meanwhile; reload it', ['input', 'fulfillmentId']);
    fulfillment.status = next;
    if (trackingNumber) fulfillment.trackingNumber = trackingNumber;

    const order = await manager.findOneByOrFail(Order, { id: fulfillment.orderId });
    const fulfillments = await manager.findBy(Fulfillment, { orderId: order.id });
    const left = new Set(fulfillments.filter((f) => hasLeft(f.status)).map((f) => f.id));
    const allFulfillmentLines = await manager.findBy(FulfillmentLine, { fulfillmentId: In(fulfillments.map((f) => f.id)) });
    const lines = await manager.findBy(OrderLine, { orderId: order.id });
    for (const line of lines) {
      if (line.status !== LineStatus.OPEN) continue;
      const parts = allFulfillmentLines.filter((fl) => fl.orderLineId === line.id);
      if (parts.length && parts.every((fl) => left.has(fl.fulfillmentId))) {
        await manager.update(OrderLine, { id: line.id }, { status: LineStatus.SHIPPED });
      }
    }
    await manager.update(Order, { id: order.id }, { status: orderStatusOf(fulfillments.map((f) => f.status)) });
    await appendHistory(manager, {
      orderId: order.id,
      channel: ctx.channel,
      actor: ctx.caller.subject,
      event: `${request.action} ${fulfillment.type} fulfillment ${fulfillment.id.slice(0, 8)}${trackingNumber ? ` tracking ${trackingNumber}` : ''}`,
    });
    const ownLines = allFulfillmentLines.filter((fl) => fl.fulfillmentId === fulfillment.id);
    const payload: FulfillmentLeft = {
      orderId: order.id,
      fulfillmentId: fulfillment.id,
      customerId: order.customerId,
      locationId: fulfillment.locationId,
      sourceLocationId: fulfillment.sourceLocationId,
      trackingNumber: fulfillment.trackingNumber,
      carrier: fulfillment.trackingNumber ? CARRIER : null,
      lines: ownLines.map((fl) => ({ orderLineId: fl.orderLineId, sku: fl.sku, quantity: fl.quantity })),
    };
    // A transfer to the pickup store is no shipment to the shopper: inventory moved its units already.
    if (request.action === FulfillmentAction.SHIP && !isTransfer(fulfillment))
      await recordEvent<FulfillmentLeft>(manager, 'orders.fulfillment.shipped', payload, ctx.channel);
    if (request.action === FulfillmentAction.COLLECT)
      await recordEvent<FulfillmentLeft>(manager, 'orders.fulfillment.collected', payload, ctx.channel);
    if (request.action === FulfillmentAction.READY_FOR_PICKUP) {
      await recordEvent<FulfillmentLeft>(manager, 'orders.fulfillment.ready_for_pickup', payload, ctx.channel);
    }
    return fulfillment;
  });
}
