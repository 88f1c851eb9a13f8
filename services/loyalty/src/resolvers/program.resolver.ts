import { assertCanSeeCustomer, attempt, Channel, MoneyInput, Role, type ServiceContext, UserError } from '@omni/platform';
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
import { CapPeriod, EarnTrigger, EngagementKind } from '../domain/rules';
import { LedgerEntry } from '../entities/account';
import { EarnRule } from '../entities/rules';
import { Hold } from '../entities/stored-value';

@InputType()
export class RecordEngagementInput {
  @Field(() => ID)
  customerId!: string;

  @Field(() => EngagementKind)
  kind!: EngagementKind;

  @Field(() => Channel)
  channel!: Channel;

  @Field(() => String, { nullable: true, description: 'What was engaged with (review id, survey id...): rewarded once.' })
  ref?: string | null;
}

@ObjectType()
export class RecordEngagementPayload {
  @Field(() => LedgerEntry, { nullable: true })
  entry!: LedgerEntry | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType()
export class UpsertEarnRuleInput {
  @Field(() => ID, { nullable: true, description: 'Omit to create a rule.' })
  id?: string | null;

  @Field()
  name!: string;

  @Field(() => EarnTrigger)
  trigger!: EarnTrigger;

  @Field(() => EngagementKind, { nullable: true })
  engagementKind?: EngagementKind | null;

  @Field(() => Float, { nullable: true })
  pointsPerCurrencyUnit?: number | null;

  @Field(() => Int, { nullable: true })
  fixedPoints?: number | null;

  @Field(() => Float, { nullable: true })
  multiplier?: number | null;

  @Field(() => [String], { nullable: true, description: 'Matches products whose category path starts with this.' })
  categoryPath?: string[] | null;

  @Field(() => [Channel], { nullable: true })
  channels?: Channel[] | null;

  @Field(() => LoyaltyTier, { nullable: true })
  minTier?: LoyaltyTier | null;

  @Field(() => Date, { nullable: true })
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true })
  endsAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'Engagement: at most this many rewards per capPeriod.' })
  maxPerPeriod?: number | null;

  @Field(() => CapPeriod, { nullable: true })
  capPeriod?: CapPeriod | null;

  @Field({ defaultValue: true })
  active!: boolean;
}

@ObjectType()
export class UpsertEarnRulePayload {
  @Field(() => EarnRule, { nullable: true })
  rule!: EarnRule | null;

  @Field(() => [UserError])
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

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class MaintenancePayload {
  @Field(() => Int, { description: 'Accounts whose points expired.' })
  expiredAccounts!: number;

  @Field(() => Int)
  expiredPoints!: number;

  @Field(() => Int, { description: 'Checkout holds released because they outlived their expiry.' })
  releasedHolds!: number;
}

@Resolver()
export class ProgramResolver {
  /** Shoppers' own engagement (the app's check-in, a review), or staff recording it for them. */
  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => RecordEngagementPayload)
  async recordEngagement(
    @Arg('input', () => RecordEngagementInput) input: RecordEngagementInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<RecordEngagementPayload> {
    assertCanSeeCustomer(ctx.caller, input.customerId);
    const { result, userErrors } = await attempt(() => recordEngagement(ctx, input));
    return { entry: result, userErrors };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => UpsertEarnRulePayload)
  async upsertEarnRule(
    @Arg('input', () => UpsertEarnRuleInput) input: UpsertEarnRuleInput,
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
  @Mutation(() => HoldPayload, { description: 'Checkout boundary: reserve points, all or nothing (INSUFFICIENT_POINTS).' })
  async holdPoints(
    @Arg('customerId', () => ID) customerId: string,
    @Arg('points', () => Int) points: number,
    @Arg('orderRef') orderRef: string,
    @Arg('idempotencyKey') idempotencyKey: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<HoldPayload> {
    const { result, userErrors } = await attempt(() => holdPoints(ctx, customerId, points, orderRef, idempotencyKey));
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
    @Arg('asOf', () => Date, { nullable: true }) asOf?: Date | null,
    @Arg('inactiveDays', () => Int, { nullable: true }) inactiveDays?: number | null,
  ): Promise<MaintenancePayload> {
    if (inactiveDays != null && inactiveDays < 1) throw new Error('inactiveDays is at least 1');
    const now = asOf ?? new Date();
    // Stale holds first, so points they held are judged by the expiry in the same run.
    const releasedHolds = await releaseExpiredHolds(ctx, now);
    const expiry = await runPointsExpiry(ctx, now, inactiveDays ?? undefined);
    return { expiredAccounts: expiry.accounts, expiredPoints: expiry.points, releasedHolds };
  }
}
