import type { AppointmentChanged } from '@omni/platform';

/** An appointment as messages and the timeline tell it: what, where, when. */
export interface AppointmentFacts {
  /** FITTING, CONSULTATION, PICKUP_SLOT. */
  appointmentKind: string;
  locationName: string;
  /** ISO instant. */
  startsAt: string;
}

/** "fitting" for FITTING, "pickup slot" for PICKUP_SLOT. */
export function appointmentKindName(kind: string): string {
  return kind.toLowerCase().replace(/_/g, ' ');
}

/** "2026-12-01 14:00 UTC": the instants are UTC, and say so. */
export function appointmentTime(startsAt: string): string {
  const at = new Date(startsAt).toISOString();
  return `${at.slice(0, 10)} ${at.slice(11, 16)} UTC`;
}

function what(facts: AppointmentFacts): string {
  return `${appointmentKindName(facts.appointmentKind)} at ${facts.locationName} on ${appointmentTime(facts.startsAt)}`;
}

/** The timeline's line for a change of an appointment. */
export function appointmentSummary(change: AppointmentChanged): string {
  const facts = { appointmentKind: change.kind, locationName: change.locationName, startsAt: change.startsAt };
  switch (change.change) {
    case 'BOOKED':
      return `Booked a ${what(facts)}`;
    case 'MOVED':
      return `Moved a ${appointmentKindName(change.kind)} at ${change.locationName} to ${appointmentTime(change.startsAt)}${
        change.previousStartsAt ? ` (was ${appointmentTime(change.previousStartsAt)})` : ''
      }`;
    case 'CANCELLED':
      return `Cancelled a ${what(facts)}`;
    case 'CHECKED_IN':
      return `Checked in for a ${what(facts)}`;
  }
}

/** What a confirmation, cancellation or reminder says. */
export function appointmentContent(
  type: 'CONFIRMATION' | 'CANCELLED' | 'REMINDER',
  facts: AppointmentFacts & { moved: boolean },
): { subject: string; text: string } {
  const name = appointmentKindName(facts.appointmentKind);
  const when = appointmentTime(facts.startsAt);
  switch (type) {
    case 'CONFIRMATION':
      return {
        subject: `Your ${name} at ${facts.locationName}: ${when}`,
        text: `${facts.moved ? 'We moved your' : 'You booked a'} ${name} at ${facts.locationName} ${facts.moved ? 'to' : 'for'} ${when}. To move or cancel it, open your appointments in the app or on the web.`,
      };
    case 'CANCELLED':
      return {
        subject: `Your ${name} at ${facts.locationName} is cancelled`,
        text: `Your ${name} at ${facts.locationName} on ${when} is cancelled. Book another time in the app or on the web whenever you like.`,
      };
    case 'REMINDER':
      return {
        subject: `Reminder: your ${name} at ${facts.locationName}, ${when}`,
        text: `See you soon: your ${name} at ${facts.locationName} is on ${when}. Tell an associate your name when you arrive. Cannot make it? Move or cancel it in the app or on the web.`,
      };
  }
}
