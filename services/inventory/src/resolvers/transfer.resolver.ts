import { attempt, Role, type ServiceContext, UserError } from '@omni/platform';
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
  Resolver,
  Root,
} from 'type-graphql';
import { actorOf } from '../commands/levels';
import { receiveOrderTransfer, receiveTransfer, shipOrderTransfer, transferStock } from '../commands/transfers';
import { assertCanManageStockAt } from '../domain/stock-access';
import { Location } from '../entities/location';
import { StockTransfer } from '../entities/transfer';
import { locationById, transferById } from '../loaders';
import { InventoryUserError } from './user-errors';

@InputType({ description: 'Units of one SKU to send from one location to another.' })
export class TransferStockInput {
  @Field(() => ID, { description: 'The source (`Location.id`): the units must be available there.' })
  fromLocationId!: string;

  @Field(() => ID, { description: 'The destination (`Location.id`), another location.' })
  toLocationId!: string;

  @Field({ description: 'The SKU to send.' })
  sku!: string;

  @Field(() => Int, { description: 'Units to send, above zero.' })
  quantity!: number;
}

@Directive('@inaccessible')
@InputType()
export class OrderTransferLineInput {
  @Field(() => ID)
  lineId!: string;

  @Field()
  sku!: string;

  @Field(() => Int)
  quantity!: number;
}

@Directive('@inaccessible')
@InputType()
export class ShipOrderTransferInput {
  @Field(() => ID)
  orderId!: string;

  @Field(() => ID, { description: "The order's pickup fulfillment the units travel for." })
  fulfillmentId!: string;

  @Field(() => ID)
  fromLocationId!: string;

  @Field(() => ID)
  toLocationId!: string;

  @Field(() => [OrderTransferLineInput])
  lines!: OrderTransferLineInput[];
}

@Directive('@inaccessible')
@ObjectType()
export class OrderTransferPayload {
  @Field(() => [StockTransfer])
  transfers!: StockTransfer[];

  @Field(() => [InventoryUserError])
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of `transferStock` or `receiveTransfer`.' })
export class TransferStockPayload {
  @Field(() => StockTransfer, {
    description: 'The transfer as it stands now; null when `userErrors` is not empty.',
    nullable: true,
  })
  transfer!: StockTransfer | null;

  @Field(() => [InventoryUserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}

@Resolver(() => StockTransfer)
export class TransferResolver {
  @FieldResolver(() => Location, { description: 'The source location.' })
  async from(@Root() transfer: StockTransfer, @Ctx() ctx: ServiceContext): Promise<Location> {
    return (await locationById(ctx).load(transfer.fromLocationId))!;
  }

  @FieldResolver(() => Location, { description: 'The destination location.' })
  async to(@Root() transfer: StockTransfer, @Ctx() ctx: ServiceContext): Promise<Location> {
    return (await locationById(ctx).load(transfer.toLocationId))!;
  }

  @Authorized(Role.ADMIN, Role.ASSOCIATE)
  @Query(() => StockTransfer, {
    description: 'A stock transfer by id; null when there is none. ADMIN, or an ASSOCIATE of its source or destination.',
    nullable: true,
  })
  stockTransfer(
    @Arg('id', () => ID, { description: 'The transfer id.' }) id: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<StockTransfer | null> {
    return transferById(ctx).load(id);
  }

  @Authorized(Role.ADMIN, Role.ASSOCIATE)
  @Mutation(() => TransferStockPayload, { description: 'Sends available units to another location; in transit until received.' })
  async transferStock(
    @Arg('input', () => TransferStockInput, {
      description:
        'What to send, from where to where. ADMIN, or an ASSOCIATE of that location. userErrors: INVALID_SKU, INVALID_QUANTITY, SAME_LOCATION, UNKNOWN_LOCATION, INSUFFICIENT_STOCK.',
    })
    input: TransferStockInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<TransferStockPayload> {
    assertCanManageStockAt(ctx.caller, input.fromLocationId);
    const { result, userErrors } = await attempt(() => transferStock(ctx.db, input, actorOf(ctx)));
    return { transfer: result, userErrors };
  }

  @Directive('@inaccessible')
  @Authorized(Role.SERVICE)
  @Mutation(() => OrderTransferPayload, {
    description:
      "Ship to store (the orders service's): the reserved units of the order's lines leave the source for the pickup store. Idempotent per fulfillment.",
  })
  async shipOrderTransfer(
    @Arg('input', () => ShipOrderTransferInput) input: ShipOrderTransferInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<OrderTransferPayload> {
    const { result, userErrors } = await attempt(() => shipOrderTransfer(ctx.db, input, actorOf(ctx)));
    return { transfers: result ?? [], userErrors };
  }

  @Directive('@inaccessible')
  @Authorized(Role.SERVICE)
  @Mutation(() => OrderTransferPayload, {
    description:
      "Ship to store (the orders service's): the pickup store received the fulfillment's transfers; the units are held for the order there.",
  })
  async receiveOrderTransfer(
    @Arg('fulfillmentId', () => ID) fulfillmentId: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<OrderTransferPayload> {
    const { result, userErrors } = await attempt(() => receiveOrderTransfer(ctx.db, fulfillmentId, actorOf(ctx)));
    return { transfers: result ?? [], userErrors };
  }

  @Authorized(Role.ADMIN, Role.ASSOCIATE)
  @Mutation(() => TransferStockPayload, { description: 'The transfer arrived: its units join the destination on hand.' })
  async receiveTransfer(
    @Arg('id', () => ID, {
      description:
        'The transfer that arrived (`StockTransfer.id`). ADMIN or an ASSOCIATE of its destination. userErrors: UNKNOWN_TRANSFER, TRANSFER_ALREADY_RECEIVED.',
    })
    id: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<TransferStockPayload> {
    const transfer = await transferById(ctx).load(id);
    if (transfer) assertCanManageStockAt(ctx.caller, transfer.toLocationId);
    const { result, userErrors } = await attempt(() => receiveTransfer(ctx.db, id, actorOf(ctx)));
    return { transfer: result, userErrors };
  }
}
