import { Channel } from '@omni/platform';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InteractionKind } from '../domain/interaction';

registerEnumType(InteractionKind, { name: 'InteractionKind', description: 'What kind of touchpoint an interaction is.' });

/** One touchpoint with the customer, from any channel. */
@ObjectType({ description: 'A touchpoint on the customer timeline.' })
@Entity('customer_interaction')
@Index('customer_interaction_customer_time', ['customerId', 'occurredAt', 'id'])
export class Interaction {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  customerId!: string;

  @Field(() => Channel, { nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  channel!: Channel | null;

  @Field(() => InteractionKind)
  @Column({ type: 'varchar', length: 30 })
  kind!: InteractionKind;

  @Field()
  @Column({ type: 'varchar', length: 2000 })
  summary!: string;

  @Field(() => String, { nullable: true, description: 'The associate, CSR or bot who handled it.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  agent!: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'varchar', length: 36, nullable: true })
  orderId!: string | null;

  /** Set when the interaction is a message CRM sent: at most one interaction per message. */
  @Index('customer_interaction_message', { unique: true })
  @Column({ type: 'varchar', length: 36, nullable: true })
  messageId!: string | null;

  @Field()
  @Column({ type: Date })
  occurredAt!: Date;
}
