import { Channel } from '@omni/platform';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { IdentityKind } from '../domain/identity';

registerEnumType(IdentityKind, { name: 'IdentityKind' });

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
