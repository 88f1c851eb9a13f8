import {
  assertCanSeeCustomer,
  assertCanWorkAt,
  attempt,
  Channel,
  DateScalar,
  defineLoader,
  groupedByKey,
  Money,
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

@InputType()
export class ReturnLineInput {
  @Field(() => ID)
  orderLineId!: string;

  @Field(() => Int)
  quantity!: number;

  @Field()
  reason!: string;

  @Field(() => String, { nullable: true, description: 'Required for an EXCHANGE: the SKU sent instead.' })
  exchangeSku?: string | null;
}

@InputType()
export class CreateReturnInput {
  @Field(() => ID)
  orderId!: string;

  @Field(() => Channel)
  channel!: Channel;

  @Field()
  idempotencyKey!: string;

  @Field(() => ReturnMethod)
  method!: ReturnMethod;

  @Field(() => ID, { nullable: true, description: 'The store an IN_STORE return is brought to.' })
  locationId?: string | null;

  @Field(() => ReturnResolution)
  resolution!: ReturnResolution;

  @Field(() => [ReturnLineInput])
  lines!: ReturnLineInput[];

  @Field(() => FulfillmentRequestInput, {
    nullable: true,
    description: "How an exchange's replacement reaches the shopper; by default shipped to their first address.",
  })
  exchangeFulfillment?: FulfillmentRequestInput | null;
}

@InputType()
export class ReceiveReturnLineInput {
  @Field(() => ID)
  orderLineId!: string;

  @Field(() => Int)
  quantity!: number;

  @Field(() => Boolean, { nullable: true, description: 'Back on sale at the receiving location; default true.' })
  restockable?: boolean | null;
}

@InputType()
export class ReceiveReturnInput {
  @Field(() => ID)
  returnId!: string;

  @Field(() => ID)
  locationId!: string;

  @Field(() => [ReceiveReturnLineInput])
  lines!: ReceiveReturnLineInput[];

  @Field(() => ExternalPaymentInput, {
    nullable: true,
    description: "Pays the difference when an exchange's replacement costs more than what came back.",
  })
  payment?: ExternalPaymentInput | null;
}

@ObjectType()
export class ReturnPayload {
  @Field(() => ReturnRequest, { nullable: true })
  return!: ReturnRequest | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType()
export class OrderLineChangeInput {
  @Field(() => ID)
  lineId!: string;

  @Field(() => Int, { nullable: true, description: '0 removes the line.' })
  quantity?: number | null;

  @Field(() => String, { nullable: true })
  sku?: string | null;
}

@InputType()
export class ModifyOrderInput {
  @Field(() => ID)
  orderId!: string;

  @Field(() => Channel)
  channel!: Channel;

  @Field(() => String, { nullable: true })
  actor?: string | null;

  @Field(() => [OrderLineChangeInput])
  changes!: OrderLineChangeInput[];

  @Field(() => ShippingAddressInput, { nullable: true })
  shippingAddress?: ShippingAddressInput | null;

  @Field(() => DateScalar, { nullable: true })
  deliveryDate?: string | null;

  @Field(() => ExternalPaymentInput, { nullable: true, description: 'Pays what the change adds when it costs more.' })
  payment?: ExternalPaymentInput | null;
}

@InputType()
export class SubscriptionLineInput {
  @Field()
  sku!: string;

  @Field(() => Int)
  quantity!: number;
}

@InputType()
export class CreateSubscriptionInput {
  @Field(() => ID)
  customerId!: string;

  @Field(() => Channel)
  channel!: Channel;

  @Field(() => String, { nullable: true, description: 'One SKU (or `lines` for several).' })
  sku?: string | null;

  @Field(() => Int, { nullable: true })
  quantity?: number | null;

  @Field(() => [SubscriptionLineInput], { nullable: true, description: 'Several SKUs, each once (instead of sku and quantity).' })
  lines?: SubscriptionLineInput[] | null;

  @Field(() => Int)
  intervalDays!: number;

  @Field(() => DateScalar)
  startOn!: string;

  @Field(() => FulfillmentRequestInput)
  fulfillment!: FulfillmentRequestInput;
}

@InputType({ description: 'Each part given replaces the current one; `lines` is the whole new set.' })
export class UpdateSubscriptionInput {
  @Field(() => ID)
  id!: string;

  @Field(() => [SubscriptionLineInput], { nullable: true })
  lines?: SubscriptionLineInput[] | null;

  @Field(() => Int, { nullable: true })
  intervalDays?: number | null;

  @Field(() => DateScalar, { nullable: true, description: 'The next run: today or later.' })
  nextRunOn?: string | null;

  @Field(() => FulfillmentRequestInput, { nullable: true })
  fulfillment?: FulfillmentRequestInput | null;
}

@ObjectType()
export class SubscriptionPayload {
  @Field(() => ReplenishmentSubscription, { nullable: true })
  subscription!: ReplenishmentSubscription | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class RunDueSubscriptionsPayload {
  @Field(() => [Order])
  ordersPlaced!: Order[];

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@Resolver(() => ReturnRequest)
export class ReturnResolver {
  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR, Role.PARTNER)
  @Mutation(() => ReturnPayload, { description: 'Buy anywhere, return anywhere: by mail (with a label) or in any store.' })
  async createReturn(
    @Arg('input', () => CreateReturnInput) input: CreateReturnInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<ReturnPayload> {
    await visibleOrder(ctx, input.orderId);
    const { result, userErrors } = await attempt(() => createReturn(ctx, input));
    return { return: result, userErrors };
  }

  @Authorized(Role.ASSOCIATE)
  @Mutation(() => ReturnPayload, {
    description: 'The goods of a return arrive at a location: refund, store credit or exchange follows.',
  })
  async receiveReturn(
    @Arg('input', () => ReceiveReturnInput) input: ReceiveReturnInput,
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

  @FieldResolver(() => Order)
  order(@Root() ret: ReturnRequest, @Ctx() ctx: ServiceContext): Promise<Order | null> {
    return orderById(ctx).load(ret.orderId);
  }

  @FieldResolver(() => Order, { nullable: true, description: 'The replacement order of an exchange.' })
  exchangeOrder(@Root() ret: ReturnRequest, @Ctx() ctx: ServiceContext): Promise<Order | null> | null {
    return ret.exchangeOrderId ? orderById(ctx).load(ret.exchangeOrderId) : null;
  }

  @FieldResolver(() => [ReturnLine])
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
    @Arg('input', () => ModifyOrderInput) input: ModifyOrderInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<OrderPayload> {
    await visibleOrder(ctx, input.orderId);
    const { result, userErrors } = await attempt(() => modifyOrder(ctx, input));
    return { order: result, userErrors };
  }
}

@Resolver(() => ReplenishmentSubscription)
export class SubscriptionResolver {
  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => SubscriptionPayload)
  async createSubscription(
    @Arg('input', () => CreateSubscriptionInput) input: CreateSubscriptionInput,
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
    @Arg('asOf', () => DateScalar) asOf: string,
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
    @Arg('input', () => UpdateSubscriptionInput) input: UpdateSubscriptionInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<SubscriptionPayload> {
    const subscription = await ctx.db.getRepository(ReplenishmentSubscription).findOneBy({ id: input.id });
    if (subscription) assertCanSeeCustomer(ctx.caller, subscription.customerId);
    const { result, userErrors } = await attempt(() => updateSubscription(ctx, input));
    return { subscription: result, userErrors };
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => SubscriptionPayload)
  pauseSubscription(@Arg('id', () => ID) id: string, @Ctx() ctx: ServiceContext): Promise<SubscriptionPayload> {
    return change(ctx, id, 'PAUSE');
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => SubscriptionPayload, { description: 'Resumes a paused subscription; a missed run date moves to today.' })
  resumeSubscription(@Arg('id', () => ID) id: string, @Ctx() ctx: ServiceContext): Promise<SubscriptionPayload> {
    return change(ctx, id, 'RESUME');
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => SubscriptionPayload, { description: 'Skips the next run.' })
  skipSubscriptionRun(@Arg('id', () => ID) id: string, @Ctx() ctx: ServiceContext): Promise<SubscriptionPayload> {
    return change(ctx, id, 'SKIP');
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => SubscriptionPayload)
  cancelSubscription(@Arg('id', () => ID) id: string, @Ctx() ctx: ServiceContext): Promise<SubscriptionPayload> {
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

  @FieldResolver(() => CustomerRef)
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
  @FieldResolver(() => [ReturnRequest], { description: "The customer's returns from every channel, newest first." })
  returns(@Root() customer: CustomerRef, @Ctx() ctx: ServiceContext): Promise<ReturnRequest[]> {
    assertCanSeeCustomer(ctx.caller, customer.id);
    return returnsByCustomer(ctx).load(customer.id);
  }

  @FieldResolver(() => [ReplenishmentSubscription], { description: "The customer's replenishment subscriptions, newest first." })
  subscriptions(@Root() customer: CustomerRef, @Ctx() ctx: ServiceContext): Promise<ReplenishmentSubscription[]> {
    assertCanSeeCustomer(ctx.caller, customer.id);
    return subscriptionsByCustomer(ctx).load(customer.id);
  }
}
