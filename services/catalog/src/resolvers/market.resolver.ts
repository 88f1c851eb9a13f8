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
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { upsertMarket } from '../commands/markets';
import { normalizeMarketCode } from '../domain/markets';
import { Market } from '../entities/market';
import { locationsByMarket, marketLocationOf, marketsByCode } from '../loaders';
import { CatalogUserError } from './user-errors';

/** Inventory's location, extended here with the market it sells in. */
@Directive('@key(fields: "id")')
@ObjectType('Location')
export class LocationRef {
  @Field(() => ID)
  id!: string;
}

@InputType({ description: 'A market to create or replace (by `code`).' })
export class UpsertMarketInput {
  @Field({ description: 'The market code, e.g. `DE` (2 to 20 letters, digits, `-`, `_`; stored upper case).' })
  code!: string;

  @Field({ description: 'Its name for staff, e.g. "Germany" (1 to 100 characters).' })
  name!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 country code, e.g. `DE`.' })
  country!: string;

  @Field({
    description: 'ISO 4217 currency its carts and orders are priced and paid in, e.g. `EUR`; fixed once it has prices.',
  })
  currency!: string;

  @Field(() => [ID], {
    nullable: true,
    description:
      'The inventory locations (stores, warehouses) that sell in this market: an order picked up or carried out there ' +
      'is in it. Replaces the list; a location moves from its previous market. Null: leave the locations as they are.',
  })
  locationIds?: string[] | null;
}

@ObjectType({ description: 'The result of `upsertMarket`.' })
export class UpsertMarketPayload {
  @Field(() => Market, { nullable: true, description: 'The market as stored; null when `userErrors` is not empty.' })
  market!: Market | null;

  @Field(() => [CatalogUserError], { description: 'Why nothing was written; empty on success.' })
  userErrors!: UserError[];
}

@Resolver(() => Market)
export class MarketResolver {
  @Query(() => [Market], { description: 'Every market, by code. Public: a storefront offers the shopper its markets.' })
  markets(@Ctx() ctx: ServiceContext): Promise<Market[]> {
    return ctx.db.getRepository(Market).createQueryBuilder('m').orderBy('m.code').getMany();
  }

  @Query(() => Market, { nullable: true, description: 'A market by code (any case); null when there is none. Public.' })
  market(@Arg('code', { description: 'The market code, e.g. `DE`.' }) code: string, @Ctx() ctx: ServiceContext) {
    return marketsByCode(ctx).load(normalizeMarketCode(code));
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => UpsertMarketPayload, {
    description:
      'Creates a market or replaces one (by code), with the locations that sell in it. ADMIN only. ' +
      'userErrors: INVALID_MARKET, INVALID_NAME, INVALID_COUNTRY, INVALID_CURRENCY, UNKNOWN_LOCATION (not a location id), ' +
      'CURRENCY_MISMATCH (the market already has prices in another currency).',
  })
  async upsertMarket(
    @Arg('input', () => UpsertMarketInput, { description: 'The market.' }) input: UpsertMarketInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<UpsertMarketPayload> {
    const { result, userErrors } = await attempt(() => upsertMarket(ctx.db, input));
    return { market: result, userErrors };
  }

  @FieldResolver(() => [ID], { description: 'The inventory locations that sell in this market, by id.' })
  async locationIds(@Root() market: Market, @Ctx() ctx: ServiceContext): Promise<string[]> {
    return (await locationsByMarket(ctx).load(market.code)).map((l) => l.locationId);
  }
}

@Resolver(() => LocationRef)
export class LocationMarketResolver {
  @FieldResolver(() => Market, {
    nullable: true,
    description:
      'The market this location sells in (orders picked up or carried out here are in its currency); null: the default market.',
  })
  async market(@Root() location: LocationRef, @Ctx() ctx: ServiceContext): Promise<Market | null> {
    const row = await marketLocationOf(ctx).load(location.id);
    return row ? marketsByCode(ctx).load(row.market) : null;
  }
}
