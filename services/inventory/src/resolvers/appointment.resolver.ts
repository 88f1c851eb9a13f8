import {
  assertCanSeeCustomer,
  attempt,
  canWorkAt,
  Channel,
  DateScalar,
  forbidden,
  hasRole,
  Role,
  type ServiceContext,
  UserError,
} from '@omni/platform';
import {
  Arg,
  Authorized,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
import { And, LessThan, MoreThanOrEqual } from 'typeorm';
import {
  bookAppointment,
  cancelAppointment,
  checkInAppointment,
  openingHours,
  rescheduleAppointment,
  setAppointmentCapacity,
} from '../commands/appointments';
import { AppointmentKind, AppointmentStatus, dayRange, remaining, slotEnd, slotKey, slotsOfDay } from '../domain/appointments';
import { Appointment, AppointmentCapacity, AppointmentSlot, AppointmentSlotAvailability } from '../entities/appointment';
import { Location } from '../entities/location';
import { appointmentById, appointmentsByCustomer, locationById } from '../loaders';
import { InventoryUserError } from './user-errors';

/** The shopper, as inventory knows them: by id (CRM resolves the rest). */
@Directive('@key(fields: "id")')
@ObjectType('Customer')
export class CustomerRef {
  @Field(() => ID)
  id!: string;
}

/** Appointments at a store are seen and checked in by its associates, and by admins. */
function assertStoreStaff(ctx: ServiceContext, locationId: string): void {
  if (!hasRole(ctx.caller, Role.ADMIN) && !canWorkAt(ctx.caller, locationId)) {
    throw forbidden('only an admin or an associate of this store may see or work its appointments');
  }
}

@InputType({ description: 'How many shoppers a store takes for one kind of appointment, per slot.' })
export class AppointmentCapacityInput {
  @Field(() => ID, { description: 'The store (`Location.id`, a STORE).' })
  locationId!: string;

  @Field(() => AppointmentKind, { description: 'The kind of appointment this capacity is for.' })
  kind!: AppointmentKind;

  @Field(() => Int, { description: 'Shoppers per slot, 0 to 500; 0 stops new bookings (existing ones stay).' })
  capacityPerSlot!: number;

  @Field(() => Int, {
    description:
      'Minutes a slot lasts, 5 to 480 and a divisor of a day (15, 30, 60...); slots start every that many minutes from midnight UTC.',
  })
  slotMinutes!: number;

  @Field(() => String, {
    nullable: true,
    description: 'When the first slot of a day starts, HH:MM (UTC), on a slot boundary; null: midnight.',
  })
  opensAt?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'When the last slot of a day ends by, HH:MM (UTC, up to 24:00); null: 24:00.',
  })
  closesAt?: string | null;
}

@ObjectType({ description: 'The result of `setAppointmentCapacity`.' })
export class SetAppointmentCapacityPayload {
  @Field(() => AppointmentCapacity, {
    nullable: true,
    description: 'The capacity as stored; null when `userErrors` is not empty.',
  })
  capacity!: AppointmentCapacity | null;

  @Field(() => [InventoryUserError], { description: 'Why nothing was written; empty on success.' })
  userErrors!: UserError[];
}

@InputType({ description: 'A place to book in a slot of a store.' })
export class BookAppointmentInput {
  @Field(() => ID, { description: 'Who the appointment is for (`Customer.id`); a shopper books only for themselves.' })
  customerId!: string;

  @Field(() => ID, { description: 'The store (`Location.id`).' })
  locationId!: string;

  @Field(() => AppointmentKind, { description: 'What the appointment is for; the store must offer it.' })
  kind!: AppointmentKind;

  @Field({ description: 'The start of a slot (UTC instant), as `Location.appointmentSlots` lists them.' })
  startsAt!: Date;

  @Field(() => Channel, { description: 'Where the shopper booked (app, web, store, contact center).' })
  channel!: Channel;
}

@ObjectType({ description: 'The result of an appointment mutation.' })
export class AppointmentPayload {
  @Field(() => Appointment, { nullable: true, description: 'The appointment as it stands; null when `userErrors` is not empty.' })
  appointment!: Appointment | null;

