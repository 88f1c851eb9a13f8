import { randomUUID } from 'node:crypto';
import {
  type AppointmentChanged,
  type AppointmentReminderDue,
  AppointmentChangedEvent,
  AppointmentReminderDueEvent,
  type Channel,
  DomainError,
  inTransaction,
  isUniqueViolation,
  recordEvent,
} from '@omni/platform';
import { And, In, IsNull, LessThanOrEqual, MoreThan, type DataSource, type EntityManager } from 'typeorm';
import {
  AppointmentKind,
  AppointmentStatus,
  capacityProblem,
  changeProblem,
  checkInProblem,
  hoursOf,
  isId,
  slotEnd,
  slotKey,
  slotProblem,
  type OpeningHours,
} from '../domain/appointments';
import { Appointment, AppointmentCapacity, AppointmentSlot } from '../entities/appointment';
import { Location, LocationType } from '../entities/location';

export interface CapacityRequest {
  locationId: string;
  kind: AppointmentKind;
  capacityPerSlot: number;
  slotMinutes: number;
  /** "HH:MM" UTC; null: midnight. */
  opensAt?: string | null;
  /** "HH:MM" UTC; null: 24:00. */
  closesAt?: string | null;
}

/** A store's offer of one kind: created, or replaced. Bookings already made stay. */
export async function setAppointmentCapacity(db: DataSource, input: CapacityRequest): Promise<AppointmentCapacity> {
  const problem = capacityProblem(input.capacityPerSlot, input.slotMinutes);
  if (problem) throw new DomainError(problem.code, problem.message, ['input', problem.field]);
  const hours = hoursOf(input.opensAt, input.closesAt, input.slotMinutes);
  if (!('hours' in hours)) throw new DomainError(hours.code, hours.message, ['input', hours.field]);
  return inTransaction(db, async (manager) => {
    await requireStore(manager, input.locationId);
    const row = manager.create(AppointmentCapacity, {
      locationId: input.locationId,
      kind: input.kind,
      capacityPerSlot: input.capacityPerSlot,
      slotMinutes: input.slotMinutes,
      opensMinute: hours.hours.opens,
      closesMinute: hours.hours.closes,
      updatedAt: new Date(),
    });
    await manager.save(AppointmentCapacity, row);
    return row;
  });
}

async function requireStore(manager: EntityManager, locationId: string): Promise<Location> {
  const location = isId(locationId) ? await manager.findOneBy(Location, { id: locationId }) : null;
  if (!location) throw new DomainError('UNKNOWN_LOCATION', `no location ${locationId}`, ['input', 'locationId']);
  if (location.type !== LocationType.STORE) {
    throw new DomainError('NOT_A_STORE', `${location.name} is a warehouse: shoppers book stores`, ['input', 'locationId']);
  }
  return location;
}

export interface BookingRequest {
  customerId: string;
  locationId: string;
  kind: AppointmentKind;
  startsAt: Date;
  channel: Channel;
}

/**
 * Books one place in a slot, or SLOT_FULL. The place is taken by a conditional UPDATE of the
 * slot's row (`booked < capacity`): on PostgreSQL concurrent bookings queue on that row and each
 * re-checks the condition after the one before commits; SQLite runs one writer at a time. So a
 * slot never holds more than its capacity, whatever the number of concurrent requests.
 */
