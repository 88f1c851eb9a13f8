import {
  assertCanSeeCustomer,
  attempt,
  Channel,
  Connection,
  cursorKey,
  decodeCursor,
  encodeCursor,
  Money,
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
  Directive,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
import { enroll } from '../commands/ledger';
import { LedgerEntry, LoyaltyAccount } from '../entities/account';
import { accountByCustomer, LEDGER_SORT, ledgerPages, walletsByCustomer } from '../loaders';
import { LoyaltyUserError } from './user-errors';

@Directive('@key(fields: "id")')
@ObjectType('Customer')
export class CustomerRef {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: 'A page of points ledger entries, newest first.' })
export class LedgerConnection extends Connection(LedgerEntry, 'Ledger') {}

@ObjectType({ description: 'The new membership, or why not.' })
export class EnrollLoyaltyPayload {
  @Field(() => LoyaltyAccount, { nullable: true, description: 'The account, with its card number; null on a userError.' })
  account!: LoyaltyAccount | null;

  @Field(() => [LoyaltyUserError], { description: 'UNKNOWN_CUSTOMER, ALREADY_ENROLLED.' })
  userErrors!: UserError[];
}

@Resolver(() => LoyaltyAccount)
export class LoyaltyAccountResolver {
  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => EnrollLoyaltyPayload, {
    description:
      'Makes a customer a loyalty member (a shopper for themselves, staff for anyone), BRONZE with no points. ' +
      'userErrors: UNKNOWN_CUSTOMER, ALREADY_ENROLLED.',
  })
  async enrollLoyalty(
    @Arg('customerId', () => ID, { description: 'A merged-away id enrols its survivor.' }) customerId: string,
    @Arg('channel', () => Channel, { description: 'Where the customer joined.' }) channel: Channel,
    @Ctx() ctx: ServiceContext,
  ): Promise<EnrollLoyaltyPayload> {
    assertCanSeeCustomer(ctx.caller, customerId);
    const { result, userErrors } = await attempt(() => enroll(ctx, customerId, channel));
    return { account: result, userErrors };
  }

  @FieldResolver(() => LedgerConnection, { description: 'Points movements, newest first.' })
  async ledger(
    @Root() account: LoyaltyAccount,
    @Ctx() ctx: ServiceContext,
    @Arg('first', () => Int, { description: 'Page size, default 20, at most 100.', nullable: true }) first?: number | null,
    @Arg('after', () => String, { description: 'The `endCursor` of the previous page; null: the newest.', nullable: true })
    after?: string | null,
  ): Promise<LedgerConnection> {
    const page = await ledgerPages(ctx, pageSize(first), decodeCursor(after)).load(account.id);
    const cursorOf = (entry: LedgerEntry) => encodeCursor(cursorKey(entry, LEDGER_SORT));
    return toConnection(page, cursorOf);
  }
}

@Resolver(() => CustomerRef)
export class CustomerLoyaltyResolver {
  @FieldResolver(() => LoyaltyAccount, { nullable: true, description: 'Null until the customer enrols.' })
  loyalty(@Root() customer: CustomerRef, @Ctx() ctx: ServiceContext): Promise<LoyaltyAccount | null> {
    assertCanSeeCustomer(ctx.caller, customer.id);
    return accountByCustomer(ctx).load(customer.id);
  }

  @FieldResolver(() => Money, {
    nullable: true,
    description: 'Store credit available to spend (returns credited as store credit); null until there is a wallet.',
  })
  async storeCredit(@Root() customer: CustomerRef, @Ctx() ctx: ServiceContext): Promise<Money | null> {
    assertCanSeeCustomer(ctx.caller, customer.id);
    const [wallet] = await walletsByCustomer(ctx).load(customer.id);
    return wallet ? Money.of(wallet.balanceCents - wallet.heldCents, wallet.currency) : null;
  }
}
