import {
  assertCanSeeCustomer,
  assertCanWorkAt,
  attempt,
  canSeeCustomer,
  Channel,
  Connection,
  cursorKey,
  DateScalar,
  decodeCursor,
  encodeCursor,
  forbidden,
  hasRole,
  pageSize,
  Role,
  type ServiceContext,
  toConnection,
  UserError,
} from '@omni/platform';
import {
  Arg,
  Authorized,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
  Root,
} from 'type-graphql';
import { advanceFulfillment } from '../commands/advance-fulfillment';
import { cancelOrder } from '../commands/cancel-order';
import { collectPayment } from '../commands/collect-payment';
import { placeOrder } from '../commands/place-order';
import { assertCanSeeOrder } from '../domain/access';
import { actingLocation, FulfillmentAction } from '../domain/fulfillment';
import { FulfillmentType, OrderStatus } from '../domain/status';
import { Fulfillment, FulfillmentLine, Order, OrderHistoryEntry, OrderLine } from '../entities/order';
import {
  customerOrderPages,
  fulfillmentsByOrder,
  historyByOrder,
  linesByFulfillment,
  linesByOrder,
  orderById,
  ORDER_SORT,
  paymentsByOrder,
} from '../loaders';
import { OrderPayment } from '../entities/payment';

/** Entities owned elsewhere, referenced here by key. */
@Directive('@key(fields: "id")')
@ObjectType('Customer')
export class CustomerRef {
  @Field(() => ID)
  id!: string;
}

@Directive('@key(fields: "sku")')
@ObjectType('ProductVariant')
export class VariantRef {
  @Field()
  sku!: string;
}

@Directive('@key(fields: "id")')
@ObjectType('Location')
export class LocationRef {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
export class OrderConnection extends Connection(Order) {}

@InputType()
export class OrderLineInput {
  @Field()
  sku!: string;

  @Field(() => Int)
  quantity!: number;

  @Field(() => String, {
    nullable: true,
    description: "A gift-card line's recipient: the codes are e-mailed there (default: the buyer).",
  })
  giftCardRecipientEmail?: string | null;
}

@InputType()
export class ShippingAddressInput {
  @Field()
  line1!: string;

  @Field()
  city!: string;

  @Field()
  postalCode!: string;

  @Field()
  country!: string;

  @Field(() => Number, { nullable: true })
  lat?: number | null;

  @Field(() => Number, { nullable: true })
  lng?: number | null;
}

@InputType()
export class FulfillmentRequestInput {
  @Field(() => FulfillmentType)
  type!: FulfillmentType;

  @Field(() => ID, { nullable: true })
  pickupLocationId?: string | null;

  @Field(() => ShippingAddressInput, { nullable: true })
  address?: ShippingAddressInput | null;

  @Field(() => DateScalar, { nullable: true })
  deliveryDate?: string | null;
}

@InputType({ description: 'A shopper named by what a partner knows of them: an email or a loyalty card.' })
export class ShopperReferenceInput {
  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  loyaltyCardNumber?: string | null;
}

@InputType()
export class PlaceOrderInput {
  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => ShopperReferenceInput, {
    nullable: true,
    description:
      'Instead of customerId: the shopper by email or loyalty card. Nobody holding it places a guest order (reached at the email); the answer does not say which.',
  })
  customer?: ShopperReferenceInput | null;

  @Field(() => Channel)
  channel!: Channel;

  @Field()
  idempotencyKey!: string;

  @Field(() => String, { nullable: true })
  externalRef?: string | null;

  @Field(() => [OrderLineInput])
  lines!: OrderLineInput[];

  @Field(() => FulfillmentRequestInput)
  fulfillment!: FulfillmentRequestInput;

  @Field(() => [String], { nullable: true, description: 'Coupons, priced exactly as in a cart.' })
  couponCodes?: string[] | null;

  @Field(() => Int, { nullable: true, description: "Points to redeem (the customer's; 1 point = 0.01)." })
  redeemPoints?: number | null;

  @Field(() => Boolean, { nullable: true, description: "Pay from the customer's store credit." })
  useStoreCredit?: boolean | null;

  @Field(() => [String], { nullable: true, description: 'Gift cards to spend, in this order.' })
  giftCardCodes?: string[] | null;

  @Field(() => ExternalPaymentInput, { nullable: true, description: 'Pays what the other tenders leave.' })
  payment?: ExternalPaymentInput | null;
}

@InputType({ description: 'A card or cash payment through a payment provider.' })
export class ExternalPaymentInput {
  @Field({
    description: '`manual` (a payment taken elsewhere: a card terminal, a marketplace), `cash`, or a configured provider.',
  })
  provider!: string;

  @Field({ description: "The provider's token for the payment method (never a card number)." })
  token!: string;
}

