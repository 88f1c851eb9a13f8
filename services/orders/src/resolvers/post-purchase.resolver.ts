import {
  assertCanSeeCustomer,
  assertCanWorkAt,
  attempt,
  Channel,
  DateScalar,
  defineLoader,
  groupedByKey,
  Money,
  requireScope,
  Role,
  type ServiceContext,
  UserError,
} from '@omni/platform';
import DataLoader from 'dataloader';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
import { In } from 'typeorm';
import { modifyOrder } from '../commands/modify-order';
import { createReturn, receiveReturn } from '../commands/returns';
import { changeSubscription, createSubscription, runDueSubscriptions, updateSubscription } from '../commands/subscriptions';
import { subscriptionLines } from '../domain/subscriptions';
import { ReturnMethod, ReturnResolution } from '../domain/returns';
import { Order } from '../entities/order';
import { ReturnLine, ReturnRequest } from '../entities/return';
import { ReplenishmentSubscription, ReplenishmentSubscriptionLine } from '../entities/subscription';
import { orderById } from '../loaders';
import { subscriptionCodes } from '../commands/order-pricing';
import { priceCartWithCatalog, type CartPricing } from '../peers';
import {
  CustomerRef,
  ExternalPaymentInput,
  FulfillmentRequestInput,
  LocationRef,
  OrderPayload,
  ShippingAddressInput,
  visibleOrder,
} from './order.resolver';
import { OrderUserError } from './user-errors';

const returnsByCustomer = defineLoader(
  'returnsByCustomer',
  (ctx) =>
    new DataLoader<string, ReturnRequest[]>(async (ids) => {
      const rows = await ctx.db
        .getRepository(ReturnRequest)
        .find({ where: { customerId: In([...ids]) }, order: { createdAt: 'DESC', id: 'DESC' } });
      return groupedByKey(ids, rows, (r) => r.customerId!);
    }),
);

const linesByReturn = defineLoader(
  'linesByReturn',
  (ctx) =>
    new DataLoader<string, ReturnLine[]>(async (ids) => {
      const rows = await ctx.db.getRepository(ReturnLine).find({ where: { returnId: In([...ids]) }, order: { id: 'ASC' } });
      return groupedByKey(ids, rows, (l) => l.returnId);
    }),
);

/**
 * What a subscription's next order costs today: its lines through the catalog's `priceCartV1` with
 * the subscribe-and-save promotion, as the run will price it. One catalog call per subscription
 * asked, as for a cart; the order is priced again when it is placed.
 */
const subscriptionPricing = defineLoader(
  'subscriptionPricing',
  (ctx) =>
    new DataLoader<ReplenishmentSubscription, CartPricing, string>(
      (subscriptions) =>
        Promise.all(
          subscriptions.map((s) =>
            priceCartWithCatalog(ctx, {
              channel: s.channel,
              customerId: s.customerId,
              couponCodes: subscriptionCodes(),
              lines: subscriptionLines(s),
            }),
          ),
        ),
      { cacheKeyFn: (s) => s.id },
    ),
);

const subscriptionsByCustomer = defineLoader(
  'subscriptionsByCustomer',
  (ctx) =>
    new DataLoader<string, ReplenishmentSubscription[]>(async (ids) => {
      const rows = await ctx.db
        .getRepository(ReplenishmentSubscription)
        .find({ where: { customerId: In([...ids]) }, order: { createdAt: 'DESC', id: 'DESC' } });
      return groupedByKey(ids, rows, (s) => s.customerId);
    }),
);

@InputType({ description: 'Units of one order line to return.' })
export class ReturnLineInput {
  @Field(() => ID, { description: 'The order line (`OrderLine.id`), shipped or collected.' })
  orderLineId!: string;

  @Field(() => Int, { description: 'Units to return, at least 1 and at most what was shipped and not returned yet.' })
  quantity!: number;

  @Field({ description: 'Why, free text (at most 200 characters).' })
  reason!: string;

  @Field(() => String, { nullable: true, description: 'Required for an EXCHANGE: the SKU sent instead.' })
  exchangeSku?: string | null;
}

