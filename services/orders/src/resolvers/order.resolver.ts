import {
  assertCanSeeCustomer,
  assertCanWorkAt,
  attempt,
  DomainError,
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
  requireScope,
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
import { OrderUserError } from './user-errors';

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
  @Field({ description: 'The SKU: the stock keeping unit that identifies this variant everywhere (carts, orders, stock).' })
  sku!: string;
}

@Directive('@key(fields: "id")')
@ObjectType('Location')
export class LocationRef {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: 'A page of orders, newest first.' })
export class OrderConnection extends Connection(Order) {}

@InputType({ description: 'Units of one SKU to order.' })
export class OrderLineInput {
  @Field({ description: 'The SKU.' })
  sku!: string;

  @Field(() => Int, { description: 'Units, at least 1.' })
  quantity!: number;

  @Field(() => String, {
    nullable: true,
    description: "A gift-card line's recipient: the codes are e-mailed there (default: the buyer).",
  })
  giftCardRecipientEmail?: string | null;
}

@InputType({ description: 'A postal address to ship to.' })
export class ShippingAddressInput {
  @Field({ description: 'Street and number (at most 200 characters).' })
  line1!: string;

  @Field({ description: 'City.' })
  city!: string;

  @Field({ description: 'Postal code.' })
  postalCode!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 country code, e.g. `DE`.' })
  country!: string;

  @Field(() => Number, {
    description: 'Latitude in decimal degrees, to route to the nearest location; null: routed by postal code.',
    nullable: true,
  })
  lat?: number | null;

  @Field(() => Number, { description: 'Longitude in decimal degrees; null: routed by postal code.', nullable: true })
  lng?: number | null;
}

@InputType({ description: 'How the shopper wants the goods.' })
export class FulfillmentRequestInput {
  @Field(() => FulfillmentType, { description: 'SHIP, PICKUP_IN_STORE or CARRY_OUT.' })
  type!: FulfillmentType;

  @Field(() => ID, { description: 'Required for PICKUP_IN_STORE (and CARRY_OUT): the store (`Location.id`).', nullable: true })
  pickupLocationId?: string | null;

  @Field(() => ShippingAddressInput, { description: 'Required for SHIP: where to deliver.', nullable: true })
  address?: ShippingAddressInput | null;

  @Field(() => DateScalar, {
    description: 'A requested delivery date (YYYY-MM-DD), in the future; null: as soon as possible.',
    nullable: true,
  })
  deliveryDate?: string | null;
}

@InputType({ description: 'A shopper named by what a partner knows of them: an email or a loyalty card.' })
export class ShopperReferenceInput {
  @Field(() => String, { description: "The shopper's e-mail; null: use `loyaltyCardNumber`.", nullable: true })
  email?: string | null;

  @Field(() => String, { description: "The shopper's loyalty card number; null: use `email`.", nullable: true })
  loyaltyCardNumber?: string | null;
}

@InputType({ description: 'An order placed directly (POS, call center, partners, marketplaces), without a cart.' })
export class PlaceOrderInput {
  @Field(() => ID, {
    description: 'The shopper (a shopper may name only themself); null: a guest order (or `customer` for partners).',
    nullable: true,
  })
  customerId?: string | null;

  @Field(() => ShopperReferenceInput, {
    nullable: true,
    description:
      'Instead of customerId: the shopper by email or loyalty card. Nobody holding it places a guest order (reached at the email); the answer does not say which.',
  })
  customer?: ShopperReferenceInput | null;

  @Field(() => Channel, { description: 'The channel it is placed in; prices follow it.' })
  channel!: Channel;

  @Field({
    description:
      'A key of your choosing, unique per attempt (at most 100 characters): a retry with the same key answers with the first result instead of acting twice.',
  })
  idempotencyKey!: string;

  @Field(() => String, {
    description:
      'Your own reference for the order, e.g. a marketplace order number (at most 100 characters), unique per channel; find the order again with `orderByExternalRef`.',
    nullable: true,
  })
  externalRef?: string | null;

  @Field(() => [OrderLineInput], { description: 'At least one line; each SKU once.' })
  lines!: OrderLineInput[];

  @Field(() => FulfillmentRequestInput, { description: 'How the shopper gets the goods.' })
  fulfillment!: FulfillmentRequestInput;

