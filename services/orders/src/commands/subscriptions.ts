import { randomUUID } from 'node:crypto';
import { DomainError, isoDate, type Channel, type ServiceContext } from '@omni/platform';
import { LessThanOrEqual } from 'typeorm';
import { FulfillmentType } from '../domain/status';
import {
  isDue,
  isIsoDate,
  linesProblem,
  MAX_INTERVAL_DAYS,
  nextRunAfter,
  subscriptionLines,
  subscriptionOrderKey,
  SubscriptionStatus,
  type SubscriptionLine,
} from '../domain/subscriptions';
import { Order } from '../entities/order';
import { ReplenishmentSubscription } from '../entities/subscription';
import { catalogPrices, resolveCustomerId } from '../peers';
import { subscriptionCodes } from './order-pricing';
import { savedPayment } from './payment-methods';
import { placeOrder, type OrderRequest } from './place-order';

export interface SubscriptionFulfillment {
  type: FulfillmentType;
  pickupLocationId?: string | null;
  address?: { lat?: number | null; lng?: number | null } | null;
}

export interface CreateSubscriptionRequest {
  customerId: string;
  channel: Channel;
  /** One SKU (the form before subscriptions held several), or `lines`. */
  sku?: string | null;
  quantity?: number | null;
  lines?: SubscriptionLine[] | null;
  intervalDays: number;
  startOn: string;
  fulfillment: SubscriptionFulfillment;
  /** A saved payment method of the shopper that pays each order. */
  paymentMethodId?: string | null;
  useStoreCredit?: boolean | null;
}

export interface UpdateSubscriptionRequest {
  id: string;
  /** The whole new set of lines (quantities, SKUs added or replaced, lines dropped). */
  lines?: SubscriptionLine[] | null;
  intervalDays?: number | null;
  nextRunOn?: string | null;
  fulfillment?: SubscriptionFulfillment | null;
  paymentMethodId?: string | null;
  useStoreCredit?: boolean | null;
}

/** The lines asked for, checked: every SKU the catalog sells, each once. */
async function checkedLines(
  ctx: ServiceContext,
  lines: SubscriptionLine[],
  channel: Channel,
  field: string[],
): Promise<SubscriptionLine[]> {
  const problem = linesProblem(lines);
  if (problem)
    throw new DomainError(problem.code, problem.message, problem.index === null ? field : [...field, String(problem.index)]);
  const clean = lines.map((l) => ({ sku: l.sku.trim(), quantity: l.quantity }));
  const prices = await catalogPrices(
    ctx,
    clean.map((l) => l.sku),
    channel,
  );
  clean.forEach((line, i) => {
    const price = prices.get(line.sku);
    if (!price) throw new DomainError('UNKNOWN_SKU', `no product has SKU ${line.sku}`, [...field, String(i), 'sku']);
    if (price.discontinued)
      throw new DomainError('DISCONTINUED_SKU', `${line.sku} is no longer sold`, [...field, String(i), 'sku']);
  });
  return clean;
}

function checkInterval(intervalDays: number): void {
  if (!Number.isSafeInteger(intervalDays) || intervalDays <= 0 || intervalDays > MAX_INTERVAL_DAYS) {
    throw new DomainError('INVALID_INTERVAL', `an interval is 1 to ${MAX_INTERVAL_DAYS} days`, ['input', 'intervalDays']);
  }
}

function checkRunDate(date: string, field: string[]): void {
  if (!isIsoDate(date) || date < isoDate()) throw new DomainError('INVALID_START_DATE', 'start today or later', field);
}

function checkFulfillment(fulfillment: SubscriptionFulfillment): void {
  if (fulfillment.type === FulfillmentType.CARRY_OUT) {
    throw new DomainError('INVALID_FULFILLMENT', 'a recurring order ships or is picked up', ['input', 'fulfillment', 'type']);
  }
  if (fulfillment.type === FulfillmentType.PICKUP_IN_STORE && !fulfillment.pickupLocationId) {
    throw new DomainError('PICKUP_LOCATION_REQUIRED', 'a pickup needs a pickup location', [
      'input',
      'fulfillment',
      'pickupLocationId',
    ]);
  }
}

function fulfillmentColumns(f: SubscriptionFulfillment) {
  return {
    fulfillmentType: f.type,
    pickupLocationId: f.type === FulfillmentType.PICKUP_IN_STORE ? (f.pickupLocationId ?? null) : null,
    address: f.address ? JSON.stringify(f.address) : null,
  };
}

/** The lines as stored: all of them, and the first one's SKU and quantity for readers of the one-SKU form. */
function lineColumns(lines: SubscriptionLine[]) {
  return { lines, sku: lines[0]!.sku, quantity: lines[0]!.quantity };
}

