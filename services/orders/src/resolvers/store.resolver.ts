import { assertCanSeeCustomer, assertCanWorkAt, attempt, Channel, Role, type ServiceContext } from '@omni/platform';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { announcePickupArrival, attachCart, pickupsWaiting, workQueue } from '../commands/store-queue';
import { Fulfillment } from '../entities/order';
import { CartPayload, usableCart } from './cart.resolver';
import { LocationRef, OrderPayload, visibleOrder } from './order.resolver';

@Resolver(() => LocationRef)
export class StoreQueueResolver {
  @FieldResolver(() => [Fulfillment], {
    nullable: true,
    description: 'Fulfillments this location must pick, pack and ship or hand over.',
  })
  workQueue(@Root() location: LocationRef, @Ctx() ctx: ServiceContext): Promise<Fulfillment[]> {
    assertCanWorkAt(ctx.caller, location.id);
    return workQueue(ctx, location.id);
  }

  @FieldResolver(() => [Fulfillment], { nullable: true, description: 'Pickups at this store; announced arrivals first.' })
  pickupsWaiting(@Root() location: LocationRef, @Ctx() ctx: ServiceContext): Promise<Fulfillment[]> {
    assertCanWorkAt(ctx.caller, location.id);
    return pickupsWaiting(ctx, location.id);
  }
}

@Resolver()
export class StoreActionsResolver {
  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => OrderPayload, { description: "\"I'm here\": puts the order's pickup at the top of the store's queue." })
  async announcePickupArrival(
    @Arg('orderId', () => ID, { description: 'The order to collect (`Order.id`).' }) orderId: string,
    @Arg('channel', () => Channel, {
      description: 'Where the shopper announces it from, default MOBILE_APP.',
      defaultValue: Channel.MOBILE_APP,
    })
    channel: Channel,
    @Ctx() ctx: ServiceContext,
  ): Promise<OrderPayload> {
    await visibleOrder(ctx, orderId);
    const { result, userErrors } = await attempt(() => announcePickupArrival(ctx, orderId, channel));
    return { order: result, userErrors };
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => CartPayload, {
    description:
      'Attaches a guest cart to the customer who signed in. userErrors: UNKNOWN_CART, UNKNOWN_CUSTOMER, CART_BELONGS_TO_ANOTHER.',
  })
  async attachCart(
    @Arg('cartId', () => ID, { description: 'The guest cart (`Cart.id`).' }) cartId: string,
    @Arg('customerId', () => ID, { description: 'The shopper who takes the cart over.' }) customerId: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<CartPayload> {
    assertCanSeeCustomer(ctx.caller, customerId);
    await usableCart(ctx, cartId);
    const { result, userErrors } = await attempt(() => attachCart(ctx, cartId, customerId));
    return { cart: result, userErrors };
  }
}