  @Field(() => [String], { nullable: true, description: 'Coupons, priced exactly as in a cart.' })
  couponCodes?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The market the order is sold in (`Market.code`): its prices and currency. Null: the market of the pickup or ' +
      'carry-out store, else the default market. UNKNOWN_MARKET, or MARKET_MISMATCH when the store is in another market.',
  })
  market?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "Points to redeem, at most (the customer's): a point pays the point value of the order's currency (loyalty's " +
      '`loyaltyCurrencies`; 0.01 of the currency without settings), and only the points needed are taken.',
  })
  redeemPoints?: number | null;

  @Field(() => Boolean, { nullable: true, description: "Pay from the customer's store credit." })
  useStoreCredit?: boolean | null;

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

@InputType({ description: 'A payment for what an order still owes (`balanceDue`).' })
export class CollectPaymentInput {
  @Field(() => ID, { description: 'The order (`Order.id`).' })
  orderId!: string;

  @Field(() => Channel, { description: 'The channel taking the payment.' })
  channel!: Channel;

  @Field(() => ExternalPaymentInput, { description: 'The payment method that pays the balance due.' })
  payment!: ExternalPaymentInput;
}

@ObjectType({ description: 'The result of `placeOrder`.' })
export class PlaceOrderPayload {
  @Field(() => Order, {
    description:
      'The order placed (or the one placed earlier with the same idempotency key); null when `userErrors` is not empty.',
    nullable: true,
  })
  order!: Order | null;

  @Field(() => [OrderUserError], { description: 'Why no order was placed; empty on success.' })
  userErrors!: UserError[];
}

registerEnumType(FulfillmentAction, {
  name: 'FulfillmentAction',
  description: 'A step staff take on a fulfillment.',
  valuesConfig: {
    PICK: { description: 'Staff started picking the goods (PENDING to PICKING).' },
    PACK: { description: 'The goods are packed (PICKING to PACKED).' },
    SHIP: { description: 'Handed to the carrier, with a tracking number (to SHIPPED).' },
    READY_FOR_PICKUP: { description: 'Ready at the store for the shopper (to READY_FOR_PICKUP).' },
    COLLECT: { description: 'The shopper collected the goods (to COLLECTED).' },
    DELIVER: { description: 'The carrier delivered the shipment (SHIPPED to DELIVERED).' },
    RECEIVE: { description: 'Ship to store: the pickup store received the goods sent from the source location.' },
  },
});

@InputType({ description: 'The next step of one fulfillment.' })
export class AdvanceFulfillmentInput {
  @Field(() => ID, { description: 'The fulfillment (`Fulfillment.id`).' })
  fulfillmentId!: string;

  @Field(() => FulfillmentAction, { description: "The step taken; it must follow from the fulfillment's status." })
  action!: FulfillmentAction;

  @Field(() => String, { nullable: true, description: 'Required to SHIP.' })
  trackingNumber?: string | null;
}

@ObjectType({ description: 'The result of an order mutation.' })
export class OrderPayload {
  @Field(() => Order, { description: 'The order after the change; null when `userErrors` is not empty.', nullable: true })
  order!: Order | null;