export async function createSubscription(
  ctx: ServiceContext,
  request: CreateSubscriptionRequest,
): Promise<ReplenishmentSubscription> {
  const single = request.sku != null || request.quantity != null;
  if (single === Boolean(request.lines)) {
    throw new DomainError('INVALID_LINES', 'give either sku and quantity, or lines', ['input', 'lines']);
  }
  if (single && (!Number.isSafeInteger(request.quantity) || request.quantity! <= 0)) {
    throw new DomainError('INVALID_QUANTITY', 'a quantity is a whole number above zero', ['input', 'quantity']);
  }
  checkInterval(request.intervalDays);
  checkRunDate(request.startOn, ['input', 'startOn']);
  checkFulfillment(request.fulfillment);
  const lines = single
    ? await checkedLines(ctx, [{ sku: request.sku ?? '', quantity: request.quantity! }], request.channel, ['input', 'lines'])
    : await checkedLines(ctx, request.lines!, request.channel, ['input', 'lines']);
  const customerId = await resolveCustomerId(ctx, request.customerId);
  if (!customerId) throw new DomainError('UNKNOWN_CUSTOMER', `no customer ${request.customerId}`, ['input', 'customerId']);
  if (request.paymentMethodId) await savedPayment(ctx, customerId, request.paymentMethodId, ['input', 'paymentMethodId']);
  const subscription = ctx.db.getRepository(ReplenishmentSubscription).create({
    id: randomUUID(),
    customerId,
    channel: request.channel,
    status: SubscriptionStatus.ACTIVE,
    ...lineColumns(lines),
    intervalDays: request.intervalDays,
    nextRunOn: request.startOn,
    ...fulfillmentColumns(request.fulfillment),
    lastRunOn: null,
    lastOrderId: null,
    lastFailure: null,
    paymentMethodId: request.paymentMethodId ?? null,
    useStoreCredit: request.useStoreCredit ?? false,
    createdAt: new Date(),
  });
  await ctx.db.getRepository(ReplenishmentSubscription).insert(subscription);
  // PostgreSQL hands the column default back as its raw JSON text: the lines are the ones written.
  return Object.assign(subscription, lineColumns(lines));
}

/**
 * Changes what a subscription orders, how often, when next and how it is fulfilled: each part
 * given replaces the current one (lines as a whole). Conditional on what was read, so a run or
 * another change in between is CONCURRENT_CHANGE rather than lost.
 */
export async function updateSubscription(
  ctx: ServiceContext,
  request: UpdateSubscriptionRequest,
): Promise<ReplenishmentSubscription> {
  const repository = ctx.db.getRepository(ReplenishmentSubscription);
  const s = await repository.findOneBy({ id: request.id });
  if (!s) throw new DomainError('UNKNOWN_SUBSCRIPTION', `no subscription ${request.id}`, ['input', 'id']);
  if (s.status === SubscriptionStatus.CANCELLED)
    throw new DomainError('SUBSCRIPTION_CANCELLED', 'the subscription is cancelled', ['input', 'id']);
  if (
    !request.lines &&
    request.intervalDays == null &&
    !request.nextRunOn &&
    !request.fulfillment &&
    !request.paymentMethodId &&
    request.useStoreCredit == null
  ) {
    throw new DomainError('NO_CHANGES', 'name at least one change', ['input']);
  }
  if (request.intervalDays != null) checkInterval(request.intervalDays);
  if (request.nextRunOn) checkRunDate(request.nextRunOn, ['input', 'nextRunOn']);
  if (request.fulfillment) checkFulfillment(request.fulfillment);
  if (request.paymentMethodId) await savedPayment(ctx, s.customerId, request.paymentMethodId, ['input', 'paymentMethodId']);
  const next: Partial<ReplenishmentSubscription> = {
    ...(request.lines ? lineColumns(await checkedLines(ctx, request.lines, s.channel, ['input', 'lines'])) : {}),
    ...(request.intervalDays != null ? { intervalDays: request.intervalDays } : {}),
    ...(request.nextRunOn ? { nextRunOn: request.nextRunOn } : {}),
    ...(request.fulfillment ? fulfillmentColumns(request.fulfillment) : {}),
    ...(request.paymentMethodId ? { paymentMethodId: request.paymentMethodId } : {}),
    ...(request.useStoreCredit != null ? { useStoreCredit: request.useStoreCredit } : {}),
  };
  const changed = await repository.update({ id: s.id, status: s.status, nextRunOn: s.nextRunOn }, next);
  if (!changed.affected)
    throw new DomainError('CONCURRENT_CHANGE', 'the subscription changed meanwhile; reload it', ['input', 'id']);
  return Object.assign(s, next);
}

function orderRequest(s: ReplenishmentSubscription, runOn: string): OrderRequest {
  return {
    customerId: s.customerId,
    channel: s.channel,
    idempotencyKey: subscriptionOrderKey(s.id, runOn),
    lines: subscriptionLines(s).map((l) => ({ sku: l.sku, quantity: l.quantity })),
    // Paid as the shopper chose: store credit first, then her saved method (checked again at each run).
    useStoreCredit: s.useStoreCredit || null,
    paymentMethodId: s.paymentMethodId,
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
        // Subscribe-and-save: a catalog promotion, so the order is priced by the engine every channel uses.
        systemCouponCodes: subscriptionCodes(),
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