@InputType()
export class CollectPaymentInput {
  @Field(() => ID)
  orderId!: string;

  @Field(() => Channel)
  channel!: Channel;

  @Field(() => ExternalPaymentInput)
  payment!: ExternalPaymentInput;
}

@ObjectType()
export class PlaceOrderPayload {
  @Field(() => Order, { nullable: true })
  order!: Order | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

registerEnumType(FulfillmentAction, { name: 'FulfillmentAction', description: 'A step staff take on a fulfillment.' });

@InputType()
export class AdvanceFulfillmentInput {
  @Field(() => ID)
  fulfillmentId!: string;

  @Field(() => FulfillmentAction)
  action!: FulfillmentAction;

  @Field(() => String, { nullable: true, description: 'Required to SHIP.' })
  trackingNumber?: string | null;
}

@ObjectType()
export class OrderPayload {
  @Field(() => Order, { nullable: true })
  order!: Order | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class AdvanceFulfillmentPayload {
  @Field(() => Fulfillment, { nullable: true })
  fulfillment!: Fulfillment | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

/** The order `id` names, when the caller may see it (FORBIDDEN otherwise); null when there is none. */
export async function visibleOrder(ctx: ServiceContext, id: string): Promise<Order | null> {
  const order = await orderById(ctx).load(id);
  assertCanSeeOrder(ctx.caller, order);
  return order;
}

@Resolver(() => Order)
export class OrderResolver {
  @Authorized()
  @Query(() => Order, { nullable: true })
  order(@Arg('id', () => ID) id: string, @Ctx() ctx: ServiceContext): Promise<Order | null> {
    return visibleOrder(ctx, id);
  }

  @Authorized()
  @Query(() => Order, { nullable: true })
  async orderByNumber(@Arg('number') number: string, @Ctx() ctx: ServiceContext): Promise<Order | null> {
    const order = await ctx.db.getRepository(Order).findOneBy({ number: number.trim().toUpperCase() });
    assertCanSeeOrder(ctx.caller, order);
    return order;
  }

  @Authorized(Role.ASSOCIATE, Role.CSR, Role.PARTNER)
  @Query(() => Order, {
    nullable: true,
    description:
      'The order a marketplace or partner knows by its own reference on that channel: a partner finds only the orders it placed, staff any (the newest when several share the reference).',
  })
  async orderByExternalRef(
    @Arg('channel', () => Channel) channel: Channel,
    @Arg('externalRef') externalRef: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<Order | null> {
    const ref = externalRef.trim();
    if (!ref) return null;
    const staff = hasRole(ctx.caller, Role.ASSOCIATE, Role.CSR, Role.SERVICE);
    if (!staff && !ctx.caller.partnerId) throw forbidden('a partner token must name its partner');
    // A partner's lookup is confined to its own orders: another partner's reference is simply not found.
    const order = await ctx.db.getRepository(Order).findOne({
      where: { channel, externalRef: ref, ...(staff ? {} : { partnerId: ctx.caller.partnerId! }) },
      order: { placedAt: 'DESC', id: 'DESC' },
    });
    assertCanSeeOrder(ctx.caller, order);
    return order;
  }

  @Query(() => Order, {
    nullable: true,
    description: 'A guest finds their order by the email given at checkout and its number (both must match).',
  })
  async guestOrder(
    @Arg('email') email: string,
    @Arg('number') number: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<Order | null> {
    const normalized = email.trim().toLowerCase();
    if (!normalized || !number.trim()) return null;
    const order = await ctx.db.getRepository(Order).findOneBy({ number: number.trim().toUpperCase() });
    return order && order.customerId === null && order.email === normalized ? order : null;
  }

  @Authorized(Role.ASSOCIATE, Role.CSR, Role.PARTNER)
  @Mutation(() => PlaceOrderPayload, {
    description: 'Orders taken outside the storefront cart: POS, call center, marketplace, partner.',
  })
  async placeOrder(
    @Arg('input', () => PlaceOrderInput) input: PlaceOrderInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<PlaceOrderPayload> {
    if (hasRole(ctx.caller, Role.PARTNER) && !ctx.caller.partnerId) throw forbidden('a partner token must name its partner');
    const { result, userErrors } = await attempt(() => placeOrder(ctx, input));
    return { order: result, userErrors };
  }

  @Authorized(Role.ASSOCIATE)
  @Mutation(() => AdvanceFulfillmentPayload, { description: 'Staff at the fulfilling location move a fulfillment along.' })
  async advanceFulfillment(
    @Arg('input', () => AdvanceFulfillmentInput) input: AdvanceFulfillmentInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<AdvanceFulfillmentPayload> {
    const fulfillment = await ctx.db.getRepository(Fulfillment).findOneBy({ id: input.fulfillmentId });
    if (fulfillment) assertCanWorkAt(ctx.caller, actingLocation(fulfillment, input.action));
    const { result, userErrors } = await attempt(() => advanceFulfillment(ctx, input));
    return { fulfillment: result, userErrors };
  }

  @Authorized(Role.ASSOCIATE, Role.CSR, Role.PARTNER)
  @Mutation(() => OrderPayload, {
    description:
      'Takes what an order still owes (at pickup, on delivery, an invoice): its whole balanceDue. NOTHING_DUE when paid.',
  })
  async collectPayment(
    @Arg('input', () => CollectPaymentInput) input: CollectPaymentInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<OrderPayload> {
    await visibleOrder(ctx, input.orderId);
    const { result, userErrors } = await attempt(() => collectPayment(ctx, input));
    return { order: result, userErrors };
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR, Role.PARTNER)
  @Mutation(() => OrderPayload, { description: 'Cancels whatever has not shipped yet.' })
  async cancelOrder(
    @Arg('orderId', () => ID) orderId: string,
    @Arg('channel', () => Channel) channel: Channel,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: ServiceContext,
  ): Promise<OrderPayload> {
    await visibleOrder(ctx, orderId);
    const { result, userErrors } = await attempt(() => cancelOrder(ctx, orderId, channel, reason));
    return { order: result, userErrors };
  }

  @FieldResolver(() => CustomerRef, { nullable: true })
  customer(@Root() order: Order, @Ctx() ctx: ServiceContext): CustomerRef | null {
    // A partner sees none of the shopper: not even whether there is one (a guest order looks the same).
    if (hasRole(ctx.caller, Role.PARTNER) && !canSeeCustomer(ctx.caller, order.customerId)) {
      throw forbidden("a partner sees none of the shopper's data");
    }
    return order.customerId ? { id: order.customerId } : null;
  }

  @FieldResolver(() => [OrderLine])
  lines(@Root() order: Order, @Ctx() ctx: ServiceContext): Promise<OrderLine[]> {
    return linesByOrder(ctx).load(order.id);
  }

  @FieldResolver(() => [Fulfillment])
  fulfillments(@Root() order: Order, @Ctx() ctx: ServiceContext): Promise<Fulfillment[]> {
    return fulfillmentsByOrder(ctx).load(order.id);
  }

  @FieldResolver(() => [OrderHistoryEntry])
  history(@Root() order: Order, @Ctx() ctx: ServiceContext): Promise<OrderHistoryEntry[]> {
    return historyByOrder(ctx).load(order.id);
  }

  @FieldResolver(() => [OrderPayment], { description: 'Every tender the order was paid with, and what went back to each.' })
  payments(@Root() order: Order, @Ctx() ctx: ServiceContext): Promise<OrderPayment[]> {
    return paymentsByOrder(ctx).load(order.id);
  }
}

@Resolver(() => OrderLine)
export class OrderLineResolver {
  @FieldResolver(() => VariantRef)
  variant(@Root() line: OrderLine): VariantRef {
    return { sku: line.sku };
  }
}

@Resolver(() => Fulfillment)
export class FulfillmentResolver {
  @FieldResolver(() => LocationRef, { nullable: true })
  location(@Root() fulfillment: Fulfillment): LocationRef | null {
    return fulfillment.locationId ? { id: fulfillment.locationId } : null;
  }

  @FieldResolver(() => LocationRef, {
    nullable: true,
    description:
      'Where the goods are picked: the same as `location`, except for ship to store (a pickup whose stock travels from here).',
  })
  sourceLocation(@Root() fulfillment: Fulfillment): LocationRef | null {
    const id = fulfillment.sourceLocationId ?? fulfillment.locationId;
    return id ? { id } : null;
  }

  @FieldResolver(() => [FulfillmentLine])
  lines(@Root() fulfillment: Fulfillment, @Ctx() ctx: ServiceContext): Promise<FulfillmentLine[]> {
    return linesByFulfillment(ctx).load(fulfillment.id);
  }
}

@Resolver(() => CustomerRef)
export class CustomerOrdersResolver {
  @FieldResolver(() => OrderConnection, { description: "The customer's orders from every channel, newest first." })
  async orders(
    @Root() customer: CustomerRef,
    @Ctx() ctx: ServiceContext,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('channel', () => Channel, { nullable: true }) channel?: Channel | null,
    @Arg('status', () => OrderStatus, { nullable: true }) status?: OrderStatus | null,
  ): Promise<OrderConnection> {
    assertCanSeeCustomer(ctx.caller, customer.id);
    const args = { first: pageSize(first), after: decodeCursor(after), channel, status };
    const page = await customerOrderPages(ctx, args).load(customer.id);
    const cursorOf = (order: Order) => encodeCursor(cursorKey(order, ORDER_SORT));
    return toConnection(page, cursorOf);
  }
}
