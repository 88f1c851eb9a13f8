import { Directive, Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum LocationType {
  WAREHOUSE = 'WAREHOUSE',
  STORE = 'STORE',
}

registerEnumType(LocationType, { name: 'LocationType' });

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A warehouse or a store that holds stock.' })
@Entity('location')
export class Location {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field(() => LocationType)
  @Column({ type: 'varchar', length: 20 })
  type!: LocationType;

  @Field(() => Float)
  @Column({ type: 'double precision' })
  lat!: number;

  @Field(() => Float)
  @Column({ type: 'double precision' })
  lng!: number;

  @Field({ description: 'Ships online orders.' })
  @Column({ type: 'boolean', default: true })
  fulfillsOnline!: boolean;

  @Field({ description: 'Hands over orders picked up in store.' })
  @Column({ type: 'boolean', default: false })
  pickupEnabled!: boolean;

  @Field()
  @Column({ type: 'boolean', default: true })
  open!: boolean;
}
