import { Channel } from '@omni/platform';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum MovementKind {
  /** A count set on hand (setStock). */
  COUNT = 'COUNT',
  /** A receipt, a find, damage or shrink (adjustStock). */
  ADJUSTMENT = 'ADJUSTMENT',
  /** Safety stock changed. */
  SAFETY_STOCK = 'SAFETY_STOCK',
  /** Left this location on a transfer. */
  TRANSFER_OUT = 'TRANSFER_OUT',
  /** A transfer to this location was created (in transit). */
  TRANSFER_IN_TRANSIT = 'TRANSFER_IN_TRANSIT',
  /** A transfer arrived here. */
  TRANSFER_RECEIVED = 'TRANSFER_RECEIVED',
  /** Units reserved for an order line. */
  RESERVE = 'RESERVE',
  /** A reservation given back (cancellation, modification). */
  RELEASE = 'RELEASE',
  /** Reserved units shipped or collected. */
  SHIP = 'SHIP',
  /** Returned units put back on the shelf. */
  RETURN = 'RETURN',
}

registerEnumType(MovementKind, {
  name: 'StockMovementKind',
  description: 'What changed a stock level.',
  valuesConfig: {
    COUNT: { description: 'A count set on hand (`setStock`).' },
    ADJUSTMENT: { description: 'A receipt, a find, damage or shrink (`adjustStock`).' },
    SAFETY_STOCK: { description: 'Safety stock changed.' },
    TRANSFER_OUT: { description: 'Left this location on a transfer.' },
    TRANSFER_IN_TRANSIT: { description: 'A transfer to this location was created (in transit).' },
    TRANSFER_RECEIVED: { description: 'A transfer arrived here.' },
    RESERVE: { description: 'Units reserved for an order line.' },
    RELEASE: { description: 'A reservation given back (cancellation, modification, expiry).' },
    SHIP: { description: 'Reserved units shipped or collected.' },
    RETURN: { description: 'Returned units put back on the shelf.' },
  },
});

/** One change of one stock row. Append-only: the stock ledger. */
@ObjectType({ description: 'One change of the stock of one SKU at one location (the stock ledger).' })
@Entity('stock_movement')
@Index('stock_movement_sku_location', ['sku', 'locationId', 'sequence'])
@Index('stock_movement_reference', ['reference'])
export class StockMovement {
  @PrimaryGeneratedColumn()
  sequence!: number;

  @Field(() => ID, { description: 'Its position in the ledger: later movements have higher ids.' })
  get id(): string {
    return String(this.sequence);
  }

  @Field({ description: 'The SKU.' })
  @Column({ type: 'varchar', length: 64 })
  sku!: string;

  @Column({ type: 'varchar', length: 36 })
  locationId!: string;

  @Field(() => MovementKind, { description: 'What changed the level.' })
  @Column({ type: 'varchar', length: 24 })
  kind!: MovementKind;

  @Field(() => String, { nullable: true, description: 'Adjustment reason (RECEIPT, FOUND, DAMAGE, SHRINK) or note.' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  reason!: string | null;

  @Field(() => String, { nullable: true, description: 'What caused it: order:line, transfer or return id.' })
  @Column({ type: 'varchar', length: 120, nullable: true })
  reference!: string | null;

  @Field(() => Int, { description: 'Units added to (positive) or taken from (negative) on hand.' })
  @Column({ type: 'int', default: 0 })
  onHandChange!: number;

  @Field(() => Int, { description: 'Change of the reserved units.' })
  @Column({ type: 'int', default: 0 })
  reservedChange!: number;

  @Field(() => Int, { description: 'Change of the units in transit to this location.' })
  @Column({ type: 'int', default: 0 })
  inTransitChange!: number;

  @Field(() => Int, { description: 'Change of the safety stock.' })
  @Column({ type: 'int', default: 0 })
  safetyStockChange!: number;

  @Field(() => Int, { description: 'Units on hand after this movement.' })
  @Column({ type: 'int' })
  onHandAfter!: number;

  @Field(() => Int, { description: 'Units reserved after this movement.' })
  @Column({ type: 'int' })
  reservedAfter!: number;

  @Field(() => Int, { description: 'Units available (on hand minus reserved and safety stock) after this movement.' })
  @Column({ type: 'int' })
  availableAfter!: number;

  @Field(() => Channel, {
    description: 'The channel of the order or person that caused it; null for system movements.',
    nullable: true,
  })
  @Column({ type: 'varchar', length: 20, nullable: true })
  channel!: Channel | null;

  @Field(() => String, { description: 'Who caused it: a user id, `service:<name>` or a job; null when unknown.', nullable: true })
  @Column({ type: 'varchar', length: 120, nullable: true })
  actor!: string | null;

  @Field({ description: 'When it happened.' })
  @Column({ type: Date })
  occurredAt!: Date;
}