export async function bookAppointment(db: DataSource, input: BookingRequest, now = new Date()): Promise<Appointment> {
  if (!isId(input.customerId)) throw new DomainError('UNKNOWN_CUSTOMER', 'name the customer by id', ['input', 'customerId']);
  return oncePerCustomer(['input', 'startsAt'], () =>
    inTransaction(db, async (manager) => {
      const location = await requireStore(manager, input.locationId);
      const capacity = await offered(manager, location, input.kind);
      const problem = slotProblem(input.startsAt, capacity.slotMinutes, now, openingHours(capacity));
      if (problem) throw new DomainError(problem.code, problem.message, ['input', 'startsAt']);
      const twice = await manager.existsBy(Appointment, {
        customerId: input.customerId,
        locationId: location.id,
        kind: input.kind,
        startsAt: input.startsAt,
        status: AppointmentStatus.BOOKED,
      });
      if (twice)
        throw new DomainError('ALREADY_BOOKED', 'the customer already holds a place in this slot', ['input', 'startsAt']);
      await takePlace(manager, capacity, input.startsAt);
      const appointment = manager.create(Appointment, {
        id: randomUUID(),
        customerId: input.customerId,
        locationId: location.id,
        kind: input.kind,
        startsAt: input.startsAt,
        endsAt: slotEnd(input.startsAt, capacity.slotMinutes),
        status: AppointmentStatus.BOOKED,
        channel: input.channel,
        createdAt: now,
        updatedAt: now,
        checkedInAt: null,
        cancelledAt: null,
        reminderSentAt: null,
      });
      await manager.insert(Appointment, appointment);
      await recordChange(manager, appointment, location, 'BOOKED', null, input.channel);
      return appointment;
    }),
  );
}

/**
 * A customer holds one place per slot (a unique index over booked appointments): the second of
 * two concurrent identical bookings, or a move onto a slot the customer already holds, is
 * ALREADY_BOOKED and writes nothing.
 */
async function oncePerCustomer<T>(field: string[], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError('ALREADY_BOOKED', 'the customer already holds a place in this slot', field);
    }
    throw error;
  }
}

/** The hours a store's offer is bookable. */
export function openingHours(capacity: AppointmentCapacity): OpeningHours {
  return { opens: capacity.opensMinute, closes: capacity.closesMinute };
}

/** The store's offer of `kind`, or NOT_OFFERED (none, or a capacity of 0), or LOCATION_CLOSED. */
async function offered(manager: EntityManager, location: Location, kind: AppointmentKind): Promise<AppointmentCapacity> {
  if (!location.open) throw new DomainError('LOCATION_CLOSED', `${location.name} is closed`, ['input', 'locationId']);
  const capacity = await manager.findOneBy(AppointmentCapacity, { locationId: location.id, kind });
  if (!capacity || capacity.capacityPerSlot === 0) {
    throw new DomainError('NOT_OFFERED', `${location.name} takes no ${kind} appointments`, ['input', 'kind']);
  }
  return capacity;
}

/** One place of the slot at `startsAt`, or SLOT_FULL; the slot's row is created on its first booking. */
async function takePlace(manager: EntityManager, capacity: AppointmentCapacity, startsAt: Date): Promise<void> {
  const key = { locationId: capacity.locationId, kind: capacity.kind, startsAt: slotKey(startsAt) };
  // INSERT OR IGNORE / ON CONFLICT DO NOTHING: two first bookings of a slot both end up on one row.
  await manager
    .createQueryBuilder()
    .insert()
    .into(AppointmentSlot)
    .values({ ...key, booked: 0 })
    .orIgnore()
    .updateEntity(false)
    .execute();
  const taken = await manager
    .createQueryBuilder()
    .update(AppointmentSlot)
    .set({ booked: () => '"booked" + 1' })
    .where('"locationId" = :locationId AND "kind" = :kind AND "startsAt" = :startsAt', key)
    .andWhere('"booked" < :capacity', { capacity: capacity.capacityPerSlot })
    .execute();
  if (taken.affected !== 1) {
    throw new DomainError('SLOT_FULL', `the slot at ${startsAt.toISOString()} is fully booked`, ['input', 'startsAt']);
  }
}

/** Gives a place back to its slot (never below zero). */
async function freePlace(manager: EntityManager, appointment: Appointment): Promise<void> {
  await manager
    .createQueryBuilder()
    .update(AppointmentSlot)
    .set({ booked: () => '"booked" - 1' })
    .where('"locationId" = :locationId AND "kind" = :kind AND "startsAt" = :startsAt', {
      locationId: appointment.locationId,
      kind: appointment.kind,
      startsAt: slotKey(appointment.startsAt),
    })
    .andWhere('"booked" > 0')
    .execute();
}

/**
 * Customers merged in CRM: the duplicate's appointments become the survivor's. Where both hold a
 * place in the same slot, the duplicate's is cancelled and its place freed (a shopper holds one
 * place per slot); a repeat changes nothing.
 */
