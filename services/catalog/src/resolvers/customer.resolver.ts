import { assertCanSeeCustomer, DateScalar, pageSize, type ServiceContext } from '@omni/platform';
import { Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Arg, Resolver, Root } from 'type-graphql';
import { buyAgain } from '../domain/buy-again';
import { Product, ProductVariant } from '../entities/product';
import { CustomerPurchase } from '../entities/recommendation';
import { productById, variantBySku } from '../loaders';
import { recommendedProductIds } from '../queries/recommendations';

/** CRM's customer, extended here with what the catalog knows about their purchases. */
@Directive('@key(fields: "id")')
@ObjectType('Customer')
export class CustomerRef {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: 'A SKU the customer buys repeatedly, and when they will likely need it again.' })
export class BuyAgainItem {
  @Field({ description: 'The SKU bought in two or more orders.' })
  sku!: string;

  @Field(() => Int, { description: 'Orders it was bought in, any channel.' })
  timesBought!: number;

  @Field({ description: 'When the customer last ordered it.' })
  lastPurchasedAt!: Date;

  @Field(() => Int, {
    description: 'Average days between two of their orders of it: next due about this long after `lastPurchasedAt`.',
  })
  averageIntervalDays!: number;

  @Field(() => DateScalar, { description: 'Last purchase plus the average interval between purchases.' })
  nextPurchaseOn!: string;
}

@Resolver(() => BuyAgainItem)
export class BuyAgainResolver {
  @FieldResolver(() => ProductVariant, {
    description: 'The variant; null when it no longer exists in the catalog.',
    nullable: true,
  })
  variant(@Root() item: BuyAgainItem, @Ctx() ctx: ServiceContext): Promise<ProductVariant | null> {
    return variantBySku(ctx).load(item.sku);
  }
}

@Resolver(() => CustomerRef)
export class CustomerCatalogResolver {
  @FieldResolver(() => [Product], {
    nullable: true,
    description:
      'Products bought together with what this customer bought in any channel, excluding what they own; ' +
      'then best-sellers of their categories.',
  })
  async recommendations(
    @Root() customer: CustomerRef,
    @Ctx() ctx: ServiceContext,
    @Arg('first', () => Int, { description: 'How many products, default 20, at most 100.', nullable: true })
    first?: number | null,
  ): Promise<Product[]> {
    assertCanSeeCustomer(ctx.caller, customer.id);
    const ids = await recommendedProductIds(ctx.db, customer.id, Math.min(pageSize(first ?? 10), 50));
    const products = await productById(ctx).loadMany(ids);
    return products.filter((p): p is Product => p instanceof Product);
  }

  @FieldResolver(() => [BuyAgainItem], { nullable: true, description: 'SKUs bought in two or more orders, soonest due first.' })
  async buyAgain(@Root() customer: CustomerRef, @Ctx() ctx: ServiceContext): Promise<BuyAgainItem[]> {
    assertCanSeeCustomer(ctx.caller, customer.id);
    const purchases = await ctx.db.getRepository(CustomerPurchase).find({ where: { customerId: customer.id } });
    return buyAgain(purchases);
  }
}
