import { Channel } from '@omni/platform';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum PrivacyRequestKind {
  /** A copy of everything held about the shopper. */
  EXPORT = 'EXPORT',
  /** The shopper's personal data removed or anonymized. */
  ERASURE = 'ERASURE',
}

export enum PrivacyRequestStatus {
  REQUESTED = 'REQUESTED',
  COMPLETED = 'COMPLETED',
}

registerEnumType(PrivacyRequestKind, {
  name: 'PrivacyRequestKind',
  description: 'What a shopper asks of their personal data.',
  valuesConfig: {
    EXPORT: { description: 'A copy of everything held about the shopper.' },
    ERASURE: { description: "The shopper's personal data removed or anonymized." },
  },
});
registerEnumType(PrivacyRequestStatus, {
  name: 'PrivacyRequestStatus',
  description: 'Where a privacy request stands.',
  valuesConfig: {
    REQUESTED: { description: 'Accepted, being carried out.' },
    COMPLETED: { description: 'Done in every service.' },
  },
});

/**
 * A data subject request (GDPR art. 15/17, CCPA): who asked, for whom, when, from where, and
 * when it was done. Kept after an erasure (it names only the customer id) as the record that the
 * erasure happened.
 */
@ObjectType({ description: "A shopper's request for their data (EXPORT) or its erasure (ERASURE), with its status." })
@Entity('privacy_request')
@Index('privacy_request_customer_time', ['customerId', 'requestedAt'])
export class PrivacyRequest {
  @Field(() => ID, { description: 'The request id.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => ID, { description: 'The customer it is about (the survivor, for a merged-away id).' })
  @Column({ type: 'varchar', length: 36 })
  customerId!: string;

  @Field(() => PrivacyRequestKind, { description: 'EXPORT or ERASURE.' })
  @Column({ type: 'varchar', length: 10 })
  kind!: PrivacyRequestKind;

  @Field(() => PrivacyRequestStatus, { description: 'REQUESTED until every service has done its part.' })
  @Column({ type: 'varchar', length: 10 })
  status!: PrivacyRequestStatus;

  @Field(() => String, { nullable: true, description: "Who asked: the token's subject (the shopper, or the agent)." })
  @Column({ type: 'varchar', length: 200, nullable: true })
  requestedBy!: string | null;

  @Field(() => Channel, { nullable: true, description: 'Where it was asked.' })
  @Column({ type: 'varchar', length: 20, nullable: true })
  channel!: Channel | null;

  @Field({ description: 'When it was asked for.' })
  @Column({ type: Date })
  requestedAt!: Date;

  @Field(() => Date, { description: 'When it was completed; null until then.', nullable: true })
  @Column({ type: Date, nullable: true })
  completedAt!: Date | null;

  /** EXPORT: CRM's part of the export, as JSON, taken when the request was made. */
  @Column({ type: 'text', nullable: true })
  document!: string | null;

  /** ERASURE: what was removed, counted per kind of record (JSON), for the audit. */
  @Column({ type: 'text', nullable: true })
  outcome!: string | null;
}
