import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@ObjectType({ simpleResolvers: true })
export class GeoPoint {
  @Field(() => Float)
  lat!: number;

  @Field(() => Float)
  lng!: number;
}

@ObjectType()
@Entity('customer_address')
export class Address {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('customer_address_customer')
  @Column({ type: 'varchar', length: 36 })
  customerId!: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  line1!: string;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  city!: string;

  @Field()
  @Column({ type: 'varchar', length: 20 })
  postalCode!: string;

  @Field()
  @Column({ type: 'varchar', length: 2 })
  country!: string;

  @Column({ type: 'double precision', nullable: true })
  lat!: number | null;

  @Column({ type: 'double precision', nullable: true })
  lng!: number | null;

  @Field(() => GeoPoint, { nullable: true })
  get location(): GeoPoint | null {
    return this.lat == null || this.lng == null ? null : Object.assign(new GeoPoint(), { lat: this.lat, lng: this.lng });
  }
}
