import { attempt, Channel, DomainError, Money, MoneyInput, Role, type ServiceContext, UserError } from '@omni/platform';
import {
  Arg,
  Authorized,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { createPromotion } from '../commands/create-promotion';
import { CartPricingError, customerFactsNeeded, priceCart, type PricedCart } from '../domain/promotions';
import { MarketError, priceInMarket } from '../domain/markets';
import { GiftCardKind, ProductVariant } from '../entities/product';
import { Promotion, PromotionKind } from '../entities/promotion';
import {
  activePromotions,
  channelPricesBySku,
  marketPriceOf,
  productById,
  segmentsOfCustomer,
  tierOfCustomer,
  variantBySku,
} from '../loaders';
import { marketFor } from '../queries/markets';
import { CatalogUserError } from './user-errors';

@InputType({ description: 'A new promotion: automatic, or a coupon when `code` is given.' })
export class CreatePromotionInput {
  @Field({ description: 'Shown to shoppers on a discounted cart, e.g. "Summer sale" (at most 200 characters).' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'A coupon code; without one the promotion applies automatically.' })
  code?: string | null;

  @Field(() => PromotionKind, { description: 'PERCENT_OFF or AMOUNT_OFF: how `value` is read.' })
  kind!: PromotionKind;

  @Field(() => Int, { description: 'Percent (1..100) for PERCENT_OFF, minor units for AMOUNT_OFF.' })
  value!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Currency of an AMOUNT_OFF value (defaults to the minimum subtotal currency).',
  })
  currency?: string | null;

  @Field(() => [Channel], { nullable: true, description: 'Empty or absent: every channel.' })
  channels?: Channel[] | null;

  @Field(() => MoneyInput, { description: 'The cart subtotal (minor units) needed to qualify; null: any cart.', nullable: true })
  minSubtotal?: MoneyInput | null;

  @Field(() => String, { nullable: true, description: 'Lowest loyalty tier that qualifies: BRONZE, SILVER, GOLD or PLATINUM.' })
  minTier?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Only members of this CRM segment (`Segment.id`, from `defineSegment`) get it, in every channel; null: everyone.',
  })
  segmentId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'A personal offer: only this customer gets it, in every channel where they are identified. Not with `segmentId`.',
  })
  customerId?: string | null;

  @Field(() => Date, { description: 'When it starts to apply; null: now.', nullable: true })
  startsAt?: Date | null;

  @Field(() => Date, { description: 'When it stops applying (after `startsAt`); null: never.', nullable: true })
  endsAt?: Date | null;
}

@ObjectType({ description: 'The result of `createPromotion`.' })
export class CreatePromotionPayload {
  @Field(() => Promotion, { description: 'The promotion created; null when `userErrors` is not empty.', nullable: true })
  promotion!: Promotion | null;

  @Field(() => [CatalogUserError], { description: 'Why nothing was created; empty on success.' })
  userErrors!: UserError[];
}

@Directive('@inaccessible')
@InputType()
export class PriceCartLineInput {
  @Field()
  sku!: string;

  @Field(() => Int)
  quantity!: number;

  @Field(() => MoneyInput, {
    nullable: true,
    description: 'The unit price already agreed (an order being changed); without it, the channel price today.',
  })
  unitPrice?: MoneyInput | null;
}

@Directive('@inaccessible')
@InputType()
export class PriceCartInput {
  @Field(() => Channel)
  channel!: Channel;

  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  /** Null: the tier catalog keeps from loyalty's events (`customer_tier`), for a named customer. */
  @Field(() => String, { nullable: true, description: "The customer's loyalty tier, for tier-limited promotions." })
  tier?: string | null;

  @Field(() => [String], { nullable: true })
  couponCodes?: string[] | null;

  @Field(() => [PriceCartLineInput])
  lines!: PriceCartLineInput[];

  @Field(() => Date, {
    nullable: true,
    description: 'Apply the promotions active at this moment (an order being changed); default now.',
  })
  at?: Date | null;

  @Field(() => String, { nullable: true, description: 'The market the channel names (its price list and currency).' })
  market?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "The store or pickup location of the order: its market's prices, when the location is in one.",
  })
  locationId?: string | null;
}

