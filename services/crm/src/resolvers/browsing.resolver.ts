import {
  assertCanSeeCustomer,
  attempt,
  Channel,
  Connection,
  cursorKey,
  decodeCursor,
  encodeCursor,
  pageSize,
  Role,
  type ServiceContext,
  toConnection,
  UserError,
} from '@omni/platform';
import { GraphQLError } from 'graphql';
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
import { recordProductView } from '../commands/product-views';
import { ContactChannel } from '../domain/consent';
import { Customer } from '../entities/customer';
import { CustomerMessage } from '../entities/message';
import { ProductView } from '../entities/product-view';
import { orderRef, OrderRef } from '../entities/references';
import { MESSAGE_SORT, messagePages, recentViews } from '../loaders';
import { CustomerUserError } from './user-errors';

@InputType({ description: 'A product a customer looked at.' })
export class RecordProductViewInput {
  @Field(() => ID, { description: 'The customer (a shopper may name only themself).' })
  customerId!: string;

  @Field(() => ID, { description: 'The product (`Product.id`).' })
  productId!: string;

  @Field(() => Channel, { description: 'The channel they looked at it in.' })
  channel!: Channel;
}

@ObjectType({ description: 'The result of `recordProductView`.' })
export class RecordProductViewPayload {
  @Field(() => ProductView, { description: 'The view as remembered; null when `userErrors` is not empty.', nullable: true })
  view!: ProductView | null;

  @Field(() => [CustomerUserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'A page of messages sent to a customer, newest first.' })
export class CustomerMessageConnection extends Connection(CustomerMessage) {}

export const MAX_RECENTLY_VIEWED = 50;

@Resolver(() => ProductView)
export class ProductViewResolver {
  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => RecordProductViewPayload, { description: 'Remembers that the customer looked at a product (web, app, ...).' })
  async recordProductView(
    @Arg('input', () => RecordProductViewInput, {
      description: 'The customer, product and channel. userErrors: UNKNOWN_CUSTOMER, INVALID_PRODUCT.',
    })
    input: RecordProductViewInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<RecordProductViewPayload> {
    assertCanSeeCustomer(ctx.caller, input.customerId);
    const { result, userErrors } = await attempt(() => recordProductView(ctx.db, input));
    return { view: result, userErrors };
  }
}

@Resolver(() => CustomerMessage)
export class CustomerMessageResolver {
  @FieldResolver(() => OrderRef, { description: 'The order it is about; null when none.', nullable: true })
  order(@Root() message: CustomerMessage): OrderRef | null {
    return orderRef(message.orderId);
  }
}

@Resolver(() => Customer)
export class CustomerBrowsingResolver {
  @FieldResolver(() => [ProductView], { description: 'Products the customer looked at, newest first, each product once.' })
  recentlyViewed(
    @Root() customer: Customer,
    @Ctx() ctx: ServiceContext,
    @Arg('first', () => Int, { description: 'How many products, default 10, at most 100.', nullable: true, defaultValue: 10 })
    first: number,
  ): Promise<ProductView[]> {
    if (first < 0) throw new GraphQLError('first must not be negative', { extensions: { code: 'BAD_USER_INPUT' } });
    return recentViews(ctx, Math.min(first, MAX_RECENTLY_VIEWED)).load(customer.id);
  }

  @FieldResolver(() => CustomerMessageConnection, {
    description: 'Messages sent to the customer (order confirmations, shipping, refunds), newest first.',
  })
  async messages(
    @Root() customer: Customer,
    @Ctx() ctx: ServiceContext,
    @Arg('first', () => Int, { description: 'Page size, default 20, at most 100.', nullable: true }) first?: number | null,
    @Arg('after', () => String, { description: 'The `endCursor` of the previous page; null: the newest.', nullable: true })
    after?: string | null,
    @Arg('channel', () => ContactChannel, {
      description: 'Only messages sent on this channel; null: every channel.',
      nullable: true,
    })
    channel?: ContactChannel | null,
  ): Promise<CustomerMessageConnection> {
    const page = await messagePages(ctx, { first: pageSize(first), after: decodeCursor(after), channel }).load(customer.id);
    const cursorOf = (node: CustomerMessage) => encodeCursor(cursorKey(node, MESSAGE_SORT));
    return toConnection(page, cursorOf);
  }
}
