import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { HoldStatus, HoldTarget, StoredValueEntryKind, StoredValueKind } from '../domain/stored-value';

/**
 * A gift card or a customer's store-credit wallet (one per customer and currency). Integer
 * cents; `balanceCents` is the sum of its entries and `heldCents` what open holds reserve.
 */
@Entity('stored_value_account')
@Index('stored_value_wallet', ['customerId', 'currency'], { unique: true })
export class StoredValueAccount {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: StoredValueKind;

  /**
   * Gift cards only: HMAC-SHA256 of the normalized code under GIFT_CARD_SECRET (hex). The code
   * itself is never stored: it is shown once, when the card is issued.
   */
  @Column({ type: 'varchar', length: 64, nullable: true, unique: true })
  codeHash!: string | null;

  /** Gift cards only: the last four symbols of the code, to tell cards apart. */
  @Column({ type: 'varchar', length: 4, nullable: true })
  codeLast4!: string | null;

  /** Store credit: the owner (unique with currency). Gift cards: null (bearer instrument). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  customerId!: string | null;

  @Index('stored_value_purchaser')
  @Column({ type: 'varchar', length: 36, nullable: true })
  purchaserCustomerId!: string | null;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Column({ type: 'int', default: 0 })
  balanceCents!: number;

  @Column({ type: 'int', default: 0 })
  heldCents!: number;

  /** Store credit: set when the owner was merged into another customer; credits go to that wallet. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  mergedIntoId!: string | null;

  /** Gift card issue: the same key returns the same card. */
  @Column({ type: 'varchar', length: 120, nullable: true, unique: true })
  idempotencyKey!: string | null;

  @CreateDateColumn()
  createdAt!: Date;
}

/** One movement of stored value. Append-only. */
@Entity('stored_value_entry')
@Index('stored_value_entry_account', ['accountId', 'occurredAt'])
export class StoredValueEntry {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  accountId!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: StoredValueEntryKind;

  @Column({ type: 'int' })
  amountCents!: number;

  @Column({ type: 'varchar', length: 200 })
  reason!: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  channel!: string | null;

  @Index('stored_value_entry_ref')
  @Column({ type: 'varchar', length: 120, nullable: true })
  ref!: string | null;

  /** The order the value was spent on or refunded for, when there is one. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  orderId!: string | null;

  @Column({ type: Date })
  occurredAt!: Date;
}

registerEnumType(HoldTarget, { name: 'LoyaltyHoldTarget' });
registerEnumType(HoldStatus, { name: 'LoyaltyHoldStatus' });

/** A checkout's reservation of points or stored value: captured when the order is placed, released otherwise. */
@Directive('@inaccessible')
@ObjectType('LoyaltyHold', { description: "A checkout's reservation of points or stored value." })
@Entity('hold')
@Index('hold_open', ['status', 'expiresAt'])
export class Hold {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => HoldTarget)
  @Column({ type: 'varchar', length: 20 })
  target!: HoldTarget;

  /** LoyaltyAccount id (points) or StoredValueAccount id. */
  @Index('hold_account')
  @Column({ type: 'varchar', length: 36 })
  accountId!: string;

  /** Points, or cents of the stored-value account's currency. */
  @Field(() => Int)
  @Column({ type: 'int' })
  amount!: number;

  /** Stored value only: the currency of `amount` cents. */
  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 3, nullable: true })
  currency!: string | null;

  /**
   * The order's currency, when the hold pays an order in another currency than `amount` (a gift
   * card or store credit at a conversion rate), or when a points hold was valued in it.
   */
  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 3, nullable: true })
  orderCurrency!: string | null;

  /** What the hold pays of the order, in minor units of `orderCurrency`. */
  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  orderAmount!: number | null;

  /** The rate used: the conversion rate (units of `orderCurrency` per unit of `currency`) or a point's value. */
  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  rate!: string | null;

  @Field(() => HoldStatus)
  @Column({ type: 'varchar', length: 20 })
  status!: HoldStatus;

  @Field()
  @Column({ type: 'varchar', length: 120 })
  orderRef!: string;

  @Column({ type: 'varchar', length: 120, unique: true })
  idempotencyKey!: string;

  @Column({ type: Date })
  createdAt!: Date;

  @Field()
  @Column({ type: Date })
  expiresAt!: Date;

  @Column({ type: Date, nullable: true })
  settledAt!: Date | null;
}
