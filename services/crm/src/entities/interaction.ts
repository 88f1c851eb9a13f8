import { Channel } from '@omni/platform';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InteractionKind } from '../domain/interaction';

registerEnumType(InteractionKind, {
  name: 'InteractionKind',
  description: 'What kind of touchpoint an interaction is.',
  valuesConfig: {
    CHAT: { description: 'A live chat with an agent.' },
    EMAIL: { description: 'An e-mail from or to the shopper.' },
    PHONE_CALL: { description: 'A phone call with the contact center.' },
    SOCIAL_POST: { description: 'A post or message on a social network.' },
    STORE_VISIT: { description: 'A visit to a store.' },
    CHATBOT: { description: 'A conversation with a chatbot.' },
    REVIEW: { description: 'A product review.' },
    SMS: { description: 'An SMS the retailer sent.' },
    PUSH_NOTIFICATION: { description: 'A push notification the retailer sent.' },
    ORDER_PLACED: { description: 'An order was placed (recorded by CRM itself).' },
    RETURN_RECEIVED: { description: 'A return arrived (recorded by CRM itself).' },
    ORDER_CANCELLED: { description: 'An order was cancelled, with its new total (recorded by CRM itself).' },
    ORDER_MODIFIED: { description: 'An order was changed, with its new total (recorded by CRM itself).' },
    APPOINTMENT: {
      description: 'A store appointment was booked, moved, cancelled or checked in (recorded by CRM itself).',
    },
  },
});

/** One touchpoint with the customer, from any channel. */
@ObjectType({ description: 'A touchpoint on the customer timeline.' })
@Entity('customer_interaction')
@Index('customer_interaction_customer_time', ['customerId', 'occurredAt', 'id'])
export class Interaction {
  @Field(() => ID, { description: 'The interaction id.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  customerId!: string;

  @Field(() => Channel, { description: 'The channel it happened in; null when unknown.', nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  channel!: Channel | null;

  @Field(() => InteractionKind, { description: 'What kind of touchpoint it was.' })
  @Column({ type: 'varchar', length: 30 })
  kind!: InteractionKind;

  @Field({ description: 'What happened, free text.' })
  @Column({ type: 'varchar', length: 2000 })
  summary!: string;

  @Field(() => String, { nullable: true, description: 'The associate, CSR or bot who handled it.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  agent!: string | null;

  @Field(() => ID, { description: 'The order it concerns; null when none.', nullable: true })
  @Column({ type: 'varchar', length: 36, nullable: true })
  orderId!: string | null;

  /** Set when the interaction is a message CRM sent: at most one interaction per message. */
  @Index('customer_interaction_message', { unique: true })
  @Column({ type: 'varchar', length: 36, nullable: true })
  messageId!: string | null;

  /** Set when the touchpoint is a message of a support case's thread. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  caseId!: string | null;

  @Field({ description: 'When it happened.' })
  @Column({ type: Date })
  occurredAt!: Date;
}
