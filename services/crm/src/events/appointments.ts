import { AppointmentChangedEvent, AppointmentReminderDueEvent, parseEvent, type ConsumerDefinition } from '@omni/platform';
import type { EntityManager } from 'typeorm';
import { lockCustomer } from '../commands/customers';
import { insertInteraction } from '../commands/interactions';
import type { MessageRequest } from '../commands/messages';
import { appointmentSummary } from '../domain/appointment-messages';
import { InteractionKind } from '../domain/interaction';
import { MessageKind, type MessageTrigger } from '../domain/messages';
import type { Customer } from '../entities/customer';

type Queue = (manager: EntityManager, customer: Customer, request: MessageRequest) => Promise<unknown>;

/**
 * Store appointments (inventory's): every change goes on the customer's timeline; a booking or a
 * move is confirmed, a cancellation acknowledged, and the reminder the job `appointment-reminders`
 * hands over is sent, each as a transactional message (once per event, by `applyOnce`). A check-in
 * is a timeline entry only: the shopper is in the store.
 */
export function appointmentTouchpoints(queue: Queue): ConsumerDefinition {
  return {
    name: 'appointment-touchpoints',
    types: [AppointmentChangedEvent.type, AppointmentReminderDueEvent.type],
    async handle(manager, event) {
      const parsed = parseEvent([AppointmentChangedEvent, AppointmentReminderDueEvent], event);
      const customer = await lockCustomer(manager, parsed.payload.customerId);
      if (!customer) return;
      const facts = {
        appointmentKind: parsed.payload.kind,
        locationName: parsed.payload.locationName,
        startsAt: parsed.payload.startsAt,
      };
      let trigger: MessageTrigger | null;
      if (parsed.type === AppointmentReminderDueEvent.type) {
        trigger = { kind: MessageKind.APPOINTMENT_REMINDER, moved: false, ...facts };
      } else {
        const change = parsed.payload;
        await insertInteraction(manager, {
          customerId: customer.id,
          channel: event.channel,
          kind: InteractionKind.APPOINTMENT,
          summary: appointmentSummary(change),
          occurredAt: new Date(event.occurredAt),
        });
        trigger =
          change.change === 'CHECKED_IN'
            ? null
            : change.change === 'CANCELLED'
              ? { kind: MessageKind.APPOINTMENT_CANCELLED, moved: false, ...facts }
              : { kind: MessageKind.APPOINTMENT_CONFIRMATION, moved: change.change === 'MOVED', ...facts };
      }
      if (trigger) await queue(manager, customer, { trigger, orderId: null, salesChannel: event.channel, eventId: event.id });
    },
  };
}
