import { Channel } from '@omni/platform';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { LoyaltyTier } from '../domain/program';
import { CapPeriod, EarnTrigger, EngagementKind, type EarnRuleData } from '../domain/rules';

registerEnumType(EarnTrigger, {
  name: 'EarnTrigger',
  description: 'What earns points.',
  valuesConfig: {
    ENGAGEMENT: { description: 'An engagement recorded with `recordEngagement` (review, share, check-in...).' },
    PURCHASE: { description: 'An order placed (points are earned on what was paid).' },
  },
});
registerEnumType(EngagementKind, {
  name: 'EngagementKind',
  description: 'A way a member engages with the brand outside a purchase.',
  valuesConfig: {
    APP_CHECK_IN: { description: 'Opened the app or checked in at a store.' },
    PRODUCT_REVIEW: { description: 'Wrote a product review.' },
    REFERRAL: { description: 'Referred a new customer.' },
    SOCIAL_SHARE: { description: 'Shared a product or post on a social network.' },
    SURVEY: { description: 'Answered a survey.' },
  },
});
registerEnumType(CapPeriod, {
  name: 'CapPeriod',
  description: 'The window an engagement cap counts in (UTC calendar periods).',
  valuesConfig: {
    DAY: { description: 'A calendar day (UTC).' },
    WEEK: { description: 'A calendar week, Monday to Sunday (UTC).' },
    MONTH: { description: 'A calendar month (UTC).' },
    YEAR: { description: 'A calendar year (UTC).' },
  },
});

/** Rates and multipliers are stored in thousandths, so 1.5 stays exactly 1.5. */
const MILLI = 1000;
const toMilli = (v: number | null | undefined) => (v == null ? null : Math.round(v * MILLI));
const fromMilli = (v: number | null) => (v == null ? null : v / MILLI);

/** An earn rule, stored as data and edited with `upsertEarnRule`. */
@ObjectType({
  description:
    'A rule that awards points: for purchases (per currency unit, times a multiplier) or for an engagement (fixed points, capped per period).',
})
@Entity('earn_rule')
@Index('earn_rule_trigger', ['trigger', 'active'])
export class EarnRule {
  @Field(() => ID, { description: 'The rule id.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field({ description: 'A name for staff, e.g. "Double points weekend".' })
  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Field(() => EarnTrigger, { description: 'PURCHASE or ENGAGEMENT.' })
  @Column({ type: 'varchar', length: 20 })
  trigger!: EarnTrigger;

  @Field(() => EngagementKind, { description: 'ENGAGEMENT rules: what it rewards; null for PURCHASE rules.', nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  engagementKind!: EngagementKind | null;

  @Column({ type: 'int', nullable: true })
  pointsPerUnitMilli!: number | null;

  @Field(() => Int, { description: 'ENGAGEMENT rules: points per engagement; null for PURCHASE rules.', nullable: true })
  @Column({ type: 'int', nullable: true })
  fixedPoints!: number | null;

  @Column({ type: 'int', nullable: true })
  multiplierMilli!: number | null;

  @Field(() => [String], {
    description: 'PURCHASE rules: only lines of this category (root first) earn; null: every line.',
    nullable: true,
  })
  @Column({ type: 'simple-json', nullable: true })
  categoryPath!: string[] | null;

  @Field(() => [Channel], { description: 'Only orders or engagements in these channels; null: every channel.', nullable: true })
  @Column({ type: 'simple-json', nullable: true })
  channels!: Channel[] | null;

  @Field(() => LoyaltyTier, { description: 'Lowest tier that earns with it; null: every member.', nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  minTier!: LoyaltyTier | null;

  @Field(() => Date, { description: 'When it starts to apply; null: since its creation.', nullable: true })
  @Column({ type: Date, nullable: true })
  startsAt!: Date | null;

  @Field(() => Date, { description: 'When it stops applying; null: never.', nullable: true })
  @Column({ type: Date, nullable: true })
  endsAt!: Date | null;

  @Field(() => Int, {
    description: 'ENGAGEMENT rules: at most this many rewarded engagements per `capPeriod`; null: no cap.',
    nullable: true,
  })
  @Column({ type: 'int', nullable: true })
  maxPerPeriod!: number | null;

  @Field(() => CapPeriod, { description: 'The window `maxPerPeriod` counts in; null: no cap.', nullable: true })
  @Column({ type: 'varchar', length: 10, nullable: true })
  capPeriod!: CapPeriod | null;

  @Field({ description: 'false: switched off, whatever its dates.' })
  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ type: Date })
  updatedAt!: Date;

  @Field(() => Float, {
    description: 'PURCHASE rules: points per whole currency unit spent (e.g. 1 per euro); null for ENGAGEMENT rules.',
    nullable: true,
  })
  get pointsPerCurrencyUnit(): number | null {
    return fromMilli(this.pointsPerUnitMilli);
  }

  @Field(() => Float, {
    description: 'PURCHASE rules: multiplies `pointsPerCurrencyUnit` (e.g. 2 for double points); null: 1.',
    nullable: true,
  })
  get multiplier(): number | null {
    return fromMilli(this.multiplierMilli);
  }

  static columns(rule: EarnRuleData): Omit<EarnRule, 'pointsPerCurrencyUnit' | 'multiplier' | 'updatedAt' | 'toData'> {
    return {
      id: rule.id,
      name: rule.name.trim(),
      trigger: rule.trigger,
      engagementKind: rule.engagementKind ?? null,
      pointsPerUnitMilli: toMilli(rule.pointsPerCurrencyUnit),
      fixedPoints: rule.fixedPoints ?? null,
      multiplierMilli: toMilli(rule.multiplier),
      categoryPath: rule.categoryPath?.length ? rule.categoryPath : null,
      channels: rule.channels?.length ? (rule.channels as Channel[]) : null,
      minTier: rule.minTier ?? null,
      startsAt: rule.startsAt ?? null,
      endsAt: rule.endsAt ?? null,
      maxPerPeriod: rule.maxPerPeriod ?? null,
      capPeriod: rule.capPeriod ?? null,
      active: rule.active,
    };
  }

  static fromData(rule: EarnRuleData): EarnRule {
    return Object.assign(new EarnRule(), EarnRule.columns(rule));
  }

  toData(): EarnRuleData {
    return {
      id: this.id,
      name: this.name,
      trigger: this.trigger,
      engagementKind: this.engagementKind,
      pointsPerCurrencyUnit: this.pointsPerCurrencyUnit,
      fixedPoints: this.fixedPoints,
      multiplier: this.multiplier,
      categoryPath: this.categoryPath,
      channels: this.channels,
      minTier: this.minTier,
      startsAt: this.startsAt,
      endsAt: this.endsAt,
      maxPerPeriod: this.maxPerPeriod,
      capPeriod: this.capPeriod,
      active: this.active,
    };
  }
}

/** The points one order line earned, so a return reverses exactly its share, once. */
@Entity('earned_line')
@Index('earned_line_order_line', ['orderId', 'orderLineId'], { unique: true })
export class EarnedLine {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  accountId!: string;

  @Column({ type: 'varchar', length: 36 })
  orderId!: string;

  @Column({ type: 'varchar', length: 36 })
  orderLineId!: string;

  @Column({ type: 'varchar', length: 64 })
  sku!: string;

  @Column({ type: 'int' })
  quantity!: number;

  @Column({ type: 'int' })
  points!: number;

  /** Units returned so far (a counter, not money: the points move through the ledger). */
  @Column({ type: 'int', default: 0 })
  returnedQuantity!: number;
}
