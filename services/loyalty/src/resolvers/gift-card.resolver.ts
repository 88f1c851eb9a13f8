import { attempt, Channel, Money, MoneyInput, Role, type ServiceContext, UserError } from '@omni/platform';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
  Root,
} from 'type-graphql';
import { balanceLimiter, enquirerKey } from '../balance-limiter';
import { giftCardBalance, giftCardEntries, issueGiftCard } from '../commands/stored-value';
import { formatGiftCardCode, giftCardHash, maskGiftCardCode, StoredValueEntryKind } from '../domain/stored-value';
import type { StoredValueAccount, StoredValueEntry } from '../entities/stored-value';
import { loyaltySettings } from '../settings';
import { LoyaltyUserError } from './user-errors';

registerEnumType(StoredValueEntryKind, {
  name: 'StoredValueEntryKind',
  description: 'What changed a gift card or store credit balance.',
  valuesConfig: {
    ADJUSTMENT: { description: 'A correction by staff.' },
    CREDIT: { description: 'Value added (e.g. store credit for a return).' },
    DEBIT: { description: 'Value spent on an order.' },
    ISSUE: { description: 'The card was issued with its first balance.' },
    REFUND: { description: 'Value given back when an order paid with it is refunded.' },
    TOP_UP: { description: 'Store credit the shopper bought (`topUpWallet`), paid through a payment provider.' },
  },
});

@ObjectType({ description: "One movement of a gift card's value." })
export class GiftCardEntry {
  @Field(() => ID, { description: 'The entry id.' })
  id!: string;

  @Field(() => StoredValueEntryKind, { description: 'What changed the balance.' })
  kind!: StoredValueEntryKind;

  @Field(() => Money, { description: 'Positive: value added (issue, refund); negative: spent.' })
  amount!: Money;

  @Field({ description: 'Why, e.g. "spent on order W-1042" or "refund … of order W-1042".' })
  reason!: string;

  @Field(() => ID, { nullable: true, description: 'The order it was spent on or refunded for.' })
  orderId!: string | null;

  @Field(() => Channel, { description: 'The channel it happened in; null for the system.', nullable: true })
  channel!: Channel | null;

  @Field({ description: 'When it happened.' })
  occurredAt!: Date;

  static of(entry: StoredValueEntry, currency: string): GiftCardEntry {
    return Object.assign(new GiftCardEntry(), {
      id: entry.id,
      kind: entry.kind,
      amount: Money.of(entry.amountCents, currency),
      reason: entry.reason,
      orderId: entry.orderId,
      channel: entry.channel as Channel | null,
      occurredAt: entry.occurredAt,
    });
  }
}

@ObjectType({ description: 'A gift card: what is left on it and its movements. Its code is a bearer secret, shown once.' })
export class GiftCard {
  @Field(() => ID, { description: 'The gift card id (never its code).' })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The full code (four groups of four symbols, accepted with or without dashes): only in the answer of the ' +
      'issueGiftCard call that created the card, null everywhere else (the code is stored as a keyed hash).',
  })
  code!: string | null;

  @Field({ description: 'The last four symbols of the code, e.g. "•••• 7K3Q".' })
  maskedCode!: string;

  @Field({ description: 'The last four symbols of the code, to tell cards apart, e.g. "7K3Q".' })
  last4!: string;

  @Field(() => Money, { description: 'Available: the balance less what open checkout holds reserve.' })
  balance!: Money;

  currency!: string;

  static of(account: StoredValueAccount, code: string | null = null): GiftCard {
    const last4 = account.codeLast4 ?? '';
    return Object.assign(new GiftCard(), {
      id: account.id,
      code: code && formatGiftCardCode(code),
      maskedCode: maskGiftCardCode(last4),
      last4,
      balance: Money.of(account.balanceCents - account.heldCents, account.currency),
      currency: account.currency,
    });
  }
}

@InputType({ description: 'A gift card sold at a till or by an agent, who has taken its payment.' })
export class IssueGiftCardInput {
  @Field(() => MoneyInput, {
    description: 'Its value, in integer minor units of an ISO currency: 1 up to the maximum card value (INVALID_AMOUNT).',
  })
  amount!: MoneyInput;

  @Field(() => Channel, { description: 'Where it was sold; recorded on its issue entry.' })
  channel!: Channel;

  @Field({
    description:
      'Makes a retry safe: the same key returns the same card, without its code; the key with another amount or ' +
      'currency is IDEMPOTENCY_KEY_REUSED.',
  })
  idempotencyKey!: string;

  @Field(() => ID, { nullable: true, description: 'The customer who bought it, if known (UNKNOWN_CUSTOMER otherwise).' })
  purchaserCustomerId?: string | null;
}

@ObjectType({ description: 'The card issued, or why not.' })
export class IssueGiftCardPayload {
  @Field(() => GiftCard, {
    nullable: true,
    description: 'The new card with its full code, shown this once; null when userErrors is not empty.',
  })
  giftCard!: GiftCard | null;

  @Field(() => [LoyaltyUserError], {
    description:
      'Why nothing was issued: INVALID_AMOUNT, INVALID_CURRENCY, INVALID_IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_REUSED, UNKNOWN_CUSTOMER.',
  })
  userErrors!: UserError[];
}

const MAX_ENTRIES = 100;

@Resolver(() => GiftCard)
export class GiftCardResolver {
  /** Sold at a till or by an agent, who takes the payment. The answer is the only one with the code. */
  @Authorized(Role.ASSOCIATE, Role.CSR)
  @Mutation(() => IssueGiftCardPayload, {
    description: 'Sells a gift card (store associates, contact-center agents): the answer is the only one with its code.',
  })
  async issueGiftCard(
    @Arg('input', () => IssueGiftCardInput, {
      description:
        'The amount, channel and recipient. userErrors: INVALID_AMOUNT, INVALID_CURRENCY, INVALID_IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_REUSED, UNKNOWN_CUSTOMER.',
    })
    input: IssueGiftCardInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<IssueGiftCardPayload> {
    const { result, userErrors } = await attempt(() => issueGiftCard(ctx, input));
    return { giftCard: result && GiftCard.of(result.card, result.code), userErrors };
  }

  @Query(() => GiftCard, {
    nullable: true,
    description:
      'Balance enquiry; null for any code that is not exactly a card. Limited per caller and per code ' +
      '(GIFT_CARD_BALANCE_RATE a minute): over it, an error with code RATE_LIMITED and retryAfterSeconds.',
  })
  async giftCard(
    @Arg('code', { description: 'The full code printed on the card or e-mailed (any case, spaces ignored).' }) code: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<GiftCard | null> {
    await balanceLimiter().check(
      enquirerKey(ctx.caller, ctx.channel),
      giftCardHash(code, loyaltySettings(ctx.log).giftCardSecret),
    );
    const card = await giftCardBalance(ctx, code);
    return card && GiftCard.of(card);
  }

  @FieldResolver(() => [GiftCardEntry], { description: 'Issue, spends (with their order) and refunds, newest first.' })
  async entries(
    @Root() card: GiftCard,
    @Ctx() ctx: ServiceContext,
    @Arg('first', () => Int, { defaultValue: 20, description: `At most ${MAX_ENTRIES}.` }) first: number,
  ): Promise<GiftCardEntry[]> {
    const take = Math.min(Math.max(first, 0), MAX_ENTRIES);
    return (await giftCardEntries(ctx, card.id, take)).map((e) => GiftCardEntry.of(e, card.currency));
  }
}
