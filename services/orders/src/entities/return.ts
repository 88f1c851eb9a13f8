import { Channel, Money } from '@omni/platform';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ReturnMethod, ReturnResolution, ReturnStatus } from '../domain/returns';

registerEnumType(ReturnMethod, {
  name: 'ReturnMethod',
  description: 'How the goods come back: by mail with a label, or to any store.',
  valuesConfig: {
    MAIL: { description: 'Sent back by mail with the label issued.' },
    IN_STORE: { description: 'Brought to any store.' },
  },
});
registerEnumType(ReturnResolution, {
  name: 'ReturnResolution',
  description: 'What a shopper gets back for a return.',
  valuesConfig: {
    REFUND: { description: 'Money back to the original tenders.' },
    STORE_CREDIT: { description: 'Store credit for the value returned.' },
    EXCHANGE: { description: 'Another SKU instead (the difference refunded or charged).' },
  },
});
registerEnumType(ReturnStatus, {
  name: 'ReturnStatus',
  description: 'Where a return stands.',
  valuesConfig: {
    REQUESTED: { description: 'Opened: the RMA and (by mail) the label exist; nothing has arrived yet.' },
    PARTIALLY_RECEIVED: { description: 'Some of the units arrived.' },
    RECEIVED: { description: 'Every unit arrived; the resolution was carried out.' },
  },
});

@ObjectType({ description: 'A prepaid return label.' })
export class ReturnLabel {
  @Field({ description: 'The carrier, e.g. `DHL`.' })
  carrier!: string;

  @Field({ description: "The carrier's tracking number of the return parcel." })
  trackingNumber!: string;

  @Field({ description: 'Where to download the printable label.' })
  url!: string;
}

/** A return (RMA) of lines of one order, from any channel, by mail or in any store. */
@ObjectType('Return', { description: 'Buy anywhere, return anywhere: an RMA for lines of one order.' })
@Entity('order_return')
@Index('order_return_customer_created', ['customerId', 'createdAt'])
export class ReturnRequest {
  @Field(() => ID, { description: 'The return id.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field({ description: 'The return merchandise authorization number to show the shopper and write on the parcel.' })
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

  @Field(() => ReturnStatus, { description: 'REQUESTED, PARTIALLY_RECEIVED or RECEIVED.' })
  @Column({ type: 'varchar', length: 20 })
  status!: ReturnStatus;

  @Field(() => ReturnMethod, { description: 'MAIL or IN_STORE.' })
  @Column({ type: 'varchar', length: 20 })
  method!: ReturnMethod;

  @Field(() => ReturnResolution, { description: 'What the shopper gets back.' })
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

  @Field({ description: 'When it was opened.' })
  @Column({ type: Date })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the last units arrived; null until then.', nullable: true })
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

@ObjectType('ReturnLine', { description: 'Units of one order line being returned.', simpleResolvers: true })
@Entity('order_return_line')
export class ReturnLine {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('order_return_line_return')
  @Column({ type: 'varchar', length: 36 })
  returnId!: string;

  @Field(() => ID, { description: 'The order line (`OrderLine.id`).' })
  @Index('order_return_line_order_line')
  @Column({ type: 'varchar', length: 36 })
  orderLineId!: string;

  @Field({ description: 'The SKU returned.' })
  @Column({ type: 'varchar', length: 64 })
  sku!: string;

  @Field(() => Int, { description: 'Units the shopper returns.' })
  @Column({ type: 'int' })
  quantity!: number;

  @Field(() => Int, { description: 'Units received so far.' })
  @Column({ type: 'int', default: 0 })
  receivedQuantity!: number;

  @Field({ description: "The shopper's reason, free text." })
  @Column({ type: 'varchar', length: 200 })
  reason!: string;

  @Field(() => String, { description: 'For an EXCHANGE: the SKU sent instead; null otherwise.', nullable: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  exchangeSku!: string | null;
}
