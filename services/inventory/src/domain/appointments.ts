/**
 * Appointments at a store (e-booking): the rules, without a database. Inventory owns them because
 * it owns the stores and who works at each (an associate's `location_id`), and a slot's capacity
 * is store capacity, taken under a conditional UPDATE the way reservations take stock.
 *
 * Times are UTC instants. A store offers a kind of appointment in slots of `slotMinutes` counted
 * from midnight UTC (a divisor of a day, so every day has the same slots).
 */
import { isWellFormedId } from '@omni/platform';

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
  return typeof value === 'string' && isWellFormedId(value, MAX_ID_LENGTH);
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

/** Minutes of a day, 0 to 1440. */
export const DAY_MINUTES = 24 * 60;

/** "09:30" as 570; "24:00" is the end of the day; null when not HH:MM within a day. */
export function parseClock(value: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minutes <= DAY_MINUTES ? minutes : null;
}

/** 570 as "09:30". */
export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The hours a kind is bookable, as minutes of the UTC day: the first slot starts at `opens`, the last ends by `closes`. */
export interface OpeningHours {
  opens: number;
  closes: number;
}

export const ALL_DAY: OpeningHours = { opens: 0, closes: DAY_MINUTES };

/**
 * Why `opensAt`/`closesAt` ("HH:MM", UTC; null: the whole day) cannot frame slots of `slotMinutes`,
 * or the hours: the first slot starts on a slot boundary and at least one slot fits.
 */
export function hoursOf(
  opensAt: string | null | undefined,
  closesAt: string | null | undefined,
  slotMinutes: number,
): { hours: OpeningHours } | (Problem & { field: string }) {
  const opens = opensAt == null ? 0 : parseClock(opensAt);
  const closes = closesAt == null ? DAY_MINUTES : parseClock(closesAt);
  if (opens === null || opens === DAY_MINUTES) {
    return { code: 'INVALID_HOURS', field: 'opensAt', message: 'opensAt is a time of day, HH:MM (UTC)' };
  }
  if (closes === null)
    return { code: 'INVALID_HOURS', field: 'closesAt', message: 'closesAt is a time of day, HH:MM (UTC), at most 24:00' };
  if (opens % slotMinutes !== 0) {
    return { code: 'INVALID_HOURS', field: 'opensAt', message: `the first slot starts on a ${slotMinutes}-minute boundary` };
  }
  if (closes - opens < slotMinutes) {
    return {
      code: 'INVALID_HOURS',
      field: 'closesAt',
      message: `at least one ${slotMinutes}-minute slot fits between opensAt and closesAt`,
    };
  }
  return { hours: { opens, closes } };
}

/** Whether the slot starting at `startsAt` lies within the opening hours. */
export function withinHours(startsAt: Date, slotMinutes: number, hours: OpeningHours): boolean {
  const at = startsAt.getTime();
  const minute = (at - Math.floor(at / DAY) * DAY) / MINUTE;
  return minute >= hours.opens && minute + slotMinutes <= hours.closes;
}

/** Why an appointment cannot start at `startsAt` in slots of `slotMinutes`, seen at `now`, or null. */
export function slotProblem(startsAt: Date, slotMinutes: number, now: Date, hours: OpeningHours = ALL_DAY): Problem | null {
  const at = startsAt.getTime();
  if (!Number.isFinite(at)) return { code: 'INVALID_START', message: 'startsAt is not a date and time' };
  const sinceMidnight = at - Math.floor(at / DAY) * DAY;
  if (sinceMidnight % (slotMinutes * MINUTE) !== 0) {
    return {
      code: 'INVALID_START',
      message: `slots start every ${slotMinutes} minutes from midnight UTC; ${startsAt.toISOString()} is not one`,
    };
  }
  if (!withinHours(startsAt, slotMinutes, hours)) {
    return {
      code: 'OUTSIDE_OPENING_HOURS',
      message: `slots run from ${formatClock(hours.opens)} to ${formatClock(hours.closes)} UTC`,
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

/** Every slot start of a UTC day within the opening hours, in order. */
export function slotsOfDay(date: string, slotMinutes: number, hours: OpeningHours = ALL_DAY): Date[] {
  const { start } = dayRange(date);
  const count = (24 * 60) / slotMinutes;
  return Array.from({ length: count }, (_, i) => new Date(start.getTime() + i * slotMinutes * MINUTE)).filter((s) =>
    withinHours(s, slotMinutes, hours),
  );
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
