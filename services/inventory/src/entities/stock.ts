import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { availableUnits } from '../domain/stock';

/** Units of one SKU at one location. */
@ObjectType({ simpleResolvers: true, description: 'Units of one SKU at one location.' })
@Entity('stock')
@Index('stock_sku', ['sku'])
export class Stock {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  locationId!: string;

  @Field({ description: 'The SKU.' })
  @PrimaryColumn({ type: 'varchar', length: 64 })
  sku!: string;

  @Field(() => Int, { description: 'Units physically at the location.' })
  @Column({ type: 'int', default: 0 })
  onHand!: number;

  @Field(() => Int, { description: 'Units held for orders not yet shipped.' })
  @Column({ type: 'int', default: 0 })
  reserved!: number;

  @Field(() => Int, { description: 'Units kept back from sale (display stock, count error margin).' })
  @Column({ type: 'int', default: 0 })
  safetyStock!: number;

  @Field(() => Int, { description: 'Units on their way here by transfer, not yet received.' })
  @Column({ type: 'int', default: 0 })
  inTransit!: number;

  @Field(() => Date, { description: 'When the level last changed; null: never since it was created.', nullable: true })
  @Column({ type: Date, nullable: true })
  updatedAt!: Date | null;

  @Field(() => Int, { description: 'On hand less reserved less safety stock, never negative.' })
  get available(): number {
    return availableUnits(this);
  }
}
