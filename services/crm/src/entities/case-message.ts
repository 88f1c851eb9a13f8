import { Channel } from '@omni/platform';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InteractionKind } from '../domain/interaction';

export enum MessageDirection {
  /** From the shopper (an e-mail, a social message, a text). */
  INBOUND = 'INBOUND',
  /** From an agent to the shopper. */
  OUTBOUND = 'OUTBOUND',
}

registerEnumType(MessageDirection, {
  name: 'CaseMessageDirection',
  description: 'Who wrote a message of a support case thread.',
  valuesConfig: {
    INBOUND: { description: 'The shopper (or an unknown sender) wrote to us.' },
    OUTBOUND: { description: 'An agent answered the shopper.' },
  },
});

@ObjectType({ description: 'An attachment of an inbound message: its name and size (the content is not kept).' })
export class MessageAttachment {
  @Field({ description: 'The file name as sent (at most 255 characters).' })
  filename!: string;

  @Field(() => String, { description: 'Its MIME type, e.g. `image/jpeg`; null when not given.', nullable: true })
  contentType!: string | null;

  @Field(() => Int, { description: 'Its size in bytes.' })
  size!: number;
}

/** One message of a support case's thread, in either direction, from any channel. */
@ObjectType({ description: "One message of a support case's thread (e-mail, social, text), in either direction." })
@Entity('support_case_message')
@Index('support_case_message_case_time', ['caseId', 'at'])
export class SupportCaseMessage {
  @Field(() => ID, { description: 'The message id.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  caseId!: string;

  @Field(() => MessageDirection, { description: 'INBOUND from the shopper, OUTBOUND from an agent.' })
  @Column({ type: 'varchar', length: 10 })
  direction!: MessageDirection;

  @Field(() => Channel, { description: 'The channel it came in or went out on.' })
  @Column({ type: 'varchar', length: 20 })
  channel!: Channel;

  @Field(() => InteractionKind, { description: 'How: EMAIL, SOCIAL_POST, SMS or CHAT.' })
  @Column({ type: 'varchar', length: 30 })
  medium!: InteractionKind;

  @Field({ description: 'The sender: an e-mail address, phone number or social handle; the agent for OUTBOUND.' })
  @Column({ type: 'varchar', length: 254 })
  sender!: string;

  @Field(() => String, { description: 'The subject line; null when the medium has none.', nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  subject!: string | null;

  @Field({ description: 'What was written, plain text; for inbound e-mail without the quoted original and signature.' })
  @Column({ type: 'text' })
  body!: string;

  @Field({ description: 'true: quoted text or a signature was cut from an inbound message (`body` is the new part).' })
  @Column({ type: 'boolean', default: false })
  quoteStripped!: boolean;

  @Field(() => [MessageAttachment], { description: 'Attachments: names and sizes only.' })
  @Column({ type: 'simple-json' })
  attachments!: MessageAttachment[];

  /** The provider's id of the message (an e-mail's Message-ID): a redelivered hook adds nothing. */
  @Index('support_case_message_external', { unique: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  externalId!: string | null;

  @Field({ description: 'When it was received or sent.' })
  @Column({ type: Date })
  at!: Date;
}
