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

  @Field()
  @CreateDateColumn()
  enrolledAt!: Date;
}

/** One movement of points. Append-only: the balance is always the sum of these. */
@ObjectType()
@Entity('ledger_entry')
@Index('ledger_entry_account', ['accountId', 'occurredAt'])
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
}
