import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { heldUnits, ReservationStatus } from '../domain/reservations';

registerEnumType(ReservationStatus, {
  name: 'StockReservationStatus',
  description: 'Where a reservation stands.',
  valuesConfig: {
    ACTIVE: { description: 'Units are held for the order line.' },
    RELEASED: { description: 'Given back (order cancelled or modified, or never placed); holds nothing.' },
    CONSUMED: { description: 'Every unit shipped or was collected; holds nothing.' },
  },
});

/** Units held for one order line at one location (a split line has one per source location). */
@ObjectType({ description: 'Units held for one order line at the location it is sourced from.' })
@Entity('stock_reservation')
@Index('stock_reservation_request', ['orderId', 'requestKey'])
@Index('stock_reservation_stock', ['locationId', 'sku', 'status'])
@Index('stock_reservation_expiry', ['status', 'expiresAt'])
export class StockReservation {
  @Field(() => ID, { description: 'The order (`Order.id`).' })
  @PrimaryColumn({ type: 'varchar', length: 64 })
  orderId!: string;

  @Field(() => ID, { description: 'The order line (`OrderLine.id`).' })
  @PrimaryColumn({ type: 'varchar', length: 64 })
  lineId!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  locationId!: string;

  @Field({ description: 'The SKU held.' })
  @Column({ type: 'varchar', length: 64 })
  sku!: string;

  @Field(() => Int, { description: 'Units reserved for the line at this location.' })
  @Column({ type: 'int' })
  quantity!: number;

  @Field(() => Int, { description: 'Units of it that shipped or were collected.' })
  @Column({ type: 'int', default: 0 })
  shippedQuantity!: number;

  @Field(() => ReservationStatus, { description: 'ACTIVE while it holds units.' })
  @Column({ type: 'varchar', length: 20 })
  status!: ReservationStatus;

  /** The idempotency key of the request that last set this reservation. */
  @Column({ type: 'varchar', length: 120, nullable: true })
  requestKey!: string | null;

  /**
   * Unconfirmed: no order has claimed the reservation yet, and the reservation-expiry job
   * releases it after this time. Null once `orders.order.placed` (or `.modified`) names the
   * order, and for every later reservation of that order.
   */
  @Column({ type: Date, nullable: true })
  expiresAt!: Date | null;

  @Field({ description: 'When it was made.' })
  @Column({ type: Date })
  createdAt!: Date;

  @Field({ description: 'When its status or quantity last changed.' })
  @Column({ type: Date })
  updatedAt!: Date;

  @Field(() => Int, { description: 'Units held right now (zero once released or consumed).' })
  get held(): number {
    return heldUnits(this);
  }
}
