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

registerEnumType(MessageKind, { name: 'CustomerMessageKind' });
registerEnumType(MessageStatus, { name: 'CustomerMessageStatus' });
registerEnumType(MessageBasis, { name: 'CustomerMessageBasis', description: 'The rule that let a message through.' });

/** A message to the customer (order confirmation, shipped, refund, ...), on one consented channel. */
@ObjectType({ description: 'A message sent (or being sent) to the customer.' })
@Entity('customer_message')
@Index('customer_message_customer_time', ['customerId', 'createdAt', 'id'])
@Index('customer_message_due', ['status', 'nextAttemptAt'])
@Index('customer_message_event_channel', ['sourceEventId', 'channel'], { unique: true })
export class CustomerMessage {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** Null for a message to someone who is not a customer (a gift card's recipient). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  customerId!: string | null;

  @Field(() => MessageKind)
  @Column({ type: 'varchar', length: 30 })
  kind!: MessageKind;

  @Field(() => ContactChannel)
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

  @Field()
  @Column({ type: 'varchar', length: 200 })
  subject!: string;

  @Field()
  @Column({ type: 'text' })
  body!: string;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'varchar', length: 36, nullable: true })
  orderId!: string | null;

  /** The sales channel of the event that caused it (the order's channel). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  salesChannel!: Channel | null;

  @Column({ type: 'varchar', length: 36 })
  sourceEventId!: string;

  @Field(() => MessageStatus)
  @Column({ type: 'varchar', length: 10 })
  status!: MessageStatus;

  @Field(() => Int)
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @Column({ type: Date, nullable: true })
  nextAttemptAt!: Date | null;

  @Field()
  @Column({ type: Date })
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
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
