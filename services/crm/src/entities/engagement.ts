import { Channel, Money } from '@omni/platform';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { LifecycleKind } from '../domain/lifecycle';
import type { SegmentRule } from '../domain/segments';

registerEnumType(LifecycleKind, {
  name: 'LifecycleKind',
  description: 'A lifecycle message CRM sends on its own, with marketing consent only.',
  valuesConfig: {
    WELCOME: { description: 'After registration, once.' },
    BIRTHDAY: { description: "On the birthday, in the shopper's time zone, once a year." },
    WIN_BACK: { description: 'After `inactiveDays` without any order, visit or app check-in, once per such period.' },
  },
});

/**
 * What CRM keeps per customer for engagement: the birthday and time zone, the loyalty tier (from
 * loyalty's events), the last activity in any channel, and the RFM score with what it was computed
 * from. One row per customer, written by the engagement consumer and jobs.
 */
@Entity('customer_engagement')
@Index('customer_engagement_birthday', ['birthMonth', 'birthDay'])
@Index('customer_engagement_activity', ['lastActivityAt'])
@Index('customer_engagement_evaluated', ['evaluatedAt'])
export class CustomerEngagement {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  customerId!: string;

  @Column({ type: 'int', nullable: true })
  birthMonth!: number | null;

  @Column({ type: 'int', nullable: true })
  birthDay!: number | null;

  @Column({ type: 'int', nullable: true })
  birthYear!: number | null;

  /** IANA time zone; null: the retailer's (UTC). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  timeZone!: string | null;

  /** The loyalty tier from `loyalty.points.changed`; null: not a member. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  tier!: string | null;

  /** When the event that set `tier` happened: an older one delivered later changes nothing. */
  @Column({ type: Date, nullable: true })
  tierAt!: Date | null;

  /** The latest order, visit, app check-in, product view or registration. */
  @Column({ type: Date })
  lastActivityAt!: Date;

  @Column({ type: 'int', nullable: true })
  recency!: number | null;

  @Column({ type: 'int', nullable: true })
  frequency!: number | null;

  @Column({ type: 'int', nullable: true })
  monetary!: number | null;

  @Column({ type: 'int', nullable: true })
  scoreValue!: number | null;

  @Column({ type: 'int', default: 0 })
  scoredOrders!: number;

  @Column({ type: 'int', default: 0 })
  spendCents!: number;

  @Column({ type: 'varchar', length: 3, nullable: true })
  spendCurrency!: string | null;

  @Column({ type: Date, nullable: true })
  lastOrderAt!: Date | null;

  /** When the score and the segment memberships were last computed. */
  @Column({ type: Date })
  evaluatedAt!: Date;
}

/** An order of the customer as CRM learned it from orders' events, for scoring and segments. */
@Entity('crm_order_fact')
@Index('crm_order_fact_customer', ['customerId', 'placedAt'])
export class CustomerOrderFact {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  orderId!: string;

  @Column({ type: 'varchar', length: 36 })
  customerId!: string;

  @Column({ type: 'varchar', length: 20 })
  channel!: string;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Column({ type: Date })
  placedAt!: Date;

  /** The order's total now (after cancellations and changes), minor units. */
  @Column({ type: 'int' })
  totalCents!: number;

  /** Paid back or credited for returns, minor units. */
  @Column({ type: 'int', default: 0 })
  refundedCents!: number;

  /** Category paths of its lines, lower case, joined with `/`. */
  @Column({ type: 'simple-json' })
  categories!: string[];
}

@ObjectType({ description: 'An RFM score: recency, frequency and monetary value, each 1 (lowest) to 5 (highest).' })
export class CustomerScore {
  @Field(() => Int, { description: '5: last order within 30 days; 4: 90; 3: 180; 2: 365; 1: longer ago.' })
  recency!: number;

  @Field(() => Int, { description: 'Orders in the scoring window: 5: 10 or more; 4: 5 to 9; 3: 3 or 4; 2: 2; 1: one.' })
  frequency!: number;

  @Field(() => Int, {
    description:
      'Net spend in the scoring window, in the main currency: 5: 1,000.00 or more; 4: 500.00; 3: 200.00; 2: 50.00; 1: less.',
  })
  monetary!: number;

  @Field(() => Int, { description: 'recency + frequency + monetary: 3 to 15. Segment rules compare with it (`minScore`).' })
  value!: number;

  @Field(() => Int, { description: 'Orders counted in the window (wholly cancelled or returned orders do not count).' })
  orders!: number;

  @Field(() => Money, { description: 'Net spend in the window (orders minus cancellations and refunds), in minor units.' })
  spend!: Money;

  @Field(() => Date, { description: 'When the last counted order was placed.' })
  lastOrderAt!: Date;

  @Field(() => Date, { description: 'When the score was computed (on every order event, and at least daily).' })
  computedAt!: Date;
}

@ObjectType({ description: "A customer's birthday: month and day, and the year when they gave it." })
export class Birthday {
  @Field(() => Int, { description: 'Month, 1 to 12.' })
  month!: number;

  @Field(() => Int, { description: 'Day of the month.' })
  day!: number;

  @Field(() => Int, { nullable: true, description: 'Year of birth; null when not given.' })
  year!: number | null;
}

@InputType({ description: 'A birthday: month and day, and the year when the shopper gives it.' })
export class BirthdayInput {
  @Field(() => Int, { description: 'Month, 1 to 12.' })
  month!: number;