export async function mergeAppointments(manager: EntityManager, survivorId: string, duplicateId: string): Promise<number> {
  const theirs = await manager.findBy(Appointment, { customerId: duplicateId, status: AppointmentStatus.BOOKED });
  const ours = await manager.findBy(Appointment, { customerId: survivorId, status: AppointmentStatus.BOOKED });
  const held = new Set(ours.map((a) => `${a.locationId}|${a.kind}|${slotKey(a.startsAt)}`));
  const now = new Date();
  for (const twice of theirs.filter((a) => held.has(`${a.locationId}|${a.kind}|${slotKey(a.startsAt)}`))) {
    await manager.update(
      Appointment,
      { id: twice.id },
      { status: AppointmentStatus.CANCELLED, cancelledAt: now, updatedAt: now },
    );
    await freePlace(manager, twice);
  }
  return (await manager.update(Appointment, { customerId: duplicateId }, { customerId: survivorId })).affected ?? 0;
}

/** The appointment, or UNKNOWN_APPOINTMENT. */
export async function requireAppointment(manager: EntityManager, id: string): Promise<Appointment> {
  const appointment = isId(id) ? await manager.findOneBy(Appointment, { id }) : null;
  if (!appointment) throw new DomainError('UNKNOWN_APPOINTMENT', `no appointment ${id}`, ['id']);
  return appointment;
}

/**
 * Claims the appointment for a change: a conditional UPDATE on the status it was read with, so
 * of two concurrent changes (a move and a cancel, two moves) exactly one goes ahead and the other
 * is told to reload.
 */
async function claim(manager: EntityManager, appointment: Appointment, values: Partial<Appointment>): Promise<void> {
  const changed = await manager.update(
    Appointment,
    { id: appointment.id, status: appointment.status, updatedAt: appointment.updatedAt },
    values,
  );
  if (changed.affected !== 1) {
    throw new DomainError('APPOINTMENT_CHANGED', 'the appointment changed meanwhile; reload it', ['id']);
  }
  Object.assign(appointment, values);
}

/**
 * Moves a booked appointment to another slot of the same store and kind: the new place is taken
 * (or SLOT_FULL, and nothing changes) and the old one given back, in one transaction. A move clears
 * the reminder, so the new time gets its own.
 */
export async function rescheduleAppointment(
  db: DataSource,
  id: string,
  startsAt: Date,
  channel: Channel | null,
  now = new Date(),
): Promise<Appointment> {
  return oncePerCustomer(['startsAt'], () =>
    inTransaction(db, async (manager) => {
      const appointment = await requireAppointment(manager, id);
      const problem = changeProblem(appointment.status);
      if (problem) throw new DomainError(problem.code, problem.message, ['id']);
      const location = await manager.findOneByOrFail(Location, { id: appointment.locationId });
      const capacity = await offered(manager, location, appointment.kind);
      const slot = slotProblem(startsAt, capacity.slotMinutes, now, openingHours(capacity));
      if (slot) throw new DomainError(slot.code, slot.message, ['startsAt']);
      if (startsAt.getTime() === appointment.startsAt.getTime()) return appointment;
      const previous = appointment.startsAt;
      const before = { ...appointment };
      await claim(manager, appointment, {
        startsAt,
        endsAt: slotEnd(startsAt, capacity.slotMinutes),
        reminderSentAt: null,
        updatedAt: now,
      });
      // The two slot rows in one order (earlier first), so two moves between the same slots in
      // opposite directions queue instead of deadlocking.
      const freeOld = () => freePlace(manager, Object.assign(new Appointment(), before));
      if (startsAt < previous) {
        await takePlace(manager, capacity, startsAt);
        await freeOld();
      } else {
        await freeOld();
        await takePlace(manager, capacity, startsAt);
      }
      await recordChange(manager, appointment, location, 'MOVED', previous, channel);
      return appointment;
    }),
  );
}

