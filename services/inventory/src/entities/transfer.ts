import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum TransferStatus {
  /** Left the source; on its way. */
  IN_TRANSIT = 'IN_TRANSIT',
  /** Arrived and counted into the destination's stock. */
  RECEIVED = 'RECEIVED',
}

registerEnumType(TransferStatus, { name: 'StockTransferStatus' });

/** Units of one SKU moving from one location to another. */
@ObjectType({ description: 'Units of one SKU moving between two locations.' })
@Entity('stock_transfer')
@Index('stock_transfer_to', ['toLocationId', 'status'])
@Index('stock_transfer_from', ['fromLocationId', 'status'])
export class StockTransfer {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field()
  @Column({ type: 'varchar', length: 64 })
  sku!: string;

  @Column({ type: 'varchar', length: 36 })
  fromLocationId!: string;

  @Column({ type: 'varchar', length: 36 })
  toLocationId!: string;

  @Field(() => Int)
  @Column({ type: 'int' })
  quantity!: number;

  @Field(() => TransferStatus)
  @Column({ type: 'varchar', length: 20 })
  status!: TransferStatus;

  @Field()
  @Column({ type: Date })
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: Date, nullable: true })
  receivedAt!: Date | null;
}
