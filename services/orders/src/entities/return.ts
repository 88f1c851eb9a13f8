import { Channel, Money } from '@omni/platform';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ReturnMethod, ReturnResolution, ReturnStatus } from '../domain/returns';

registerEnumType(ReturnMethod, {
  name: 'ReturnMethod',
  description: 'How the goods come back: by mail with a label, or to any store.',
});
registerEnumType(ReturnResolution, { name: 'ReturnResolution' });
registerEnumType(ReturnStatus, { name: 'ReturnStatus' });

@ObjectType({ description: 'A prepaid return label.' })
export class ReturnLabel {
  @Field()
  carrier!: string;

  @Field()
  trackingNumber!: string;

  @Field()
  url!: string;
}

/** A return (RMA) of lines of one order, from any channel, by mail or in any store. */
@ObjectType('Return', { description: 'Buy anywhere, return anywhere: an RMA for lines of one order.' })
@Entity('order_return')
@Index('order_return_customer_created', ['customerId', 'createdAt'])
export class ReturnRequest {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field()
  @Column({ type: 'varchar', length: 20, unique: true })
  rmaNumber!: string;

  @Index('order_return_order')
  @Column({ type: 'varchar', length: 36 })
  orderId!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  customerId!: string | null;

  @Field(() => Channel, { description: 'Where the return was opened.' })
  @Column({ type: 'varchar', length: 20 })
  channel!: Channel;

  @Field(() => ReturnStatus)
  @Column({ type: 'varchar', length: 20 })
  status!: ReturnStatus;

  @Field(() => ReturnMethod)
  @Column({ type: 'varchar', length: 20 })
  method!: ReturnMethod;

  @Field(() => ReturnResolution)
  @Column({ type: 'varchar', length: 20 })
  resolution!: ReturnResolution;

  /** The store an in-store return is brought to (receipt may still happen elsewhere). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  locationId!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  labelCarrier!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  labelTrackingNumber!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  labelUrl!: string | null;

  @Column({ type: 'varchar', length: 100, unique: true })
  idempotencyKey!: string;

  /** What was paid back so far (refund or store credit), in the order's currency. */
  @Column({ type: 'int', default: 0 })
  refundCents!: number;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  /** Where an exchange ships: the fulfillment request for the replacement order (JSON). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  exchangeFulfillment!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  exchangeOrderId!: string | null;

  @Field()
  @Column({ type: Date })
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: Date, nullable: true })
  receivedAt!: Date | null;

  @Field(() => ReturnLabel, { nullable: true, description: 'Mail returns only.' })
  get label(): ReturnLabel | null {
    if (!this.labelCarrier || !this.labelTrackingNumber || !this.labelUrl) return null;
    return { carrier: this.labelCarrier, trackingNumber: this.labelTrackingNumber, url: this.labelUrl };
  }

  @Field(() => Money, { description: 'Paid back so far: the refund, or the store credit issued.' })
  get refund(): Money {
    return Money.of(this.refundCents, this.currency);
  }
}

@ObjectType('ReturnLine', { simpleResolvers: true })
@Entity('order_return_line')
export class ReturnLine {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('order_return_line_return')
  @Column({ type: 'varchar', length: 36 })
  returnId!: string;

  @Field(() => ID)
  @Index('order_return_line_order_line')
  @Column({ type: 'varchar', length: 36 })
  orderLineId!: string;

  @Field()
  @Column({ type: 'varchar', length: 64 })
  sku!: string;

  @Field(() => Int)
  @Column({ type: 'int' })
  quantity!: number;

  @Field(() => Int)
  @Column({ type: 'int', default: 0 })
  receivedQuantity!: number;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  reason!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  exchangeSku!: string | null;
}