@InputType({ description: 'A return of shipped lines of one order.' })
export class CreateReturnInput {
  @Field(() => ID, { description: 'The order (`Order.id`).' })
  orderId!: string;

  @Field(() => Channel, { description: 'The channel the return is opened in (any: buy anywhere, return anywhere).' })
  channel!: Channel;

  @Field({
    description:
      'A key of your choosing, unique per attempt (at most 100 characters): a retry with the same key answers with the first result instead of acting twice.',
  })
  idempotencyKey!: string;

  @Field(() => ReturnMethod, { description: 'MAIL (a return label is issued) or IN_STORE.' })
  method!: ReturnMethod;

  @Field(() => ID, { nullable: true, description: 'The store an IN_STORE return is brought to.' })
  locationId?: string | null;

  @Field(() => ReturnResolution, { description: 'What the shopper gets back: REFUND, STORE_CREDIT or EXCHANGE.' })
  resolution!: ReturnResolution;

  @Field(() => [ReturnLineInput], { description: 'The lines and units returned, each with a reason.' })
  lines!: ReturnLineInput[];

  @Field(() => FulfillmentRequestInput, {
    nullable: true,
    description: "How an exchange's replacement reaches the shopper; by default shipped to their first address.",
  })
  exchangeFulfillment?: FulfillmentRequestInput | null;
}

@InputType({ description: 'Units received of one returned line.' })
export class ReceiveReturnLineInput {
  @Field(() => ID, { description: 'The order line (`OrderLine.id`).' })
  orderLineId!: string;

  @Field(() => Int, { description: 'Units received now, at least 1.' })
  quantity!: number;

  @Field(() => Boolean, { nullable: true, description: 'Back on sale at the receiving location; default true.' })
  restockable?: boolean | null;
}

@InputType({ description: 'What arrived of a return, and where.' })
export class ReceiveReturnInput {
  @Field(() => ID, { description: 'The return (`Return.id`).' })
  returnId!: string;

  @Field(() => ID, { description: 'The store or warehouse receiving it (`Location.id`).' })
  locationId!: string;

  @Field(() => [ReceiveReturnLineInput], { description: 'Units received per returned line.' })
  lines!: ReceiveReturnLineInput[];

  @Field(() => ExternalPaymentInput, {
    nullable: true,
    description: "Pays the difference when an exchange's replacement costs more than what came back.",
  })
  payment?: ExternalPaymentInput | null;
}

@ObjectType({ description: 'The result of a return mutation.' })
export class ReturnPayload {
  @Field(() => ReturnRequest, {
    description: 'The return after the change; null when `userErrors` is not empty.',
    nullable: true,
  })
  return!: ReturnRequest | null;

