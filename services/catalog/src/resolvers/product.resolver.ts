import {
  attempt,
  Channel,
  Connection,
  decodeCursor,
  encodeCursor,
  Money,
  MoneyInput,
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
import { setChannelPricePolicy, setPrice } from '../commands/set-price';
import { upsertProduct } from '../commands/upsert-product';
import { MarketError, normalizeMarketCode, priceInMarket } from '../domain/markets';
import { priceFor } from '../domain/pricing';
import { Attribute, ChannelPricePolicy, GiftCardKind, Product, ProductVariant } from '../entities/product';
import { searchProducts } from '../queries/search';
import { channelPricesBySku, marketPriceOf, marketsByCode, productById, variantBySku, variantsByProduct } from '../loaders';
import { CatalogUserError } from './user-errors';

@InputType({ description: 'A named property of a product or variant, e.g. { name: "color", value: "navy" }.' })
export class AttributeInput {
  @Field({ description: 'The attribute, e.g. `color` or `size` (at most 100 characters).' })
  name!: string;

  @Field({
    description: 'Its value as text (at most 200 characters); a measure with its unit, e.g. `80 cm`, is searchable by range.',
  })
  value!: string;
}

@InputType({ description: 'One variant of a product being written.' })
export class VariantInput {
  @Field({ description: 'Its SKU (letters, digits, `-`, `_`, `.`; at most 64 characters), unique across products.' })
  sku!: string;

  @Field(() => [AttributeInput], { description: 'What sets it apart, e.g. size and color; null: none.', nullable: true })
  attributes?: AttributeInput[] | null;

  @Field(() => MoneyInput, { description: 'Its base price in minor units.' })
  price!: MoneyInput;

  @Field(() => GiftCardKind, { nullable: true, description: 'Sell this variant as a gift card of its price.' })
  giftCard?: GiftCardKind | null;
}

@InputType({ description: 'A whole product with its variants.' })
export class UpsertProductInput {
  @Field(() => ID, { description: 'The product to replace; null: create a new one.', nullable: true })
  id?: string | null;

  @Field({ description: 'The product name, 1 to 200 characters.' })
  name!: string;

  @Field(() => String, { description: 'Long description, plain text; null: none.', nullable: true })
  description?: string | null;

  @Field(() => String, { description: 'The brand (at most 100 characters); null: none.', nullable: true })
  brand?: string | null;

  @Field(() => [String], {
    description: 'Its category, root first, e.g. ["Apparel", "Tops"]; null: uncategorized.',
    nullable: true,
  })
  categoryPath?: string[] | null;

  @Field(() => [AttributeInput], { description: 'Attributes shared by every variant; null: none.', nullable: true })
  attributes?: AttributeInput[] | null;

  @Field(() => [VariantInput], { description: 'At least one variant, each SKU once, all priced in one currency.' })
  variants!: VariantInput[];
}

@ObjectType({ description: 'The result of `upsertProduct`.' })
export class UpsertProductPayload {
  @Field(() => Product, { description: 'The product as stored; null when `userErrors` is not empty.', nullable: true })
  product!: Product | null;

  @Field(() => [CatalogUserError], { description: 'Why nothing was written; empty on success.' })
  userErrors!: UserError[];
}

@InputType({ description: 'A new price for one SKU.' })
export class SetPriceInput {
  @Field({ description: 'The SKU to price.' })
  sku!: string;

  @Field(() => MoneyInput, {
    description:
      "The price in minor units: in the currency the variant is already priced in, or with `market` in the market's currency.",
  })
  price!: MoneyInput;

  @Field(() => Channel, {
    nullable: true,
    description: 'No channel: the base price, for every channel without a price of its own.',
  })
  channel?: Channel | null;

  @Field(() => String, {
    nullable: true,
    description:
      "A market code: the price goes into that market's price list, in the market's currency, for every channel of the " +
      "market (no `channel` then). Null: the variant's own prices, in its own currency.",
  })
  market?: string | null;
}

@ObjectType({ description: 'The result of `setPrice`.' })
export class SetPricePayload {
  @Field(() => ProductVariant, {
    description: 'The variant with its new price; null when `userErrors` is not empty.',
    nullable: true,
  })
  variant!: ProductVariant | null;

  @Field(() => [CatalogUserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of `setChannelPricePolicy`.' })
export class SetChannelPricePolicyPayload {
  @Field(() => ChannelPricePolicy, {
    description: 'The policy now in force; null when `userErrors` is not empty.',
    nullable: true,
  })
  policy!: ChannelPricePolicy | null;

  @Field(() => [CatalogUserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}

@InputType({ description: 'brand, category, price ("1000-5000" in minor units) or any attribute name such as color or size.' })
export class FacetFilterInput {
  @Field({ description: 'The facet to filter on, as `Facet.name` returns it.' })
  name!: string;

  @Field(() => [String], { description: 'Products with any of these values match (OR within a facet; facets combine with AND).' })
  values!: string[];
}

@InputType({ description: 'A numeric attribute in a range, e.g. { name: "width", max: 80, unit: "cm" }; bounds are inclusive.' })
export class RangeFilterInput {
  @Field({ description: 'The attribute, e.g. width, depth, height or weight.' })
  name!: string;

  @Field(() => Float, { description: 'Inclusive lower bound in `unit`; null: no lower bound.', nullable: true })
  min?: number | null;

  @Field(() => Float, { description: 'Inclusive upper bound in `unit`; null: no upper bound.', nullable: true })
  max?: number | null;

  @Field({
    description:
      'mm, cm, m, in, ft (lengths) or g, kg, lb, oz (weights); attributes written in another unit of the same kind are converted.',
  })
  unit!: string;
}

@ObjectType({ description: 'One value of a facet and how many products of the result carry it.', simpleResolvers: true })
export class FacetValue {
  @Field({ description: 'The value, e.g. `navy`; for `price` a range in minor units such as `1000-5000`.' })
  value!: string;

  @Field(() => Int, { description: 'Products of the filtered result that have this value.' })
  count!: number;
}

@ObjectType({
  description: 'One filterable dimension of a search result (brand, category, price or an attribute) with its values and counts.',
  simpleResolvers: true,
})
export class Facet {
  @Field({
    description:
      'The facet: `brand`, `category`, `price` or an attribute name such as `color`; pass it to `FacetFilterInput.name`.',
  })
  name!: string;

  @Field(() => [FacetValue], { description: 'Its values in the filtered result, most frequent first.' })
  values!: FacetValue[];
}

@ObjectType({ description: 'A page of search results with the facets of the whole filtered result.' })
export class ProductSearchConnection extends Connection(Product) {
  @Field(() => [Facet], { description: 'Every facet of the filtered result (all pages) with value counts, for filter menus.' })
  facets!: Facet[];
}

@Resolver(() => Product)
export class ProductResolver {
  @Query(() => ProductSearchConnection, { description: 'Full-text and faceted product search, ordered by name.' })
  async searchProducts(
    @Ctx() ctx: ServiceContext,
    @Arg('query', () => String, {
      description:
        'Free text over name, brand, description, categories and attributes, typo tolerant; null or empty: every product.',
      nullable: true,
    })
    query?: string | null,
    @Arg('filters', () => [FacetFilterInput], {
      description: 'Facet filters: OR within a facet, AND across facets.',
      nullable: true,
    })
    filters?: FacetFilterInput[] | null,
    @Arg('ranges', () => [RangeFilterInput], {
      nullable: true,
      description: 'Products with a variant that meets every range (numeric attributes such as width = "80 cm").',
    })
    ranges?: RangeFilterInput[] | null,
    @Arg('channel', () => Channel, {
      description: "Prices and availability for this channel; null: the caller's channel.",
      nullable: true,
    })
    channel?: Channel | null,
    @Arg('first', () => Int, { description: 'Page size, default 20, at most 100.', nullable: true }) first?: number | null,
    @Arg('after', () => String, { description: 'The `endCursor` of the previous page; null: the first page.', nullable: true })
    after?: string | null,
  ): Promise<ProductSearchConnection> {
    const result = await searchProducts(ctx.db, {
      query,
      filters,
      ranges,
      channel,
      first: pageSize(first),
      after: decodeCursor(after),
    });
    for (const node of result.nodes) productById(ctx).prime(node.id, node);
    const keys = new Map(result.nodes.map((node, i) => [node, result.keys[i]!]));
    const cursorOf = (p: Product) => encodeCursor(keys.get(p) ?? [p.name, p.id]);
    return { ...toConnection(result, cursorOf), facets: result.facets };
  }

  @Query(() => Product, { description: 'A product by id; null when there is none. Public.', nullable: true })
  product(
    @Arg('id', () => ID, { description: 'The product id.' }) id: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<Product | null> {
    return productById(ctx).load(id);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => UpsertProductPayload, {
    description:
      'Creates a product with its variants, or replaces one (by `input.id`). ADMIN only. userErrors: INVALID_NAME, NO_VARIANTS, INVALID_SKU, DUPLICATE_SKU, INVALID_PRICE, INVALID_CURRENCY, CURRENCY_MISMATCH, UNKNOWN_PRODUCT, SKU_TAKEN.',
  })
  async upsertProduct(
    @Arg('input', () => UpsertProductInput, {
      description: 'The whole product: fields left out are cleared, variants left out are discontinued.',
    })
    input: UpsertProductInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<UpsertProductPayload> {
    const { result, userErrors } = await attempt(() => upsertProduct(ctx.db, input, ctx.channel));
    return { product: result, userErrors };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => SetPricePayload, {
    description:
      "Sets the base price of a SKU, or with a channel header the price of that channel (when its policy allows one), or with `market` its price in that market. ADMIN only. userErrors: INVALID_PRICE, INVALID_CURRENCY, UNKNOWN_SKU, CURRENCY_MISMATCH (not the variant's currency, or not the market's), PRICE_INCONSISTENT, UNKNOWN_MARKET, INVALID_CHANNEL (a market price with a channel).",
  })
  async setPrice(
    @Arg('input', () => SetPriceInput, { description: 'The SKU and its new price.' }) input: SetPriceInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<SetPricePayload> {
    const { result, userErrors } = await attempt(() => setPrice(ctx.db, input, ctx.channel));
    return { variant: result, userErrors };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => SetChannelPricePolicyPayload, {
    description:
      'Allows or forbids a channel its own prices; forbidding removes them (the channel sells at base prices). ADMIN only. ' +
      'userErrors: none (every channel may be given a policy).',
  })
  async setChannelPricePolicy(
    @Arg('channel', () => Channel, { description: 'The channel whose policy changes.' }) channel: Channel,
    @Arg('allowDeviation', { description: 'true: the channel may have prices of its own; false: it sells at base prices.' })
    allowDeviation: boolean,
    @Ctx() ctx: ServiceContext,
  ): Promise<SetChannelPricePolicyPayload> {
    const { result, userErrors } = await attempt(() => setChannelPricePolicy(ctx.db, channel, allowDeviation, ctx.channel));
    return { policy: result, userErrors };
  }

  @FieldResolver(() => [ProductVariant], {
    description: 'Every variant of the product, discontinued ones included (check `discontinued`).',
  })
  variants(@Root() product: Product, @Ctx() ctx: ServiceContext): Promise<ProductVariant[]> {
    return variantsByProduct(ctx).load(product.id);
  }
}

@Resolver(() => ProductVariant)
export class VariantResolver {
  @Query(() => ProductVariant, { description: 'A variant by SKU; null when there is none. Public.', nullable: true })
  variant(@Arg('sku', { description: 'The SKU.' }) sku: string, @Ctx() ctx: ServiceContext): Promise<ProductVariant | null> {
    return variantBySku(ctx).load(sku);
  }

  @Query(() => [ProductVariant], { description: 'Variants by SKU, in the order asked; unknown SKUs are left out.' })
  async variants(
    @Arg('skus', () => [String], { description: 'The SKUs, at most 100.' }) skus: string[],
    @Ctx() ctx: ServiceContext,
  ): Promise<ProductVariant[]> {
    const found = await variantBySku(ctx).loadMany(skus);
    // A failed lookup is an error to retry, not SKUs that do not exist.
    const failed = found.find((v) => v instanceof Error);
    if (failed) throw failed;
    return found.filter((v): v is ProductVariant => v instanceof ProductVariant);
  }

  @FieldResolver(() => Product, { description: 'The product this variant belongs to.' })
  async product(@Root() variant: ProductVariant, @Ctx() ctx: ServiceContext): Promise<Product> {
    return (await productById(ctx).load(variant.productId))!;
  }

  @FieldResolver(() => Money, { description: 'The price in a channel; without a channel, the base price.' })
  async price(
    @Root() variant: ProductVariant,
    @Ctx() ctx: ServiceContext,
    @Arg('channel', () => Channel, {
      description: "The channel to price for; null: the caller's channel (its header), else the base price.",
      nullable: true,
    })
    channel?: Channel | null,
  ): Promise<Money> {
    const own = await channelPricesBySku(ctx).load(variant.sku);
    const byChannel = new Map(own.map((p) => [p.channel, { cents: p.priceCents, currency: p.currency }]));
    const price = priceFor({ cents: variant.priceCents, currency: variant.currency }, byChannel, channel ?? null);
    return Money.of(price.cents, price.currency);
  }

  @FieldResolver(() => Money, {
    nullable: true,
    description:
      "The price in a market, in the market's currency: its price list's price, else the variant's own (channel) price " +
      'when that is in the market currency. Null when the variant has no price there (it cannot be sold in that market) ' +
      'or there is no such market. Public.',
  })
  async marketPrice(
    @Root() variant: ProductVariant,
    @Ctx() ctx: ServiceContext,
    @Arg('market', { description: 'The market code, e.g. `DE` (any case).' }) market: string,
    @Arg('channel', () => Channel, {
      description: "The channel to price for; null: the caller's channel (its header), else the base price.",
      nullable: true,
    })
    channel?: Channel | null,
  ): Promise<Money | null> {
    const rule = await marketsByCode(ctx).load(normalizeMarketCode(market));
    if (!rule) return null;
    const [own, listed] = await Promise.all([
      channelPricesBySku(ctx).load(variant.sku),
      marketPriceOf(ctx).load(`${rule.code} ${variant.sku}`),
    ]);
    const byChannel = new Map(own.map((p) => [p.channel, { cents: p.priceCents, currency: p.currency }]));
    const base = { cents: variant.priceCents, currency: variant.currency };
    try {
      const list = listed && { cents: listed.priceCents, currency: listed.currency };
      const price = priceInMarket(variant.sku, base, byChannel, list, rule, channel ?? null);
      return Money.of(price.cents, price.currency);
    } catch (error) {
      if (error instanceof MarketError) return null;
      throw error;
    }
  }
}

export { Attribute };