  @Field(() => [OrderUserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of `advanceFulfillment`.' })
export class AdvanceFulfillmentPayload {
  @Field(() => Fulfillment, {
    description: 'The fulfillment after the step; null when `userErrors` is not empty.',
    nullable: true,
  })
  fulfillment!: Fulfillment | null;

  @Field(() => [OrderUserError], { description: 'Why nothing changed; empty on success.' })
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
  @Query(() => Order, {
    description:
      "An order by id; null when there is none, FORBIDDEN when it is not the caller's. Its shopper, staff, or the partner that placed it.",
    nullable: true,
  })
  order(@Arg('id', () => ID, { description: 'The order id.' }) id: string, @Ctx() ctx: ServiceContext): Promise<Order | null> {
    return visibleOrder(ctx, id);
  }

  @Authorized()
  @Query(() => Order, {
    description:
      "An order by its number (as printed on receipts and e-mails); null when there is none, FORBIDDEN when it is not the caller's.",
    nullable: true,
  })
  async orderByNumber(
    @Arg('number', {
      description:
        "The order number, e.g. `W-7K2M-9QXD` (the letter before the first dash is the channel's); any case, spaces around it ignored.",
    })
    number: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<Order | null> {
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
    @Arg('channel', () => Channel, { description: 'The channel the order was placed in.' }) channel: Channel,
    @Arg('externalRef', { description: 'The reference given as `PlaceOrderInput.externalRef`.' }) externalRef: string,
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
    @Arg('email', { description: 'The e-mail given at checkout (any case).' }) email: string,
    @Arg('number', { description: 'The order number from the confirmation e-mail.' }) number: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<Order | null> {
    const normalized = email.trim().toLowerCase();
    if (!normalized || !number.trim()) return null;
    const order = await ctx.db.getRepository(Order).findOneBy({ number: number.trim().toUpperCase() });
    return order && order.customerId === null && order.email === normalized ? order : null;
  }

  @Authorized(Role.ASSOCIATE, Role.CSR, Role.PARTNER)
  @Mutation(() => PlaceOrderPayload, {
    description:
      'Orders taken outside the storefront cart: POS, call center, marketplace, partner (ASSOCIATE, CSR, PARTNER). ' +
      'userErrors: EMPTY_ORDER, INVALID_QUANTITY, UNKNOWN_SKU, DISCONTINUED_SKU, OUT_OF_STOCK, CUSTOMER_REQUIRED, UNKNOWN_CUSTOMER, ' +
      'INVALID_CUSTOMER_REFERENCE, INVALID_EMAIL, PICKUP_LOCATION_REQUIRED, ADDRESS_REQUIRED, INVALID_DELIVERY_DATE, INVALID_COUPON, ' +
      'INVALID_IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_REUSED, INVALID_EXTERNAL_REF, and the tender codes (INSUFFICIENT_FUNDS, INVALID_POINTS, ' +
      'UNKNOWN_GIFT_CARD, DUPLICATE_GIFT_CARD, INVALID_PAYMENT_TOKEN, UNKNOWN_PAYMENT_PROVIDER, PAYMENT_REQUIRED, CURRENCY_MISMATCH: a gift ' +
      'card or store credit in another currency without a conversion rate), and the market codes (UNKNOWN_MARKET, ' +
      'MARKET_MISMATCH, NOT_SOLD_IN_MARKET).',
  })
  async placeOrder(
    @Arg('input', () => PlaceOrderInput, { description: 'The order: shopper, channel, lines, fulfillment and tenders.' })
    input: PlaceOrderInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<PlaceOrderPayload> {
    if (hasRole(ctx.caller, Role.PARTNER) && !ctx.caller.partnerId) throw forbidden('a partner token must name its partner');
    requireScope(ctx.caller, 'orders:write');
    const { result, userErrors } = await attempt(() => {
      // A customer id would let a partner learn which ids exist (UNKNOWN_CUSTOMER); an email or
      // card reference places a guest order when nobody holds it, the same answer either way.
      if (hasRole(ctx.caller, Role.PARTNER) && input.customerId) {
        throw new DomainError('INVALID_CUSTOMER_REFERENCE', 'partners name the shopper by email or loyalty card (customer)', [
          'input',
          'customerId',
        ]);
      }
      return placeOrder(ctx, input);
    });
    return { order: result, userErrors };
  }

  @Authorized(Role.ASSOCIATE)
  @Mutation(() => AdvanceFulfillmentPayload, {
    description:
      'Staff at the fulfilling location move a fulfillment along. ' +
      'userErrors: UNKNOWN_FULFILLMENT, INVALID_TRANSITION, TRACKING_NUMBER_REQUIRED, SHIPMENT_HELD.',
  })
  async advanceFulfillment(
    @Arg('input', () => AdvanceFulfillmentInput, { description: 'The fulfillment and the step taken.' })
    input: AdvanceFulfillmentInput,
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
    @Arg('input', () => CollectPaymentInput, {
      description:
        'The order and the payment. userErrors: UNKNOWN_ORDER, NOTHING_DUE, CONCURRENT_CHANGE, and the payment codes (INVALID_PAYMENT_TOKEN, UNKNOWN_PAYMENT_PROVIDER).',
    })
    input: CollectPaymentInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<OrderPayload> {
    requireScope(ctx.caller, 'orders:write');
    await visibleOrder(ctx, input.orderId);
    const { result, userErrors } = await attempt(() => collectPayment(ctx, input));
    return { order: result, userErrors };
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR, Role.PARTNER)
  @Mutation(() => OrderPayload, {
    description: 'Cancels whatever has not shipped yet. userErrors: UNKNOWN_ORDER, ALREADY_CANCELLED, ALREADY_SHIPPED.',
  })
  async cancelOrder(
    @Arg('orderId', () => ID, { description: 'The order (`Order.id`).' }) orderId: string,
    @Arg('channel', () => Channel, { description: 'The channel cancelling (recorded in the order history).' }) channel: Channel,
    @Arg('reason', () => String, { description: 'Why, for the order history; null: no reason given.', nullable: true })
    reason: string | null,
    @Ctx() ctx: ServiceContext,
  ): Promise<OrderPayload> {
    requireScope(ctx.caller, 'orders:write');
    await visibleOrder(ctx, orderId);
    const { result, userErrors } = await attempt(() => cancelOrder(ctx, orderId, channel, reason));
    return { order: result, userErrors };
  }

  @FieldResolver(() => CustomerRef, {
    description: 'The shopper; null for a guest order, and always null for partners.',
    nullable: true,
  })
  customer(@Root() order: Order, @Ctx() ctx: ServiceContext): CustomerRef | null {
    // A partner sees none of the shopper: not even whether there is one (a guest order looks the same).
    if (hasRole(ctx.caller, Role.PARTNER) && !canSeeCustomer(ctx.caller, order.customerId)) {
      throw forbidden("a partner sees none of the shopper's data");
    }
    return order.customerId ? { id: order.customerId } : null;
  }

  @FieldResolver(() => [OrderLine], { description: 'Its lines in the order placed, cancelled ones included.' })
  lines(@Root() order: Order, @Ctx() ctx: ServiceContext): Promise<OrderLine[]> {
    return linesByOrder(ctx).load(order.id);
  }

  @FieldResolver(() => [Fulfillment], { description: 'How its lines reach the shopper: one fulfillment per location and way.' })
  fulfillments(@Root() order: Order, @Ctx() ctx: ServiceContext): Promise<Fulfillment[]> {
    return fulfillmentsByOrder(ctx).load(order.id);
  }

  @FieldResolver(() => [OrderHistoryEntry], {
    description: 'Who did what to the order, when and from which channel, oldest first.',
  })
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
  @FieldResolver(() => VariantRef, { description: 'The variant from the catalog.', nullable: true })
  variant(@Root() line: OrderLine): VariantRef {
    return { sku: line.sku };
  }
}

@Resolver(() => Fulfillment)
export class FulfillmentResolver {
  @FieldResolver(() => LocationRef, {
    description: 'The location that fulfills it (ships or hands over); null until routed.',
    nullable: true,
  })
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

  @FieldResolver(() => [FulfillmentLine], { description: 'The SKUs and units it carries.' })
  lines(@Root() fulfillment: Fulfillment, @Ctx() ctx: ServiceContext): Promise<FulfillmentLine[]> {
    return linesByFulfillment(ctx).load(fulfillment.id);
  }

  @FieldResolver(() => Order, {
    nullable: true,
    description:
      "The order it belongs to (number, shopper), e.g. for a store's work queue; FORBIDDEN when the order is not the caller's to see.",
  })
  order(@Root() fulfillment: Fulfillment, @Ctx() ctx: ServiceContext): Promise<Order | null> {
    return visibleOrder(ctx, fulfillment.orderId);
  }
}

@Resolver(() => CustomerRef)
export class CustomerOrdersResolver {
  @FieldResolver(() => OrderConnection, {
    nullable: true,
    description: "The customer's orders from every channel, newest first.",
  })
  async orders(
    @Root() customer: CustomerRef,
    @Ctx() ctx: ServiceContext,
    @Arg('first', () => Int, { description: 'Page size, default 20, at most 100.', nullable: true }) first?: number | null,
    @Arg('after', () => String, { description: 'The `endCursor` of the previous page; null: the newest orders.', nullable: true })
    after?: string | null,
    @Arg('channel', () => Channel, { description: 'Only orders placed in this channel; null: every channel.', nullable: true })
    channel?: Channel | null,
    @Arg('status', () => OrderStatus, { description: 'Only orders in this status; null: every status.', nullable: true })
    status?: OrderStatus | null,
  ): Promise<OrderConnection> {
    assertCanSeeCustomer(ctx.caller, customer.id);
    const args = { first: pageSize(first), after: decodeCursor(after), channel, status };
    const page = await customerOrderPages(ctx, args).load(customer.id);
    const cursorOf = (order: Order) => encodeCursor(cursorKey(order, ORDER_SORT));
    return toConnection(page, cursorOf);
  }
}
