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

@InputType()
export class UpsertLocationInput {
  @Field(() => ID, { nullable: true, description: 'The location to replace; none creates one.' })
  id?: string | null;

  @Field()
  name!: string;

  @Field(() => LocationType)
  type!: LocationType;

  @Field(() => Float)
  lat!: number;

  @Field(() => Float)
  lng!: number;

  @Field(() => Boolean, { nullable: true, description: 'Ships online orders (default: warehouses do).' })
  fulfillsOnline?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Offers pickup in store (default: stores do).' })
  pickupEnabled?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Operating; a closed location sells nothing (default: open).' })
  open?: boolean | null;
}

@ObjectType()
export class UpsertLocationPayload {
  @Field(() => Location, { nullable: true })
  location!: Location | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@Resolver(() => Location)
export class LocationResolver {
  @Query(() => Location, { nullable: true })
  location(@Arg('id', () => ID) id: string, @Ctx() ctx: ServiceContext): Promise<Location | null> {
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
  @Mutation(() => UpsertLocationPayload)
  async upsertLocation(
    @Arg('input', () => UpsertLocationInput) input: UpsertLocationInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<UpsertLocationPayload> {
    const { result, userErrors } = await attempt(() => upsertLocation(ctx.db, input));
    return { location: result, userErrors };
  }
}
