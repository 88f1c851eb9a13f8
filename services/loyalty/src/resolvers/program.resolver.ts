import {
  assertCanSeeCustomer,
  attempt,
  Channel,
  DomainError,
  hasRole,
  MoneyInput,
  Role,
  type ServiceContext,
  UserError,
} from '@omni/platform';
import {
  Arg,
  Authorized,
  Ctx,
  Directive,
  Field,
  Float,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from 'type-graphql';
import { recordEngagement } from '../commands/earn';
import { captureHold, holdPoints, holdStoredValue, releaseExpiredHolds, releaseHold } from '../commands/holds';
import { runPointsExpiry } from '../commands/maintenance';
import { loadRules, upsertEarnRule } from '../commands/rules';
import { LoyaltyTier } from '../domain/program';
import { CapPeriod, EarnTrigger, EngagementKind, selfClaimable } from '../domain/rules';
import { LedgerEntry } from '../entities/account';
import { EarnRule } from '../entities/rules';
import { Hold } from '../entities/stored-value';
import { LoyaltyUserError } from './user-errors';

@InputType({ description: 'Something a member did that an ENGAGEMENT earn rule may reward.' })
export class RecordEngagementInput {
  @Field(() => ID, { description: 'The member (NOT_ENROLLED when the customer has no loyalty account).' })
  customerId!: string;

  @Field(() => EngagementKind, { description: 'What they did; the active rule for it sets the points and the cap.' })
  kind!: EngagementKind;

  @Field(() => Channel, { description: 'Where it happened; a rule may be limited to channels.' })
  channel!: Channel;

  @Field(() => String, { nullable: true, description: 'What was engaged with (review id, survey id...): rewarded once.' })
  ref?: string | null;
}

@ObjectType({ description: 'The points awarded, or why none.' })
export class RecordEngagementPayload {
  @Field(() => LedgerEntry, {
    nullable: true,
    description: 'The EARN entry; a retry with the same ref returns the first one. Null on a userError.',
  })
  entry!: LedgerEntry | null;

  @Field(() => [LoyaltyUserError], {
    description:
      'NOT_ENROLLED, UNKNOWN_CUSTOMER, NO_EARN_RULE (no active rule rewards it here), ENGAGEMENT_CAPPED (maxPerPeriod used up).',
  })
  userErrors!: UserError[];
}

@InputType({
  description:
    'An earn rule. PURCHASE: a rate, a fixed bonus per order and/or a multiplier, for the products, channels, tier and ' +
    'dates it names. ENGAGEMENT: fixedPoints for one engagementKind, at most maxPerPeriod times per capPeriod. ' +
    'A rule that breaks these is INVALID_RULE on the field at fault.',
})
export class UpsertEarnRuleInput {
  @Field(() => ID, { nullable: true, description: "Omit to create a rule; a default rule's id replaces that default." })
  id?: string | null;

  @Field({ description: 'Shown to staff; required.' })
  name!: string;

  @Field(() => EarnTrigger, { description: 'PURCHASE (orders placed) or ENGAGEMENT (recordEngagement).' })
  trigger!: EarnTrigger;

  @Field(() => EngagementKind, { nullable: true, description: 'ENGAGEMENT rules only: what it rewards.' })
  engagementKind?: EngagementKind | null;

  @Field(() => Float, {
    nullable: true,
    description: 'PURCHASE: points per unit of currency paid (0 to 1000); per line the best matching rate applies.',
  })
  pointsPerCurrencyUnit?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Whole points, 0 to 1,000,000: a bonus per matching order (PURCHASE) or the reward (ENGAGEMENT, above 0).',
  })
  fixedPoints?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'PURCHASE: multiplies the points of matching lines (above 0, at most 100); matching multipliers multiply.',
  })
  multiplier?: number | null;

  @Field(() => [String], { nullable: true, description: 'Matches products whose category path starts with this.' })
  categoryPath?: string[] | null;

  @Field(() => [Channel], { nullable: true, description: 'Only on these channels; empty or null: every channel.' })
  channels?: Channel[] | null;

  @Field(() => LoyaltyTier, { nullable: true, description: 'Only for members of this tier or above.' })
  minTier?: LoyaltyTier | null;

  @Field(() => Date, { nullable: true, description: 'Applies from this instant (null: no start).' })
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Applies until this instant (null: no end).' })
  endsAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'Engagement: at most this many rewards per capPeriod.' })
  maxPerPeriod?: number | null;

  @Field(() => CapPeriod, { nullable: true, description: 'The UTC calendar period maxPerPeriod counts in.' })
  capPeriod?: CapPeriod | null;

  @Field({ defaultValue: true, description: 'false keeps the rule but stops applying it.' })
  active!: boolean;
}

