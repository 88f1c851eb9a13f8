import { attempt, Channel, DomainError, Money, MoneyInput, Role, type ServiceContext, UserError } from '@omni/platform';
import { Arg, Authorized, Ctx, Directive, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { createPromotion } from '../commands/create-promotion';
import { CartPricingError, customerFactsNeeded, priceCart, type CartLineIn, type PricedCart } from '../domain/promotions';
import { MarketError, priceInMarket } from '../domain/markets';
import type { Market } from '../entities/market';
import { GiftCardKind } from '../entities/product';
import { Promotion, PromotionKind } from '../entities/promotion';
import { segmentsOfCustomer } from '../loaders';
import { activePromotions } from '../promotion-cache';
import { pricingFacts, type VariantToPrice } from '../queries/pricing';
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

  @Field(() => [String], { description: "The product's category path (for loyalty's category rules)." })
  categoryPath!: string[];
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

function toGraphQL(cart: PricedCart, variants: readonly VariantToPrice[], market: string | null): PricedCartV1 {
  const m = (cents: number) => Money.of(cents, cart.currency);
  return {
    lines: cart.lines.map((l, i) => ({
      giftCard: variants[i]!.giftCard,
      categoryPath: variants[i]!.categoryPath,
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

/**
 * A line's price: the one already agreed (an order being changed: also when the SKU is no longer
 * sold), else the SKU's price in the cart's market and channel. `at` is the line's field path.
 */
function lineToPrice(
  line: PriceCartLineInput,
  variant: VariantToPrice | undefined,
  market: Market | null,
  channel: Channel,
  at: string[],
): { line: CartLineIn; variant: VariantToPrice } {
  if (!variant) throw new DomainError('UNKNOWN_SKU', `no product has SKU ${line.sku}`, [...at, 'sku']);
  const promotable = !variant.giftCard;
  if (line.unitPrice) {
    const { cents, currency } = line.unitPrice;
    return { line: { sku: line.sku, quantity: line.quantity, unitPriceCents: cents, currency, promotable }, variant };
  }
  if (variant.discontinued) throw new DomainError('DISCONTINUED_SKU', `${line.sku} is no longer sold`, [...at, 'sku']);
  const own = new Map(variant.channelPrice ? [[channel, variant.channelPrice]] : []);
  try {
    const { cents, currency } = priceInMarket(line.sku, variant.base, own, variant.listPrice, market, channel);
    return { line: { sku: line.sku, quantity: line.quantity, unitPriceCents: cents, currency, promotable }, variant };
  } catch (error) {
    if (error instanceof MarketError) throw new DomainError(error.code, error.message, [...at, 'sku']);
    throw error;
  }
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
      const facts = await pricingFacts(ctx.db, { ...input, skus: input.lines.map((l) => l.sku) });
      const toPrice = input.lines.map((line, i) =>
        lineToPrice(line, facts.variants.get(line.sku), facts.market, input.channel, ['input', 'lines', String(i)]),
      );
      const promotions = await activePromotions(ctx.db, facts.promotionsRevision);
      const at = input.at ?? new Date();
      const customerId = input.customerId ?? null;
      // Segment offers need the customer's memberships: read only when one could apply.
      const needs = customerFactsNeeded(promotions, { id: customerId, tier: input.tier ?? null }, input.channel, at);
      const segmentIds = customerId && needs.segments ? await segmentsOfCustomer(ctx, customerId) : [];
      const tier = customerId && needs.tier ? facts.storedTier : (input.tier ?? null);
      try {
        return toGraphQL(
          priceCart(
            toPrice.map((p) => p.line),
            input.channel,
            { id: customerId, tier, segmentIds },
            promotions,
            at,
            input.couponCodes ?? [],
          ),
          toPrice.map((p) => p.variant),
          facts.market?.code ?? null,
        );
      } catch (error) {
        if (error instanceof CartPricingError) throw new DomainError(error.code, error.message, ['input', 'lines']);
        throw error;
      }
    });
    return { version: 1, cart: result, userErrors };
  }
}
