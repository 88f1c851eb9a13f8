import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { availableUnits } from '../domain/stock';

/** Units of one SKU at one location. */
@ObjectType()
@Entity('stock')
@Index('stock_sku', ['sku'])
export class Stock {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  locationId!: string;

  @Field()
  @PrimaryColumn({ type: 'varchar', length: 64 })
  sku!: string;

  @Field(() => Int)
  @Column({ type: 'int', default: 0 })
  onHand!: number;

  @Field(() => Int)
  @Column({ type: 'int', default: 0 })
  reserved!: number;

  @Field(() => Int)
  @Column({ type: 'int', default: 0 })
  safetyStock!: number;

  @Field(() => Int, { description: 'On hand less reserved less safety stock, never negative.' })
  get available(): number {
    return availableUnits(this);
  }
}
