import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@ObjectType({ description: 'A point on the map.', simpleResolvers: true })
export class GeoPoint {
  @Field(() => Float, { description: 'Latitude in decimal degrees.' })
  lat!: number;

  @Field(() => Float, { description: 'Longitude in decimal degrees.' })
  lng!: number;
}

@ObjectType({ description: "A postal address in a customer's address book." })
@Entity('customer_address')
export class Address {
  @Field(() => ID, { description: 'The address id (for `updateCustomerAddress` and `removeCustomerAddress`).' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('customer_address_customer')
  @Column({ type: 'varchar', length: 36 })
  customerId!: string;

  @Field({ description: 'Street and number.' })
  @Column({ type: 'varchar', length: 200 })
  line1!: string;

  @Field({ description: 'City.' })
  @Column({ type: 'varchar', length: 100 })
  city!: string;

  @Field({ description: 'Postal code.' })
  @Column({ type: 'varchar', length: 20 })
  postalCode!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 country code, e.g. `DE`.' })
  @Column({ type: 'varchar', length: 2 })
  country!: string;

  @Column({ type: 'double precision', nullable: true })
  lat!: number | null;

  @Column({ type: 'double precision', nullable: true })
  lng!: number | null;

  @Field(() => GeoPoint, { description: 'Where it is on the map, when known; null otherwise.', nullable: true })
  get location(): GeoPoint | null {
    return this.lat == null || this.lng == null ? null : Object.assign(new GeoPoint(), { lat: this.lat, lng: this.lng });
  }
}
