import { randomUUID } from 'node:crypto';
import { DomainError, inTransaction, type Channel, type ServiceContext } from '@omni/platform';
import { Cart, CartLineRow, CartStatus } from '../entities/cart';
import { Order as OrderEntity, type Order } from '../entities/order';
import { planTenders, POINT_VALUE_MINOR_UNITS } from '../domain/tenders';
import {
  captureLoyaltyHold,
  catalogPrices,
  holdLoyaltyPoints,
  holdStoreCredit,
  priceCartWithCatalog,
  releaseLoyaltyHold,
  resolveCustomerId,
  storeCreditBalance,
  type CartPricing,
} from '../peers';
import { placeOrder, type OrderRequest } from './place-order';

async function openCart(ctx: ServiceContext, cartId: string): Promise<Cart> {
  const cart = await ctx.db.getRepository(Cart).findOneBy({ id: cartId });
  if (!cart) throw new DomainError('UNKNOWN_CART', `no cart ${cartId}`, ['cartId']);
  if (cart.storedStatus === CartStatus.CHECKED_OUT)
    throw new DomainError('CART_CHECKED_OUT', 'the cart was already checked out', ['cartId']);
  return cart;
}

export async function createCart(ctx: ServiceContext, input: { customerId?: string | null; channel: Channel }): Promise<Cart> {
  let customerId: string | null = null;
  if (input.customerId) {
    customerId = await resolveCustomerId(ctx, input.customerId);
    if (!customerId) throw new DomainError('UNKNOWN_CUSTOMER', `no customer ${input.customerId}`, ['input', 'customerId']);
  }
  const now = new Date();
  const cart = ctx.db.getRepository(Cart).create({
    id: randomUUID(),
    customerId,
    channel: input.channel,
    storedStatus: CartStatus.OPEN,
    couponCodes: [],
    orderId: null,
    createdAt: now,
    updatedAt: now,
  });
  await ctx.db.getRepository(Cart).insert(cart);
  return cart;
}

/** Adds units of a SKU (a second add of the same SKU raises its quantity). */
export async function addCartLine(ctx: ServiceContext, cartId: string, sku: string, quantity: number): Promise<Cart> {
  if (!Number.isSafeInteger(quantity) || quantity <= 0)
    throw new DomainError('INVALID_QUANTITY', 'a quantity is a whole number above zero', ['quantity']);
  const cart = await openCart(ctx, cartId);
  const price = (await catalogPrices(ctx, [sku], cart.channel)).get(sku);
  if (!price) throw new DomainError('UNKNOWN_SKU', `no product has SKU ${sku}`, ['sku']);
  if (price.discontinued) throw new DomainError('DISCONTINUED_SKU', `${sku} is no longer sold`, ['sku']);
  return inTransaction(ctx.db, async (manager) => {
    const existing = await manager.findOneBy(CartLineRow, { cartId, sku });
    if (existing) {
      await manager.update(CartLineRow, { cartId, sku }, { quantity: existing.quantity + quantity });
    } else {
      const position = await manager.countBy(CartLineRow, { cartId });
      await manager.insert(CartLineRow, { cartId, sku, quantity, position });
    }
    cart.updatedAt = new Date();
    await manager.update(Cart, { id: cartId }, { updatedAt: cart.updatedAt });
    return cart;
  });
}

export async function cartLines(ctx: ServiceContext, cartId: string): Promise<CartLineRow[]> {
  return ctx.db.getRepository(CartLineRow).find({ where: { cartId }, order: { position: 'ASC' } });
}

export function priceOf(
  ctx: ServiceContext,
  cart: Cart,
  lines: CartLineRow[],
  couponCodes = cart.couponCodes,
): Promise<CartPricing> {
  return priceCartWithCatalog(ctx, { channel: cart.channel, customerId: cart.customerId, couponCodes, lines });
}

/** Keeps a coupon on the cart only when the catalog's promotion rules accept it for this cart. */
export async function applyCoupon(ctx: ServiceContext, cartId: string, code: string): Promise<Cart> {
  const cart = await openCart(ctx, cartId);
  const normalized = code.trim().toUpperCase();
  if (!normalized) throw new DomainError('INVALID_COUPON', 'a coupon code is required', ['code']);
  const codes = [...new Set([...cart.couponCodes, normalized])];
  const pricing = await priceOf(ctx, cart, await cartLines(ctx, cart.id), codes);
  if (!pricing.appliedCodes.includes(normalized)) {
    throw new DomainError('INVALID_COUPON', `coupon ${normalized} does not apply to this cart`, ['code']);
  }
  cart.couponCodes = codes;
  cart.updatedAt = new Date();
  await ctx.db.getRepository(Cart).update({ id: cartId }, { couponCodes: codes, updatedAt: cart.updatedAt });
  return cart;
}

export interface CheckoutRequest {
  cartId: string;
  idempotencyKey: string;
  redeemPoints?: number | null;
  useStoreCredit?: boolean | null;
  fulfillment: OrderRequest['fulfillment'];
}