  @Field(() => Int, { description: 'Day of the month (29 February is greeted on 28 February in other years).' })
  day!: number;

  @Field(() => Int, { nullable: true, description: 'Year of birth, optional (1900 to this year).' })
  year?: number | null;
}

@ObjectType({ description: "A segment's rule as stored: every condition given must hold; null: not part of the rule." })
export class SegmentRuleView {
  @Field(() => String, { nullable: true, description: 'Lowest loyalty tier: BRONZE, SILVER, GOLD or PLATINUM.' })
  minTier!: string | null;

  @Field(() => Money, {
    nullable: true,
    description: 'Least net spend within `spendWithinDays`, in minor units of its currency.',
  })
  minSpend!: Money | null;

  @Field(() => Int, { nullable: true, description: 'The window of `minSpend`, in days (365 when not given).' })
  spendWithinDays!: number | null;

  @Field(() => Int, { nullable: true, description: 'Bought within this many days.' })
  purchasedWithinDays!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'No order, visit or app check-in in any channel for at least this many days.',
  })
  inactiveForDays!: number | null;

  @Field(() => [String], { nullable: true, description: 'Bought a product under this category path (a prefix).' })
  categoryPath!: string[] | null;

  @Field(() => [Channel], { nullable: true, description: 'Has used every one of these channels.' })
  channels!: Channel[] | null;

  @Field(() => Int, { nullable: true, description: 'Least RFM score value (3 to 15).' })
  minScore!: number | null;
}

/** A group of customers defined by a rule; membership kept current from events and a daily sweep. */
@ObjectType({ description: 'A group of customers defined by a rule over what the services know; membership is kept current.' })
@Entity('segment')
export class Segment {
  @Field(() => ID, {
    description: 'The segment id; a promotion limited to it (`CreatePromotionInput.segmentId`) applies to its members.',
  })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field({ description: 'The name, unique regardless of case.' })
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** The name in lower case: unique. */
  @Index('segment_name_key', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  nameKey!: string;

  @Column({ type: 'simple-json' })
  rule!: SegmentRule;

  @Field(() => Int, { description: 'How many customers are members now.' })
  @Column({ type: 'int', default: 0 })
  size!: number;

  @Field({ description: 'When it was first defined.' })
  @CreateDateColumn()
  createdAt!: Date;

  @Field({ description: 'When its rule was last defined.' })
  @UpdateDateColumn()
  updatedAt!: Date;
}

@Entity('segment_member')
@Index('segment_member_customer', ['customerId'])
export class SegmentMember {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  segmentId!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  customerId!: string;

  @Column({ type: Date })
  since!: Date;
}

@ObjectType({ description: 'The offer a lifecycle message grants: a promotion for that one customer, in every channel.' })
export class LifecycleOffer {
  @Field({ description: 'PERCENT_OFF (value 1..100) or AMOUNT_OFF (value in minor units of `currency`).' })
  kind!: string;

  @Field(() => Int, { description: 'Percent, or minor units.' })
  value!: number;

  @Field(() => String, { nullable: true, description: 'ISO 4217 currency of an AMOUNT_OFF; null for a percentage.' })
  currency!: string | null;

  @Field(() => Int, { description: 'Days the offer lasts from the day it is sent.' })
  validDays!: number;
}

/** The text of a lifecycle message, editable by ADMIN: data, not code. Seeded by a migration. */
@ObjectType({ description: 'The template of a lifecycle message, edited by ADMIN.' })
@Entity('lifecycle_template')
export class LifecycleTemplate {
  @Field(() => LifecycleKind, { description: 'Which message.' })
  @PrimaryColumn({ type: 'varchar', length: 20 })
  kind!: LifecycleKind;

  @Field({ description: 'The subject (e-mail) or title (push), with placeholders.' })
  @Column({ type: 'varchar', length: 200 })
  subject!: string;

  @Field({
    description:
      'The text, with placeholders `{firstName}`, `{offer}` ("15% off") and `{offerEndsOn}` (YYYY-MM-DD). An e-mail adds a greeting and a sign-off; an SMS is cut at 320 characters.',
  })
  @Column({ type: 'varchar', length: 2000 })
  body!: string;

  @Field({ description: 'false: this message is not sent.' })
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Field(() => Int, { nullable: true, description: 'WIN_BACK only: days without activity before it is sent.' })
  @Column({ type: 'int', nullable: true })
  inactiveDays!: number | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  offerKind!: string | null;

  @Column({ type: 'int', nullable: true })
  offerValue!: number | null;

  @Column({ type: 'varchar', length: 3, nullable: true })
  offerCurrency!: string | null;

  @Column({ type: 'int', nullable: true })
  offerValidDays!: number | null;

  @Field({ description: 'When it was last edited.' })
  @UpdateDateColumn()
  updatedAt!: Date;
}

/** One lifecycle message sent (on at least one channel) for one occasion: never again for it. */
@Entity('lifecycle_occasion')
export class LifecycleOccasion {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  customerId!: string;

  /** `WELCOME`, `BIRTHDAY:2026`, `WIN_BACK:<when the inactivity began>`. */
  @PrimaryColumn({ type: 'varchar', length: 60 })
  occasion!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: LifecycleKind;

  /** The id of the messages' `sourceEventId`, and of the offer when there is one. */
  @Column({ type: 'varchar', length: 36 })
  messageRef!: string;

  @Column({ type: Date })
  sentAt!: Date;
}