@Directive('@inaccessible')
@ObjectType({ simpleResolvers: true })
export class PricedCartLine {
  @Field()
  sku!: string;

  @Field(() => Int)
  quantity!: number;

  @Field(() => Money)
  unitPrice!: Money;

  @Field(() => Money, { description: 'unitPrice x quantity' })
  subtotal!: Money;

  @Field(() => Money, { description: "This line's share of the cart discount, in whole cents." })
  discount!: Money;

  @Field(() => Money, { description: 'subtotal - discount' })
  total!: Money;

  @Field(() => GiftCardKind, { nullable: true, description: 'Set when the line sells gift cards (never promoted).' })
  giftCard!: GiftCardKind | null;

  /** The variant's product: `categoryPath` is read from it only when asked for. */
  productId!: string;
}

@Resolver(() => PricedCartLine)
export class PricedCartLineResolver {
  @FieldResolver(() => [String], { description: "The product's category path (for loyalty's category rules)." })
  async categoryPath(@Root() line: PricedCartLine, @Ctx() ctx: ServiceContext): Promise<string[]> {
    return (await productById(ctx).load(line.productId))?.categoryPath ?? [];
  }
}

@Directive('@inaccessible')
@ObjectType({ simpleResolvers: true })
export class AppliedPromotion {
  @Field(() => ID)
  promotionId!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  code!: string | null;

  @Field(() => Money)
  discount!: Money;
}

@Directive('@inaccessible')
@ObjectType({ simpleResolvers: true })
export class PricedCartV1 {
  @Field(() => [PricedCartLine])
  lines!: PricedCartLine[];

  @Field(() => Money)
  subtotal!: Money;

  @Field(() => Money)
  discount!: Money;

  @Field(() => Money, { description: 'Always the sum of the line totals.' })
  total!: Money;

  @Field(() => [AppliedPromotion])
  appliedPromotions!: AppliedPromotion[];

  @Field(() => [String], { description: 'Coupon codes that matched no promotion applicable to this cart.' })
  rejectedCouponCodes!: string[];

  @Field(() => String, { nullable: true, description: 'The market the cart was priced in; null: the default market.' })
  market!: string | null;
}

@Directive('@inaccessible')
@ObjectType()
export class PriceCartV1Payload {
  @Field(() => Int, { description: 'The version of this pricing contract: 1.' })
  version!: number;

  @Field(() => PricedCartV1, { nullable: true })
  cart!: PricedCartV1 | null;

  @Field(() => [CatalogUserError])
  userErrors!: UserError[];
}

function toGraphQL(cart: PricedCart, variants: readonly ProductVariant[], market: string | null): PricedCartV1 {
  const m = (cents: number) => Money.of(cents, cart.currency);
  return {
    lines: cart.lines.map((l, i) => ({
      giftCard: variants[i]!.giftCard,
      productId: variants[i]!.productId,
      sku: l.sku,
      quantity: l.quantity,
      unitPrice: m(l.unitPriceCents),
      subtotal: m(l.subtotalCents),
      discount: m(l.discountCents),
      total: m(l.totalCents),
    })),
    subtotal: m(cart.subtotalCents),
    discount: m(cart.discountCents),
    total: m(cart.totalCents),
    appliedPromotions: cart.applied.map((a) => ({
      promotionId: a.promotionId,
      name: a.name,
      code: a.code,
      discount: m(a.discountCents),
    })),
    rejectedCouponCodes: cart.rejectedCodes,
    market,
  };
}