/** The cart becomes an order, once: the cart is closed in the order's own transaction. */
export async function checkout(ctx: ServiceContext, request: CheckoutRequest): Promise<Order> {
  const redeemPoints = request.redeemPoints ?? 0;
  if (!Number.isSafeInteger(redeemPoints) || redeemPoints < 0) {
    throw new DomainError('INVALID_POINTS', 'points to redeem are a whole number, zero or more', ['input', 'redeemPoints']);
  }
  const cart = await ctx.db.getRepository(Cart).findOneBy({ id: request.cartId });
  if (!cart) throw new DomainError('UNKNOWN_CART', `no cart ${request.cartId}`, ['input', 'cartId']);
  if (cart.storedStatus === CartStatus.CHECKED_OUT) {
    const earlier = await ctx.db.getRepository(OrderEntity).findOneBy({ idempotencyKey: request.idempotencyKey.trim() });
    if (earlier) return earlier;
    throw new DomainError('CART_CHECKED_OUT', 'the cart was already checked out', ['input', 'cartId']);
  }
  const lines = await cartLines(ctx, cart.id);
  if (lines.length === 0) throw new DomainError('EMPTY_CART', 'the cart has no lines', ['input', 'cartId']);
  const pricing = await priceOf(ctx, cart, lines);
  if ((redeemPoints > 0 || request.useStoreCredit) && !cart.customerId) {
    throw new DomainError('CUSTOMER_REQUIRED', 'points and store credit belong to a signed-in customer', ['input']);
  }
  const holds = await holdTenders(
    ctx,
    cart,
    pricing,
    redeemPoints,
    Boolean(request.useStoreCredit),
    request.idempotencyKey.trim(),
  );
  let order: Order;
  try {
    order = await placeOrder(
      ctx,
      {
        customerId: cart.customerId,
        channel: cart.channel,
        idempotencyKey: request.idempotencyKey,
        lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
        fulfillment: request.fulfillment,
      },
      {
        discountCents: pricing.discountCents,
        beforeCommit: async (manager, order) => {
          const closed = await manager.update(
            Cart,
            { id: cart.id, storedStatus: CartStatus.OPEN },
            { storedStatus: CartStatus.CHECKED_OUT, orderId: order.id, updatedAt: new Date() },
          );
          if (!closed.affected)
            throw new DomainError('CART_CHECKED_OUT', 'the cart was already checked out', ['input', 'cartId']);
        },
        tenders: holds.tenders,
      },
    );
  } catch (error) {
    await Promise.all(holds.ids.map((id) => releaseLoyaltyHold(ctx, id).catch(() => undefined)));
    throw error;
  }
  // The order is committed: the held points and credit are spent. A capture that fails here is
  // retried by nobody yet; the hold then expires and the customer keeps the value (logged).
  for (const id of holds.ids) {
    await captureLoyaltyHold(ctx, id).catch((error: Error) =>
      ctx.log.error({ err: error, holdId: id, orderId: order.id }, 'hold capture failed'),
    );
  }
  return order;
}

/** Holds the loyalty tenders for a checkout, all or nothing. */
async function holdTenders(
  ctx: ServiceContext,
  cart: Cart,
  pricing: CartPricing,
  redeemPoints: number,
  useStoreCredit: boolean,
  key: string,
): Promise<{ ids: string[]; tenders: { redeemedPoints: number; pointsCents: number; storeCreditCents: number } }> {
  const none = { ids: [], tenders: { redeemedPoints: 0, pointsCents: 0, storeCreditCents: 0 } };
  if (!cart.customerId || (redeemPoints === 0 && !useStoreCredit)) return none;
  const wallet = useStoreCredit ? await storeCreditBalance(ctx, cart.customerId, pricing.currency) : null;
  const plan = planTenders(pricing.totalCents, redeemPoints, wallet);
  const ids: string[] = [];
  const points = Math.ceil(plan.pointsCents / POINT_VALUE_MINOR_UNITS);
  try {
    if (points > 0) {
      const hold = await holdLoyaltyPoints(ctx, cart.customerId, points, cart.id, `${key}:points`);
      if (!hold.ok) throw new DomainError(hold.code, hold.message, ['input', 'redeemPoints']);
      ids.push(hold.holdId);
    }
    if (plan.storeCreditCents > 0) {
      const amount = { cents: plan.storeCreditCents, currency: pricing.currency };
      const hold = await holdStoreCredit(ctx, cart.customerId, amount, cart.id, `${key}:store-credit`);
      if (!hold.ok) throw new DomainError(hold.code, hold.message, ['input', 'useStoreCredit']);
      ids.push(hold.holdId);
    }
  } catch (error) {
    await Promise.all(ids.map((id) => releaseLoyaltyHold(ctx, id).catch(() => undefined)));
    throw error;
  }
  return { ids, tenders: { redeemedPoints: points, pointsCents: plan.pointsCents, storeCreditCents: plan.storeCreditCents } };
}
