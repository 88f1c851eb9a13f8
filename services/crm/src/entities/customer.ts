import { Channel } from '@omni/platform';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ContactChannel } from '../domain/consent';
import { IdentityKind } from '../domain/identity';
import { MessageKind } from '../domain/messages';

registerEnumType(IdentityKind, { name: 'IdentityKind' });
registerEnumType(ContactChannel, { name: 'ContactChannel', description: 'A way CRM reaches the customer directly.' });

@Directive('@key(fields: "id")')
@ObjectType({ description: 'One shopper, the same in every channel.' })
@Entity('customer')
export class Customer {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field()
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  phone!: string | null;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  firstName!: string;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  lastName!: string;

  /** Every channel the customer has touched, in the order first seen. */
  @Field(() => [Channel])
  @Column({ type: 'simple-array' })
  channels!: Channel[];

  /** Transactional message kinds the shopper asked not to receive (`setMessageOptOut`). */
  @Field(() => [MessageKind], { description: 'Transactional message kinds the shopper opted out of.' })
  @Column({ type: 'simple-array', default: '' })
  messageOptOuts!: MessageKind[];

  /** When the shopper's personal data was erased (`requestErasure`): the record stays, anonymized. */
  @Field(() => Date, { nullable: true, description: 'When the personal data was erased; the record stays, anonymized.' })
  @Column({ type: Date, nullable: true })
  erasedAt!: Date | null;

  /** Set when this record was merged into another: it then resolves to the survivor. */
  @Index('customer_merged_into')
  @Column({ type: 'varchar', length: 36, nullable: true })
  mergedIntoId!: string | null;

  @Field()
  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;
}

@ObjectType()
@Entity('customer_identity')
@Index('customer_identity_kind_value', ['kind', 'value'], { unique: true })
export class CustomerIdentity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('customer_identity_customer')
  @Column({ type: 'varchar', length: 36 })
  customerId!: string;

  @Field(() => IdentityKind)
  @Column({ type: 'varchar', length: 20 })
  kind!: IdentityKind;

  @Field()
  @Column({ type: 'varchar', length: 254 })
  value!: string;

  @Field(() => Channel, { nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  channel!: Channel | null;

  @CreateDateColumn()
  createdAt!: Date;
}

/** The customer's decision on being contacted through one channel, with when and where it was made. */
@ObjectType({ description: 'Consent to be contacted on one channel (email, SMS, push).' })
@Entity('customer_consent')
@Index('customer_consent_customer_channel', ['customerId', 'channel'], { unique: true })
export class MarketingConsent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  customerId!: string;

  @Field(() => ContactChannel)
  @Column({ type: 'varchar', length: 10 })
  channel!: ContactChannel;

  @Field()
  @Column({ type: 'boolean' })
  granted!: boolean;

  @Field(() => Date, { nullable: true, description: 'When consent was (last) given.' })
  @Column({ type: Date, nullable: true })
  givenAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When consent was withdrawn, if it is.' })
  @Column({ type: Date, nullable: true })
  withdrawnAt!: Date | null;

  @Field(() => Channel, { nullable: true, description: 'Where the latest decision was made.' })
  @Column({ type: 'varchar', length: 20, nullable: true })
  source!: Channel | null;
}
