import { DateScalar, Money } from '@omni/platform';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TopUpStatus } from '../domain/wallet';

registerEnumType(TopUpStatus, {
  name: 'WalletTopUpStatus',
  description: 'Where a wallet top-up stands.',
  valuesConfig: {
    PENDING: { description: 'Being paid: the payment is being authorized and captured.' },
    CAPTURED: { description: 'Paid; the credit to the wallet is being made (retried until it is).' },
    CREDITED: { description: 'Paid and in the wallet.' },
    DECLINED: { description: 'The payment was declined or could not be taken: nothing was charged, nothing credited.' },
    REFUNDED: { description: 'Paid, but the wallet could not take it (its limit): the payment was refunded.' },
  },
});

/**
 * Store credit bought by the shopper: a small process owned here. PENDING (row written before
 * the provider is called) -> authorized and captured -> CAPTURED -> credited by loyalty ->
 * CREDITED; a decline ends DECLINED, a credit loyalty refuses is refunded (REFUNDED). The
 * `wallet-top-ups` job finishes what a crash left CAPTURED or PENDING.
 */
@ObjectType('WalletTopUp', {
  simpleResolvers: true,
  description: 'Store credit bought with a payment method: one `topUpWallet` call.',
})
@Entity('wallet_top_up')
@Index('wallet_top_up_key', ['idempotencyScope', 'idempotencyKey'], { unique: true })
@Index('wallet_top_up_open', ['status', 'createdAt'])
@Index('wallet_top_up_customer', ['customerId', 'createdAt'])
export class WalletTopUp {
  @Field(() => ID, { description: 'The top-up id.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  customerId!: string;

  /** Whose idempotency key it is (domain/idempotency). */
  @Column({ type: 'varchar', length: 120 })
  idempotencyScope!: string;

  @Column({ type: 'varchar', length: 100 })
  idempotencyKey!: string;

  /** What makes a retry the same request. */
  @Column({ type: 'varchar', length: 64 })
  requestHash!: string;

  @Field(() => TopUpStatus, { description: 'Where it stands.' })
  @Column({ type: 'varchar', length: 20 })
  status!: TopUpStatus;

  @Column({ type: 'int' })
  amountCents!: number;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Field(() => Money, { description: 'What was paid and added to the wallet, in integer minor units.' })
  get amount(): Money {
    return Money.of(this.amountCents, this.currency);
  }

  @Field({ description: 'The payment provider that took the payment, e.g. `test`.' })
  @Column({ type: 'varchar', length: 40 })
  provider!: string;

  /** The saved payment method it was paid with, if one was named. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  paymentMethodId!: string | null;

  /** The provider's payment reference once authorized. */
  @Column({ type: 'varchar', length: 120, nullable: true })
  reference!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  channel!: string | null;

  /** Why it was declined, or why its last step failed (retried by the job). */
  @Column({ type: 'varchar', length: 300, nullable: true })
  lastError!: string | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Field({ description: 'When it was asked for.' })
  @Column({ type: Date })
  createdAt!: Date;

  @Column({ type: Date, nullable: true })
  settledAt!: Date | null;
}

/**
 * A payment method the shopper saved: the provider's reusable token (a Stripe PaymentMethod id,
 * an Adyen stored-payment reference) and what a person needs to recognize it. Never a card number.
 */
@ObjectType('SavedPaymentMethod', {
  simpleResolvers: true,
  description:
    'A payment method the shopper saved at a payment provider: what identifies it to a person (brand, last four digits, expiry). Its token is never returned, to anyone.',
})
@Entity('saved_payment_method')
@Index('saved_payment_method_customer', ['customerId', 'createdAt'])
export class SavedPaymentMethod {
  @Field(() => ID, {
    description: 'The saved method id: pass it as `paymentMethodId` at checkout, in `placeOrder` or a subscription.',
  })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  customerId!: string;

  @Field({ description: 'The payment provider that holds it, e.g. `test` or `stripe`.' })
  @Column({ type: 'varchar', length: 40 })
  provider!: string;

  /** The provider's reusable token: sent to the provider only, never returned by the API. */
  @Column({ type: 'varchar', length: 200 })
  token!: string;

  @Field({ description: 'The card brand or wallet as the provider names it, e.g. `visa`, `mastercard`.' })
  @Column({ type: 'varchar', length: 20 })
  brand!: string;

  @Field({ description: 'The last four digits of the card number, e.g. `4242`.' })
  @Column({ type: 'varchar', length: 4 })
  last4!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The last day it can pay (YYYY-MM-DD: the last day of its expiry month); null: it does not expire.',
  })
  @Column({ type: 'varchar', length: 10, nullable: true })
  expiresOn!: string | null;

  @Field({ description: 'True for the one method that pays auto-filled shopping list orders and is offered first.' })
  @Column({ type: 'boolean', default: false })
  isDefault!: boolean;

  @Field({ description: 'When it was saved.' })
  @Column({ type: Date })
  createdAt!: Date;
}

/**
 * One SKU on a shopper's shopping list, added by hand or by the shopper confirming what the list
 * learned from her purchases. Quantity 0 keeps the row as "removed", so a learned suggestion the
 * shopper dismissed does not come back.
 */
@Entity('shopping_list_item')
@Index('shopping_list_item_sku', ['customerId', 'sku'], { unique: true })
@Index('shopping_list_item_fill', ['autoFill', 'nextFillOn'])
export class ShoppingListItemRow {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  customerId!: string;

  @Column({ type: 'varchar', length: 64 })
  sku!: string;

  /** 0: removed by the shopper. */
  @Column({ type: 'int' })
  quantity!: number;

  @Column({ type: 'boolean', default: false })
  autoFill!: boolean;

  /** The shopper's own interval; null: the one learned from her purchases. */
  @Column({ type: 'int', nullable: true })
  intervalDays!: number | null;

  /** Auto-fill: the date of the next replenishment order (YYYY-MM-DD). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  nextFillOn!: string | null;

  /** Auto-fill: the fill date the shopper was told about ahead of the order. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  remindedFor!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  lastFillOn!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  lastOrderId!: string | null;

  /** Why the last auto-fill failed; retried by the next run. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  lastFailure!: string | null;

  @Column({ type: Date })
  createdAt!: Date;

  @Column({ type: Date })
  updatedAt!: Date;
}