/** Cancels a booked appointment; its place goes back to the slot. */
export async function cancelAppointment(
  db: DataSource,
  id: string,
  channel: Channel | null,
  now = new Date(),
): Promise<Appointment> {
  return inTransaction(db, async (manager) => {
    const appointment = await requireAppointment(manager, id);
    const problem = changeProblem(appointment.status);
    if (problem) throw new DomainError(problem.code, problem.message, ['id']);
    await claim(manager, appointment, { status: AppointmentStatus.CANCELLED, cancelledAt: now, updatedAt: now });
    await freePlace(manager, appointment);
    const location = await manager.findOneByOrFail(Location, { id: appointment.locationId });
    await recordChange(manager, appointment, location, 'CANCELLED', null, channel);
    return appointment;
  });
}

/** The shopper arrived: an associate of the store checks them in (from 2 hours before to 2 hours after). */
export async function checkInAppointment(
  db: DataSource,
  id: string,
  channel: Channel | null,
  now = new Date(),
): Promise<Appointment> {
  return inTransaction(db, async (manager) => {
    const appointment = await requireAppointment(manager, id);
    const problem = checkInProblem(appointment, now);
    if (problem) throw new DomainError(problem.code, problem.message, ['id']);
    await claim(manager, appointment, { status: AppointmentStatus.CHECKED_IN, checkedInAt: now, updatedAt: now });
    const location = await manager.findOneByOrFail(Location, { id: appointment.locationId });
    await recordChange(manager, appointment, location, 'CHECKED_IN', null, channel);
    return appointment;
  });
}

function facts(appointment: Appointment, location: Location): AppointmentReminderDue {
  return {
    appointmentId: appointment.id,
    customerId: appointment.customerId,
    locationId: location.id,
    locationName: location.name,
    kind: appointment.kind,
    startsAt: appointment.startsAt.toISOString(),
    endsAt: appointment.endsAt.toISOString(),
  };
}

async function recordChange(
  manager: EntityManager,
  appointment: Appointment,
  location: Location,
  change: AppointmentChanged['change'],
  previous: Date | null,
  channel: Channel | null,
): Promise<void> {
  await recordEvent<AppointmentChanged>(
    manager,
    AppointmentChangedEvent.type,
    { ...facts(appointment, location), change, previousStartsAt: previous?.toISOString() ?? null },
    channel,
  );
}

/**
 * The reminders due: every booked appointment starting within `leadHours` whose reminder was not
 * sent for its current start. Each is claimed with a conditional UPDATE (`reminderSentAt IS
 * NULL`) in the transaction that records `inventory.appointment.reminder_due`, so a run that
 * overlaps another, or runs twice, reminds nobody twice. Returns how many reminders were sent.
 */
export async function sendAppointmentReminders(db: DataSource, now: Date, leadHours: number, batch = 200): Promise<number> {
  const until = new Date(now.getTime() + leadHours * 3_600_000);
  let sent = 0;
  for (;;) {
    const due = await db.getRepository(Appointment).find({
      where: {
        status: AppointmentStatus.BOOKED,
        reminderSentAt: IsNull(),
        startsAt: And(MoreThan(now), LessThanOrEqual(until)),
      },
      order: { startsAt: 'ASC', id: 'ASC' },
      take: batch,
    });
    const locations = due.length
      ? new Map(
          (await db.getRepository(Location).findBy({ id: In([...new Set(due.map((a) => a.locationId))]) })).map((l) => [l.id, l]),
        )
      : new Map<string, Location>();
    let round = 0;
    for (const appointment of due) {
      round += await inTransaction(db, async (manager) => {
        const claimed = await manager.update(
          Appointment,
          { id: appointment.id, status: AppointmentStatus.BOOKED, startsAt: appointment.startsAt, reminderSentAt: IsNull() },
          { reminderSentAt: now },
        );
        if (claimed.affected !== 1) return 0;
        await recordEvent<AppointmentReminderDue>(
          manager,
          AppointmentReminderDueEvent.type,
          facts(appointment, locations.get(appointment.locationId)!),
          appointment.channel,
        );
        return 1;
      });
    }
    sent += round;
    if (due.length < batch || round === 0) return sent;
  }
}
