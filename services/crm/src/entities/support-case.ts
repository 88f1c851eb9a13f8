import { Channel } from '@omni/platform';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { SupportCaseAction, SupportCaseStatus } from '../domain/support-case';

registerEnumType(SupportCaseStatus, {
  name: 'SupportCaseStatus',
  description: 'Where a support case stands.',
  valuesConfig: {
    OPEN: { description: 'Opened, nobody assigned yet.' },
    IN_PROGRESS: { description: 'Assigned, being worked on.' },
    RESOLVED: { description: 'Resolved (it may be reopened).' },
  },
});
registerEnumType(SupportCaseAction, {
  name: 'SupportCaseAction',
  description: 'What happened to a case; its history is a list of these.',
  valuesConfig: {
    OPENED: { description: 'The case was opened.' },
    ASSIGNED: { description: 'The case was given to an assignee.' },
    NOTE: { description: 'A note was added.' },
    RESOLVED: { description: 'The case was resolved.' },
    REOPENED: { description: 'The case was reopened.' },
    MESSAGE_RECEIVED: { description: 'A message from the shopper arrived on the case (e-mail, social, text); see `messages`.' },
    REPLIED: { description: 'An agent answered the shopper; see `messages`.' },
    CUSTOMER_LINKED: { description: 'Staff linked the case of an unknown sender to a customer.' },
  },
});

@ObjectType({ description: 'A customer service case, from opening to resolution.' })
@Entity('support_case')
@Index('support_case_customer_opened', ['customerId', 'openedAt'])
export class SupportCase {
  @Field(() => ID, { description: 'The case id.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** Null for a case an unknown sender opened, until staff link it (`linkSupportCaseCustomer`). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  customerId!: string | null;

  /**
   * The case's reference in every message about it (`[ref:<token>]`): a reply carrying it lands
   * on this case. 160 random bits, so it cannot be guessed.
   */
  @Field(() => String, {
    description:
      'The reference every outgoing message about the case carries (`[ref:<token>]` in its subject and text): an inbound message naming it (`receiveInboundMessage`) lands on this case. 32 characters, unguessable.',
  })
  @Index('support_case_reply_token', { unique: true })
  @Column({ type: 'varchar', length: 32, nullable: true })
  replyToken!: string | null;

  @Field(() => String, {
    description:
      'Who wrote in when the case came from a message (an e-mail address, phone number or social handle); null for a case staff or the shopper opened.',
    nullable: true,
  })
  @Column({ type: 'varchar', length: 254, nullable: true })
  requester!: string | null;

  /** The identity kind of `requester` (EMAIL, PHONE, SOCIAL). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  requesterKind!: string | null;

  @Field(() => Channel, { description: 'Where the case was opened.' })
  @Column({ type: 'varchar', length: 20 })
  channel!: Channel;

  @Field({ description: 'A one-line subject.' })
  @Column({ type: 'varchar', length: 200 })
  subject!: string;

  @Field(() => String, { description: 'Details; null when none were given.', nullable: true })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  description!: string | null;

  @Field(() => ID, { description: 'The order it is about; null when none.', nullable: true })
  @Index('support_case_order')
  @Column({ type: 'varchar', length: 36, nullable: true })
  orderId!: string | null;

  @Field(() => SupportCaseStatus, { description: 'OPEN, IN_PROGRESS or RESOLVED.' })
  @Column({ type: 'varchar', length: 20 })
  status!: SupportCaseStatus;

  @Field(() => String, { description: 'The agent or team handling it; null while unassigned.', nullable: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  assignee!: string | null;

  @Field(() => String, { description: 'How it was resolved; null until resolved.', nullable: true })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  resolution!: string | null;

  @Field({ description: 'When it was opened.' })
  @Column({ type: Date })
  openedAt!: Date;

  @Field(() => Date, { description: 'When it was last resolved; null while not resolved.', nullable: true })
  @Column({ type: Date, nullable: true })
  resolvedAt!: Date | null;
}

/** One step in a case's history. */
@ObjectType({ description: "One step in a case's history." })
@Entity('support_case_event')
@Index('support_case_event_case_position', ['caseId', 'position'], { unique: true })
export class SupportCaseEvent {
  @Field(() => ID, { description: 'The event id.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  caseId!: string;

  /** 0, 1, 2, ... in the order things happened to the case. */
  @Field(() => Int, { description: '0, 1, 2, ... in the order things happened to the case.' })
  @Column({ type: 'int' })
  position!: number;

  @Field(() => SupportCaseAction, { description: 'What happened.' })
  @Column({ type: 'varchar', length: 20 })
  action!: SupportCaseAction;

  @Field({ description: 'When it happened.' })
  @Column({ type: Date })
  at!: Date;

  @Field(() => String, { description: 'Who did it (the agent); null when unknown.', nullable: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  actor!: string | null;

  @Field(() => String, { description: 'The note, resolution, reason or assignee given; null when none.', nullable: true })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  note!: string | null;

  @Field(() => Channel, { description: 'The channel it happened in; null when unknown.', nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  channel!: Channel | null;
}
