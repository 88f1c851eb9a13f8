import { randomUUID } from 'node:crypto';
import { DomainError, isoDate, type Channel, type ServiceContext } from '@omni/platform';
import { LessThanOrEqual } from 'typeorm';
import { FulfillmentType } from '../domain/status';
import {
  isDue,
  isIsoDate,
  MAX_INTERVAL_DAYS,
  nextRunAfter,
  subscriptionOrderKey,
  SubscriptionStatus,
} from '../domain/subscriptions';
import { Order } from '../entities/order';
import { ReplenishmentSubscription } from '../entities/subscription';
import { resolveCustomerId } from '../peers';
import { placeOrder, type OrderRequest } from './place-order';

export interface CreateSubscriptionRequest {
  customerId: string;
  channel: Channel;
  sku: string;
  quantity: number;
  intervalDays: number;
  startOn: string;
  fulfillment: {
    type: FulfillmentType;
    pickupLocationId?: string | null;
    address?: { lat?: number | null; lng?: number | null } | null;
  };
}

export async function createSubscription(
  ctx: ServiceContext,
  request: CreateSubscriptionRequest,
): Promise<ReplenishmentSubscription> {
  if (!Number.isSafeInteger(request.quantity) || request.quantity <= 0) {
    throw new DomainError('INVALID_QUANTITY', 'a quantity is a whole number above zero', ['input', 'quantity']);
  }
  if (!Number.isSafeInteger(request.intervalDays) || request.intervalDays <= 0 || request.intervalDays > MAX_INTERVAL_DAYS) {
    throw new DomainError('INVALID_INTERVAL', `an interval is 1 to ${MAX_INTERVAL_DAYS} days`, ['input', 'intervalDays']);
  }
  if (!isIsoDate(request.startOn) || request.startOn < isoDate()) {
    throw new DomainError('INVALID_START_DATE', 'start today or later', ['input', 'startOn']);
  }
  if (request.fulfillment.type === FulfillmentType.CARRY_OUT) {
    throw new DomainError('INVALID_FULFILLMENT', 'a recurring order ships or is picked up', ['input', 'fulfillment', 'type']);
  }
  if (request.fulfillment.type === FulfillmentType.PICKUP_IN_STORE && !request.fulfillment.pickupLocationId) {
    throw new DomainError('PICKUP_LOCATION_REQUIRED', 'a pickup needs a pickup location', [
      'input',
      'fulfillment',
      'pickupLocationId',
    ]);
  }
  const customerId = await resolveCustomerId(ctx, request.customerId);
  if (!customerId) throw new DomainError('UNKNOWN_CUSTOMER', `no customer ${request.customerId}`, ['input', 'customerId']);
  const sku = request.sku.trim();
  const subscription = ctx.db.getRepository(ReplenishmentSubscription).create({
    id: randomUUID(),
    customerId,
    channel: request.channel,
    status: SubscriptionStatus.ACTIVE,
    sku,
    quantity: request.quantity,
    intervalDays: request.intervalDays,
    nextRunOn: request.startOn,
    fulfillmentType: request.fulfillment.type,
    pickupLocationId: request.fulfillment.pickupLocationId ?? null,
    address: request.fulfillment.address ? JSON.stringify(request.fulfillment.address) : null,
    lastRunOn: null,
    lastOrderId: null,
    lastFailure: null,
    createdAt: new Date(),
  });
  // The SKU is checked by placing nothing: the catalog is asked when the first order is placed.
  await ctx.db.getRepository(ReplenishmentSubscription).insert(subscription);
  return subscription;
}

function orderRequest(s: ReplenishmentSubscription, runOn: string): OrderRequest {
  return {
    customerId: s.customerId,
    channel: s.channel,
    idempotencyKey: subscriptionOrderKey(s.id, runOn),
    lines: [{ sku: s.sku, quantity: s.quantity }],
    fulfillment: {
      type: s.fulfillmentType,
      pickupLocationId: s.pickupLocationId,
      address: s.address ? (JSON.parse(s.address) as { lat?: number | null; lng?: number | null }) : null,
    },
  };
}