@ObjectType({ description: 'The rule as stored, or why not.' })
export class UpsertEarnRulePayload {
  @Field(() => EarnRule, { nullable: true, description: 'Null on a userError.' })
  rule!: EarnRule | null;

  @Field(() => [LoyaltyUserError], { description: 'INVALID_RULE (on the field at fault), UNKNOWN_RULE (no rule with this id).' })
  userErrors!: UserError[];
}

@Directive('@inaccessible')
@InputType()
export class HoldStoredValueInput {
  @Field(() => String, { nullable: true, description: 'Spend a gift card...' })
  giftCardCode?: string | null;

  @Field(() => ID, { nullable: true, description: "...or this customer's store credit." })
  customerId?: string | null;

  @Field(() => MoneyInput)
  amount!: MoneyInput;

  @Field()
  orderRef!: string;

  @Field()
  idempotencyKey!: string;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'Hold as much of amount as is available instead of all or nothing; the hold says how much.',
  })
  upTo?: boolean | null;
}

@Directive('@inaccessible')
@ObjectType()
export class HoldPayload {
  @Field(() => Hold, { nullable: true })
  hold!: Hold | null;

  @Field(() => [LoyaltyUserError])
  userErrors!: UserError[];
}

@ObjectType({ description: 'What `runLoyaltyMaintenance` did.' })
export class MaintenancePayload {
  @Field(() => Int, { description: 'Accounts whose points expired.' })
  expiredAccounts!: number;

  @Field(() => Int, { description: 'Points taken off those accounts.' })
  expiredPoints!: number;

  @Field(() => Int, { description: 'Checkout holds released because they outlived their expiry.' })
  releasedHolds!: number;
}

