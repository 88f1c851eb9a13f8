import { Channel } from '@omni/platform';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { SupportCaseAction, SupportCaseStatus } from '../domain/support-case';

registerEnumType(SupportCaseStatus, { name: 'SupportCaseStatus' });
registerEnumType(SupportCaseAction, { name: 'SupportCaseAction' });

@ObjectType({ description: 'A customer service case, from opening to resolution.' })
@Entity('support_case')
@Index('support_case_customer_opened', ['customerId', 'openedAt'])
export class SupportCase {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  customerId!: string;

  @Field(() => Channel, { description: 'Where the case was opened.' })
  @Column({ type: 'varchar', length: 20 })
  channel!: Channel;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  subject!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  description!: string | null;

  @Field(() => ID, { nullable: true })
  @Index('support_case_order')
  @Column({ type: 'varchar', length: 36, nullable: true })
  orderId!: string | null;

  @Field(() => SupportCaseStatus)
  @Column({ type: 'varchar', length: 20 })
  status!: SupportCaseStatus;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  assignee!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  resolution!: string | null;

  @Field()
  @Column({ type: Date })
  openedAt!: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: Date, nullable: true })
  resolvedAt!: Date | null;
}

/** One step in a case's history. */
@ObjectType()
@Entity('support_case_event')
@Index('support_case_event_case_position', ['caseId', 'position'], { unique: true })
export class SupportCaseEvent {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  caseId!: string;

  /** 0, 1, 2, ... in the order things happened to the case. */
  @Field(() => Int)
  @Column({ type: 'int' })
  position!: number;

  @Field(() => SupportCaseAction)
  @Column({ type: 'varchar', length: 20 })
  action!: SupportCaseAction;

  @Field()
  @Column({ type: Date })
  at!: Date;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  actor!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  note!: string | null;

  @Field(() => Channel, { nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  channel!: Channel | null;
}
