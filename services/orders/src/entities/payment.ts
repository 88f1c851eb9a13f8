import { Money } from '@omni/platform';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { PaymentMethod, PaymentStatus } from '../domain/money';

registerEnumType(PaymentMethod, {
  name: 'PaymentMethod',
  description: 'How (part of) an order was paid.',
  valuesConfig: {
    CARD: { description: 'A card, through a payment provider.' },
    GIFT_CARD: { description: 'A gift card balance.' },
    STORE_CREDIT: { description: "The shopper's store credit." },
    POINTS: {
      description:
        "Loyalty points (1 point = 0.01 of the currency, unless loyalty sets another point value for the order's currency).",
    },
    CASH: { description: 'Cash at a till.' },
  },
});
registerEnumType(PaymentStatus, {
  name: 'PaymentStatus',
  description: 'Where a payment stands.',
  valuesConfig: {
    AUTHORIZED: { description: 'Held on the tender, not taken yet.' },
    CAPTURED: { description: 'Taken.' },
    PARTIALLY_REFUNDED: { description: 'Taken, part of it given back.' },
    REFUNDED: { description: 'Given back in full.' },
    VOIDED: { description: 'The authorization was released; nothing was taken.' },
  },
});

/** One tender of an order: what it paid and what went back to it. */
@ObjectType({ simpleResolvers: true, description: 'One tender of an order: what it paid and what went back to it.' })
@Entity('order_payment')
@Index('order_payment_order', ['orderId', 'sequence'])
@Index('order_payment_uncaptured', ['capturedAt', 'createdAt'])
export class OrderPayment {
  @Field(() => ID, { description: 'The payment id.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  orderId!: string;

  /** 1, 2, 3 ... in the order the tenders were taken. */
  @Column({ type: 'int' })
  sequence!: number;

  @Field(() => PaymentMethod, { description: 'The tender: card, gift card, store credit, points or cash.' })
  @Column({ type: 'varchar', length: 20 })
  method!: PaymentMethod;

  @Field(() => PaymentStatus, { description: 'Where the payment stands.' })
  @Column({ type: 'varchar', length: 20 })
  status!: PaymentStatus;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Column({ type: 'int' })
  amountCents!: number;

  @Column({ type: 'int', default: 0 })
  refundedCents!: number;

  @Field(() => Int, { description: 'Points spent (POINTS), else 0.' })
  @Column({ type: 'int', default: 0 })
  points!: number;

  @Field(() => Int, { description: 'Points given back (POINTS), else 0.' })
  @Column({ type: 'int', default: 0 })
  refundedPoints!: number;

  @Field(() => String, { nullable: true, description: 'The payment provider (CARD and CASH), e.g. manual.' })
  @Column({ type: 'varchar', length: 40, nullable: true })
  provider!: string | null;

  /** The provider's payment reference, or the loyalty hold id for points, store credit and gift cards. */
  @Column({ type: 'varchar', length: 120, nullable: true })
  reference!: string | null;

  @Field(() => String, { nullable: true, description: 'The last four characters of a gift card.' })
  @Column({ type: 'varchar', length: 4, nullable: true })
  giftCardLast4!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "A gift card or store credit in another currency than the order's: the conversion rate used, as a decimal " +
      "(units of the order's currency per unit of the tender's, e.g. `0.92`); null: the tender is in the order's currency.",
  })
  @Column({ type: 'varchar', length: 20, nullable: true })
  exchangeRate!: string | null;

  /** With `exchangeRate`: what was taken from the gift card or wallet, in its own currency. */
  @Column({ type: 'int', nullable: true })
  tenderCents!: number | null;

  @Column({ type: 'varchar', length: 3, nullable: true })
  tenderCurrency!: string | null;

  /** When the provider captured the payment (CARD, CASH); null while a capture is pending. */
  @Column({ type: Date, nullable: true })
  capturedAt!: Date | null;

  /** Captures that failed after the order committed: retried until one succeeds. */
  @Column({ type: 'int', default: 0 })
  captureAttempts!: number;

  @Field({ description: 'When it was taken.' })
  @Column({ type: Date })
  createdAt!: Date;

  @Field(() => Money, { description: 'The amount taken (minor units).' })
  get amount(): Money {
    return Money.of(this.amountCents, this.currency);
  }

  @Field(() => Money, {
    nullable: true,
    description:
      "With `exchangeRate`: what was taken from the gift card or store credit, in the tender's own currency " +
      "(`amount` is in the order's); null: the tender is in the order's currency.",
  })
  get tenderAmount(): Money | null {
    return this.tenderCents != null && this.tenderCurrency ? Money.of(this.tenderCents, this.tenderCurrency) : null;
  }

  @Field(() => Money, { description: 'How much of it was refunded so far (minor units).' })
  get refunded(): Money {
    return Money.of(this.refundedCents, this.currency);
  }
}

export enum RefundStatus {
  /** Decided with the order's change; the provider has not confirmed it yet (retried). */
  PENDING = 'PENDING',
  DONE = 'DONE',
}

/** Money going back to one tender: the order's refund ledger. */
@Entity('payment_refund')
@Index('payment_refund_order', ['orderId'])
@Index('payment_refund_pending', ['status', 'createdAt'])
export class PaymentRefund {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  orderId!: string;

  @Column({ type: 'varchar', length: 36 })
  paymentId!: string;

  @Column({ type: 'int' })
  amountCents!: number;

  @Column({ type: 'int', default: 0 })
  points!: number;

  /** CANCELLED, RETURNED, MODIFIED, EXCHANGED. */
  @Column({ type: 'varchar', length: 20 })
  reason!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: RefundStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'varchar', length: 300, nullable: true })
  lastError!: string | null;

  @Column({ type: Date })
  createdAt!: Date;
}
