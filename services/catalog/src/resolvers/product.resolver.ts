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
import { priceFor } from '../domain/pricing';
import { Attribute, ChannelPricePolicy, GiftCardKind, Product, ProductVariant } from '../entities/product';
import { searchProducts } from '../queries/search';
import { channelPricesBySku, productById, variantBySku, variantsByProduct } from '../loaders';

@InputType()
export class AttributeInput {
  @Field()
  name!: string;

  @Field()
  value!: string;
}

@InputType()
export class VariantInput {
  @Field()
  sku!: string;

  @Field(() => [AttributeInput], { nullable: true })
  attributes?: AttributeInput[] | null;

  @Field(() => MoneyInput)
  price!: MoneyInput;

  @Field(() => GiftCardKind, { nullable: true, description: 'Sell this variant as a gift card of its price.' })
  giftCard?: GiftCardKind | null;
}

@InputType()
export class UpsertProductInput {
  @Field(() => ID, { nullable: true })
  id?: string | null;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  brand?: string | null;

  @Field(() => [String], { nullable: true })
  categoryPath?: string[] | null;

  @Field(() => [AttributeInput], { nullable: true })
  attributes?: AttributeInput[] | null;

  @Field(() => [VariantInput])
  variants!: VariantInput[];
}

@ObjectType()
export class UpsertProductPayload {
  @Field(() => Product, { nullable: true })
  product!: Product | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType()
export class SetPriceInput {
  @Field()
  sku!: string;

  @Field(() => MoneyInput)
  price!: MoneyInput;

  @Field(() => Channel, {
    nullable: true,
    description: 'No channel: the base price, for every channel without a price of its own.',
  })
  channel?: Channel | null;
}

@ObjectType()
export class SetPricePayload {
  @Field(() => ProductVariant, { nullable: true })
  variant!: ProductVariant | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class SetChannelPricePolicyPayload {
  @Field(() => ChannelPricePolicy, { nullable: true })
  policy!: ChannelPricePolicy | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType({ description: 'brand, category, price ("1000-5000" in minor units) or any attribute name such as color or size.' })
export class FacetFilterInput {
  @Field()
  name!: string;

  @Field(() => [String])
  values!: string[];
}

@InputType({ description: 'A numeric attribute in a range, e.g. { name: "width", max: 80, unit: "cm" }; bounds are inclusive.' })
export class RangeFilterInput {
  @Field({ description: 'The attribute, e.g. width, depth, height or weight.' })
  name!: string;

  @Field(() => Float, { nullable: true })
  min?: number | null;

  @Field(() => Float, { nullable: true })
  max?: number | null;

  @Field({
    description:
      'mm, cm, m, in, ft (lengths) or g, kg, lb, oz (weights); attributes written in another unit of the same kind are converted.',
  })
  unit!: string;
}

@ObjectType({ simpleResolvers: true })
export class FacetValue {
  @Field()
  value!: string;

  @Field(() => Int, { description: 'Products of the filtered result that have this value.' })
  count!: number;
}

@ObjectType({ simpleResolvers: true })
export class Facet {
  @Field()
  name!: string;

  @Field(() => [FacetValue])
  values!: FacetValue[];
}

@ObjectType()
export class ProductSearchConnection extends Connection(Product) {
  @Field(() => [Facet])
  facets!: Facet[];
}

@Resolver(() => Product)
export class ProductResolver {
  @Query(() => ProductSearchConnection, { description: 'Full-text and faceted product search, ordered by name.' })
  async searchProducts(
    @Ctx() ctx: ServiceContext,
    @Arg('query', () => String, { nullable: true }) query?: string | null,
    @Arg('filters', () => [FacetFilterInput], { nullable: true }) filters?: FacetFilterInput[] | null,
    @Arg('ranges', () => [RangeFilterInput], {
      nullable: true,
      description: 'Products with a variant that meets every range (numeric attributes such as width = "80 cm").',
    })
    ranges?: RangeFilterInput[] | null,
    @Arg('channel', () => Channel, { nullable: true }) channel?: Channel | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
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

  @Query(() => Product, { nullable: true })
  product(@Arg('id', () => ID) id: string, @Ctx() ctx: ServiceContext): Promise<Product | null> {
    return productById(ctx).load(id);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => UpsertProductPayload)
  async upsertProduct(
    @Arg('input', () => UpsertProductInput) input: UpsertProductInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<UpsertProductPayload> {
    const { result, userErrors } = await attempt(() => upsertProduct(ctx.db, input, ctx.channel));
    return { product: result, userErrors };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => SetPricePayload)
  async setPrice(@Arg('input', () => SetPriceInput) input: SetPriceInput, @Ctx() ctx: ServiceContext): Promise<SetPricePayload> {
    const { result, userErrors } = await attempt(() => setPrice(ctx.db, input, ctx.channel));
    return { variant: result, userErrors };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => SetChannelPricePolicyPayload, {
    description: 'Allows or forbids a channel its own prices; forbidding removes them (the channel sells at base prices).',
  })
  async setChannelPricePolicy(
    @Arg('channel', () => Channel) channel: Channel,
    @Arg('allowDeviation') allowDeviation: boolean,
    @Ctx() ctx: ServiceContext,
  ): Promise<SetChannelPricePolicyPayload> {
    const { result, userErrors } = await attempt(() => setChannelPricePolicy(ctx.db, channel, allowDeviation, ctx.channel));
    return { policy: result, userErrors };
  }

  @FieldResolver(() => [ProductVariant])
  variants(@Root() product: Product, @Ctx() ctx: ServiceContext): Promise<ProductVariant[]> {
    return variantsByProduct(ctx).load(product.id);
  }
}

@Resolver(() => ProductVariant)
export class VariantResolver {
  @Query(() => ProductVariant, { nullable: true })
  variant(@Arg('sku') sku: string, @Ctx() ctx: ServiceContext): Promise<ProductVariant | null> {
    return variantBySku(ctx).load(sku);
  }

  @Query(() => [ProductVariant], { description: 'Variants by SKU, in the order asked; unknown SKUs are left out.' })
  async variants(@Arg('skus', () => [String]) skus: string[], @Ctx() ctx: ServiceContext): Promise<ProductVariant[]> {
    const found = await variantBySku(ctx).loadMany(skus);
    // A failed lookup is an error to retry, not SKUs that do not exist.
    const failed = found.find((v) => v instanceof Error);
    if (failed) throw failed;
    return found.filter((v): v is ProductVariant => v instanceof ProductVariant);
  }

  @FieldResolver(() => Product)
  async product(@Root() variant: ProductVariant, @Ctx() ctx: ServiceContext): Promise<Product> {
    return (await productById(ctx).load(variant.productId))!;
  }

  @FieldResolver(() => Money, { description: 'The price in a channel; without a channel, the base price.' })
  async price(
    @Root() variant: ProductVariant,
    @Ctx() ctx: ServiceContext,
    @Arg('channel', () => Channel, { nullable: true }) channel?: Channel | null,
  ): Promise<Money> {
    const own = await channelPricesBySku(ctx).load(variant.sku);
    const byChannel = new Map(own.map((p) => [p.channel, { cents: p.priceCents, currency: p.currency }]));
    const price = priceFor({ cents: variant.priceCents, currency: variant.currency }, byChannel, channel ?? null);
    return Money.of(price.cents, price.currency);
  }
}

export { Attribute };
