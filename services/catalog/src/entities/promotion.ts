import { Channel } from '@omni/platform';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export enum PromotionKind {
  PERCENT_OFF = 'PERCENT_OFF',
  AMOUNT_OFF = 'AMOUNT_OFF',
}
registerEnumType(PromotionKind, {
  name: 'PromotionKind',
  description: 'How a promotion discounts a cart.',
  valuesConfig: {
    PERCENT_OFF: { description: 'A percentage off the qualifying subtotal (`value` 1..100).' },
    AMOUNT_OFF: { description: 'A fixed amount off, in minor units of the promotion currency.' },
  },
});

/** A discount on a cart: automatic (no code) or a coupon (with a code). */
@ObjectType({ description: 'A percent-off or amount-off discount, automatic or behind a coupon code.' })
@Entity('promotion')
@Index('promotion_active_window', ['active', 'startsAt'])
export class Promotion {
  @Field(() => ID, { description: 'The promotion id.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field({ description: 'Shown to shoppers on a discounted cart.' })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** Upper case; null for an automatic promotion. */
  @Field(() => String, { description: 'The coupon code, upper case; null for an automatic promotion.', nullable: true })
  @Index('promotion_code', { unique: true })
  @Column({ type: 'varchar', length: 40, nullable: true })
  code!: string | null;

  @Field(() => PromotionKind, { description: 'PERCENT_OFF or AMOUNT_OFF: how `value` is read.' })
  @Column({ type: 'varchar', length: 20 })
  kind!: PromotionKind;

  /** Percent (1..100) for PERCENT_OFF, minor units for AMOUNT_OFF. */
  @Field(() => Int, { description: 'Percent (1..100) for PERCENT_OFF, minor units of `currency` for AMOUNT_OFF.' })
  @Column({ type: 'int' })
  value!: number;

  /** The currency of an AMOUNT_OFF value and of the minimum subtotal. */
  @Field(() => String, {
    description:
      'The ISO 4217 currency of an AMOUNT_OFF value and of the minimum subtotal; null for a percentage without minimum.',
    nullable: true,
  })
  @Column({ type: 'varchar', length: 3, nullable: true })
  currency!: string | null;

  /** Empty: every channel. */
  @Field(() => [Channel], { description: 'The channels it applies in; empty: every channel.' })
  @Column({ type: 'simple-json' })
  channels!: Channel[];

  @Column({ type: 'int', nullable: true })
  minSubtotalCents!: number | null;

  /** Lowest loyalty tier that qualifies (BRONZE < SILVER < GOLD < PLATINUM); null: everyone. */
  @Field(() => String, {
    description: 'Lowest loyalty tier that qualifies (BRONZE < SILVER < GOLD < PLATINUM); null: everyone.',
    nullable: true,
  })
  @Column({ type: 'varchar', length: 20, nullable: true })
  minTier!: string | null;

  /** Only members of this CRM segment (catalog keeps the memberships from CRM's events); null: everyone. */
  @Field(() => ID, {
    description: 'Only members of this CRM segment (`Segment.id`) get it, in every channel; null: not limited to a segment.',
    nullable: true,
  })
  @Column({ type: 'varchar', length: 36, nullable: true })
  segmentId!: string | null;

  /** A personal offer: only this customer gets it; null: not personal. */
  @Field(() => ID, {
    description: 'A personal offer: only this customer gets it, in every channel where they are identified; null: not personal.',
    nullable: true,
  })
  @Column({ type: 'varchar', length: 36, nullable: true })
  customerId!: string | null;

  @Field(() => Date, { description: 'When it starts to apply; null: since its creation.', nullable: true })
  @Column({ type: Date, nullable: true })
  startsAt!: Date | null;

  @Field(() => Date, { description: 'When it stops applying; null: never.', nullable: true })
  @Column({ type: Date, nullable: true })
  endsAt!: Date | null;

  @Field({ description: 'false: switched off, whatever its dates.' })
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn()
  createdAt!: Date;
}

/**
 * How often `promotion` was written: every write raises it in its own transaction
 * (`promotionsChanged`), so a process may keep the active promotions and read them again only
 * once the revision it reads with a cart's prices has moved. One row (id 1); none before the first write.
 */
@Entity('promotion_revision')
export class PromotionRevision {
  @PrimaryColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'int' })
  revision!: number;
}
