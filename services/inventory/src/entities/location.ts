import { Directive, Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum LocationType {
  WAREHOUSE = 'WAREHOUSE',
  STORE = 'STORE',
}

registerEnumType(LocationType, {
  name: 'LocationType',
  description: 'What a location does.',
  valuesConfig: {
    WAREHOUSE: { description: 'A distribution center: ships orders and feeds stores; shoppers cannot collect there.' },
    STORE: { description: 'A store: sells over the counter, ships, and hands over pickup orders.' },
  },
});

@Directive('@key(fields: "id")')
@ObjectType({ simpleResolvers: true, description: 'A warehouse or a store that holds stock.' })
@Entity('location')
export class Location {
  @Field(() => ID, { description: 'The location id.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field({ description: 'Its name shown to shoppers and staff, e.g. "Berlin Mitte".' })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field(() => LocationType, { description: 'WAREHOUSE or STORE.' })
  @Column({ type: 'varchar', length: 20 })
  type!: LocationType;

  @Field(() => Float, { description: 'Latitude in decimal degrees.' })
  @Column({ type: 'double precision' })
  lat!: number;

  @Field(() => Float, { description: 'Longitude in decimal degrees.' })
  @Column({ type: 'double precision' })
  lng!: number;

  @Field({ description: 'Ships online orders.' })
  @Column({ type: 'boolean', default: true })
  fulfillsOnline!: boolean;

  @Field({ description: 'Hands over orders picked up in store.' })
  @Column({ type: 'boolean', default: false })
  pickupEnabled!: boolean;

  @Field({ description: 'false: closed; it promises nothing and takes no new orders.' })
  @Column({ type: 'boolean', default: true })
  open!: boolean;
}
