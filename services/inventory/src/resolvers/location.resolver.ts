import { attempt, Role, type ServiceContext, UserError } from '@omni/platform';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { upsertLocation } from '../commands/locations';
import { assertCanManageStockAt } from '../domain/stock-access';
import { Location, LocationType } from '../entities/location';
import { StockTransfer } from '../entities/transfer';
import { incomingTransfersByLocation, locationById } from '../loaders';
import { InventoryUserError } from './user-errors';

@InputType({ description: 'A location to create or update.' })
export class UpsertLocationInput {
  @Field(() => ID, { nullable: true, description: 'The location to replace; none creates one.' })
  id?: string | null;

  @Field({ description: 'Its name, 1 to 200 characters.' })
  name!: string;

  @Field(() => LocationType, { description: 'WAREHOUSE or STORE.' })
  type!: LocationType;

  @Field(() => Float, { description: 'Latitude in decimal degrees (-90..90).' })
  lat!: number;

  @Field(() => Float, { description: 'Longitude in decimal degrees (-180..180).' })
  lng!: number;

  @Field(() => Boolean, { nullable: true, description: 'Ships online orders (default: warehouses do).' })
  fulfillsOnline?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Offers pickup in store (default: stores do).' })
  pickupEnabled?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Operating; a closed location sells nothing (default: open).' })
  open?: boolean | null;
}

@ObjectType({ description: 'The result of `upsertLocation`.' })
export class UpsertLocationPayload {
  @Field(() => Location, { description: 'The location as stored; null when `userErrors` is not empty.', nullable: true })
  location!: Location | null;

  @Field(() => [InventoryUserError], { description: 'Why nothing was written; empty on success.' })
  userErrors!: UserError[];
}

@Resolver(() => Location)
export class LocationResolver {
  @Query(() => Location, { description: 'A location by id; null when there is none. Public.', nullable: true })
  location(
    @Arg('id', () => ID, { description: 'The location id.' }) id: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<Location | null> {
    return locationById(ctx).load(id);
  }

  @Query(() => [Location], { description: 'Every warehouse and store, by name.' })
  locations(@Ctx() ctx: ServiceContext): Promise<Location[]> {
    return ctx.db.getRepository(Location).find({ order: { name: 'ASC' } });
  }

  @FieldResolver(() => [StockTransfer], {
    description:
      "Transfers on their way here (in transit), oldest first: replenishment and ship-to-store alike; for admins and this location's associates, who receive them.",
  })
  incomingTransfers(@Root() location: Location, @Ctx() ctx: ServiceContext): Promise<StockTransfer[]> {
    assertCanManageStockAt(ctx.caller, location.id);
    return incomingTransfersByLocation(ctx).load(location.id);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => UpsertLocationPayload, {
    description:
      'Creates a location (or updates it, with `input.id`). ADMIN only. userErrors: INVALID_NAME, INVALID_COORDINATES, UNKNOWN_LOCATION.',
  })
  async upsertLocation(
    @Arg('input', () => UpsertLocationInput, { description: 'The location to create or update.' }) input: UpsertLocationInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<UpsertLocationPayload> {
    const { result, userErrors } = await attempt(() => upsertLocation(ctx.db, input));
    return { location: result, userErrors };
  }
}
