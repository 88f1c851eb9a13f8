import { Channel } from '@omni/platform';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { LedgerKind, LoyaltyTier } from '../domain/program';

registerEnumType(LoyaltyTier, {
  name: 'LoyaltyTier',
  description: 'A membership tier, by lifetime points: BRONZE < SILVER < GOLD < PLATINUM.',
  valuesConfig: {
    BRONZE: { description: 'The entry tier.' },
    SILVER: { description: 'The second tier.' },
    GOLD: { description: 'The third tier.' },
    PLATINUM: { description: 'The highest tier.' },
  },
});
registerEnumType(LedgerKind, {
  name: 'LedgerKind',
  description: 'What moved points on an account.',
  valuesConfig: {
    ADJUSTMENT: { description: 'A correction by staff.' },
    BURN: { description: 'Points spent on an order.' },
    EARN: { description: 'Points earned by a purchase or an engagement.' },
    EXPIRY: { description: 'Points that expired.' },
    REFUND: { description: 'Points given back when an order paid with them is refunded.' },
    REVERSAL: { description: 'Earned points taken back (the order was cancelled or returned).' },
  },
});

@ObjectType({ simpleResolvers: true, description: "A customer's membership: one card and one balance in every channel." })
@Entity('loyalty_account')
export class LoyaltyAccount {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36, unique: true })
  customerId!: string;

  @Field({ description: 'The loyalty card number printed on the card and in the app.' })
  @Column({ type: 'varchar', length: 19, unique: true })
  cardNumber!: string;

  @Field(() => LoyaltyTier, { description: "The member's tier." })
  @Column({ type: 'varchar', length: 20 })
  tier!: LoyaltyTier;

  @Field(() => Int, {
    description: 'Points that can be spent now, including any held by a checkout in progress (1 point = 0.01 of the currency).',
  })
  @Column({ type: 'int', default: 0 })
  pointsBalance!: number;

  @Field(() => Int, { description: 'Every point ever earned (the tier follows it); spending does not lower it.' })
  @Column({ type: 'int', default: 0 })
  lifetimePoints!: number;

  /** Points reserved by open checkout holds: what can be redeemed is the balance minus these. */
  @Column({ type: 'int', default: 0 })
  heldPoints!: number;

  @Field({ description: 'When the customer joined.' })
  @CreateDateColumn()
  enrolledAt!: Date;

  /** Last earn, burn or adjustment: points expire after a configurable time without activity. */
  @Index('loyalty_account_activity')
  @Column({ type: Date, default: () => 'CURRENT_TIMESTAMP' })
  lastActivityAt!: Date;

  /** Set when this customer was merged into another: this card then links to that account. */
  @Index('loyalty_account_merged_into')
  @Column({ type: 'varchar', length: 36, nullable: true })
  mergedIntoId!: string | null;
}

/** One movement of points. Append-only: the balance is always the sum of these. */
@ObjectType({
  simpleResolvers: true,
  description: 'One movement of points. Append-only: the balance is always the sum of these.',
})
@Entity('ledger_entry')
@Index('ledger_entry_account', ['accountId', 'occurredAt'])
@Index('ledger_entry_engagement', ['accountId', 'engagementKind', 'occurredAt'])
export class LedgerEntry {
  @Field(() => ID, { description: 'The entry id.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  accountId!: string;

  @Field(() => LedgerKind, { description: 'What moved the points.' })
  @Column({ type: 'varchar', length: 20 })
  kind!: LedgerKind;

  @Field(() => Int, { description: 'Points added (positive) or taken (negative).' })
  @Column({ type: 'int' })
  points!: number;

  @Field({ description: 'Why, in English, e.g. the earn rule or "points expired".' })
  @Column({ type: 'varchar', length: 200 })
  reason!: string;

  @Field(() => Channel, { description: 'The channel it came from; null for the system (jobs, expiry).', nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  channel!: Channel | null;

  @Field(() => ID, { description: 'The order it is about; null when none.', nullable: true })
  @Index('ledger_entry_order')
  @Column({ type: 'varchar', length: 36, nullable: true })
  orderId!: string | null;

  @Field({ description: 'When it happened.' })
  @Column({ type: Date })
  occurredAt!: Date;

  /** For engagement rewards: what was rewarded (caps count these) and the channel's reference. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  engagementKind!: string | null;

  @Index('ledger_entry_ref')
  @Column({ type: 'varchar', length: 120, nullable: true })
  ref!: string | null;

  /** The earn rules that produced the points, for audit. */
  @Column({ type: 'varchar', length: 400, nullable: true })
  ruleIds!: string | null;
}
