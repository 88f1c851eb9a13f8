import { randomUUID } from 'node:crypto';
import { DomainError, inTransaction, isoDate, isUniqueViolation, type Channel, type ServiceContext } from '@omni/platform';
import { type EntityManager } from 'typeorm';
import { deliveryDateProblem, type FulfillmentShape } from '../domain/fulfillment';
import { idempotencyScope, requestHash } from '../domain/idempotency';
import { routeOrder, RoutingError, type CandidateLocation, type PlannedFulfillment, type RoutableLine } from '../domain/routing';
import { FulfillmentType } from '../domain/status';
import { Order } from '../entities/order';
import { fulfillmentsByOrder } from '../loaders';
import { lookupCustomer, releaseReservations, resolveCustomerId } from '../peers';
import { commitOrder } from './commit-order';
import { price, pricedLines, shippingAddressOf } from './order-pricing';
import { reserveRouted } from './reserve-routed';
import { captureOrderPayments } from './settle-payments';
import { withSavedMethod } from './payment-methods';
import { releaseTenders, takeTenders, validateTenders, type TenderRequest } from './tenders';

export interface AddressRequest {
  line1?: string | null;
  city?: string | null;
  postalCode?: string | null;
  country?: string | null;
  lat?: number | null;
  lng?: number | null;
}

/** A shopper named by what a partner knows of them, instead of the internal id. */
export interface ShopperReference {
  email?: string | null;
  loyaltyCardNumber?: string | null;
}

export interface OrderRequest extends TenderRequest {
  customerId?: string | null;
  /**
   * The shopper by email or loyalty card (resolved by CRM). One nobody holds places a guest order
   * (reached at `email`): the answer is the same either way, so the caller learns nothing.
   */
  customer?: ShopperReference | null;
  channel: Channel;
  idempotencyKey: string;
  externalRef?: string | null;
  /** `giftCardRecipientEmail`: who receives the e-gift cards of a gift-card line (default the buyer). */
  lines: { sku: string; quantity: number; giftCardRecipientEmail?: string | null }[];
  fulfillment: {
    type: FulfillmentType;
    pickupLocationId?: string | null;
    address?: AddressRequest | null;
    deliveryDate?: string | null;
  };
  couponCodes?: string[] | null;
  email?: string | null;
  /**
   * The market the channel sells in (`Market.code`): its prices and currency. Null: the market of
   * the pickup or carry-out location, else the default market.
   */
  market?: string | null;
}

export interface PlacementOptions {
  /** Whose the idempotency key is; default the caller's own scope (see domain/idempotency). */
  scope?: string;
  /** What makes a replay the same request; default the request itself. */
  fingerprint?: unknown;
  /** Value of goods returned in exchange: paid towards this order as a discount. */
  exchangeCreditCents?: number;
  /** Coupon codes the service applies itself (subscribe-and-save): used when they apply, never refused. */
  systemCouponCodes?: string[];
  /** Runs inside the order's transaction: a throw there places nothing. */
  beforeCommit?: (manager: EntityManager, order: Order, placed: { exchangeCreditCents: number }) => Promise<void>;
}

const isEmail = (value: string) => value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);

/** The longest idempotency key and external reference an order keeps (their columns' width). */
const MAX_REFERENCE_LENGTH = 100;