  @Field(() => [InventoryUserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}

@Resolver(() => Appointment)
export class AppointmentResolver {
  @FieldResolver(() => Location, { description: 'The store.' })
  async location(@Root() appointment: Appointment, @Ctx() ctx: ServiceContext): Promise<Location> {
    return (await locationById(ctx).load(appointment.locationId))!;
  }

  @FieldResolver(() => CustomerRef, { description: 'The shopper the appointment is for.' })
  customer(@Root() appointment: Appointment): CustomerRef {
    return { id: appointment.customerId };
  }

  @Authorized(Role.ADMIN, Role.ASSOCIATE)
  @Mutation(() => SetAppointmentCapacityPayload, {
    description:
      'Sets how many shoppers a store takes per slot for one kind of appointment, and how long a slot lasts. ADMIN, or an ASSOCIATE of that store. ' +
      'userErrors: INVALID_CAPACITY, INVALID_SLOT_MINUTES, INVALID_HOURS, UNKNOWN_LOCATION, NOT_A_STORE.',
  })
  async setAppointmentCapacity(
    @Arg('input', () => AppointmentCapacityInput, { description: 'The store, the kind, the capacity and the slot length.' })
    input: AppointmentCapacityInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<SetAppointmentCapacityPayload> {
    assertStoreStaff(ctx, input.locationId);
    const { result, userErrors } = await attempt(() => setAppointmentCapacity(ctx.db, input));
    return { capacity: result, userErrors };
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => AppointmentPayload, {
    description:
      'Books one place in a slot: a shopper for themselves (app, web), an associate or CSR for any shopper. A slot never takes more ' +
      'shoppers than its capacity, however many book at once. ' +
      'userErrors: UNKNOWN_CUSTOMER, UNKNOWN_LOCATION, NOT_A_STORE, LOCATION_CLOSED, NOT_OFFERED, INVALID_START, OUTSIDE_OPENING_HOURS, SLOT_IN_PAST, SLOT_FULL, ALREADY_BOOKED.',
  })
  async bookAppointment(
    @Arg('input', () => BookAppointmentInput, { description: 'Who, where, what and when.' }) input: BookAppointmentInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<AppointmentPayload> {
    assertCanSeeCustomer(ctx.caller, input.customerId);
    // A merged-away id the shopper's token still names books for the survivor.
    const customerId =
      ctx.caller.customerId && ctx.caller.mergedCustomerIds?.includes(input.customerId)
        ? ctx.caller.customerId
        : input.customerId;
    const { result, userErrors } = await attempt(() => bookAppointment(ctx.db, { ...input, customerId }));
    return { appointment: result, userErrors };
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => AppointmentPayload, {
    description:
      "Moves a booked appointment to another slot of the same store and kind; its old place is freed. The appointment's shopper, an associate or a CSR. " +
      'userErrors: UNKNOWN_APPOINTMENT, APPOINTMENT_CANCELLED, ALREADY_CHECKED_IN, APPOINTMENT_CHANGED, LOCATION_CLOSED, NOT_OFFERED, INVALID_START, OUTSIDE_OPENING_HOURS, SLOT_IN_PAST, SLOT_FULL, ALREADY_BOOKED.',
  })
  async rescheduleAppointment(
    @Arg('id', () => ID, { description: 'The appointment (`Appointment.id`).' }) id: string,
    @Arg('startsAt', { description: 'The start of the new slot (UTC instant).' }) startsAt: Date,
    @Ctx() ctx: ServiceContext,
  ): Promise<AppointmentPayload> {
    await this.assertOwnOrStaff(ctx, id);
    const { result, userErrors } = await attempt(() => rescheduleAppointment(ctx.db, id, startsAt, ctx.channel));
    return { appointment: result, userErrors };
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => AppointmentPayload, {
    description:
      "Cancels a booked appointment; its place is freed. The appointment's shopper, an associate or a CSR. " +
      'userErrors: UNKNOWN_APPOINTMENT, APPOINTMENT_CANCELLED, ALREADY_CHECKED_IN, APPOINTMENT_CHANGED.',
  })
  async cancelAppointment(
    @Arg('id', () => ID, { description: 'The appointment (`Appointment.id`).' }) id: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<AppointmentPayload> {
    await this.assertOwnOrStaff(ctx, id);
    const { result, userErrors } = await attempt(() => cancelAppointment(ctx.db, id, ctx.channel));
    return { appointment: result, userErrors };
  }

  @Authorized(Role.ASSOCIATE)
  @Mutation(() => AppointmentPayload, {
    description:
      'The shopper arrived: an ASSOCIATE of the store checks them in, from 2 hours before the start to 2 hours after the end. ' +
      'userErrors: UNKNOWN_APPOINTMENT, APPOINTMENT_CANCELLED, ALREADY_CHECKED_IN, APPOINTMENT_CHANGED, OUTSIDE_CHECK_IN_WINDOW.',
  })
  async checkInAppointment(
    @Arg('id', () => ID, { description: 'The appointment (`Appointment.id`).' }) id: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<AppointmentPayload> {
    const appointment = await appointmentById(ctx).load(id);
    if (appointment && !canWorkAt(ctx.caller, appointment.locationId)) {
      throw forbidden('only an associate of this store may check its shoppers in');
    }
    const { result, userErrors } = await attempt(() => checkInAppointment(ctx.db, id, ctx.channel));
    return { appointment: result, userErrors };
  }

  /** The appointment's shopper, or staff who serve any shopper; an unknown id is left to the command (UNKNOWN_APPOINTMENT). */
  private async assertOwnOrStaff(ctx: ServiceContext, id: string): Promise<void> {
    const appointment = await appointmentById(ctx).load(id);
    if (appointment) assertCanSeeCustomer(ctx.caller, appointment.customerId);
  }
}

@Resolver(() => Location)
export class LocationAppointmentsResolver {
  @FieldResolver(() => [Appointment], {
    description:
      "The store's appointments on one day (UTC), earliest first, cancelled ones included (see `status`). ADMIN, or an ASSOCIATE of this store.",
  })
  appointments(
    @Root() location: Location,
    @Arg('date', () => DateScalar, { description: 'The day, YYYY-MM-DD (UTC).' }) date: string,
    @Ctx() ctx: ServiceContext,
    @Arg('kind', () => AppointmentKind, { nullable: true, description: 'Only this kind; null: every kind.' })
    kind?: AppointmentKind | null,
  ): Promise<Appointment[]> {
    assertStoreStaff(ctx, location.id);
    const { start, end } = dayRange(date);
    return ctx.db.getRepository(Appointment).find({
      where: { locationId: location.id, startsAt: And(MoreThanOrEqual(start), LessThan(end)), ...(kind ? { kind } : {}) },
      order: { startsAt: 'ASC', createdAt: 'ASC' },
    });
  }

  @FieldResolver(() => [AppointmentCapacity], {
    description: 'The kinds of appointment this store offers, with their capacity per slot and slot length. Public.',
  })
  appointmentCapacities(@Root() location: Location, @Ctx() ctx: ServiceContext): Promise<AppointmentCapacity[]> {
    return ctx.db.getRepository(AppointmentCapacity).find({ where: { locationId: location.id }, order: { kind: 'ASC' } });
  }

  @FieldResolver(() => [AppointmentSlotAvailability], {
    description:
      'The slots of one day (UTC) for one kind within its opening hours that can still be booked (not begun), with the places left; empty when the store does not offer the kind. Public.',
  })
  async appointmentSlots(
    @Root() location: Location,
    @Arg('kind', () => AppointmentKind, { description: 'The kind of appointment.' }) kind: AppointmentKind,
    @Arg('date', () => DateScalar, { description: 'The day, YYYY-MM-DD (UTC).' }) date: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<AppointmentSlotAvailability[]> {
    const capacity = await ctx.db.getRepository(AppointmentCapacity).findOneBy({ locationId: location.id, kind });
    if (!capacity || capacity.capacityPerSlot === 0 || !location.open) return [];
    const now = new Date();
    const starts = slotsOfDay(date, capacity.slotMinutes, openingHours(capacity)).filter((s) => s > now);
    if (starts.length === 0) return [];
    const { start, end } = dayRange(date);
    const rows = await ctx.db.getRepository(AppointmentSlot).find({
      where: { locationId: location.id, kind, startsAt: And(MoreThanOrEqual(slotKey(start)), LessThan(slotKey(end))) },
    });
    const booked = new Map(rows.map((r) => [r.startsAt, r.booked]));
    return starts.map((startsAt) => ({
      startsAt,
      endsAt: slotEnd(startsAt, capacity.slotMinutes),
      capacity: capacity.capacityPerSlot,
      remaining: remaining(capacity.capacityPerSlot, booked.get(slotKey(startsAt)) ?? 0),
    }));
  }
}

@Resolver(() => CustomerRef)
export class CustomerAppointmentsResolver {
  @FieldResolver(() => [Appointment], {
    nullable: true,
    description:
      "The shopper's store appointments, latest start first, cancelled ones included (see `status`). The shopper themselves and staff who serve shoppers. Null when inventory is unavailable.",
  })
  async appointments(
    @Root() customer: CustomerRef,
    @Ctx() ctx: ServiceContext,
    @Arg('status', () => AppointmentStatus, { nullable: true, description: 'Only appointments in this status; null: all.' })
    status?: AppointmentStatus | null,
  ): Promise<Appointment[]> {
    assertCanSeeCustomer(ctx.caller, customer.id);
    const all = await appointmentsByCustomer(ctx).load(customer.id);
    return status ? all.filter((a) => a.status === status) : all;
  }
}
