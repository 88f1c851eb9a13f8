import {
  assertCanSeeCustomer,
  attempt,
  Channel,
  defineLoader,
  Money,
  MoneyInput,
  pagesByKey,
  Role,
  type ServiceContext,
  UserError,
} from '@omni/platform';
import DataLoader from 'dataloader';
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
  Resolver,
  Root,
} from 'type-graphql';
import { creditWalletTopUp } from '../commands/wallet';
import { StoredValueEntryKind } from '../domain/stored-value';
import { StoredValueEntry } from '../entities/stored-value';
import { walletsByCustomer } from '../loaders';
import { CustomerRef } from './loyalty.resolver';
import { LoyaltyUserError } from './user-errors';

@ObjectType({
  description: "One movement of a shopper's store credit (their wallet): a top-up, a spend, a refund, a return credited.",
})
export class StoreCreditEntry {
  @Field(() => ID, { description: 'The entry id.' })
  id!: string;

  @Field(() => StoredValueEntryKind, {
    description: 'TOP_UP (bought with `topUpWallet`), DEBIT (spent on an order), REFUND (back from an order), CREDIT (a return).',
  })
  kind!: StoredValueEntryKind;

  @Field(() => Money, { description: 'Positive: value added; negative: spent. Integer minor units of the wallet currency.' })
  amount!: Money;

  @Field({ description: 'Why, e.g. "top-up by CARD (test)" or "spent on order M-7K2M-9QXD".' })
  reason!: string;

  @Field(() => ID, { nullable: true, description: 'The order it was spent on or refunded for; null for top-ups and credits.' })
  orderId!: string | null;

  @Field(() => Channel, { nullable: true, description: 'The channel it happened in; null for the system.' })
  channel!: Channel | null;

  @Field({ description: 'When it happened.' })
  occurredAt!: Date;
}

@Directive('@inaccessible')
@InputType()
export class CreditWalletTopUpInput {
  @Field(() => ID)
  customerId!: string;

  @Field(() => MoneyInput)
  amount!: MoneyInput;

  @Field(() => ID)
  topUpId!: string;

  @Field()
  reason!: string;
}

@Directive('@inaccessible')
@ObjectType()
export class CreditWalletTopUpPayload {
  @Field(() => Money, { nullable: true })
  storeCredit!: Money | null;

  @Field(() => [LoyaltyUserError])
  userErrors!: UserError[];
}

const MAX_ENTRIES = 100;
const ENTRY_SORT: (keyof StoredValueEntry & string)[] = ['occurredAt', 'id'];

/** The newest entries of each wallet: one statement for every wallet asked in the request. */
function entriesByWallet(ctx: ServiceContext, first: number) {
  return defineLoader(
    `storeCreditEntries:${first}`,
    () =>
      new DataLoader<string, StoredValueEntry[]>(async (accountIds) => {
        const pages = await pagesByKey(ctx.db, {
          entity: StoredValueEntry,
          partitionBy: 'accountId',
          keys: accountIds,
          orderBy: ENTRY_SORT,
          first,
          after: null,
        });
        return accountIds.map((id) => pages.get(id)?.nodes ?? []);
      }),
  )(ctx);
}

@Resolver(() => CustomerRef)
export class CustomerWalletResolver {
  @FieldResolver(() => [StoreCreditEntry], {
    description:
      "The store-credit wallet's ledger, newest first: each top-up, spend, refund and credited return. The shopper and staff; empty until there is a wallet.",
  })
  async storeCreditEntries(
    @Root() customer: CustomerRef,
    @Ctx() ctx: ServiceContext,
    @Arg('first', () => Int, { defaultValue: 20, description: `How many, newest first; at most ${MAX_ENTRIES}.` }) first: number,
  ): Promise<StoreCreditEntry[]> {
    assertCanSeeCustomer(ctx.caller, customer.id);
    const [wallet] = await walletsByCustomer(ctx).load(customer.id);
    if (!wallet) return [];
    const entries = await entriesByWallet(ctx, Math.min(Math.max(first, 0), MAX_ENTRIES)).load(wallet.id);
    return entries.map((e) =>
      Object.assign(new StoreCreditEntry(), {
        id: e.id,
        kind: e.kind,
        amount: Money.of(e.amountCents, wallet.currency),
        reason: e.reason,
        orderId: e.orderId,
        channel: e.channel as Channel | null,
        occurredAt: e.occurredAt,
      }),
    );
  }

  /** Orders' wallet top-up, once paid: credit the wallet once per top-up. */
  @Directive('@inaccessible')
  @Authorized(Role.SERVICE)
  @Mutation(() => CreditWalletTopUpPayload, { description: 'Wallet top-up boundary: credit a paid top-up once (by topUpId).' })
  async creditWalletTopUp(
    @Arg('input', () => CreditWalletTopUpInput) input: CreditWalletTopUpInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<CreditWalletTopUpPayload> {
    const { result, userErrors } = await attempt(() => creditWalletTopUp(ctx, { ...input, channel: ctx.channel }));
    const storeCredit = result && Money.of(result.wallet.balanceCents - result.wallet.heldCents, result.wallet.currency);
    return { storeCredit, userErrors };
  }
}