@Resolver()
export class PromotionResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => CreatePromotionPayload, {
    description:
      'Creates an automatic promotion or a coupon. ADMIN only. userErrors: INVALID_NAME, INVALID_CODE, INVALID_VALUE, INVALID_CURRENCY, CURRENCY_MISMATCH, CURRENCY_REQUIRED, INVALID_PRICE, INVALID_TIER, INVALID_AUDIENCE, INVALID_DATES, CODE_TAKEN.',
  })
  async createPromotion(
    @Arg('input', () => CreatePromotionInput, { description: 'The promotion to create.' }) input: CreatePromotionInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<CreatePromotionPayload> {
    const { result, userErrors } = await attempt(() => createPromotion(ctx.db, input));
    return { promotion: result, userErrors };
  }

  /**
   * For the orders service: it reveals every coupon that applies. Not in the gateway's API
   * (@inaccessible): orders calls catalog directly.
   */
  @Directive('@inaccessible')
  @Authorized(Role.ADMIN)
  @Query(() => PriceCartV1Payload, {
    description:
      'Versioned pricing boundary for the orders service: current channel prices and every applicable promotion, ' +
      'in integer cents. A breaking change adds priceCartV2; V1 stays.',
  })
  async priceCartV1(
    @Arg('input', () => PriceCartInput) input: PriceCartInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<PriceCartV1Payload> {
    const { result, userErrors } = await attempt(async () => {
      const market = await marketFor(ctx, input);
      const variants = await variantBySku(ctx).loadMany(input.lines.map((l) => l.sku));
      const own = await channelPricesBySku(ctx).loadMany(input.lines.map((l) => l.sku));
      const listed = market
        ? await marketPriceOf(ctx).loadMany(input.lines.filter((l) => !l.unitPrice).map((l) => `${market.code} ${l.sku}`))
        : [];
      const listPrices = new Map(
        listed.flatMap((p) =>
          p && !(p instanceof Error) ? [[p.sku, { cents: p.priceCents, currency: p.currency }] as const] : [],
        ),
      );
      const failed = listed.find((p) => p instanceof Error);
      if (failed) throw failed;
      const lines = input.lines.map((line, i) => {
        const variant = variants[i];
        const at = ['input', 'lines', String(i)];
        // A failed lookup (the database) is an error to retry, never "no such product".
        if (variant instanceof Error) throw variant;
        if (!variant) throw new DomainError('UNKNOWN_SKU', `no product has SKU ${line.sku}`, [...at, 'sku']);
        const promotable = !variant.giftCard;
        // A line already sold keeps its agreed price, also when the SKU is no longer sold.
        if (line.unitPrice) {
          return {
            sku: line.sku,
            quantity: line.quantity,
            unitPriceCents: line.unitPrice.cents,
            currency: line.unitPrice.currency,
            promotable,
          };
        }
        if (variant.discontinued) throw new DomainError('DISCONTINUED_SKU', `${line.sku} is no longer sold`, [...at, 'sku']);
        const found = own[i];
        if (found instanceof Error) throw found;
        const prices = found as { channel: string; priceCents: number; currency: string }[];
        let price: { cents: number; currency: string };
        try {
          price = priceInMarket(
            line.sku,
            { cents: variant.priceCents, currency: variant.currency },
            new Map(prices.map((p) => [p.channel, { cents: p.priceCents, currency: p.currency }])),
            listPrices.get(line.sku) ?? null,
            market,
            input.channel,
          );
        } catch (error) {
          if (error instanceof MarketError) throw new DomainError(error.code, error.message, [...at, 'sku']);
          throw error;
        }
        return { sku: line.sku, quantity: line.quantity, unitPriceCents: price.cents, currency: price.currency, promotable };
      });
      const promotions = await activePromotions(ctx);
      const at = input.at ?? new Date();
      const customerId = input.customerId ?? null;
      // Segment and tier offers need the customer's memberships and tier: read only when one could apply.
      const needs = customerFactsNeeded(promotions, { id: customerId, tier: input.tier ?? null }, input.channel, at);
      const segmentIds = customerId && needs.segments ? await segmentsOfCustomer(ctx, customerId) : [];
      const tier = customerId && needs.tier ? await tierOfCustomer(ctx, customerId) : (input.tier ?? null);
      try {
        return toGraphQL(
          priceCart(lines, input.channel, { id: customerId, tier, segmentIds }, promotions, at, input.couponCodes ?? []),
          variants as ProductVariant[],
          market?.code ?? null,
        );
      } catch (error) {
        if (error instanceof CartPricingError) throw new DomainError(error.code, error.message, ['input', 'lines']);
        throw error;
      }
    });
    return { version: 1, cart: result, userErrors };
  }
}
