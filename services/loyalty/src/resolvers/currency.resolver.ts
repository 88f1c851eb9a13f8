import { attempt, Role, type ServiceContext, UserError } from '@omni/platform';
import { Arg, Authorized, Ctx, Field, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { setConversionRate, setLoyaltyCurrency } from '../commands/currencies';
import { CurrencyConversionRate, LoyaltyCurrency } from '../entities/currencies';
import { LoyaltyUserError } from './user-errors';

@InputType({ description: 'How points are earned and redeemed in one currency.' })
export class SetLoyaltyCurrencyInput {
  @Field({ description: 'ISO 4217 code, e.g. `EUR`.' })
  currency!: string;

  @Field({
    description:
      'Decimal multiplier of what is paid in this currency before the earn rules apply (above 0, at most 9 decimals), ' +
      'e.g. `1.1`; `1` earns as the rules say.',
  })
  earnRate!: string;

  @Field({
    description: 'What one point pays when redeemed, in minor units of this currency, as a decimal above 0, e.g. `0.9`.',
  })
  pointValue!: string;
}

@ObjectType({ description: 'The result of `setLoyaltyCurrency`.' })
export class SetLoyaltyCurrencyPayload {
  @Field(() => LoyaltyCurrency, { nullable: true, description: 'The settings now in force; null on a userError.' })
  settings!: LoyaltyCurrency | null;

  @Field(() => [LoyaltyUserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}

@InputType({ description: 'A conversion rate for gift cards and store credit from one currency to another.' })
export class SetCurrencyConversionRateInput {
  @Field({ description: 'The currency of the gift card or store credit (ISO 4217), e.g. `USD`.' })
  from!: string;

  @Field({ description: 'The currency of the orders it may pay (ISO 4217), e.g. `EUR`.' })
  to!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Units of `to` one unit of `from` is worth, as a decimal above 0 with at most 9 decimals, e.g. `0.92`. ' +
      'Null: remove the rate (such cards and credit are refused again at orders in `to`).',
  })
  rate?: string | null;
}

@ObjectType({ description: 'The result of `setCurrencyConversionRate`.' })
export class SetCurrencyConversionRatePayload {
  @Field(() => CurrencyConversionRate, {
    nullable: true,
    description: 'The rate now in force; null when it was removed or on a userError.',
  })
  rate!: CurrencyConversionRate | null;

  @Field(() => [LoyaltyUserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}

@Resolver()
export class CurrencyResolver {
  @Authorized(Role.ADMIN, Role.CSR, Role.ASSOCIATE)
  @Query(() => [LoyaltyCurrency], {
    description:
      'The currencies with their own earn rate and point value (staff). A currency not listed earns at rate 1 and a ' +
      'point pays one minor unit.',
  })
  loyaltyCurrencies(@Ctx() ctx: ServiceContext): Promise<LoyaltyCurrency[]> {
    return ctx.db.getRepository(LoyaltyCurrency).find({ order: { currency: 'ASC' } });
  }

  @Authorized(Role.ADMIN, Role.CSR, Role.ASSOCIATE)
  @Query(() => [CurrencyConversionRate], {
    description:
      'The configured conversion rates for gift cards and store credit (staff). A pair not listed is refused with ' +
      'CURRENCY_MISMATCH.',
  })
  currencyConversionRates(@Ctx() ctx: ServiceContext): Promise<CurrencyConversionRate[]> {
    return ctx.db.getRepository(CurrencyConversionRate).find({ order: { fromCurrency: 'ASC', toCurrency: 'ASC' } });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => SetLoyaltyCurrencyPayload, {
    description:
      'Sets how points are earned and redeemed in a currency, so a member earns and redeems on the same account in ' +
      'every market; applies to orders from then on. ADMIN only. userErrors: INVALID_CURRENCY, INVALID_RATE.',
  })
  async setLoyaltyCurrency(
    @Arg('input', () => SetLoyaltyCurrencyInput, { description: 'The currency and its rates.' }) input: SetLoyaltyCurrencyInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<SetLoyaltyCurrencyPayload> {
    const { result, userErrors } = await attempt(() => setLoyaltyCurrency(ctx, input));
    return { settings: result, userErrors };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => SetCurrencyConversionRatePayload, {
    description:
      'Sets or removes the rate at which a gift card or store credit in one currency pays an order in another; the ' +
      'rate used is recorded on each payment. Without one, such a tender is refused (CURRENCY_MISMATCH). ADMIN only. ' +
      'userErrors: INVALID_CURRENCY, INVALID_RATE.',
  })
  async setCurrencyConversionRate(
    @Arg('input', () => SetCurrencyConversionRateInput, { description: 'The two currencies and the rate.' })
    input: SetCurrencyConversionRateInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<SetCurrencyConversionRatePayload> {
    const { result, userErrors } = await attempt(() => setConversionRate(ctx, input));
    return { rate: result, userErrors };
  }
}
