import { Channel } from '@omni/platform';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ContactChannel } from '../domain/consent';
import { IdentityKind } from '../domain/identity';
import { MessageKind } from '../domain/messages';

registerEnumType(IdentityKind, {
  name: 'IdentityKind',
  description: 'Identifier kinds a customer can be known by.',
  valuesConfig: {
    EMAIL: { description: 'An e-mail address.' },
    PHONE: { description: 'A phone number (E.164).' },
    LOYALTY_CARD: { description: 'A loyalty card number.' },
    MARKETPLACE: { description: "A marketplace's buyer id." },
    SOCIAL: { description: 'A social network account id.' },
    DEVICE: { description: 'An app install or device id.' },
  },
});
registerEnumType(ContactChannel, {
  name: 'ContactChannel',
  description: 'A way CRM reaches the customer directly.',
  valuesConfig: {
    EMAIL: { description: 'E-mail.' },
    SMS: { description: 'Text message to the phone number.' },
    PUSH: { description: 'Push notification to the mobile app.' },
  },
});

@Directive('@key(fields: "id")')
@ObjectType({ simpleResolvers: true, description: 'One shopper, the same in every channel.' })
@Entity('customer')
// Who registered recently (the lifecycle job's welcome) without reading every customer.
@Index('customer_created', ['createdAt'])
export class Customer {
  @Field(() => ID, { description: "The customer id. After a merge, the duplicate's id still finds the survivor." })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field({ description: 'The e-mail address (lower case); also their sign-in.' })
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Field(() => String, { nullable: true, description: 'Mobile phone in E.164 (`+12125557788`); null when none was given.' })
  @Column({ type: 'varchar', length: 20, nullable: true })
  phone!: string | null;

  @Field({ description: 'First name.' })
  @Column({ type: 'varchar', length: 100 })
  firstName!: string;

  @Field({ description: 'Last name.' })
  @Column({ type: 'varchar', length: 100 })
  lastName!: string;

  /** Every channel the customer has touched, in the order first seen. */
  @Field(() => [Channel], { description: 'Every channel the customer has touched, in the order first seen.' })
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

  @Field({ description: 'When they registered (or were first seen).' })
  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;
}

@ObjectType({ simpleResolvers: true, description: 'One identifier a customer is known by in some channel.' })
@Entity('customer_identity')
@Index('customer_identity_kind_value', ['kind', 'value'], { unique: true })
export class CustomerIdentity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('customer_identity_customer')
  @Column({ type: 'varchar', length: 36 })
  customerId!: string;

  @Field(() => IdentityKind, {
    description: 'What the value is: e-mail, phone, loyalty card, marketplace id, social id or device id.',
  })
  @Column({ type: 'varchar', length: 20 })
  kind!: IdentityKind;

  @Field({ description: 'The identifier, normalized (e-mail lower case, phone E.164).' })
  @Column({ type: 'varchar', length: 254 })
  value!: string;

  @Field(() => Channel, { description: 'The channel it was linked in; null when unknown.', nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  channel!: Channel | null;

  @CreateDateColumn()
  createdAt!: Date;
}

/** The customer's decision on being contacted through one channel, with when and where it was made. */
@ObjectType({ simpleResolvers: true, description: 'Consent to be contacted on one channel (email, SMS, push).' })
@Entity('customer_consent')
@Index('customer_consent_customer_channel', ['customerId', 'channel'], { unique: true })
export class MarketingConsent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  customerId!: string;

  @Field(() => ContactChannel, { description: 'EMAIL, SMS or PUSH.' })
  @Column({ type: 'varchar', length: 10 })
  channel!: ContactChannel;

  @Field({ description: 'true: marketing may be sent on this channel.' })
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
