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

@ObjectType('CartLine')
export class CartLineView {
  @Field()
  sku!: string;

  @Field(() => Int)
  quantity!: number;

  cart!: Cart;
}

@InputType()
export class CreateCartInput {
  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => Channel)
  channel!: Channel;
}

@InputType()
export class CheckoutInput {
  @Field(() => ID)
  cartId!: string;

  @Field()
  idempotencyKey!: string;

  @Field(() => Int, { nullable: true })
  redeemPoints?: number | null;

  @Field(() => Boolean, { nullable: true })
  useStoreCredit?: boolean | null;

  @Field(() => FulfillmentRequestInput)
  fulfillment!: FulfillmentRequestInput;

  @Field(() => [String], { nullable: true, description: 'Gift cards to spend, in this order.' })
  giftCardCodes?: string[] | null;

  @Field(() => ExternalPaymentInput, { nullable: true, description: 'Pays what the other tenders leave.' })
  payment?: ExternalPaymentInput | null;

  @Field(() => String, { nullable: true, description: 'Required for a guest cart: how the guest finds the order again.' })
  email?: string | null;
}

@ObjectType()
export class CartPayload {
  @Field(() => Cart, { nullable: true })
  cart!: Cart | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class CheckoutPayload {
  @Field(() => Order, { nullable: true })
  order!: Order | null;

  @Field(() => [UserError])
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
  @Mutation(() => CartPayload)
  async createCart(
    @Arg('input', () => CreateCartInput) input: CreateCartInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<CartPayload> {
    if (input.customerId) assertCanSeeCustomer(ctx.caller, input.customerId);
    const { result, userErrors } = await attempt(() => createCart(ctx, input));
    return { cart: result, userErrors };
  }

  @Mutation(() => CartPayload)
  async addCartLine(
    @Arg('cartId', () => ID) cartId: string,
    @Arg('sku') sku: string,
    @Arg('quantity', () => Int) quantity: number,
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
  cart(@Arg('id', () => ID) id: string, @Ctx() ctx: ServiceContext): Promise<Cart | null> {
    return usableCart(ctx, id);
  }

  @Mutation(() => CartPayload, { description: 'Sets a line to a quantity: 0 removes it, a SKU not in the cart is added.' })
  async updateCartLine(
    @Arg('cartId', () => ID) cartId: string,
    @Arg('sku') sku: string,
    @Arg('quantity', () => Int) quantity: number,
    @Ctx() ctx: ServiceContext,
  ): Promise<CartPayload> {
    await usableCart(ctx, cartId);
    const { result, userErrors } = await attempt(() => setCartLine(ctx, cartId, sku, quantity));
    return { cart: result, userErrors };
  }

  @Mutation(() => CartPayload)
  async removeCoupon(
    @Arg('cartId', () => ID) cartId: string,
    @Arg('code') code: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<CartPayload> {
    await usableCart(ctx, cartId);
    const { result, userErrors } = await attempt(() => removeCoupon(ctx, cartId, code));
    return { cart: result, userErrors };
  }

  @Mutation(() => CartPayload)
  async applyCoupon(
    @Arg('cartId', () => ID) cartId: string,
    @Arg('code') code: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<CartPayload> {
    await usableCart(ctx, cartId);
    const { result, userErrors } = await attempt(() => applyCoupon(ctx, cartId, code));
    return { cart: result, userErrors };
  }

  @Mutation(() => CheckoutPayload, { description: 'Turns a cart into an order, once per idempotency key.' })
  async checkout(@Arg('input', () => CheckoutInput) input: CheckoutInput, @Ctx() ctx: ServiceContext): Promise<CheckoutPayload> {
    await usableCart(ctx, input.cartId);
    const { result, userErrors } = await attempt(() => checkout(ctx, input));
    return { order: result, userErrors };
  }

  @FieldResolver(() => CartStatus)
  status(@Root() cart: Cart): CartStatus {
    return cartStatus(cart.storedStatus, cart.updatedAt, new Date(), orderSettings().CART_ABANDON_AFTER_HOURS);
  }

  @FieldResolver(() => CustomerRef, { nullable: true })
  customer(@Root() cart: Cart): CustomerRef | null {
    return cart.customerId ? { id: cart.customerId } : null;
  }

  @FieldResolver(() => [CartLineView])
  async lines(@Root() cart: Cart, @Ctx() ctx: ServiceContext): Promise<CartLineView[]> {
    const rows = await linesByCart(ctx).load(cart.id);
    return rows.map((row) => Object.assign(new CartLineView(), { sku: row.sku, quantity: row.quantity, cart }));
  }

  @FieldResolver(() => Money)
  async subtotal(@Root() cart: Cart, @Ctx() ctx: ServiceContext): Promise<Money> {
    const pricing = await cartPricing(ctx).load(cart);
    return money(pricing.subtotalCents, pricing);
  }

  @FieldResolver(() => Money)
  async discount(@Root() cart: Cart, @Ctx() ctx: ServiceContext): Promise<Money> {
    const pricing = await cartPricing(ctx).load(cart);
    return money(pricing.discountCents, pricing);
  }

  @FieldResolver(() => Money)
  async total(@Root() cart: Cart, @Ctx() ctx: ServiceContext): Promise<Money> {
    const pricing = await cartPricing(ctx).load(cart);
    return money(pricing.totalCents, pricing);
  }
}

@Resolver(() => CartLineView)
export class CartLineResolver {
  @FieldResolver(() => VariantRef)
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
    description: 'Carts from every channel, most recently touched first; ABANDONED ones for associates and CSRs.',
  })
  carts(
    @Root() customer: CustomerRef,
    @Ctx() ctx: ServiceContext,
    @Arg('status', () => CartStatus, { nullable: true }) status?: CartStatus | null,
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
