import { Channel } from '@omni/platform';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { AppointmentKind, AppointmentStatus, formatClock } from '../domain/appointments';

registerEnumType(AppointmentKind, {
  name: 'AppointmentKind',
  description: 'What a shopper books a store for.',
  valuesConfig: {
    FITTING: { description: 'A fitting with an associate (clothes, shoes, tailoring).' },
    CONSULTATION: { description: 'Personal advice: styling, a product choice, a wedding list.' },
    PICKUP_SLOT: { description: 'A time to collect an order at the counter.' },
  },
});

registerEnumType(AppointmentStatus, {
  name: 'AppointmentStatus',
  description: 'Where an appointment stands.',
  valuesConfig: {
    BOOKED: { description: 'Booked: holds one place of its slot.' },
    CHECKED_IN: { description: 'The shopper arrived and an associate checked them in.' },
    CANCELLED: { description: 'Cancelled by the shopper or staff; its place went back to the slot.' },
  },
});

/** What a store offers of one kind: how many shoppers per slot, and how long a slot lasts. */
@ObjectType({ description: 'What a store offers of one kind of appointment: shoppers per slot and slot length.' })
@Entity('appointment_capacity')
export class AppointmentCapacity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  locationId!: string;

  @Field(() => AppointmentKind, { description: 'The kind of appointment.' })
  @PrimaryColumn({ type: 'varchar', length: 20 })
  kind!: AppointmentKind;

  @Field(() => Int, { description: 'Shoppers the store takes per slot; 0: the kind is not bookable (existing bookings stay).' })
  @Column({ type: 'int' })
  capacityPerSlot!: number;

  @Field(() => Int, { description: 'Minutes a slot lasts; slots start every that many minutes from midnight UTC.' })
  @Column({ type: 'int' })
  slotMinutes!: number;

  /** When the first slot starts, in minutes of the UTC day (0: midnight). */
  @Column({ type: 'int', default: 0 })
  opensMinute!: number;

  /** When the last slot ends by, in minutes of the UTC day (1440: midnight after). */
  @Column({ type: 'int', default: 1440 })
  closesMinute!: number;

  @Field({ description: 'When the first slot of a day starts, HH:MM (UTC).' })
  get opensAt(): string {
    return formatClock(this.opensMinute);
  }

  @Field({ description: 'When the last slot of a day ends by, HH:MM (UTC; 24:00 is midnight).' })
  get closesAt(): string {
    return formatClock(this.closesMinute);
  }

  @Field({ description: 'When the capacity was last set.' })
  @Column({ type: Date })
  updatedAt!: Date;
}

/**
 * Places taken in one slot: the row a booking increments with a conditional UPDATE (`booked <
 * capacity`), so concurrent bookings never exceed the capacity; moving and cancelling decrement it.
 */
@Entity('appointment_slot')
export class AppointmentSlot {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  locationId!: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  kind!: AppointmentKind;

  /** The slot's start as an ISO instant (`slotKey`): the same text on SQLite and PostgreSQL. */
  @PrimaryColumn({ type: 'varchar', length: 24 })
  startsAt!: string;

  @Column({ type: 'int', default: 0 })
  booked!: number;
}

/** A shopper's appointment at a store. */
@ObjectType({ description: "A shopper's appointment at a store (fitting, consultation or pickup slot)." })
@Entity('appointment')
@Index('appointment_location_start', ['locationId', 'startsAt'])
@Index('appointment_customer_start', ['customerId', 'startsAt'])
@Index('appointment_status_start', ['status', 'startsAt'])
@Index('appointment_customer_slot', ['customerId', 'locationId', 'kind', 'startsAt'], {
  unique: true,
  where: `"status" = 'BOOKED'`,
})
export class Appointment {
  @Field(() => ID, { description: 'The appointment id.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  customerId!: string;

  @Column({ type: 'varchar', length: 36 })
  locationId!: string;

  @Field(() => AppointmentKind, { description: 'What it is for.' })
  @Column({ type: 'varchar', length: 20 })
  kind!: AppointmentKind;

  @Field({ description: 'When it starts (UTC instant).' })
  @Column({ type: Date })
  startsAt!: Date;

  @Field({ description: 'When its slot ends (UTC instant).' })
  @Column({ type: Date })
  endsAt!: Date;

  @Field(() => AppointmentStatus, { description: 'BOOKED, CHECKED_IN or CANCELLED.' })
  @Column({ type: 'varchar', length: 20 })
  status!: AppointmentStatus;

  @Field(() => Channel, { description: 'The channel it was booked in.' })
  @Column({ type: 'varchar', length: 20 })
  channel!: Channel;

  @Field({ description: 'When it was booked.' })
  @Column({ type: Date })
  createdAt!: Date;

  @Field({ description: 'When it last changed (booked, moved, cancelled, checked in).' })
  @Column({ type: Date })
  updatedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the shopper was checked in; null until then.' })
  @Column({ type: Date, nullable: true })
  checkedInAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was cancelled; null while it stands.' })
  @Column({ type: Date, nullable: true })
  cancelledAt!: Date | null;

  /** When the reminder for the current start time was handed to CRM; null: not yet (a move clears it). */
  @Column({ type: Date, nullable: true })
  reminderSentAt!: Date | null;
}

/** One slot of a day for one kind at a store, with the places left. */
@ObjectType({ description: 'One bookable slot of a day: when it starts and ends, and the places left.', simpleResolvers: true })
export class AppointmentSlotAvailability {
  @Field({ description: 'When the slot starts (UTC instant); pass it as `startsAt` to `bookAppointment`.' })
  startsAt!: Date;

  @Field({ description: 'When the slot ends (UTC instant).' })
  endsAt!: Date;

  @Field(() => Int, { description: 'Shoppers the slot takes in all (the capacity per slot).' })
  capacity!: number;

  @Field(() => Int, { description: 'Places still free; 0: full.' })
  remaining!: number;
}
