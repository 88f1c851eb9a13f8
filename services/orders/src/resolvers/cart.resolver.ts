import {
  assertCanSeeCustomer,
  attempt,
  Channel,
  defineLoader,
  groupedByKey,
  Money,
  type ServiceContext,
  UserError,
} from '@omni/platform';
import DataLoader from 'dataloader';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { In, LessThan, MoreThanOrEqual } from 'typeorm';
import { addCartLine, applyCoupon, checkout, createCart, priceOf, removeCoupon, setCartLine } from '../commands/cart';
import { assertCanUseCart } from '../domain/access';
import { abandonCutoff, cartStatus } from '../domain/cart';
import { Cart, CartLineRow, CartStatus } from '../entities/cart';
import { Order } from '../entities/order';
import type { CartPricing } from '../peers';
import { orderSettings } from '../settings';
import { CustomerRef, ExternalPaymentInput, FulfillmentRequestInput, VariantRef } from './order.resolver';
import { OrderUserError } from './user-errors';

const linesByCart = defineLoader(
  'linesByCart',
  (ctx) =>
    new DataLoader<string, CartLineRow[]>(async (ids) => {
      const rows = await ctx.db.getRepository(CartLineRow).find({ where: { cartId: In([...ids]) }, order: { position: 'ASC' } });
      return groupedByKey(ids, rows, (l) => l.cartId);
    }),
);

const cartPricing = defineLoader(
  'cartPricing',
  (ctx) =>
    new DataLoader<Cart, CartPricing, string>(
      (carts) => Promise.all(carts.map(async (c) => priceOf(ctx, c, await linesByCart(ctx).load(c.id)))),
      {
        cacheKeyFn: (c) => c.id,
      },
    ),
);

@ObjectType('CartLine', { description: 'One SKU in a cart with its quantity.' })
export class CartLineView {
  @Field({ description: 'The SKU.' })
  sku!: string;

  @Field(() => Int, { description: 'Units, at least 1.' })
  quantity!: number;

  cart!: Cart;
}

@InputType({ description: 'A new cart.' })
export class CreateCartInput {
  @Field(() => ID, {
    description: 'The shopper it belongs to (a shopper may name only themself); null: a guest cart.',
    nullable: true,
  })
  customerId?: string | null;

  @Field(() => Channel, { description: 'The channel the cart is created in; prices follow it.' })
  channel!: Channel;

  @Field(() => String, {
    nullable: true,
    description:
      'The market the shopper buys in (`Market.code`, e.g. `DE`): the cart is priced from its price list and in its ' +
      "currency (UNKNOWN_MARKET when there is none). Null: the default market (the variants' own prices).",
  })
  market?: string | null;
}

@InputType({ description: 'How to turn a cart into an order: fulfillment and tenders.' })
export class CheckoutInput {
  @Field(() => ID, { description: 'The cart (`Cart.id`).' })
  cartId!: string;

  @Field({
    description:
      'A key of your choosing, unique per attempt (at most 100 characters): a retry with the same key answers with the first result instead of acting twice.',
  })
  idempotencyKey!: string;

  @Field(() => Int, {
    description:
      "Loyalty points to spend, at most: a point pays the point value of the order's currency (loyalty's " +
      '`loyaltyCurrencies`; 0.01 of the currency without settings), and only the points needed are taken; null: none.',
    nullable: true,
  })
  redeemPoints?: number | null;

  @Field(() => Boolean, { description: "true: spend the shopper's store credit first; null or false: do not.", nullable: true })
  useStoreCredit?: boolean | null;

  @Field(() => FulfillmentRequestInput, { description: 'How the shopper gets the goods: ship, pick up in store or carry out.' })
  fulfillment!: FulfillmentRequestInput;

  @Field(() => [String], { nullable: true, description: 'Gift cards to spend, in this order.' })
  giftCardCodes?: string[] | null;

