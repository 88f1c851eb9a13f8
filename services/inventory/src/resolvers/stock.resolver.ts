import {
  attempt,
  Connection,
  countedPagesByKey,
  cursorKey,
  decodeCursor,
  encodeCursor,
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
import { InventoryUserError } from './user-errors';

registerEnumType(AdjustmentReason, {
  name: 'StockAdjustmentReason',
  description: 'RECEIPT and FOUND add units; DAMAGE and SHRINK take them off.',
  valuesConfig: {
    RECEIPT: { description: 'Goods received from a supplier (adds units).' },
    FOUND: { description: 'Units found that were not counted before (adds units).' },
    DAMAGE: { description: 'Units damaged and no longer sellable (removes units).' },
    SHRINK: { description: 'Units lost or stolen (removes units).' },
  },
});

@InputType({ description: 'A count of one SKU at one location.' })
export class SetStockInput {
  @Field(() => ID, { description: 'The location (`Location.id`).' })
  locationId!: string;

  @Field({ description: 'The SKU counted.' })
  sku!: string;

  @Field(() => Int, { description: 'Units counted on hand.' })
  onHand!: number;

  @Field(() => Int, { nullable: true, description: 'Units to keep back from sale; unchanged when omitted.' })
  safetyStock?: number | null;
}

@ObjectType({ description: 'The result of `setStock`.' })
export class SetStockPayload {
  @Field(() => Stock, { description: 'The stock level after the count; null when `userErrors` is not empty.', nullable: true })
  stock!: Stock | null;

  @Field(() => [InventoryUserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}

@InputType({ description: 'A change to the units on hand of one SKU at one location, with its reason.' })
export class AdjustStockInput {
  @Field(() => ID, { description: 'The location (`Location.id`).' })
  locationId!: string;

  @Field({ description: 'The SKU.' })
  sku!: string;

  @Field(() => Int, { description: 'Units, above zero; the reason gives the direction.' })
  quantity!: number;

  @Field(() => AdjustmentReason, {
    description: 'Why the stock changes: RECEIPT and FOUND add units, DAMAGE and SHRINK remove them.',
  })
  reason!: AdjustmentReason;

  @Field(() => String, {
    description: 'Free text kept in the stock ledger, e.g. a delivery note number (at most 500 characters); null: none.',
    nullable: true,
  })
  note?: string | null;
}

@ObjectType({ description: 'The result of `adjustStock`.' })
export class AdjustStockPayload {
  @Field(() => Stock, { description: 'The stock level after the change; null when `userErrors` is not empty.', nullable: true })
  stock!: Stock | null;

  @Field(() => [InventoryUserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'A page of stock movements, newest first.' })
export class StockMovementConnection extends Connection(StockMovement) {}

const LEDGER_SORT: (keyof StockMovement & string)[] = ['sequence'];

@Resolver(() => Stock)
export class StockResolver {
  @FieldResolver(() => Location, { description: 'The location holding the stock.' })
  async location(@Root() stock: Stock, @Ctx() ctx: ServiceContext): Promise<Location> {
    return (await locationById(ctx).load(stock.locationId))!;
  }

  @Query(() => Stock, { nullable: true, description: 'One SKU at one location; null when it never held any.' })
  stock(
    @Arg('locationId', () => ID, { description: 'The location id.' }) locationId: string,
    @Arg('sku', { description: 'The SKU.' }) sku: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<Stock | null> {
    return ctx.db.getRepository(Stock).findOneBy({ locationId, sku });
  }

  @Authorized(Role.ADMIN, Role.ASSOCIATE)
  @Query(() => StockMovementConnection, { description: 'The stock ledger of a SKU (at one location or all), newest first.' })
  async stockLedger(
    @Arg('sku', { description: 'The SKU.' }) sku: string,
    @Ctx() ctx: ServiceContext,
    @Arg('locationId', () => ID, {
      description: "Only this location; null: every location (ADMIN) or the associate's own.",
      nullable: true,
    })
    locationId?: string | null,
    @Arg('first', () => Int, { description: 'Page size, default 20, at most 100.', nullable: true }) first?: number | null,
    @Arg('after', () => String, {
      description: 'The `endCursor` of the previous page; null: the newest movements.',
      nullable: true,
    })
    after?: string | null,
  ): Promise<StockMovementConnection> {
    const filters = { locationId: locationId ?? undefined };
    const pages = await countedPagesByKey(ctx.db, {
      entity: StockMovement,
      partitionBy: 'sku',
      keys: [sku],
      orderBy: LEDGER_SORT,
      first: pageSize(first),
      after: decodeCursor(after),
      filters,
    });
    const page = pages.get(sku)!;
    const cursorOf = (m: StockMovement) => encodeCursor(cursorKey(m, LEDGER_SORT));
    return toConnection(page, cursorOf);
  }

  @Authorized(Role.ADMIN, Role.ASSOCIATE)
  @Mutation(() => SetStockPayload, { description: 'Records a count of one SKU at one location.' })
  async setStock(
    @Arg('input', () => SetStockInput, {
      description:
        'The SKU, location and counted units. ADMIN, or an ASSOCIATE of that location. userErrors: INVALID_SKU, INVALID_QUANTITY, NEGATIVE_QUANTITY, UNKNOWN_LOCATION.',
    })
    input: SetStockInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<SetStockPayload> {
    assertCanManageStockAt(ctx.caller, input.locationId);
    const { result, userErrors } = await attempt(() => setStock(ctx.db, input, actorOf(ctx)));
    return { stock: result, userErrors };
  }

  @Authorized(Role.ADMIN, Role.ASSOCIATE)
  @Mutation(() => AdjustStockPayload, { description: 'A receipt, a find, damage or shrink.' })
  async adjustStock(
    @Arg('input', () => AdjustStockInput, {
      description:
        'The SKU, location, units and reason. ADMIN, or an ASSOCIATE of that location. userErrors: INVALID_SKU, INVALID_QUANTITY, INVALID_NOTE, UNKNOWN_LOCATION, INSUFFICIENT_STOCK.',
    })
    input: AdjustStockInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<AdjustStockPayload> {
    assertCanManageStockAt(ctx.caller, input.locationId);
    const { result, userErrors } = await attempt(() => adjustStock(ctx.db, input, actorOf(ctx)));
    return { stock: result, userErrors };
  }
}

@Resolver(() => StockMovement)
export class StockMovementResolver {
  @FieldResolver(() => Location, { description: 'The location whose stock changed.' })
  async location(@Root() movement: StockMovement, @Ctx() ctx: ServiceContext): Promise<Location> {
    return (await locationById(ctx).load(movement.locationId))!;
  }
}