@Resolver()
export class ProgramResolver {
  /** A shopper's own app check-in, or staff (or the service that saw it) recording any engagement. */
  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR, Role.SERVICE)
  @Mutation(() => RecordEngagementPayload, {
    description:
      "Rewards a member's engagement per the earn rules. A shopper claims only APP_CHECK_IN for themselves; reviews, surveys, referrals and shares need proof, so staff or the service that saw them record those.",
  })
  async recordEngagement(
    @Arg('input', () => RecordEngagementInput, {
      description: 'The member and the engagement. userErrors: NOT_ENROLLED, NO_EARN_RULE, ENGAGEMENT_CAPPED, PROOF_REQUIRED.',
    })
    input: RecordEngagementInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<RecordEngagementPayload> {
    assertCanSeeCustomer(ctx.caller, input.customerId);
    const { result, userErrors } = await attempt(async () => {
      if (!hasRole(ctx.caller, Role.ASSOCIATE, Role.CSR, Role.SERVICE) && !selfClaimable(input.kind)) {
        throw new DomainError('PROOF_REQUIRED', `${input.kind} is recorded by staff or the service that saw it`, [
          'input',
          'kind',
        ]);
      }
      return recordEngagement(ctx, input);
    });
    return { entry: result, userErrors };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => UpsertEarnRulePayload, {
    description: 'Creates or replaces an earn rule; it applies to what is earned from then on, never retroactively.',
  })
  async upsertEarnRule(
    @Arg('input', () => UpsertEarnRuleInput, {
      description: 'The rule (with `id`: replaces it). userErrors: INVALID_RULE, UNKNOWN_RULE.',
    })
    input: UpsertEarnRuleInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<UpsertEarnRulePayload> {
    const { result, userErrors } = await attempt(() => upsertEarnRule(ctx, input));
    return { rule: result, userErrors };
  }

  @Query(() => [EarnRule], { description: 'The earn rules in force: stored ones and the defaults they have not replaced.' })
  async earnRules(@Ctx() ctx: ServiceContext): Promise<EarnRule[]> {
    return (await loadRules(ctx.db.manager)).map((r) => EarnRule.fromData(r));
  }

  @Directive('@inaccessible')
  @Authorized(Role.SERVICE)
  @Mutation(() => HoldPayload, {
    description:
      'Checkout boundary: reserve points, all or nothing (INSUFFICIENT_POINTS). With currency and upToCents, only the ' +
      "points needed to pay up to upToCents at that currency's point value (hold.orderAmount: what they pay).",
  })
  async holdPoints(
    @Arg('customerId', () => ID) customerId: string,
    @Arg('points', () => Int) points: number,
    @Arg('orderRef') orderRef: string,
    @Arg('idempotencyKey') idempotencyKey: string,
    @Ctx() ctx: ServiceContext,
    @Arg('currency', () => String, { nullable: true }) currency?: string | null,
    @Arg('upToCents', () => Int, { nullable: true }) upToCents?: number | null,
  ): Promise<HoldPayload> {
    const value = currency ? { currency, upToCents: upToCents ?? 0 } : null;
    const { result, userErrors } = await attempt(() => holdPoints(ctx, customerId, points, orderRef, idempotencyKey, value));
    return { hold: result, userErrors };
  }

  @Directive('@inaccessible')
  @Authorized(Role.SERVICE)
  @Mutation(() => HoldPayload, {
    description: 'Checkout boundary: reserve gift-card or store-credit value, all or nothing (or up to amount with upTo).',
  })
  async holdStoredValue(
    @Arg('input', () => HoldStoredValueInput) input: HoldStoredValueInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<HoldPayload> {
    const { result, userErrors } = await attempt(() => holdStoredValue(ctx, input));
    return { hold: result, userErrors };
  }

  @Directive('@inaccessible')
  @Authorized(Role.SERVICE)
  @Mutation(() => HoldPayload, { description: 'Checkout succeeded: spend the hold (idempotent).' })
  async captureHold(@Arg('holdId', () => ID) holdId: string, @Ctx() ctx: ServiceContext): Promise<HoldPayload> {
    const { result, userErrors } = await attempt(() => captureHold(ctx, holdId, ctx.channel));
    return { hold: result, userErrors };
  }

  @Directive('@inaccessible')
  @Authorized(Role.SERVICE)
  @Mutation(() => HoldPayload, { description: 'Checkout failed: give the held value back (idempotent).' })
  async releaseHold(@Arg('holdId', () => ID) holdId: string, @Ctx() ctx: ServiceContext): Promise<HoldPayload> {
    const { result, userErrors } = await attempt(() => releaseHold(ctx, holdId));
    return { hold: result, userErrors };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => MaintenancePayload, {
    description: 'The scheduled job: expire dormant points and release stale holds. Safe to run twice.',
  })
  async runLoyaltyMaintenance(
    @Ctx() ctx: ServiceContext,
    @Arg('asOf', () => Date, { nullable: true, description: 'Run as of this instant (default: now).' }) asOf?: Date | null,
    @Arg('inactiveDays', () => Int, {
      nullable: true,
      description: 'Expire the points of accounts inactive this many days (at least 1; default LOYALTY_POINTS_EXPIRY_DAYS).',
    })
    inactiveDays?: number | null,
  ): Promise<MaintenancePayload> {
    if (inactiveDays != null && inactiveDays < 1) throw new Error('inactiveDays is at least 1');
    const now = asOf ?? new Date();
    // Stale holds first, so points they held are judged by the expiry in the same run.
    const releasedHolds = await releaseExpiredHolds(ctx, now);
    const expiry = await runPointsExpiry(ctx, now, inactiveDays ?? undefined);
    return { expiredAccounts: expiry.accounts, expiredPoints: expiry.points, releasedHolds };
  }
}
