import { Channel } from '@omni/platform';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export enum PromotionKind {
  PERCENT_OFF = 'PERCENT_OFF',
  AMOUNT_OFF = 'AMOUNT_OFF',
}
registerEnumType(PromotionKind, { name: 'PromotionKind' });

/** A discount on a cart: automatic (no code) or a coupon (with a code). */
@ObjectType({ description: 'A percent-off or amount-off discount, automatic or behind a coupon code.' })
@Entity('promotion')
@Index('promotion_active_window', ['active', 'startsAt'])
export class Promotion {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** Upper case; null for an automatic promotion. */
  @Field(() => String, { nullable: true })
  @Index('promotion_code', { unique: true })
  @Column({ type: 'varchar', length: 40, nullable: true })
  code!: string | null;

  @Field(() => PromotionKind)
  @Column({ type: 'varchar', length: 20 })
  kind!: PromotionKind;

  /** Percent (1..100) for PERCENT_OFF, minor units for AMOUNT_OFF. */
  @Field(() => Int)
  @Column({ type: 'int' })
  value!: number;

  /** The currency of an AMOUNT_OFF value and of the minimum subtotal. */
  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 3, nullable: true })
  currency!: string | null;

  /** Empty: every channel. */
  @Field(() => [Channel])
  @Column({ type: 'simple-json' })
  channels!: Channel[];

  @Column({ type: 'int', nullable: true })
  minSubtotalCents!: number | null;

  /** Lowest loyalty tier that qualifies (BRONZE < SILVER < GOLD < PLATINUM); null: everyone. */
  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  minTier!: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: Date, nullable: true })
  startsAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: Date, nullable: true })
  endsAt!: Date | null;

  @Field()
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn()
  createdAt!: Date;
}
