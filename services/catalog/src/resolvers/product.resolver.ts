import { attempt, Channel, Money, MoneyInput, UserError, type ServiceContext } from '@omni/platform';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { upsertProduct } from '../commands/upsert-product';
import { priceFor } from '../domain/pricing';
import { Attribute, Product, ProductVariant } from '../entities/product';
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

@Resolver(() => Product)
export class ProductResolver {
  @Query(() => Product, { nullable: true })
  product(@Arg('id', () => ID) id: string, @Ctx() ctx: ServiceContext): Promise<Product | null> {
    return productById(ctx).load(id);
  }

  @Mutation(() => UpsertProductPayload)
  async upsertProduct(
    @Arg('input', () => UpsertProductInput) input: UpsertProductInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<UpsertProductPayload> {
    const { result, userErrors } = await attempt(() => upsertProduct(ctx.db, input, ctx.channel));
    return { product: result, userErrors };
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
