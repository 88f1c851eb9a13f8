import { randomUUID } from 'node:crypto';
import { DomainError, inTransaction, type Channel, type ServiceContext } from '@omni/platform';
import { Cart, CartLineRow, CartStatus } from '../entities/cart';
import { requestHash } from '../domain/idempotency';
import { type Order } from '../entities/order';
import { catalogMarket, catalogPrices, priceCartWithCatalog, resolveCustomerId, type CartPricing } from '../peers';
import { subscriptionCodes } from './order-pricing';
import { placeOrder, replayOf, type OrderRequest } from './place-order';
import type { TenderRequest } from './tenders';

async function openCart(ctx: ServiceContext, cartId: string): Promise<Cart> {
  const cart = await ctx.db.getRepository(Cart).findOneBy({ id: cartId });
  if (!cart) throw new DomainError('UNKNOWN_CART', `no cart ${cartId}`, ['cartId']);
  if (cart.storedStatus === CartStatus.CHECKED_OUT)
    throw new DomainError('CART_CHECKED_OUT', 'the cart was already checked out', ['cartId']);
  return cart;
}

export async function createCart(
  ctx: ServiceContext,
  input: { customerId?: string | null; channel: Channel; market?: string | null },
): Promise<Cart> {
  let customerId: string | null = null;
  if (input.customerId) {
    customerId = await resolveCustomerId(ctx, input.customerId);
    if (!customerId) throw new DomainError('UNKNOWN_CUSTOMER', `no customer ${input.customerId}`, ['input', 'customerId']);
  }
  let market: string | null = null;
  if (input.market?.trim()) {
    const code = input.market.trim().toUpperCase();
    if (code.length > 20 || !(await catalogMarket(ctx, code))) {
      throw new DomainError('UNKNOWN_MARKET', `no market ${code}`, ['input', 'market']);
    }
    market = code;
  }
  const now = new Date();
  const cart = ctx.db.getRepository(Cart).create({
    id: randomUUID(),
    customerId,
    channel: input.channel,
    market,
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
  // In a market, only what its price list (or the market's own currency) prices: NOT_SOLD_IN_MARKET otherwise.
  if (cart.market) {
    const line = { sku, quantity };
    await priceCartWithCatalog(ctx, {
      channel: cart.channel,
      customerId: null,
      couponCodes: [],
      lines: [line],
      market: cart.market,
    }).catch((error: unknown) => {
      if (error instanceof DomainError) throw new DomainError(error.code, error.message, ['sku']);
      throw error;
    });
  }
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

/** Sets a line to `quantity` units (0 removes it; a SKU not in the cart is added). */
export async function setCartLine(ctx: ServiceContext, cartId: string, sku: string, quantity: number): Promise<Cart> {
  if (!Number.isSafeInteger(quantity) || quantity < 0)
    throw new DomainError('INVALID_QUANTITY', 'a quantity is a whole number, 0 removes the line', ['quantity']);
  const cart = await openCart(ctx, cartId);
  const existing = await ctx.db.getRepository(CartLineRow).findOneBy({ cartId, sku });
  if (!existing) {
    if (quantity === 0) throw new DomainError('UNKNOWN_LINE', `the cart has no ${sku}`, ['sku']);
    return addCartLine(ctx, cartId, sku, quantity);
  }
  return inTransaction(ctx.db, async (manager) => {
    if (quantity === 0) await manager.delete(CartLineRow, { cartId, sku });
    else await manager.update(CartLineRow, { cartId, sku }, { quantity });
    cart.updatedAt = new Date();
    await manager.update(Cart, { id: cartId }, { updatedAt: cart.updatedAt });
    return cart;
  });
}

/** Takes a coupon off the cart (a code not on it is `INVALID_COUPON`). */
export async function removeCoupon(ctx: ServiceContext, cartId: string, code: string): Promise<Cart> {
  const cart = await openCart(ctx, cartId);
  const normalized = code.trim().toUpperCase();
  if (!cart.couponCodes.includes(normalized))
    throw new DomainError('INVALID_COUPON', `coupon ${normalized} is not on this cart`, ['code']);
  cart.couponCodes = cart.couponCodes.filter((c) => c !== normalized);
  cart.updatedAt = new Date();
  await ctx.db.getRepository(Cart).update({ id: cartId }, { couponCodes: cart.couponCodes, updatedAt: cart.updatedAt });
  return cart;
}

export async function cartLines(ctx: ServiceContext, cartId: string): Promise<CartLineRow[]> {
  return ctx.db.getRepository(CartLineRow).find({ where: { cartId }, order: { position: 'ASC' } });
}

export async function priceOf(
  ctx: ServiceContext,
  cart: Cart,
  lines: CartLineRow[],
  couponCodes = cart.couponCodes,
): Promise<CartPricing> {
  const pricing = await priceCartWithCatalog(ctx, {
    channel: cart.channel,
    customerId: cart.customerId,
    couponCodes,
    lines,
    market: cart.market,
  });
  // An empty cart in a market shows its zeros in the market's currency.
  if (lines.length === 0 && cart.market) {
    const market = await catalogMarket(ctx, cart.market);
    if (market) return { ...pricing, currency: market.currency };
  }
  return pricing;
}

/** Keeps a coupon on the cart only when the catalog's promotion rules accept it for this cart. */
export async function applyCoupon(ctx: ServiceContext, cartId: string, code: string): Promise<Cart> {
  const cart = await openCart(ctx, cartId);
  const normalized = code.trim().toUpperCase();
  if (!normalized) throw new DomainError('INVALID_COUPON', 'a coupon code is required', ['code']);
  // Subscribe-and-save is for subscription orders: a cart cannot take its code.
  if (subscriptionCodes().includes(normalized)) {
    throw new DomainError('INVALID_COUPON', `coupon ${normalized} is for subscription orders only`, ['code']);
  }
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

export interface CheckoutRequest extends TenderRequest {
  cartId: string;
  idempotencyKey: string;
  fulfillment: OrderRequest['fulfillment'];
  email?: string | null;
}

/** A cart's checkout key belongs to the cart's owner: the customer, or the guest cart itself. */
function checkoutScope(cart: Cart): string {
  return cart.customerId ? `customer:${cart.customerId}` : `cart:${cart.id}`;
}

/**
 * The cart becomes an order, once: placed like any order (same prices, promotions and tenders),
 * and the cart is closed in the order's own transaction.
 */
export async function checkout(ctx: ServiceContext, request: CheckoutRequest): Promise<Order> {
  const cart = await ctx.db.getRepository(Cart).findOneBy({ id: request.cartId });
  if (!cart) throw new DomainError('UNKNOWN_CART', `no cart ${request.cartId}`, ['input', 'cartId']);
  const scope = checkoutScope(cart);
  const fingerprint = { ...request, idempotencyKey: undefined };
  if (cart.storedStatus === CartStatus.CHECKED_OUT) {
    const earlier = await replayOf(ctx, scope, request.idempotencyKey.trim(), requestHash(fingerprint));
    if (earlier) return earlier;
    throw new DomainError('CART_CHECKED_OUT', 'the cart was already checked out', ['input', 'cartId']);
  }
  if (!cart.customerId && !request.email?.trim())
    throw new DomainError('EMAIL_REQUIRED', 'a guest checkout needs an email address', ['input', 'email']);
  const lines = await cartLines(ctx, cart.id);
  if (lines.length === 0) throw new DomainError('EMPTY_CART', 'the cart has no lines', ['input', 'cartId']);
  return placeOrder(
    ctx,
    {
      ...request,
      customerId: cart.customerId,
      channel: cart.channel,
      lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      couponCodes: cart.couponCodes,
      market: cart.market,
    },
    {
      scope,
      fingerprint,
      beforeCommit: async (manager, order) => {
        const closed = await manager.update(
          Cart,
          { id: cart.id, storedStatus: CartStatus.OPEN },
          { storedStatus: CartStatus.CHECKED_OUT, orderId: order.id, updatedAt: new Date() },
        );
        if (!closed.affected) throw new DomainError('CART_CHECKED_OUT', 'the cart was already checked out', ['input', 'cartId']);
      },
    },
  );
}