  @Field(() => [OrderUserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}

@InputType({ description: 'A change to one order line.' })
export class OrderLineChangeInput {
  @Field(() => ID, { description: 'The line (`OrderLine.id`).' })
  lineId!: string;

  @Field(() => Int, { nullable: true, description: '0 removes the line.' })
  quantity?: number | null;

  @Field(() => String, {
    description: 'Another SKU for the line (e.g. another size), at its current price; null: the same SKU.',
    nullable: true,
  })
  sku?: string | null;
}

@InputType({ description: 'Changes to an order that has not shipped.' })
export class ModifyOrderInput {
  @Field(() => ID, { description: 'The order (`Order.id`).' })
  orderId!: string;

  @Field(() => Channel, { description: 'The channel making the change (recorded in the order history).' })
  channel!: Channel;

  @Field(() => String, {
    description: 'Who makes the change, for the order history (e.g. a CSR name); null: the caller.',
    nullable: true,
  })
  actor?: string | null;

  @Field(() => [OrderLineChangeInput], { description: 'Per line: a new quantity (0 removes it) or another SKU.' })
  changes!: OrderLineChangeInput[];

  @Field(() => ShippingAddressInput, { description: 'A new shipping address; null: unchanged.', nullable: true })
  shippingAddress?: ShippingAddressInput | null;

  @Field(() => DateScalar, { description: 'A new requested delivery date (YYYY-MM-DD); null: unchanged.', nullable: true })
  deliveryDate?: string | null;

  @Field(() => ExternalPaymentInput, { nullable: true, description: 'Pays what the change adds when it costs more.' })
  payment?: ExternalPaymentInput | null;
}

@InputType({ description: 'One SKU a subscription orders each run.' })
export class SubscriptionLineInput {
  @Field({ description: 'The SKU.' })
  sku!: string;

  @Field(() => Int, { description: 'Units per run, at least 1.' })
  quantity!: number;
}

@InputType({ description: 'A new replenishment subscription.' })
export class CreateSubscriptionInput {
  @Field(() => ID, { description: 'The shopper (a shopper may name only themself).' })
  customerId!: string;

  @Field(() => Channel, { description: 'The channel its orders are placed in.' })
  channel!: Channel;

  @Field(() => String, { nullable: true, description: 'One SKU (or `lines` for several).' })
  sku?: string | null;

  @Field(() => Int, { description: 'Units per run of a single-SKU subscription; default 1.', nullable: true })
  quantity?: number | null;

  @Field(() => [SubscriptionLineInput], { nullable: true, description: 'Several SKUs, each once (instead of sku and quantity).' })
  lines?: SubscriptionLineInput[] | null;

  @Field(() => Int, { description: 'Days between two runs, at least 1.' })
  intervalDays!: number;

  @Field(() => DateScalar, { description: 'The date of the first run (YYYY-MM-DD), today or later.' })
  startOn!: string;

  @Field(() => FulfillmentRequestInput, { description: "How each run's order is fulfilled." })
  fulfillment!: FulfillmentRequestInput;
  @Field(() => ID, {
    nullable: true,
    description:
      "One of the shopper's saved payment methods (`SavedPaymentMethod.id`) that pays each order (after store credit, when used); null: paid on delivery or pickup. UNKNOWN_PAYMENT_METHOD, CARD_EXPIRED.",
  })
  paymentMethodId?: string | null;

  @Field(() => Boolean, { nullable: true, description: "true: pay each order from the shopper's store credit first; null: no." })
  useStoreCredit?: boolean | null;
}

@InputType({ description: 'Each part given replaces the current one; `lines` is the whole new set.' })
export class UpdateSubscriptionInput {
  @Field(() => ID, { description: 'The subscription (`ReplenishmentSubscription.id`).' })
  id!: string;

  @Field(() => [SubscriptionLineInput], { description: 'The new lines (replacing the old); null: unchanged.', nullable: true })
  lines?: SubscriptionLineInput[] | null;

  @Field(() => Int, { description: 'New days between runs; null: unchanged.', nullable: true })
  intervalDays?: number | null;

  @Field(() => DateScalar, { nullable: true, description: 'The next run: today or later.' })
  nextRunOn?: string | null;

  @Field(() => FulfillmentRequestInput, { description: 'New fulfillment; null: unchanged.', nullable: true })
  fulfillment?: FulfillmentRequestInput | null;
  @Field(() => ID, {
    nullable: true,
    description:
      "One of the shopper's saved payment methods (`SavedPaymentMethod.id`) that pays each order (after store credit, when used); null: unchanged (to stop paying by card, cancel and subscribe again). UNKNOWN_PAYMENT_METHOD, CARD_EXPIRED.",
  })
  paymentMethodId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "true: pay each order from the shopper's store credit first; null: unchanged.",
  })
  useStoreCredit?: boolean | null;
}

@ObjectType({ description: 'The result of a subscription mutation.' })
export class SubscriptionPayload {
  @Field(() => ReplenishmentSubscription, {
    description: 'The subscription after the change; null when `userErrors` is not empty.',
    nullable: true,
  })
  subscription!: ReplenishmentSubscription | null;

