import type { AppointmentChanged } from '@omni/platform';
import { appointmentContent, appointmentSummary, appointmentTime } from '../src/domain/appointment-messages';
import { ContactChannel } from '../src/domain/consent';
import { composeMessage, MessageKind, MESSAGE_PURPOSE } from '../src/domain/messages';
import { MessagePurpose } from '../src/domain/consent';

const change = (over: Partial<AppointmentChanged>): AppointmentChanged => ({
  appointmentId: 'a1',
  customerId: 'c1',
  locationId: 'l1',
  locationName: 'Harbor Store',
  kind: 'FITTING',
  startsAt: '2026-12-01T14:00:00.000Z',
  endsAt: '2026-12-01T14:30:00.000Z',
  change: 'BOOKED',
  previousStartsAt: null,
  ...over,
});

describe('appointment touchpoints', () => {
  it.each([
    [change({}), 'Booked a fitting at Harbor Store on 2026-12-01 14:00 UTC'],
    [
      change({ change: 'MOVED', kind: 'PICKUP_SLOT', previousStartsAt: '2026-12-01T09:30:00.000Z' }),
      'Moved a pickup slot at Harbor Store to 2026-12-01 14:00 UTC (was 2026-12-01 09:30 UTC)',
    ],
    [change({ change: 'CANCELLED', kind: 'CONSULTATION' }), 'Cancelled a consultation at Harbor Store on 2026-12-01 14:00 UTC'],
    [change({ change: 'CHECKED_IN' }), 'Checked in for a fitting at Harbor Store on 2026-12-01 14:00 UTC'],
  ])('timeline: %#', (event, summary) => {
    expect(appointmentSummary(event)).toBe(summary);
  });

  it('says what, where and when in every message, in UTC', () => {
    const facts = {
      appointmentKind: 'FITTING',
      locationName: 'Harbor Store',
      startsAt: '2026-12-01T14:00:00.000Z',
      moved: false,
    };
    expect(appointmentTime(facts.startsAt)).toBe('2026-12-01 14:00 UTC');
    expect(appointmentContent('CONFIRMATION', facts).text).toMatch(
      /^You booked a fitting at Harbor Store for 2026-12-01 14:00 UTC\./,
    );
    expect(appointmentContent('CONFIRMATION', { ...facts, moved: true }).text).toMatch(
      /^We moved your fitting at Harbor Store to/,
    );
    expect(appointmentContent('CANCELLED', facts).subject).toBe('Your fitting at Harbor Store is cancelled');
    expect(appointmentContent('REMINDER', facts).subject).toBe('Reminder: your fitting at Harbor Store, 2026-12-01 14:00 UTC');
  });

  it('sends appointment messages as transactional ones, an SMS within its length', () => {
    for (const kind of [
      MessageKind.APPOINTMENT_CONFIRMATION,
      MessageKind.APPOINTMENT_CANCELLED,
      MessageKind.APPOINTMENT_REMINDER,
    ]) {
      expect(MESSAGE_PURPOSE[kind]).toBe(MessagePurpose.TRANSACTIONAL);
    }
    const sms = composeMessage(
      {
        kind: MessageKind.APPOINTMENT_REMINDER,
        moved: false,
        appointmentKind: 'CONSULTATION',
        locationName: 'Harbor Store',
        startsAt: '2026-12-01T14:00:00.000Z',
      },
      'Sara',
      ContactChannel.SMS,
    );
    expect(sms.body.length).toBeLessThanOrEqual(320);
    expect(sms.body).toContain('consultation at Harbor Store is on 2026-12-01 14:00 UTC');
  });
});