/**
 * Places the order of every active subscription due on or before `asOf`, once: each order's
 * idempotency key is `sub-<id>-<runDate>`, so a second or concurrent run gets the same order
 * back. The schedule moves on in the order's own transaction (conditional on the run date read);
 * a failed run records why and is retried by the next run.
 */
export async function runDueSubscriptions(ctx: ServiceContext, asOf: string): Promise<Order[]> {
  if (!isIsoDate(asOf)) throw new DomainError('INVALID_DATE', 'asOf is a date (YYYY-MM-DD)', ['asOf']);
  const repository = ctx.db.getRepository(ReplenishmentSubscription);
  const due = await repository.find({
    where: { status: SubscriptionStatus.ACTIVE, nextRunOn: LessThanOrEqual(asOf) },
    order: { nextRunOn: 'ASC', id: 'ASC' },
  });
  const placed: Order[] = [];
  for (const subscription of due) {
    if (!isDue(subscription.status, subscription.nextRunOn, asOf)) continue;
    const runOn = subscription.nextRunOn;
    try {
      const order = await placeOrder(ctx, orderRequest(subscription, runOn), {
        beforeCommit: async (manager, order) => {
          await manager.update(
            ReplenishmentSubscription,
            { id: subscription.id, nextRunOn: runOn },
            {
              nextRunOn: nextRunAfter(runOn, subscription.intervalDays, asOf),
              lastRunOn: runOn,
              lastOrderId: order.id,
              lastFailure: null,
            },
          );
        },
      });
      if (!placed.some((o) => o.id === order.id)) placed.push(order);
    } catch (error) {
      const reason = error instanceof DomainError ? `${error.code}: ${error.message}` : `ERROR: ${(error as Error).message}`;
      ctx.log.warn({ subscriptionId: subscription.id, runOn, reason }, 'subscription run failed');
      await repository.update({ id: subscription.id, nextRunOn: runOn }, { lastFailure: reason.slice(0, 300) });
    }
  }
  return placed;
}

/** Pause, resume, skip the next run, or cancel. */
export async function changeSubscription(
  ctx: ServiceContext,
  id: string,
  action: 'PAUSE' | 'RESUME' | 'SKIP' | 'CANCEL',
): Promise<ReplenishmentSubscription> {
  const repository = ctx.db.getRepository(ReplenishmentSubscription);
  const s = await repository.findOneBy({ id });
  if (!s) throw new DomainError('UNKNOWN_SUBSCRIPTION', `no subscription ${id}`, ['id']);
  if (s.status === SubscriptionStatus.CANCELLED)
    throw new DomainError('SUBSCRIPTION_CANCELLED', 'the subscription is cancelled', ['id']);
  const next: Partial<ReplenishmentSubscription> =
    action === 'PAUSE'
      ? { status: SubscriptionStatus.PAUSED }
      : action === 'RESUME'
        ? { status: SubscriptionStatus.ACTIVE, nextRunOn: s.nextRunOn < isoDate() ? isoDate() : s.nextRunOn }
        : action === 'SKIP'
          ? { nextRunOn: nextRunAfter(s.nextRunOn, s.intervalDays, s.nextRunOn) }
          : { status: SubscriptionStatus.CANCELLED };
  if (action === 'PAUSE' && s.status !== SubscriptionStatus.ACTIVE)
    throw new DomainError('NOT_ACTIVE', 'only an active subscription pauses', ['id']);
  if (action === 'RESUME' && s.status !== SubscriptionStatus.PAUSED)
    throw new DomainError('NOT_PAUSED', 'only a paused subscription resumes', ['id']);
  const changed = await repository.update({ id, status: s.status, nextRunOn: s.nextRunOn }, next);
  if (!changed.affected) throw new DomainError('CONCURRENT_CHANGE', 'the subscription changed meanwhile; reload it', ['id']);
  return Object.assign(s, next);
}