  @Field(() => [OrderUserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of `runDueSubscriptions`.' })
export class RunDueSubscriptionsPayload {
  @Field(() => [Order], { description: 'The orders placed by this run.' })
  ordersPlaced!: Order[];

  @Field(() => [OrderUserError], { description: 'What went wrong; empty on success.' })
  userErrors!: UserError[];
}

@Resolver(() => ReturnRequest)
export class ReturnResolver {
  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR, Role.PARTNER)
  @Mutation(() => ReturnPayload, { description: 'Buy anywhere, return anywhere: by mail (with a label) or in any store.' })
  async createReturn(
    @Arg('input', () => CreateReturnInput, {
      description:
        'The order, lines, method and resolution. userErrors: UNKNOWN_ORDER, EMPTY_RETURN, UNKNOWN_LINE, DUPLICATE_LINE, INVALID_QUANTITY, LINE_NOT_SHIPPED, RETURN_QUANTITY_EXCEEDED, RETURN_WINDOW_CLOSED, EXCHANGE_SKU_REQUIRED, UNKNOWN_SKU, DISCONTINUED_SKU, INVALID_IDEMPOTENCY_KEY.',
    })
    input: CreateReturnInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<ReturnPayload> {
    requireScope(ctx.caller, 'orders:write');
    await visibleOrder(ctx, input.orderId);
    const { result, userErrors } = await attempt(() => createReturn(ctx, input));
    return { return: result, userErrors };
  }

  @Authorized(Role.ASSOCIATE)
  @Mutation(() => ReturnPayload, {
    description: 'The goods of a return arrive at a location: refund, store credit or exchange follows.',
  })
  async receiveReturn(
    @Arg('input', () => ReceiveReturnInput, {
      description:
        'The return, the receiving store and what arrived. userErrors: UNKNOWN_RETURN, UNKNOWN_LOCATION, LOCATION_REQUIRED, UNKNOWN_LINE, INVALID_QUANTITY, RETURN_QUANTITY_EXCEEDED, CONCURRENT_CHANGE.',
    })
    input: ReceiveReturnInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<ReturnPayload> {
    assertCanWorkAt(ctx.caller, input.locationId);
    const lines = input.lines.map((l) => ({
      orderLineId: l.orderLineId,
      quantity: l.quantity,
      restockable: l.restockable ?? true,
    }));
    const { result, userErrors } = await attempt(() => receiveReturn(ctx, { ...input, lines }));
    return { return: result, userErrors };
  }

  @FieldResolver(() => Order, { description: 'The order returned from.' })
  order(@Root() ret: ReturnRequest, @Ctx() ctx: ServiceContext): Promise<Order | null> {
    return orderById(ctx).load(ret.orderId);
  }

  @FieldResolver(() => Order, { nullable: true, description: 'The replacement order of an exchange.' })
  exchangeOrder(@Root() ret: ReturnRequest, @Ctx() ctx: ServiceContext): Promise<Order | null> | null {
    return ret.exchangeOrderId ? orderById(ctx).load(ret.exchangeOrderId) : null;
  }

  @FieldResolver(() => [ReturnLine], { description: 'The returned lines.' })
  lines(@Root() ret: ReturnRequest, @Ctx() ctx: ServiceContext): Promise<ReturnLine[]> {
    return linesByReturn(ctx).load(ret.id);
  }
}

@Resolver(() => Order)
export class ModifyOrderResolver {
  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR, Role.PARTNER)
  @Mutation(() => OrderPayload, {
    description: 'Any channel changes quantities, SKUs, address or delivery date until the lines ship.',
  })
  async modifyOrder(
    @Arg('input', () => ModifyOrderInput, {
      description:
        'The order and its changes. userErrors: UNKNOWN_ORDER, ORDER_CANCELLED, ALREADY_SHIPPED, NO_CHANGES, UNKNOWN_LINE, DUPLICATE_LINE, LINE_CANCELLED, INVALID_QUANTITY, UNKNOWN_SKU, DISCONTINUED_SKU, CURRENCY_MISMATCH, EMPTY_ORDER, OUT_OF_STOCK, INVALID_DELIVERY_DATE, and the tender codes.',
    })
    input: ModifyOrderInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<OrderPayload> {
    requireScope(ctx.caller, 'orders:write');
    await visibleOrder(ctx, input.orderId);
    const { result, userErrors } = await attempt(() => modifyOrder(ctx, input));
    return { order: result, userErrors };
  }
}

@Resolver(() => ReplenishmentSubscription)
export class SubscriptionResolver {
  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => SubscriptionPayload, {
    description:
      'Subscribes a shopper to regular orders of SKUs. The shopper themself, an ASSOCIATE or a CSR. userErrors: UNKNOWN_CUSTOMER, INVALID_LINES, INVALID_QUANTITY, UNKNOWN_SKU, DISCONTINUED_SKU, INVALID_INTERVAL, INVALID_START_DATE, INVALID_FULFILLMENT, PICKUP_LOCATION_REQUIRED, UNKNOWN_PAYMENT_METHOD, CARD_EXPIRED.',
  })
  async createSubscription(
    @Arg('input', () => CreateSubscriptionInput, { description: 'The shopper, what, how often, from when and how fulfilled.' })
    input: CreateSubscriptionInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<SubscriptionPayload> {
    assertCanSeeCustomer(ctx.caller, input.customerId);
    const { result, userErrors } = await attempt(() => createSubscription(ctx, input));
    return { subscription: result, userErrors };
  }

  /** The scheduled job's entry point. */
  @Authorized(Role.ADMIN)
  @Mutation(() => RunDueSubscriptionsPayload, {
    description: 'Places the orders of every subscription due on or before asOf; safe to run twice.',
  })
  async runDueSubscriptions(
    @Arg('asOf', () => DateScalar, {
      description: 'Run every subscription due on or before this date (YYYY-MM-DD). userErrors: INVALID_DATE.',
    })
    asOf: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<RunDueSubscriptionsPayload> {
    const { result, userErrors } = await attempt(() => runDueSubscriptions(ctx, asOf));
    return { ordersPlaced: result ?? [], userErrors };
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => SubscriptionPayload, {
    description: 'Changes the lines (quantities, SKUs), the interval, the next run date or the fulfillment.',
  })
  async updateSubscription(
    @Arg('input', () => UpdateSubscriptionInput, {
      description:
        'The subscription and what changes. userErrors: UNKNOWN_SUBSCRIPTION, SUBSCRIPTION_CANCELLED, NO_CHANGES, CONCURRENT_CHANGE, and the codes of `createSubscription` for the new values.',
    })
    input: UpdateSubscriptionInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<SubscriptionPayload> {
    const subscription = await ctx.db.getRepository(ReplenishmentSubscription).findOneBy({ id: input.id });
    if (subscription) assertCanSeeCustomer(ctx.caller, subscription.customerId);
    const { result, userErrors } = await attempt(() => updateSubscription(ctx, input));
    return { subscription: result, userErrors };
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => SubscriptionPayload, {
    description:
      'Pauses a subscription: no runs until it is resumed. The shopper themself, an ASSOCIATE or a CSR. userErrors: UNKNOWN_SUBSCRIPTION, NOT_ACTIVE, SUBSCRIPTION_CANCELLED, CONCURRENT_CHANGE.',
  })
  pauseSubscription(
    @Arg('id', () => ID, { description: 'The subscription (`ReplenishmentSubscription.id`).' }) id: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<SubscriptionPayload> {
    return change(ctx, id, 'PAUSE');
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => SubscriptionPayload, { description: 'Resumes a paused subscription; a missed run date moves to today.' })
  resumeSubscription(
    @Arg('id', () => ID, {
      description:
        'The subscription (`ReplenishmentSubscription.id`). userErrors: UNKNOWN_SUBSCRIPTION, NOT_PAUSED, SUBSCRIPTION_CANCELLED, CONCURRENT_CHANGE.',
    })
    id: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<SubscriptionPayload> {
    return change(ctx, id, 'RESUME');
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => SubscriptionPayload, { description: 'Skips the next run.' })
  skipSubscriptionRun(
    @Arg('id', () => ID, {
      description:
        'The subscription (`ReplenishmentSubscription.id`). userErrors: UNKNOWN_SUBSCRIPTION, NOT_ACTIVE, SUBSCRIPTION_CANCELLED, CONCURRENT_CHANGE.',
    })
    id: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<SubscriptionPayload> {
    return change(ctx, id, 'SKIP');
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => SubscriptionPayload, {
    description:
      'Ends a subscription for good (orders already placed stay). The shopper themself, an ASSOCIATE or a CSR. userErrors: UNKNOWN_SUBSCRIPTION, SUBSCRIPTION_CANCELLED, CONCURRENT_CHANGE.',
  })
  cancelSubscription(
    @Arg('id', () => ID, { description: 'The subscription (`ReplenishmentSubscription.id`).' }) id: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<SubscriptionPayload> {
    return change(ctx, id, 'CANCEL');
  }

  @FieldResolver(() => [ReplenishmentSubscriptionLine], { description: 'Every SKU each run orders.' })
  lines(@Root() s: ReplenishmentSubscription): ReplenishmentSubscriptionLine[] {
    return subscriptionLines(s);
  }

  @FieldResolver(() => Money, { description: "The next order before discounts, at today's prices." })
  async subtotal(@Root() s: ReplenishmentSubscription, @Ctx() ctx: ServiceContext): Promise<Money> {
    const pricing = await subscriptionPricing(ctx).load(s);
    return Money.of(pricing.subtotalCents, pricing.currency);
  }

  @FieldResolver(() => Money, {
    description: 'What subscribe-and-save (and any other promotion) takes off the next order today.',
  })
  async discount(@Root() s: ReplenishmentSubscription, @Ctx() ctx: ServiceContext): Promise<Money> {
    const pricing = await subscriptionPricing(ctx).load(s);
    return Money.of(pricing.discountCents, pricing.currency);
  }

  @FieldResolver(() => Money, { description: "What the next order costs at today's prices and promotions." })
  async total(@Root() s: ReplenishmentSubscription, @Ctx() ctx: ServiceContext): Promise<Money> {
    const pricing = await subscriptionPricing(ctx).load(s);
    return Money.of(pricing.totalCents, pricing.currency);
  }

  @FieldResolver(() => LocationRef, { nullable: true, description: 'The pickup store (PICKUP_IN_STORE).' })
  pickupLocation(@Root() s: ReplenishmentSubscription): LocationRef | null {
    return s.pickupLocationId ? { id: s.pickupLocationId } : null;
  }

  @FieldResolver(() => CustomerRef, { description: 'The shopper.', nullable: true })
  customer(@Root() s: ReplenishmentSubscription): CustomerRef {
    return { id: s.customerId };
  }

  @FieldResolver(() => Order, { nullable: true, description: 'The order of the last run.' })
  lastOrder(@Root() s: ReplenishmentSubscription, @Ctx() ctx: ServiceContext): Promise<Order | null> | null {
    return s.lastOrderId ? orderById(ctx).load(s.lastOrderId) : null;
  }
}

async function change(
  ctx: ServiceContext,
  id: string,
  action: Parameters<typeof changeSubscription>[2],
): Promise<SubscriptionPayload> {
  const subscription = await ctx.db.getRepository(ReplenishmentSubscription).findOneBy({ id });
  if (subscription) assertCanSeeCustomer(ctx.caller, subscription.customerId);
  const { result, userErrors } = await attempt(() => changeSubscription(ctx, id, action));
  return { subscription: result, userErrors };
}

@Resolver(() => CustomerRef)
export class CustomerPostPurchaseResolver {
  @FieldResolver(() => [ReturnRequest], {
    nullable: true,
    description: "The customer's returns from every channel, newest first.",
  })
  returns(@Root() customer: CustomerRef, @Ctx() ctx: ServiceContext): Promise<ReturnRequest[]> {
    assertCanSeeCustomer(ctx.caller, customer.id);
    return returnsByCustomer(ctx).load(customer.id);
  }

  @FieldResolver(() => [ReplenishmentSubscription], {
    nullable: true,
    description: "The customer's replenishment subscriptions, newest first.",
  })
  subscriptions(@Root() customer: CustomerRef, @Ctx() ctx: ServiceContext): Promise<ReplenishmentSubscription[]> {
    assertCanSeeCustomer(ctx.caller, customer.id);
    return subscriptionsByCustomer(ctx).load(customer.id);
  }
}