  @Field(() => ExternalPaymentInput, { nullable: true, description: 'Pays what the other tenders leave.' })
  payment?: ExternalPaymentInput | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "Instead of `payment`: one of the shopper's saved payment methods (`SavedPaymentMethod.id`) pays what the other tenders leave. " +
      'Only the shopper and staff serving them (PAYMENT_METHOD_NOT_ALLOWED otherwise); UNKNOWN_PAYMENT_METHOD, CARD_EXPIRED, PAYMENT_CONFLICT (both given).',
  })
  paymentMethodId?: string | null;

  @Field(() => String, { nullable: true, description: 'Required for a guest cart: how the guest finds the order again.' })
  email?: string | null;
}

@ObjectType({ description: 'The result of a cart mutation.' })
export class CartPayload {
  @Field(() => Cart, { description: 'The cart after the change; null when `userErrors` is not empty.', nullable: true })
  cart!: Cart | null;

  @Field(() => [OrderUserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of `checkout`.' })
export class CheckoutPayload {
  @Field(() => Order, { description: 'The order placed; null when `userErrors` is not empty.', nullable: true })
  order!: Order | null;

  @Field(() => [OrderUserError], { description: 'Why no order was placed; empty on success.' })
  userErrors!: UserError[];
}

const money = (cents: number, pricing: CartPricing) => Money.of(cents, pricing.currency);

/** Guests use their cart by its id; a customer's cart is theirs and staff's (FORBIDDEN otherwise). */
export async function usableCart(ctx: ServiceContext, cartId: string): Promise<Cart | null> {
  const cart = await ctx.db.getRepository(Cart).findOneBy({ id: cartId });
  assertCanUseCart(ctx.caller, cart);
  return cart;
}

/** Anyone, signed in or not, may shop: a cart without a customer is a guest cart. */
@Resolver(() => Cart)
export class CartResolver {
  @Mutation(() => CartPayload, {
    description:
      'Creates an empty cart, a guest cart without `customerId`, in a market when `market` is given. Anyone may call it. userErrors: UNKNOWN_CUSTOMER, UNKNOWN_MARKET.',
  })
  async createCart(
    @Arg('input', () => CreateCartInput, { description: 'The channel and, optionally, the shopper.' }) input: CreateCartInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<CartPayload> {
    if (input.customerId) assertCanSeeCustomer(ctx.caller, input.customerId);
    const { result, userErrors } = await attempt(() => createCart(ctx, input));
    return { cart: result, userErrors };
  }

  @Mutation(() => CartPayload, {
    description:
      "Adds units of a SKU to a cart (to its line when the SKU is there already). Anyone holding the cart id (a shopper's cart: them and staff). userErrors: UNKNOWN_CART, CART_CHECKED_OUT, UNKNOWN_SKU, DISCONTINUED_SKU, INVALID_QUANTITY, NOT_SOLD_IN_MARKET (no price in the cart's market).",
  })
  async addCartLine(
    @Arg('cartId', () => ID, { description: 'The cart (`Cart.id`).' }) cartId: string,
    @Arg('sku', { description: 'The SKU.' }) sku: string,
    @Arg('quantity', () => Int, { description: 'Units to add, at least 1.' }) quantity: number,
    @Ctx() ctx: ServiceContext,
  ): Promise<CartPayload> {
    await usableCart(ctx, cartId);
    const { result, userErrors } = await attempt(() => addCartLine(ctx, cartId, sku, quantity));
    return { cart: result, userErrors };
  }

  @Query(() => Cart, {
    nullable: true,
    description: 'A cart by its id: a guest cart for whoever holds the id, a customer’s for them and staff.',
  })
  cart(@Arg('id', () => ID, { description: 'The cart id.' }) id: string, @Ctx() ctx: ServiceContext): Promise<Cart | null> {
    return usableCart(ctx, id);
  }

  @Mutation(() => CartPayload, {
    description:
      'Sets a line to a quantity: 0 removes it, a SKU not in the cart is added. Anyone holding the cart id. ' +
      'userErrors: UNKNOWN_CART, CART_CHECKED_OUT, UNKNOWN_SKU, DISCONTINUED_SKU, INVALID_QUANTITY.',
  })
  async updateCartLine(
    @Arg('cartId', () => ID, { description: 'The cart (`Cart.id`).' }) cartId: string,
    @Arg('sku', { description: 'The SKU of the line.' }) sku: string,
    @Arg('quantity', () => Int, { description: 'The new quantity; 0 removes the line.' }) quantity: number,
    @Ctx() ctx: ServiceContext,
  ): Promise<CartPayload> {
    await usableCart(ctx, cartId);
    const { result, userErrors } = await attempt(() => setCartLine(ctx, cartId, sku, quantity));
    return { cart: result, userErrors };
  }

  @Mutation(() => CartPayload, {
    description:
      'Takes a coupon off a cart. Anyone holding the cart id. userErrors: UNKNOWN_CART, CART_CHECKED_OUT, INVALID_COUPON.',
  })
  async removeCoupon(
    @Arg('cartId', () => ID, { description: 'The cart (`Cart.id`).' }) cartId: string,
    @Arg('code', { description: 'The coupon code, any case.' }) code: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<CartPayload> {
    await usableCart(ctx, cartId);
    const { result, userErrors } = await attempt(() => removeCoupon(ctx, cartId, code));
    return { cart: result, userErrors };
  }

  @Mutation(() => CartPayload, {
    description:
      'Applies a coupon code to a cart; the cart is priced again. Anyone holding the cart id. userErrors: UNKNOWN_CART, CART_CHECKED_OUT, INVALID_COUPON (unknown, expired, not for this channel or tier, or the cart below its minimum).',
  })
  async applyCoupon(
    @Arg('cartId', () => ID, { description: 'The cart (`Cart.id`).' }) cartId: string,
    @Arg('code', { description: 'The coupon code, any case.' }) code: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<CartPayload> {
    await usableCart(ctx, cartId);
    const { result, userErrors } = await attempt(() => applyCoupon(ctx, cartId, code));
    return { cart: result, userErrors };
  }

  @Mutation(() => CheckoutPayload, { description: 'Turns a cart into an order, once per idempotency key.' })
  async checkout(
    @Arg('input', () => CheckoutInput, {
      description:
        'The cart, fulfillment and tenders. userErrors: UNKNOWN_CART, CART_CHECKED_OUT, EMPTY_CART, EMAIL_REQUIRED, UNKNOWN_SKU, DISCONTINUED_SKU, PICKUP_LOCATION_REQUIRED, OUT_OF_STOCK, IDEMPOTENCY_KEY_REUSED, INVALID_IDEMPOTENCY_KEY, and the tender codes (INSUFFICIENT_FUNDS, INVALID_POINTS, UNKNOWN_GIFT_CARD, DUPLICATE_GIFT_CARD, INVALID_PAYMENT_TOKEN, UNKNOWN_PAYMENT_PROVIDER, PAYMENT_REQUIRED, CURRENCY_MISMATCH: a gift card or store credit in another currency without a conversion rate), and the market codes (NOT_SOLD_IN_MARKET, MARKET_MISMATCH: the pickup store is in another market than the cart).',
    })
    input: CheckoutInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<CheckoutPayload> {
    await usableCart(ctx, input.cartId);
    const { result, userErrors } = await attempt(() => checkout(ctx, input));
    return { order: result, userErrors };
  }

  @FieldResolver(() => CartStatus, { description: 'OPEN, ABANDONED (open but untouched for a while) or CHECKED_OUT.' })
  status(@Root() cart: Cart): CartStatus {
    return cartStatus(cart.storedStatus, cart.updatedAt, new Date(), orderSettings().CART_ABANDON_AFTER_HOURS);
  }

  @FieldResolver(() => CustomerRef, { description: 'The shopper; null for a guest cart.', nullable: true })
  customer(@Root() cart: Cart): CustomerRef | null {
    return cart.customerId ? { id: cart.customerId } : null;
  }

  @FieldResolver(() => [CartLineView], { description: 'The lines in the order they were added.' })
  async lines(@Root() cart: Cart, @Ctx() ctx: ServiceContext): Promise<CartLineView[]> {
    const rows = await linesByCart(ctx).load(cart.id);
    return rows.map((row) => Object.assign(new CartLineView(), { sku: row.sku, quantity: row.quantity, cart }));
  }

  @FieldResolver(() => Money, { description: 'Sum of the lines at current channel prices, before discounts (minor units).' })
  async subtotal(@Root() cart: Cart, @Ctx() ctx: ServiceContext): Promise<Money> {
    const pricing = await cartPricing(ctx).load(cart);
    return money(pricing.subtotalCents, pricing);
  }

  @FieldResolver(() => Money, {
    description: 'What the promotions and coupons take off the subtotal (minor units, zero or positive).',
  })
  async discount(@Root() cart: Cart, @Ctx() ctx: ServiceContext): Promise<Money> {
    const pricing = await cartPricing(ctx).load(cart);
    return money(pricing.discountCents, pricing);
  }

  @FieldResolver(() => Money, {
    description: 'Subtotal minus discount: what checkout charges before points, gift cards and store credit.',
  })
  async total(@Root() cart: Cart, @Ctx() ctx: ServiceContext): Promise<Money> {
    const pricing = await cartPricing(ctx).load(cart);
    return money(pricing.totalCents, pricing);
  }
}

@Resolver(() => CartLineView)
export class CartLineResolver {
  @FieldResolver(() => VariantRef, { description: 'The variant (name, price, stock) from the catalog.', nullable: true })
  variant(@Root() line: CartLineView): VariantRef {
    return { sku: line.sku };
  }

  @FieldResolver(() => Money, { description: 'The price per unit for the cart’s channel, before discounts.' })
  async unitPrice(@Root() line: CartLineView, @Ctx() ctx: ServiceContext): Promise<Money> {
    const pricing = await cartPricing(ctx).load(line.cart);
    const priced = pricing.lines.find((l) => l.sku === line.sku);
    return money(priced?.unitPriceCents ?? 0, pricing);
  }
}

@Resolver(() => CustomerRef)
export class CustomerCartsResolver {
  @FieldResolver(() => [Cart], {
    nullable: true,
    description: 'Carts from every channel, most recently touched first; ABANDONED ones for associates and CSRs.',
  })
  carts(
    @Root() customer: CustomerRef,
    @Ctx() ctx: ServiceContext,
    @Arg('status', () => CartStatus, {
      description: 'Only carts in this status; null: every status staff may see.',
      nullable: true,
    })
    status?: CartStatus | null,
  ): Promise<Cart[]> {
    assertCanSeeCustomer(ctx.caller, customer.id);
    return cartsByCustomer(ctx, status ?? null).load(customer.id);
  }
}

function cartsByCustomer(ctx: ServiceContext, status: CartStatus | null) {
  return defineLoader(
    `cartsByCustomer:${status ?? 'ALL'}`,
    (c) =>
      new DataLoader<string, Cart[]>(async (ids) => {
        const cutoff = abandonCutoff(new Date(), orderSettings().CART_ABANDON_AFTER_HOURS);
        const where =
          status === CartStatus.ABANDONED
            ? { customerId: In([...ids]), storedStatus: CartStatus.OPEN, updatedAt: LessThan(cutoff) }
            : status === CartStatus.OPEN
              ? { customerId: In([...ids]), storedStatus: CartStatus.OPEN, updatedAt: MoreThanOrEqual(cutoff) }
              : status
                ? { customerId: In([...ids]), storedStatus: status }
                : { customerId: In([...ids]) };
        const rows = await c.db.getRepository(Cart).find({ where, order: { updatedAt: 'DESC' } });
        return groupedByKey(ids, rows, (cart) => cart.customerId!);
      }),
  )(ctx);
}
