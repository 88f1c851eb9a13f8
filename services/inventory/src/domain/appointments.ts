/**
 * Appointments at a store (e-booking): the rules, without a database. Inventory owns them because
 * it owns the stores and who works at each (an associate's `location_id`), and a slot's capacity
 * is store capacity, taken under a conditional UPDATE the way reservations take stock.
 *
 * Times are UTC instants. A store offers a kind of appointment in slots of `slotMinutes` counted
 * from midnight UTC (a divisor of a day, so every day has the same slots).
 */

export enum AppointmentKind {
  FITTING = 'FITTING',
  CONSULTATION = 'CONSULTATION',
  PICKUP_SLOT = 'PICKUP_SLOT',
}

export enum AppointmentStatus {
  BOOKED = 'BOOKED',
  CHECKED_IN = 'CHECKED_IN',
  CANCELLED = 'CANCELLED',
}

export const MIN_SLOT_MINUTES = 5;
export const MAX_SLOT_MINUTES = 480;
export const MAX_CAPACITY_PER_SLOT = 500;
/** How far ahead a slot may be booked. */
export const MAX_DAYS_AHEAD = 180;
/** A shopper may be checked in from this long before the start until this long after the end. */
export const CHECK_IN_WINDOW_MINUTES = 120;
/** The longest id the tables keep (a location or customer id). */
export const MAX_ID_LENGTH = 36;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export interface Problem {
  code: string;
  message: string;
}

/** An id as the tables keep it: 1 to 36 characters, no control characters (PostgreSQL refuses NUL). */
export function isId(value: string | null | undefined): value is string {
  // eslint-disable-next-line no-control-regex
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH && !/[\u0000-\u001f]/.test(value);
}

/** Why a store cannot offer `capacityPerSlot` appointments per slot of `slotMinutes`, or null. */
export function capacityProblem(capacityPerSlot: number, slotMinutes: number): (Problem & { field: string }) | null {
  if (!Number.isInteger(capacityPerSlot) || capacityPerSlot < 0 || capacityPerSlot > MAX_CAPACITY_PER_SLOT) {
    return {
      code: 'INVALID_CAPACITY',
      field: 'capacityPerSlot',
      message: `capacity per slot is a whole number from 0 (no bookings) to ${MAX_CAPACITY_PER_SLOT}`,
    };
  }
  if (
    !Number.isInteger(slotMinutes) ||
    slotMinutes < MIN_SLOT_MINUTES ||
    slotMinutes > MAX_SLOT_MINUTES ||
    (24 * 60) % slotMinutes !== 0
  ) {
    return {
      code: 'INVALID_SLOT_MINUTES',
      field: 'slotMinutes',
      message: `a slot lasts ${MIN_SLOT_MINUTES} to ${MAX_SLOT_MINUTES} minutes and divides a day (15, 30, 60, 90, 120...)`,
    };
  }
  return null;
}

/** Why an appointment cannot start at `startsAt` in slots of `slotMinutes`, seen at `now`, or null. */
export function slotProblem(startsAt: Date, slotMinutes: number, now: Date): Problem | null {
  const at = startsAt.getTime();
  if (!Number.isFinite(at)) return { code: 'INVALID_START', message: 'startsAt is not a date and time' };
  const sinceMidnight = at - Math.floor(at / DAY) * DAY;
  if (sinceMidnight % (slotMinutes * MINUTE) !== 0) {
    return {
      code: 'INVALID_START',
      message: `slots start every ${slotMinutes} minutes from midnight UTC; ${startsAt.toISOString()} is not one`,
    };
  }
  if (at <= now.getTime()) return { code: 'SLOT_IN_PAST', message: `the slot at ${startsAt.toISOString()} has begun or passed` };
  if (at > now.getTime() + MAX_DAYS_AHEAD * DAY) {
    return { code: 'INVALID_START', message: `slots can be booked at most ${MAX_DAYS_AHEAD} days ahead` };
  }
  return null;
}

/** The end of a slot that starts at `startsAt`. */
export function slotEnd(startsAt: Date, slotMinutes: number): Date {
  return new Date(startsAt.getTime() + slotMinutes * MINUTE);
}

/** The key of a slot row: its start as an ISO instant (the same text on every database). */
export function slotKey(startsAt: Date): string {
  return startsAt.toISOString();
}

/** The UTC day `date` (YYYY-MM-DD) as [start, end). */
export function dayRange(date: string): { start: Date; end: Date } {
  const start = new Date(`${date}T00:00:00.000Z`);
  return { start, end: new Date(start.getTime() + DAY) };
}

/** Every slot start of a UTC day, in order. */
export function slotsOfDay(date: string, slotMinutes: number): Date[] {
  const { start } = dayRange(date);
  const count = (24 * 60) / slotMinutes;
  return Array.from({ length: count }, (_, i) => new Date(start.getTime() + i * slotMinutes * MINUTE));
}

/** Why an appointment in `status` cannot be moved or cancelled, or null. */
export function changeProblem(status: AppointmentStatus): Problem | null {
  if (status === AppointmentStatus.CANCELLED) return { code: 'APPOINTMENT_CANCELLED', message: 'the appointment was cancelled' };
  if (status === AppointmentStatus.CHECKED_IN) {
    return { code: 'ALREADY_CHECKED_IN', message: 'the shopper was checked in; the appointment can no longer change' };
  }
  return null;
}

/** Why the shopper cannot be checked in now, or null. */
export function checkInProblem(
  appointment: { status: AppointmentStatus; startsAt: Date; endsAt: Date },
  now: Date,
): Problem | null {
  const problem = changeProblem(appointment.status);
  if (problem) return problem;
  const window = CHECK_IN_WINDOW_MINUTES * MINUTE;
  if (now.getTime() < appointment.startsAt.getTime() - window || now.getTime() > appointment.endsAt.getTime() + window) {
    return {
      code: 'OUTSIDE_CHECK_IN_WINDOW',
      message: `check-in opens ${CHECK_IN_WINDOW_MINUTES} minutes before the appointment and closes ${CHECK_IN_WINDOW_MINUTES} minutes after it ends`,
    };
  }
  return null;
}

/** Places in a slot still free: never negative (capacity may have been lowered under bookings). */
export function remaining(capacityPerSlot: number, booked: number): number {
  return Math.max(0, capacityPerSlot - booked);
}
