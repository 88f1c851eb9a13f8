import { Channel } from '@omni/platform';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { LedgerKind, LoyaltyTier } from '../domain/program';

registerEnumType(LoyaltyTier, { name: 'LoyaltyTier' });
registerEnumType(LedgerKind, { name: 'LedgerKind' });

@ObjectType({ description: "A customer's membership: one card and one balance in every channel." })
@Entity('loyalty_account')
export class LoyaltyAccount {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36, unique: true })
  customerId!: string;

  @Field()
  @Column({ type: 'varchar', length: 19, unique: true })
  cardNumber!: string;

  @Field(() => LoyaltyTier)
  @Column({ type: 'varchar', length: 20 })
  tier!: LoyaltyTier;

  @Field(() => Int)
  @Column({ type: 'int', default: 0 })
  pointsBalance!: number;

  @Field(() => Int)
  @Column({ type: 'int', default: 0 })
  lifetimePoints!: number;

  /** Points reserved by open checkout holds: what can be redeemed is the balance minus these. */
  @Column({ type: 'int', default: 0 })
  heldPoints!: number;

  @Field()
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
@ObjectType()
@Entity('ledger_entry')
@Index('ledger_entry_account', ['accountId', 'occurredAt'])
@Index('ledger_entry_engagement', ['accountId', 'engagementKind', 'occurredAt'])
export class LedgerEntry {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  accountId!: string;

  @Field(() => LedgerKind)
  @Column({ type: 'varchar', length: 20 })
  kind!: LedgerKind;

  @Field(() => Int)
  @Column({ type: 'int' })
  points!: number;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  reason!: string;

  @Field(() => Channel, { nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  channel!: Channel | null;

  @Field(() => ID, { nullable: true })
  @Index('ledger_entry_order')
  @Column({ type: 'varchar', length: 36, nullable: true })
  orderId!: string | null;

  @Field()
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
