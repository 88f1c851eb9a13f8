import type { JobDefinition } from '@omni/platform';
import { sendAppointmentReminders } from './commands/appointments';
import { expireReservations } from './commands/reservations';
import { appointmentReminderHours, reservationTtlSeconds } from './settings';

/** Releases what no order claimed: a checkout that reserved and then never placed its order. */
export const reservationExpiry: JobDefinition = {
  name: 'reservation-expiry',
  description: 'releases reservations that no order confirmed within RESERVATION_TTL_SECONDS',
  intervalSeconds: 60,
  validate: (env) => void reservationTtlSeconds(env),
  run: (ctx) => expireReservations(ctx.db, ctx.now, { channel: null, actor: 'job:reservation-expiry' }),
};

/**
 * Appointment reminders: a booked appointment starting within APPOINTMENT_REMINDER_HOURS gets one
 * `inventory.appointment.reminder_due` (CRM sends the message), once per start time.
 */
export const appointmentReminders: JobDefinition = {
  name: 'appointment-reminders',
  description: 'hands CRM a reminder for each booked appointment starting within APPOINTMENT_REMINDER_HOURS, once',
  intervalSeconds: 300,
  validate: (env) => void appointmentReminderHours(env),
  run: (ctx) => sendAppointmentReminders(ctx.db, ctx.now, appointmentReminderHours()),
};

export const jobs: JobDefinition[] = [reservationExpiry, appointmentReminders];
