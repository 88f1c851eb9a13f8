import { isCoordinate, Role } from '@omni/platform';
import type { ServiceContext } from '@omni/platform';
import { GraphQLError } from 'graphql';
import {
  Arg,
  Authorized,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  Float,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { fulfillmentCandidates, nearbyStock, totalAvailable } from '../domain/availability';
import { Location } from '../entities/location';
import { Stock } from '../entities/stock';
import { placedStockBySku, stockBySku } from '../loaders';

/** The catalog's variant, extended here with its stock. */
@Directive('@key(fields: "sku")')
@ObjectType('ProductVariant')
export class ProductVariantStock {
  @Field({ description: 'The SKU: the stock keeping unit that identifies this variant everywhere (carts, orders, stock).' })
  sku!: string;
}

@ObjectType({ description: 'An open location near the point asked, with what it can promise.', simpleResolvers: true })
export class NearbyStock {
  @Field(() => Location, { description: 'The location.' })
  location!: Location;

  @Field(() => Int, { description: 'Units it can promise now (on hand minus reserved and safety stock).' })
  available!: number;

  @Field(() => Float, { description: 'Great-circle distance from the shopper in km, to one decimal.' })
  distanceKm!: number;
}

@ObjectType({ description: 'How many units of a variant can be promised, in total and near a point. Public.' })
export class Availability {
  sku!: string;

  @Field(() => Int, { description: 'Units available across open locations.' })
  totalAvailable!: number;
}

@Directive('@inaccessible')
@ObjectType({ simpleResolvers: true })
export class CandidateStock {
  @Field()
  sku!: string;

  @Field(() => Int, { description: 'Units that can be promised now (zero at a closed location).' })
  available!: number;

  @Field(() => Int, {
    description:
      'Units a carry-out sale at this store may take: on hand less reserved, safety stock included (zero at a closed location).',
  })
  atTill!: number;
}

@Directive('@inaccessible')
@ObjectType({ description: 'A location as order routing sees it: where it is, what it does, what it can promise.' })
export class FulfillmentCandidate {
  @Field(() => Location)
  location!: Location;

  @Field(() => [CandidateStock], { description: 'One entry per SKU asked, in the order asked.' })
  stock!: CandidateStock[];
}

export const MAX_CANDIDATE_SKUS = 200;
const MAX_RADIUS_KM = 20_000;

@Resolver(() => ProductVariantStock)
export class VariantStockResolver {
  @FieldResolver(() => Availability, {
    description: 'Stock of this variant across open locations. Public.',
    nullable: true,
  })
  async availability(@Root() variant: ProductVariantStock, @Ctx() ctx: ServiceContext): Promise<Availability> {
    const placed = await placedStockBySku(ctx).load(variant.sku);
    return Object.assign(new Availability(), { sku: variant.sku, totalAvailable: totalAvailable(placed) });
  }
}

@Resolver(() => Availability)
export class AvailabilityResolver {
  @FieldResolver(() => [Stock], { description: 'Stock at every location that carries the SKU.' })
  byLocation(@Root() availability: Availability, @Ctx() ctx: ServiceContext): Promise<Stock[]> {
    return stockBySku(ctx).load(availability.sku);
  }

  @FieldResolver(() => [NearbyStock], {
    description: 'Open locations within radiusKm that have the SKU available, nearest first.',
  })
  async nearby(
    @Root() availability: Availability,
    @Ctx() ctx: ServiceContext,
    @Arg('lat', () => Float, { description: 'Latitude of the point in decimal degrees (-90..90).' }) lat: number,
    @Arg('lng', () => Float, {
      description: "Longitude of the point in decimal degrees (-180..180), e.g. the shopper's position.",
    })
    lng: number,
    @Arg('radiusKm', () => Float, { description: 'Search radius in kilometres around the point, default 50.', defaultValue: 50 })
    radiusKm: number,
  ): Promise<NearbyStock[]> {
    if (!isCoordinate(lat, lng)) {
      throw new GraphQLError('lat is within ±90 and lng within ±180', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    if (!(radiusKm >= 0 && radiusKm <= MAX_RADIUS_KM)) {
      throw new GraphQLError(`radiusKm is between 0 and ${MAX_RADIUS_KM}`, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    const placed = await placedStockBySku(ctx).load(availability.sku);
    return nearbyStock(placed, { lat, lng }, radiusKm).map((n) => Object.assign(new NearbyStock(), n));
  }
}

@Resolver(() => FulfillmentCandidate)
export class FulfillmentCandidateResolver {
  @Directive('@inaccessible')
  @Authorized(Role.ADMIN)
  @Query(() => [FulfillmentCandidate], {
    description:
      'Order routing input (for the orders service): every location with its coordinates and capabilities and what it can promise of each SKU. Two statements whatever the number of SKUs.',
  })
  async fulfillmentCandidates(
    @Arg('skus', () => [String]) skus: string[],
    @Ctx() ctx: ServiceContext,
  ): Promise<FulfillmentCandidate[]> {
    const wanted = [...new Set(skus)];
    if (wanted.length > MAX_CANDIDATE_SKUS) {
      throw new GraphQLError(`at most ${MAX_CANDIDATE_SKUS} SKUs per call`, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    // Every location, each with its stock of the SKUs, in one statement.
    let query = ctx.db.getRepository(Location).createQueryBuilder('l').orderBy('l.id', 'ASC');
    if (wanted.length) {
      query = query.leftJoinAndMapMany('l.candidateStock', Stock, 's', 's.locationId = l.id AND s.sku IN (:...wanted)', {
        wanted,
      });
    }
    const locations = (await query.getMany()) as (Location & { candidateStock?: Stock[] })[];
    const stock = locations.flatMap((location) => location.candidateStock ?? []);
    return fulfillmentCandidates(locations, stock, wanted).map((c) =>
      Object.assign(new FulfillmentCandidate(), {
        location: c.location,
        stock: c.stock.map((s) => Object.assign(new CandidateStock(), s)),
      }),
    );
  }
}
