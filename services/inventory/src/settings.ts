import { env, readConfig } from '@omni/platform';

/** 15 minutes: far longer than an order takes between reserving and being placed. */
export const DEFAULT_RESERVATION_TTL_SECONDS = 900;

let cached: number | null = null;

/**
 * Seconds a reservation may wait for an order to confirm it (RESERVATION_TTL_SECONDS), validated
 * like all configuration; read once from the process environment.
 */
export function reservationTtlSeconds(from: NodeJS.ProcessEnv = process.env): number {
  const read = () =>
    readConfig({ RESERVATION_TTL_SECONDS: env.positiveInt(DEFAULT_RESERVATION_TTL_SECONDS) }, from).RESERVATION_TTL_SECONDS;
  if (from !== process.env) return read();
  cached ??= read();
  return cached;
}

/** A day ahead: reminders go out once an appointment starts within this many hours. */
export const DEFAULT_APPOINTMENT_REMINDER_HOURS = 24;

/** Hours before an appointment its reminder is sent (APPOINTMENT_REMINDER_HOURS), validated at start. */
export function appointmentReminderHours(from: NodeJS.ProcessEnv = process.env): number {
  return readConfig({ APPOINTMENT_REMINDER_HOURS: env.positiveInt(DEFAULT_APPOINTMENT_REMINDER_HOURS) }, from)
    .APPOINTMENT_REMINDER_HOURS;
}
