import { attempt, UserError, type ServiceContext } from '@omni/platform';
import {
  Arg,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  Float,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { setStock, upsertLocation } from '../commands/stock';
import { distanceKm } from '../domain/geo';
import { Location, LocationType } from '../entities/location';
import { Stock } from '../entities/stock';
import { locationById, stockBySku } from '../loaders';

/** The catalog's variant, extended here with its stock. */
@Directive('@key(fields: "sku")')
@ObjectType('ProductVariant')
export class ProductVariantStock {
  @Field()
  sku!: string;
}

@ObjectType()
export class NearbyStock {
  @Field(() => Location)
  location!: Location;

  @Field(() => Int)
  available!: number;

  @Field(() => Float)
  distanceKm!: number;
}

@ObjectType()
export class Availability {
  sku!: string;

  @Field(() => Int, { description: 'Units available across open locations.' })
  totalAvailable!: number;
}

@InputType()
export class UpsertLocationInput {
  @Field(() => ID, { nullable: true })
  id?: string | null;

  @Field()
  name!: string;

  @Field(() => LocationType)
  type!: LocationType;

  @Field(() => Float)
  lat!: number;

  @Field(() => Float)
  lng!: number;

  @Field(() => Boolean, { nullable: true })
  fulfillsOnline?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  pickupEnabled?: boolean | null;
}

@ObjectType()
export class UpsertLocationPayload {
  @Field(() => Location, { nullable: true })
  location!: Location | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType()
export class SetStockInput {
  @Field(() => ID)
  locationId!: string;

  @Field()
  sku!: string;

  @Field(() => Int)
  onHand!: number;
}

@ObjectType()
export class SetStockPayload {
  @Field(() => Stock, { nullable: true })
  stock!: Stock | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

async function openStock(ctx: ServiceContext, sku: string): Promise<{ stock: Stock; location: Location }[]> {
  const rows = await stockBySku(ctx).load(sku);
  const locations = await locationById(ctx).loadMany(rows.map((r) => r.locationId));
  return rows.flatMap((stock, i) => {
    const location = locations[i];
    return location instanceof Location && location.open ? [{ stock, location }] : [];
  });
}

@Resolver(() => ProductVariantStock)
export class VariantStockResolver {
  @FieldResolver(() => Availability)
  async availability(@Root() variant: ProductVariantStock, @Ctx() ctx: ServiceContext): Promise<Availability> {
    const open = await openStock(ctx, variant.sku);
    const totalAvailable = open.reduce((sum, { stock }) => sum + stock.available, 0);
    return Object.assign(new Availability(), { sku: variant.sku, totalAvailable });
  }
}

@Resolver(() => Availability)
export class AvailabilityResolver {
  @FieldResolver(() => [Stock], { description: 'Stock at every location that carries the SKU.' })
  byLocation(@Root() availability: Availability, @Ctx() ctx: ServiceContext): Promise<Stock[]> {
    return stockBySku(ctx).load(availability.sku);
  }

  @FieldResolver(() => [NearbyStock], { description: 'Open locations with the SKU available, nearest first.' })
  async nearby(
    @Root() availability: Availability,
    @Ctx() ctx: ServiceContext,
    @Arg('lat', () => Float) lat: number,
    @Arg('lng', () => Float) lng: number,
    @Arg('radiusKm', () => Float, { defaultValue: 50 }) radiusKm: number,
  ): Promise<NearbyStock[]> {
    const open = await openStock(ctx, availability.sku);
    return open
      .filter(({ stock }) => stock.available > 0)
      .map(({ stock, location }) =>
        Object.assign(new NearbyStock(), {
          location,
          available: stock.available,
          distanceKm: Math.round(distanceKm({ lat, lng }, location) * 10) / 10,
        }),
      )
      .filter((n) => n.distanceKm <= radiusKm)
      .sort((a, b) => a.distanceKm - b.distanceKm);
  }
}

@Resolver(() => Stock)
export class StockResolver {
  @FieldResolver(() => Location)
  async location(@Root() stock: Stock, @Ctx() ctx: ServiceContext): Promise<Location> {
    return (await locationById(ctx).load(stock.locationId))!;
  }

  @Mutation(() => SetStockPayload)
  async setStock(@Arg('input', () => SetStockInput) input: SetStockInput, @Ctx() ctx: ServiceContext): Promise<SetStockPayload> {
    const { result, userErrors } = await attempt(() => setStock(ctx.db, input, ctx.channel));
    return { stock: result, userErrors };
  }
}

@Resolver(() => Location)
export class LocationResolver {
  @Query(() => Location, { nullable: true })
  location(@Arg('id', () => ID) id: string, @Ctx() ctx: ServiceContext): Promise<Location | null> {
    return locationById(ctx).load(id);
  }

  @Query(() => [Location])
  locations(@Ctx() ctx: ServiceContext): Promise<Location[]> {
    return ctx.db.getRepository(Location).find({ order: { name: 'ASC' } });
  }

  @Mutation(() => UpsertLocationPayload)
  async upsertLocation(
    @Arg('input', () => UpsertLocationInput) input: UpsertLocationInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<UpsertLocationPayload> {
    const { result, userErrors } = await attempt(() => upsertLocation(ctx.db, input));
    return { location: result, userErrors };
  }
}
