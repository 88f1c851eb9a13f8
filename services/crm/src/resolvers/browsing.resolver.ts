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

@InputType()
export class RecordProductViewInput {
  @Field(() => ID)
  customerId!: string;

  @Field(() => ID)
  productId!: string;

  @Field(() => Channel)
  channel!: Channel;
}

@ObjectType()
export class RecordProductViewPayload {
  @Field(() => ProductView, { nullable: true })
  view!: ProductView | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class CustomerMessageConnection extends Connection(CustomerMessage) {}

export const MAX_RECENTLY_VIEWED = 50;

@Resolver(() => ProductView)
export class ProductViewResolver {
  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => RecordProductViewPayload, { description: 'Remembers that the customer looked at a product (web, app, ...).' })
  async recordProductView(
    @Arg('input', () => RecordProductViewInput) input: RecordProductViewInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<RecordProductViewPayload> {
    assertCanSeeCustomer(ctx.caller, input.customerId);
    const { result, userErrors } = await attempt(() => recordProductView(ctx.db, input));
    return { view: result, userErrors };
  }
}

@Resolver(() => CustomerMessage)
export class CustomerMessageResolver {
  @FieldResolver(() => OrderRef, { nullable: true })
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
    @Arg('first', () => Int, { nullable: true, defaultValue: 10 }) first: number,
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
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('channel', () => ContactChannel, { nullable: true }) channel?: ContactChannel | null,
  ): Promise<CustomerMessageConnection> {
    const page = await messagePages(ctx, { first: pageSize(first), after: decodeCursor(after), channel }).load(customer.id);
    const cursorOf = (node: CustomerMessage) => encodeCursor(cursorKey(node, MESSAGE_SORT));
    return toConnection(page, cursorOf);
  }
}
