import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum TransferStatus {
  /** Left the source; on its way. */
  IN_TRANSIT = 'IN_TRANSIT',
  /** Arrived and counted into the destination's stock. */
  RECEIVED = 'RECEIVED',
}

registerEnumType(TransferStatus, {
  name: 'StockTransferStatus',
  description: 'Where a transfer stands.',
  valuesConfig: {
    IN_TRANSIT: { description: 'Left the source; on its way.' },
    RECEIVED: { description: "Arrived and counted into the destination's stock." },
  },
});

/** Units of one SKU moving from one location to another. */
@ObjectType({ description: 'Units of one SKU moving between two locations.' })
@Entity('stock_transfer')
@Index('stock_transfer_to', ['toLocationId', 'status'])
@Index('stock_transfer_from', ['fromLocationId', 'status'])
@Index('stock_transfer_fulfillment', ['fulfillmentId', 'lineId'], { unique: true })
export class StockTransfer {
  @Field(() => ID, { description: 'The transfer id.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field({ description: 'The SKU moved.' })
  @Column({ type: 'varchar', length: 64 })
  sku!: string;

  @Column({ type: 'varchar', length: 36 })
  fromLocationId!: string;

  @Column({ type: 'varchar', length: 36 })
  toLocationId!: string;

  @Field(() => Int, { description: 'Units moved, above zero.' })
  @Column({ type: 'int' })
  quantity!: number;

  @Field(() => TransferStatus, { description: 'IN_TRANSIT until the destination receives it.' })
  @Column({ type: 'varchar', length: 20 })
  status!: TransferStatus;

  @Field({ description: 'When it left the source.' })
  @Column({ type: Date })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the destination received it; null while in transit.', nullable: true })
  @Column({ type: Date, nullable: true })
  receivedAt!: Date | null;

  /** Ship to store: the order whose units travel (null for a replenishment transfer). */
  @Field(() => ID, { nullable: true, description: 'Ship to store: the order whose units travel to its pickup store.' })
  @Column({ type: 'varchar', length: 64, nullable: true })
  orderId!: string | null;

  /** Ship to store: the order line whose units travel. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  lineId!: string | null;

  /** Ship to store: the order's fulfillment the transfer carries (one transfer per line of it). */
  @Field(() => ID, {
    description: 'Ship to store: the order fulfillment it carries units for; null for a replenishment.',
    nullable: true,
  })
  @Column({ type: 'varchar', length: 64, nullable: true })
  fulfillmentId!: string | null;

  /**
   * Ship to store: on receipt the units are reserved for the order line at the destination (they
   * are the shopper's, not stock to sell). Cleared when the order releases the line meanwhile.
   */
  @Column({ type: 'boolean', default: false })
  holdForOrder!: boolean;
}
