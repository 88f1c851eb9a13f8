import { Channel } from '@omni/platform';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { LoyaltyTier } from '../domain/program';
import { CapPeriod, EarnTrigger, EngagementKind, type EarnRuleData } from '../domain/rules';

registerEnumType(EarnTrigger, { name: 'EarnTrigger' });
registerEnumType(EngagementKind, { name: 'EngagementKind' });
registerEnumType(CapPeriod, { name: 'CapPeriod' });

/** Rates and multipliers are stored in thousandths, so 1.5 stays exactly 1.5. */
const MILLI = 1000;
const toMilli = (v: number | null | undefined) => (v == null ? null : Math.round(v * MILLI));
const fromMilli = (v: number | null) => (v == null ? null : v / MILLI);

/** An earn rule, stored as data and edited with `upsertEarnRule`. */
@ObjectType()
@Entity('earn_rule')
@Index('earn_rule_trigger', ['trigger', 'active'])
export class EarnRule {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field()
  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Field(() => EarnTrigger)
  @Column({ type: 'varchar', length: 20 })
  trigger!: EarnTrigger;

  @Field(() => EngagementKind, { nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  engagementKind!: EngagementKind | null;

  @Column({ type: 'int', nullable: true })
  pointsPerUnitMilli!: number | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  fixedPoints!: number | null;

  @Column({ type: 'int', nullable: true })
  multiplierMilli!: number | null;

  @Field(() => [String], { nullable: true })
  @Column({ type: 'simple-json', nullable: true })
  categoryPath!: string[] | null;

  @Field(() => [Channel], { nullable: true })
  @Column({ type: 'simple-json', nullable: true })
  channels!: Channel[] | null;

  @Field(() => LoyaltyTier, { nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  minTier!: LoyaltyTier | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: Date, nullable: true })
  startsAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: Date, nullable: true })
  endsAt!: Date | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  maxPerPeriod!: number | null;

  @Field(() => CapPeriod, { nullable: true })
  @Column({ type: 'varchar', length: 10, nullable: true })
  capPeriod!: CapPeriod | null;

  @Field()
  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ type: Date })
  updatedAt!: Date;

  @Field(() => Float, { nullable: true })
  get pointsPerCurrencyUnit(): number | null {
    return fromMilli(this.pointsPerUnitMilli);
  }

  @Field(() => Float, { nullable: true })
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
