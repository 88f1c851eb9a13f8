import { z } from 'zod';
import { Id, Units } from './common';
import { defineEvent } from './definition';

/**
 * The events inventory publishes, exactly as its producers write them (a field the first release
 * did not write yet is optional). Consumers parse, never cast.
 */

/** What changed a stock level (`MovementKind` in inventory). */
export const STOCK_MOVEMENT_KINDS = [
  'COUNT',
  'ADJUSTMENT',
  'SAFETY_STOCK',
  'TRANSFER_OUT',
  'TRANSFER_IN_TRANSIT',
  'TRANSFER_RECEIVED',
  'RESERVE',
  'RELEASE',
  'SHIP',
  'RETURN',
] as const;
export type StockMovementKindName = (typeof STOCK_MOVEMENT_KINDS)[number];

const Delta = z.number().int();

/** `inventory.stock.changed`, version 1: once per stock row per change, with the counts after it. */
export const StockChangedSchema = z.object({
  sku: Id,
  locationId: Id,
  /** Not written by the first release (its `reason` was the kind, COUNT). */
  kind: z.enum(STOCK_MOVEMENT_KINDS).optional(),
  reason: z.string().nullable(),
  /** What it was for (`order:<id>`, `return:<id>`, a transfer...); not written by the first release. */
  reference: z.string().nullable().optional(),
  onHand: Units,
  reserved: Units,
  /** Not written by the first release. */
  safetyStock: Units.optional(),
  /** Not written by the first release. */
  inTransit: Units.optional(),
  available: Units,
  /** Each count's change (negative: fewer); not written by the first release. */
  change: z.object({ onHand: Delta, reserved: Delta, inTransit: Delta, safetyStock: Delta }).optional(),
});
export type StockChanged = z.infer<typeof StockChangedSchema>;
export const StockChangedEvent = defineEvent('inventory.stock.changed', 1, StockChangedSchema);

/** The kinds of appointment a store offers (`AppointmentKind` in inventory). */
export const APPOINTMENT_KINDS = ['FITTING', 'CONSULTATION', 'PICKUP_SLOT'] as const;

const Instant = z.iso.datetime();

/** What an appointment event is about: the shopper, the store (with its name, for messages), the time. */
const AppointmentFacts = z.object({
  appointmentId: Id,
  customerId: Id,
  locationId: Id,
  locationName: z.string(),
  kind: z.enum(APPOINTMENT_KINDS),
  startsAt: Instant,
  endsAt: Instant,
});

/**
 * `inventory.appointment.changed`, version 1: an appointment was booked, moved (with the start it
 * had), cancelled, or its shopper checked in.
 */
export const AppointmentChangedSchema = AppointmentFacts.extend({
  change: z.enum(['BOOKED', 'MOVED', 'CANCELLED', 'CHECKED_IN']),
  previousStartsAt: Instant.nullable(),
});
export type AppointmentChanged = z.infer<typeof AppointmentChangedSchema>;
export const AppointmentChangedEvent = defineEvent('inventory.appointment.changed', 1, AppointmentChangedSchema);

/**
 * `inventory.appointment.reminder_due`, version 1: the job `appointment-reminders` found a booked
 * appointment within the reminder lead time; written once per appointment and start time.
 */
export const AppointmentReminderDueSchema = AppointmentFacts;
export type AppointmentReminderDue = z.infer<typeof AppointmentReminderDueSchema>;
export const AppointmentReminderDueEvent = defineEvent('inventory.appointment.reminder_due', 1, AppointmentReminderDueSchema);

export const InventoryEvents = [StockChangedEvent, AppointmentChangedEvent, AppointmentReminderDueEvent] as const;