function validate(request: OrderRequest): void {
  if (!request.idempotencyKey.trim() || request.idempotencyKey.trim().length > MAX_REFERENCE_LENGTH) {
    throw new DomainError('INVALID_IDEMPOTENCY_KEY', `an idempotency key is 1 to ${MAX_REFERENCE_LENGTH} characters`, [
      'input',
      'idempotencyKey',
    ]);
  }
  if ((request.externalRef?.trim().length ?? 0) > MAX_REFERENCE_LENGTH) {
    throw new DomainError('INVALID_EXTERNAL_REF', `an external reference is at most ${MAX_REFERENCE_LENGTH} characters`, [
      'input',
      'externalRef',
    ]);
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
  // Before anything is taken: what is known without routing (a shipment travels; a pickup is today at the
  // earliest). Whether a pickup needs a transfer is known once routed (checkDeliveryDate).
  if (deliveryDate) checkDeliveryDate(deliveryDate, [{ type, locationId: null, sourceLocationId: null }]);
  const email = request.email?.trim();
  if (email && !isEmail(email)) throw new DomainError('INVALID_EMAIL', 'not an email address', ['input', 'email']);
  validateReference(request);
  request.lines.forEach((line, i) => {
    const recipient = line.giftCardRecipientEmail?.trim();
    if (recipient && !isEmail(recipient)) {
      throw new DomainError('INVALID_EMAIL', 'not an email address', ['input', 'lines', String(i), 'giftCardRecipientEmail']);
    }
  });
}

/** A shopper named by reference: one reference, well formed, and no tender that would tell whether they exist. */
function validateReference(request: OrderRequest): void {
  if (!request.customer) return;
  const email = request.customer.email?.trim();
  const card = request.customer.loyaltyCardNumber?.trim();
  if (request.customerId || (!email && !card)) {
    throw new DomainError('INVALID_CUSTOMER_REFERENCE', 'name the shopper by customerId, or by email or loyalty card', [
      'input',
      'customer',
    ]);
  }
  if (email && !isEmail(email)) throw new DomainError('INVALID_EMAIL', 'not an email address', ['input', 'customer', 'email']);
  // Points and store credit need a known shopper: refused whether or not the reference finds one.
  if ((request.redeemPoints ?? 0) > 0 || request.useStoreCredit) {
    throw new DomainError('CUSTOMER_REQUIRED', 'points and store credit need the shopper named by customerId', ['input']);
  }
}

/** INVALID_DELIVERY_DATE, naming the earliest date, when these fulfillments cannot make the date requested. */
function checkDeliveryDate(deliveryDate: string, fulfillments: FulfillmentShape[]): void {
  const problem = deliveryDateProblem(deliveryDate, fulfillments, isoDate());
  if (problem) throw new DomainError('INVALID_DELIVERY_DATE', problem, ['input', 'fulfillment', 'deliveryDate']);
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

/** Routes the lines as the request asks and reserves what the routing chose. */
function routeAndReserve(
  ctx: ServiceContext,
  orderId: string,
  lines: RoutableLine[],
  request: OrderRequest,
  destination: { lat: number; lng: number } | null,
): Promise<PlannedFulfillment[]> {
  const route = (candidates: CandidateLocation[]) => {
    try {
      return routeOrder(lines, { ...request.fulfillment, destination }, candidates);
    } catch (error) {
      if (!(error instanceof RoutingError)) throw error;
      const field = error.code === 'OUT_OF_STOCK' ? ['input', 'lines'] : ['input', 'fulfillment', 'pickupLocationId'];
      throw new DomainError(error.code, error.message, field);
    }
  };
  return reserveRouted(
    ctx,
    orderId,
    lines.map((l) => l.sku),
    route,
    {
      field: ['input', 'lines'],
      atTill: request.fulfillment.type === FulfillmentType.CARRY_OUT,
    },
  );
}

/**
 * Places an order from any channel, as named steps:
 *   1. validate, and replay the caller's earlier order for this key (same request only);
 *   2. price with the promotion engine every channel shares;
 *   3. take the tenders (holds, card authorization)      undone by: releaseTenders;
 *   4. route and reserve the stock                        undone by: releaseReservations
 *      (and, should the release fail too, by inventory's reservation expiry); a requested delivery
 *      date the routed fulfillments cannot make (a transfer to the pickup store) undoes 3 and 4;
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
  const tendered = await withSavedMethod(ctx, request, customerId);
  validateTenders(tendered, customerId);
  const pricing = await price(ctx, request, customerId, options.systemCouponCodes);
  const exchangeCreditCents = Math.min(options.exchangeCreditCents ?? 0, pricing.totalCents);
  const lines = pricedLines(pricing, request.lines, exchangeCreditCents);
  // E-gift cards are sent, not picked: they are neither routed nor reserved.
  const routable = lines.filter((l) => l.giftCardKind !== 'EGIFT');
  const shipTo = await shippingAddressOf(ctx, request, customerId, routable.length > 0);
  const discountCents = lines.reduce((sum, l) => sum + l.discountCents, 0);
  const totalCents = pricing.subtotalCents - discountCents;

  const orderId = randomUUID();
  const tenders = await takeTenders(
    ctx,
    { attemptId: orderId, customerId, channel: request.channel, currency: pricing.currency, totalCents },
    tendered,
  );
  let order: Order;
  try {
    const destination = shipTo?.lat != null && shipTo.lng != null ? { lat: shipTo.lat, lng: shipTo.lng } : null;
    const plan = routable.length
      ? await routeAndReserve(
          ctx,
          orderId,
          routable.map((l) => ({ lineId: l.id, sku: l.sku, quantity: l.quantity })),
          request,
          destination,
        )
      : [];
    try {
      // A pickup routed to another location's stock travels first: the date must allow for it.
      if (request.fulfillment.deliveryDate) checkDeliveryDate(request.fulfillment.deliveryDate, plan);
      const committed = await inTransaction(ctx.db, (manager) =>
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
          totals: {
            currency: pricing.currency,
            market: pricing.market,
            subtotalCents: pricing.subtotalCents,
            discountCents,
            totalCents,
          },
          couponCodes: pricing.appliedCodes,
          categoryPaths: pricing.categoryPaths,
          exchangeCreditCents,
        }),
      );
      order = committed.order;
      // The answer shows the fulfillments just written: no statement to read them back.
      fulfillmentsByOrder(ctx).prime(order.id, committed.fulfillments);
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
  // The order's payments are its tenders' (commitOrder): without a tender there is nothing to capture.
  if (tenders.tenders.length > 0) await captureOrderPayments(ctx, orderId);
  return order;
}

async function customerOf(ctx: ServiceContext, request: OrderRequest): Promise<string | null> {
  if (request.customer) {
    const email = request.customer.email?.trim().toLowerCase() || null;
    const loyaltyCardNumber = request.customer.loyaltyCardNumber?.trim() || null;
    // Unknown: a guest order, reached at the email given (guestOrder(email, number) finds it).
    return lookupCustomer(ctx, { email, loyaltyCardNumber });
  }
  if (!request.customerId) return null;
  const customerId = await resolveCustomerId(ctx, request.customerId);
  if (!customerId) throw new DomainError('UNKNOWN_CUSTOMER', `no customer ${request.customerId}`, ['input', 'customerId']);
  return customerId;
}
