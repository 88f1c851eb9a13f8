import {
  attempt,
  Connection,
  countsByKey,
  cursorKey,
  decodeCursor,
  encodeCursor,
  pagesByKey,
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
import { actorOf } from '../commands/levels';
import { adjustStock, setStock } from '../commands/stock';
import { AdjustmentReason } from '../domain/stock';
import { assertCanManageStockAt } from '../domain/stock-access';
import { Location } from '../entities/location';
import { StockMovement } from '../entities/movement';
import { Stock } from '../entities/stock';
import { locationById } from '../loaders';

registerEnumType(AdjustmentReason, {
  name: 'StockAdjustmentReason',
  description: 'RECEIPT and FOUND add units; DAMAGE and SHRINK take them off.',
});

@InputType()
export class SetStockInput {
  @Field(() => ID)
  locationId!: string;

  @Field()
  sku!: string;

  @Field(() => Int, { description: 'Units counted on hand.' })
  onHand!: number;

  @Field(() => Int, { nullable: true, description: 'Units to keep back from sale; unchanged when omitted.' })
  safetyStock?: number | null;
}

@ObjectType()
export class SetStockPayload {
  @Field(() => Stock, { nullable: true })
  stock!: Stock | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType()
export class AdjustStockInput {
  @Field(() => ID)
  locationId!: string;

  @Field()
  sku!: string;

  @Field(() => Int, { description: 'Units, above zero; the reason gives the direction.' })
  quantity!: number;

  @Field(() => AdjustmentReason)
  reason!: AdjustmentReason;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@ObjectType()
export class AdjustStockPayload {
  @Field(() => Stock, { nullable: true })
  stock!: Stock | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class StockMovementConnection extends Connection(StockMovement) {}

const LEDGER_SORT: (keyof StockMovement & string)[] = ['sequence'];

@Resolver(() => Stock)
export class StockResolver {
  @FieldResolver(() => Location)
  async location(@Root() stock: Stock, @Ctx() ctx: ServiceContext): Promise<Location> {
    return (await locationById(ctx).load(stock.locationId))!;
  }

  @Query(() => Stock, { nullable: true, description: 'One SKU at one location; null when it never held any.' })
  stock(
    @Arg('locationId', () => ID) locationId: string,
    @Arg('sku') sku: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<Stock | null> {
    return ctx.db.getRepository(Stock).findOneBy({ locationId, sku });
  }

  @Authorized(Role.ADMIN, Role.ASSOCIATE)
  @Query(() => StockMovementConnection, { description: 'The stock ledger of a SKU (at one location or all), newest first.' })
  async stockLedger(
    @Arg('sku') sku: string,
    @Ctx() ctx: ServiceContext,
    @Arg('locationId', () => ID, { nullable: true }) locationId?: string | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<StockMovementConnection> {
    const filters = { locationId: locationId ?? undefined };
    const [pages, counts] = await Promise.all([
      pagesByKey(ctx.db, {
        entity: StockMovement,
        partitionBy: 'sku',
        keys: [sku],
        orderBy: LEDGER_SORT,
        first: pageSize(first),
        after: decodeCursor(after),
        filters,
      }),
      countsByKey(ctx.db, StockMovement, 'sku', [sku], filters),
    ]);
    const page = pages.get(sku)!;
    const cursorOf = (m: StockMovement) => encodeCursor(cursorKey(m, LEDGER_SORT));
    return toConnection({ ...page, totalCount: counts.get(sku) ?? 0 }, cursorOf);
  }

  @Authorized(Role.ADMIN, Role.ASSOCIATE)
  @Mutation(() => SetStockPayload, { description: 'Records a count of one SKU at one location.' })
  async setStock(@Arg('input', () => SetStockInput) input: SetStockInput, @Ctx() ctx: ServiceContext): Promise<SetStockPayload> {
    assertCanManageStockAt(ctx.caller, input.locationId);
    const { result, userErrors } = await attempt(() => setStock(ctx.db, input, actorOf(ctx)));
    return { stock: result, userErrors };
  }

  @Authorized(Role.ADMIN, Role.ASSOCIATE)
  @Mutation(() => AdjustStockPayload, { description: 'A receipt, a find, damage or shrink.' })
  async adjustStock(
    @Arg('input', () => AdjustStockInput) input: AdjustStockInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<AdjustStockPayload> {
    assertCanManageStockAt(ctx.caller, input.locationId);
    const { result, userErrors } = await attempt(() => adjustStock(ctx.db, input, actorOf(ctx)));
    return { stock: result, userErrors };
  }
}

@Resolver(() => StockMovement)
export class StockMovementResolver {
  @FieldResolver(() => Location)
  async location(@Root() movement: StockMovement, @Ctx() ctx: ServiceContext): Promise<Location> {
    return (await locationById(ctx).load(movement.locationId))!;
  }
}
