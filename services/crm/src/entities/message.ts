import { Channel } from '@omni/platform';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ContactChannel, MessageBasis } from '../domain/consent';
import { MessageKind } from '../domain/messages';

export enum MessageStatus {
  /** Waiting for the sender (first try or a retry). */
  PENDING = 'PENDING',
  /** Claimed by a dispatcher, being handed to the sender. */
  SENDING = 'SENDING',
  SENT = 'SENT',
  /** Gave up: the sender refused it every time, or no sender serves its channel. */
  FAILED = 'FAILED',
}

registerEnumType(MessageKind, {
  name: 'CustomerMessageKind',
  description: 'What the retailer tells the customer, and when.',
  valuesConfig: {
    ORDER_CONFIRMATION: { description: 'An order was placed.' },
    ORDER_MODIFIED: { description: 'The order was changed (lines, quantities, SKUs), in any channel.' },
    ORDER_CANCELLED: { description: 'The order, or what had not left yet, was cancelled.' },
    READY_FOR_PICKUP: { description: 'A pickup is waiting at the store.' },
    SHIPPED: { description: 'A shipment left, with its tracking number.' },
    RETURN_LABEL: { description: 'The label for a return by mail.' },
    RETURN_INSTRUCTIONS: { description: 'How to bring a return to a store.' },
    REFUND_ISSUED: { description: "Money went back to the shopper's tenders." },
    STORE_CREDIT_ISSUED: { description: 'Store credit was issued for a return.' },
    RETURN_RECEIVED: { description: 'A return arrived.' },
    GIFT_CARD: { description: 'A gift card bought for someone (or oneself): its code, sent once. Transactional.' },
    APPOINTMENT_CONFIRMATION: { description: 'A store appointment was booked or moved: what, where, when. Transactional.' },
    APPOINTMENT_CANCELLED: { description: 'A store appointment was cancelled. Transactional.' },
    APPOINTMENT_REMINDER: {
      description: 'A store appointment is soon (APPOINTMENT_REMINDER_HOURS ahead), sent once per start time. Transactional.',
    },
    WELCOME: { description: 'Lifecycle: a welcome after registration. Marketing: only with consent on the channel.' },
    BIRTHDAY: {
      description: 'Lifecycle: a birthday greeting, maybe with a personal offer. Marketing: only with consent on the channel.',
    },
    WIN_BACK: { description: 'Lifecycle: after a period without activity. Marketing: only with consent on the channel.' },
    AUTO_FILL_DUE: {
      description:
        'An auto-filled shopping list item will be ordered in two days (what, how many, when), once per date: the shopper may skip it until then. Transactional.',
    },
    CASE_OPENED: {
      description:
        "A support case was opened from the shopper's message: its reference (`[ref:<replyToken>]`), to reply to. Transactional, no opt-out.",
    },
    CASE_REPLY: {
      description: "An agent's answer on a support case, with its reference (`[ref:<replyToken>]`). Transactional, no opt-out.",
    },
  },
});
registerEnumType(MessageStatus, {
  name: 'CustomerMessageStatus',
  description: 'Where the delivery of a message stands.',
  valuesConfig: {
    PENDING: { description: 'Waiting for the sender (first try or a retry).' },
    SENDING: { description: 'Being handed to the sender.' },
    SENT: { description: 'Accepted by the sender (e-mail, SMS or push provider).' },
    FAILED: { description: 'Gave up: the sender refused it every time, or no sender serves its channel.' },
  },
});
registerEnumType(MessageBasis, {
  name: 'CustomerMessageBasis',
  description: 'The rule that let a message through.',
  valuesConfig: {
    TRANSACTIONAL: {
      description: 'A transactional message to a contact address the shopper gave, of a kind they did not opt out of.',
    },
    MARKETING_CONSENT: { description: "The shopper's marketing consent on the message's channel." },
  },
});

/** A message to the customer (order confirmation, shipped, refund, ...), on one consented channel. */
@ObjectType({ description: 'A message sent (or being sent) to the customer.' })
@Entity('customer_message')
@Index('customer_message_customer_time', ['customerId', 'createdAt', 'id'])
@Index('customer_message_due', ['status', 'nextAttemptAt'])
@Index('customer_message_event_channel', ['sourceEventId', 'channel'], { unique: true })
export class CustomerMessage {
  @Field(() => ID, { description: 'The message id.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** Null for a message to someone who is not a customer (a gift card's recipient). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  customerId!: string | null;

  @Field(() => MessageKind, { description: 'What the message is about.' })
  @Column({ type: 'varchar', length: 30 })
  kind!: MessageKind;

  @Field(() => ContactChannel, { description: 'EMAIL, SMS or PUSH.' })
  @Column({ type: 'varchar', length: 10 })
  channel!: ContactChannel;

  /**
   * Rows written before the basis was recorded were all sent under marketing consent, except gift
   * cards (the migration marks those TRANSACTIONAL); every new row names its basis.
   */
  @Field(() => MessageBasis, {
    description: 'Why it was sent: a transactional message to a contact address, or marketing consent on its channel.',
  })
  @Column({ type: 'varchar', length: 20, default: MessageBasis.MARKETING_CONSENT })
  basis!: MessageBasis;

  @Field({ description: 'The email address, phone number or device token it went to.' })
  @Column({ type: 'varchar', length: 254 })
  recipient!: string;

  @Field({ description: 'The subject line.' })
  @Column({ type: 'varchar', length: 200 })
  subject!: string;

  @Field({ description: 'The text sent, plain text.' })
  @Column({ type: 'text' })
  body!: string;

  @Field(() => ID, { description: 'The order it is about; null when none.', nullable: true })
  @Column({ type: 'varchar', length: 36, nullable: true })
  orderId!: string | null;

  /** The sales channel of the event that caused it (the order's channel). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  salesChannel!: Channel | null;

  @Column({ type: 'varchar', length: 36 })
  sourceEventId!: string;

  @Field(() => MessageStatus, { description: 'Where its delivery stands.' })
  @Column({ type: 'varchar', length: 10 })
  status!: MessageStatus;

  @Field(() => Int, { description: 'How many times sending was tried.' })
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Field(() => String, { description: 'Why the last attempt failed; null when none failed.', nullable: true })
  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @Column({ type: Date, nullable: true })
  nextAttemptAt!: Date | null;

  @Field({ description: 'When it was written.' })
  @Column({ type: Date })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the sender accepted it; null until then.', nullable: true })
  @Column({ type: Date, nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  providerMessageId!: string | null;
}

/** Order numbers CRM learned from `orders.order.placed`, to name the order in later messages. */
@Entity('known_order')
export class KnownOrder {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  orderId!: string;

  @Column({ type: 'varchar', length: 40 })
  number!: string;
}
