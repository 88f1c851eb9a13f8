import { AppointmentSlot } from '../../services/inventory/src/entities/appointment';
import type { GatewayClient } from '../src/client';
import { eventually, send, startTestSystem, type TestSystem } from './harness';

/**
 * Store appointments through the gateway, with the callers' own tokens: a store offers fittings
 * (ADMIN or its associate sets the capacity), shoppers book from the app, move and cancel; the
 * store's associate sees the day and checks the shopper in; CRM puts every change on the timeline
 * and sends the confirmation and, once, the reminder.
 */
describe('appointments through the gateway', () => {
  let t: TestSystem;
  let store: string;
  let otherStore: string;
  let warehouse: string;
  /** The start of a slot 30 to 60 minutes from now (30-minute slots), and the two after it. */
  let slot: string;
  let nextSlot: string;
  let laterSlot: string;
  const customers: { id: string; app: GatewayClient }[] = [];

  const location = async (name: string, type: 'STORE' | 'WAREHOUSE') =>
    (await send(t.client, 'UpsertLocation', { input: { name, type, lat: 52.5, lng: 13.4 } })).upsertLocation.location
      .id as string;

  beforeAll(async () => {
    t = await startTestSystem();
    store = await location('Mitte Store', 'STORE');
    otherStore = await location('Kreuzberg Store', 'STORE');
    warehouse = await location('Spandau DC', 'WAREHOUSE');
    const half = 30 * 60_000;
    const first = Math.ceil(Date.now() / half) * half + half;
    [slot, nextSlot, laterSlot] = [first, first + half, first + 2 * half].map((ms) => new Date(ms).toISOString());
    const registered = await Promise.all(
      Array.from({ length: 22 }, (_, i) =>
        send(t.client, 'RegisterCustomer', {
          input: { email: `shopper${i}@example.com`, firstName: `Shopper${i}`, lastName: 'Appt', channel: 'MOBILE_APP' },
        }),
      ),
    );
    for (const [i, r] of registered.entries()) {
      const id = r.registerCustomer.customer.id as string;
      const app = (await t.signedIn({ role: 'CUSTOMER', customerId: id, subject: `shopper${i}` })).withHeaders({
        'x-channel': 'MOBILE_APP',
      });
      customers.push({ id, app });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const book = (who: { id: string; app: GatewayClient }, startsAt: string, locationId = store) =>
    send(who.app, 'BookAppointment', {
      input: { customerId: who.id, locationId, kind: 'FITTING', startsAt, channel: 'MOBILE_APP' },
    }).then((d) => d.bookAppointment);
  const slots = async () =>
    (
      await t.anonymous.request<any>(
        'query($id: ID!, $date: Date!) { location(id: $id) { appointmentSlots(kind: FITTING, date: $date) { startsAt remaining capacity } } }',
        { id: store, date: slot.slice(0, 10) },
      )
    ).location.appointmentSlots as { startsAt: string; remaining: number; capacity: number }[];
  const remainingAt = async (startsAt: string) => (await slots()).find((s) => s.startsAt === startsAt)?.remaining;
  const placesTaken = async (startsAt: string) =>
    (
      await t.system.services
        .get('inventory')!
        .db.getRepository(AppointmentSlot)
        .findOneBy({ locationId: store, kind: 'FITTING' as never, startsAt })
    )?.booked;

  it("lets ADMIN or the store's associate set the capacity, and refuses mistakes as userErrors", async () => {
    const set = (client: GatewayClient, input: Record<string, unknown>) =>
      client.raw<any>(
        'mutation($input: AppointmentCapacityInput!) { setAppointmentCapacity(input: $input) { userErrors { field code } } }',
        { input },
      );
    const ok = await send(t.client, 'SetAppointmentCapacity', {
      input: { locationId: store, kind: 'FITTING', capacityPerSlot: 3, slotMinutes: 30 },
    });
    expect(ok.setAppointmentCapacity.userErrors).toEqual([]);
    const associate = await t.associateAt(store);
    expect(
      (
        await send(associate, 'SetAppointmentCapacity', {
          input: { locationId: store, kind: 'CONSULTATION', capacityPerSlot: 1, slotMinutes: 60 },
        })
      ).setAppointmentCapacity.userErrors,
    ).toEqual([]);
    const elsewhere = await set(await t.associateAt(otherStore), {
      locationId: store,
      kind: 'FITTING',
      capacityPerSlot: 9,
      slotMinutes: 30,
    });
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const shopper = await set(customers[0]!.app, { locationId: store, kind: 'FITTING', capacityPerSlot: 9, slotMinutes: 30 });
    expect(shopper.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    for (const [input, code, field] of [
      [{ locationId: store, capacityPerSlot: -1, slotMinutes: 30 }, 'INVALID_CAPACITY', 'capacityPerSlot'],
      [{ locationId: store, capacityPerSlot: 3, slotMinutes: 7 }, 'INVALID_SLOT_MINUTES', 'slotMinutes'],
      [{ locationId: warehouse, capacityPerSlot: 3, slotMinutes: 30 }, 'NOT_A_STORE', 'locationId'],
      [{ locationId: 'no-such-store', capacityPerSlot: 3, slotMinutes: 30 }, 'UNKNOWN_LOCATION', 'locationId'],
      [{ locationId: 'x'.repeat(200), capacityPerSlot: 3, slotMinutes: 30 }, 'UNKNOWN_LOCATION', 'locationId'],
    ] as const) {
      const response = await set(t.client, { ...input, kind: 'FITTING' });
      expect(response.errors).toBeUndefined();
      expect(response.data.setAppointmentCapacity.userErrors).toEqual([{ field: ['input', field], code }]);
    }
    for (const [hours, field] of [
      [{ opensAt: '9:00' }, 'opensAt'],
      [{ opensAt: '09:15' }, 'opensAt'], // not a 30-minute boundary
      [{ closesAt: '24:30' }, 'closesAt'],
      [{ opensAt: '12:00', closesAt: '12:10' }, 'closesAt'], // no slot fits
    ] as const) {
      const response = await set(t.client, { locationId: store, kind: 'FITTING', capacityPerSlot: 3, slotMinutes: 30, ...hours });
      expect(response.data.setAppointmentCapacity.userErrors).toEqual([{ field: ['input', field], code: 'INVALID_HOURS' }]);
    }

    // Consultations from 09:00 to 17:00 UTC: eight one-hour slots a day, and none outside.
    const hours = await associate.request<any>(
      'mutation($input: AppointmentCapacityInput!) { setAppointmentCapacity(input: $input) { capacity { kind opensAt closesAt } userErrors { code } } }',
      {
        input: {
          locationId: store,
          kind: 'CONSULTATION',
          capacityPerSlot: 1,
          slotMinutes: 60,
          opensAt: '09:00',
          closesAt: '17:00',
        },
      },
    );
    expect(hours.setAppointmentCapacity).toEqual({
      capacity: { kind: 'CONSULTATION', opensAt: '09:00', closesAt: '17:00' },
      userErrors: [],
    });
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const consultations = await t.anonymous.request<any>(
      'query($id: ID!, $date: Date!) { location(id: $id) { appointmentSlots(kind: CONSULTATION, date: $date) { startsAt endsAt } } }',
      { id: store, date: tomorrow },
    );
    expect(consultations.location.appointmentSlots.map((s: any) => s.startsAt.slice(11, 16))).toEqual([
      '09:00',
      '10:00',
      '11:00',
      '12:00',
      '13:00',
      '14:00',
      '15:00',
      '16:00',
    ]);
    const early = await send(customers[0]!.app, 'BookAppointment', {
      input: {
        customerId: customers[0]!.id,
        locationId: store,
        kind: 'CONSULTATION',
        startsAt: `${tomorrow}T08:00:00.000Z`,
        channel: 'WEB',
      },
    });
    expect(early.bookAppointment.userErrors).toEqual([expect.objectContaining({ code: 'OUTSIDE_OPENING_HOURS' })]);

    // The capacity stayed what ADMIN set.
    expect((await slots()).find((s) => s.startsAt === slot)).toEqual({ startsAt: slot, remaining: 3, capacity: 3 });
  });

  it('gives exactly 3 of 20 concurrent bookings of a slot with capacity 3', async () => {
    const results = await Promise.all(customers.slice(0, 20).map((c) => book(c, slot)));
    const booked = results.filter((r) => r.appointment);
    expect(booked).toHaveLength(3);
    expect(results.filter((r) => r.userErrors[0]?.code === 'SLOT_FULL')).toHaveLength(17);
    for (const r of booked) {
      expect(r).toEqual({
        appointment: { id: expect.any(String), kind: 'FITTING', startsAt: slot, status: 'BOOKED', location: { id: store } },
        userErrors: [],
      });
    }
    expect(await remainingAt(slot)).toBe(0);
    expect(await placesTaken(slot)).toBe(3);
  }, 60_000);

  it('refuses what cannot be booked as userErrors, and a shopper booking for someone else', async () => {
    const [a, b] = customers;
    const errorOf = async (input: Record<string, unknown>) =>
      (
        await a!.app.raw<any>(
          'mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { userErrors { field code } } }',
          {
            input: { customerId: a!.id, locationId: store, kind: 'FITTING', startsAt: nextSlot, channel: 'MOBILE_APP', ...input },
          },
        )
      ).data.bookAppointment.userErrors[0]?.code;
    expect(await errorOf({ startsAt: new Date(Date.parse(nextSlot) + 60_000).toISOString() })).toBe('INVALID_START');
    expect(await errorOf({ startsAt: new Date(Date.parse(slot) - 24 * 3_600_000).toISOString() })).toBe('SLOT_IN_PAST');
    expect(await errorOf({ kind: 'PICKUP_SLOT' })).toBe('NOT_OFFERED');
    expect(await errorOf({ locationId: otherStore })).toBe('NOT_OFFERED');
    expect(await errorOf({ locationId: warehouse })).toBe('NOT_A_STORE');
    expect(await errorOf({ locationId: 'x'.repeat(200) })).toBe('UNKNOWN_LOCATION');
    const forOther = await a!.app.raw<any>(
      'mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { userErrors { code } } }',
      { input: { customerId: b!.id, locationId: store, kind: 'FITTING', startsAt: nextSlot, channel: 'MOBILE_APP' } },
    );
    expect(forOther.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Twice the same slot: one place per shopper.
    const twice = await Promise.all([book(customers[20]!, laterSlot), book(customers[20]!, laterSlot)]);
    expect(twice.map((r) => r.userErrors[0]?.code ?? 'OK').sort()).toEqual(['ALREADY_BOOKED', 'OK']);
    expect(await remainingAt(laterSlot)).toBe(2);
  });

  it('frees a place when a shopper moves or cancels, and moves nothing into a full slot', async () => {
    const holders = (await Promise.all(customers.slice(0, 20).map(async (c) => ({ c, list: await appointmentsOf(c) }))))
      .filter((h) => h.list.some((a) => a.startsAt === slot && a.status === 'BOOKED'))
      .map((h) => ({ ...h.c, appointmentId: h.list[0]!.id as string }));
    expect(holders).toHaveLength(3);
    const waiting = customers.find((c) => !holders.some((h) => h.id === c.id))!;
    const [mover, canceller, stayer] = holders;

    // Fill the next slot, then try to move into it: SLOT_FULL, and nothing changed.
    const reschedule = (who: { app: GatewayClient }, id: string, startsAt: string) =>
      who.app
        .request<any>(
          'mutation($id: ID!, $at: DateTime!) { rescheduleAppointment(id: $id, startsAt: $at) { appointment { startsAt status } userErrors { code } } }',
          { id, at: startsAt },
        )
        .then((d) => d.rescheduleAppointment);
    expect((await reschedule(mover!, mover!.appointmentId, laterSlot)).appointment).toEqual({
      startsAt: laterSlot,
      status: 'BOOKED',
    });
    expect(await remainingAt(slot)).toBe(1);
    expect(await remainingAt(laterSlot)).toBe(1);
    expect((await book(waiting, slot)).userErrors).toEqual([]);
    expect(await remainingAt(slot)).toBe(0);
    expect((await reschedule(mover!, mover!.appointmentId, slot)).userErrors).toEqual([{ code: 'SLOT_FULL' }]);
    expect(await remainingAt(laterSlot)).toBe(1);
    // Nobody else moves or cancels a shopper's appointment.
    const stranger = await stayer!.app.raw<any>('mutation($id: ID!) { cancelAppointment(id: $id) { userErrors { code } } }', {
      id: canceller!.appointmentId,
    });
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const cancelled = await canceller!.app.request<any>(
      'mutation($id: ID!) { cancelAppointment(id: $id) { appointment { status cancelledAt } userErrors { code } } }',
      { id: canceller!.appointmentId },
    );
    expect(cancelled.cancelAppointment.appointment).toEqual({ status: 'CANCELLED', cancelledAt: expect.any(String) });
    expect(await remainingAt(slot)).toBe(1);
    const again = await canceller!.app.request<any>('mutation($id: ID!) { cancelAppointment(id: $id) { userErrors { code } } }', {
      id: canceller!.appointmentId,
    });
    expect(again.cancelAppointment.userErrors).toEqual([{ code: 'APPOINTMENT_CANCELLED' }]);
    expect(await remainingAt(slot)).toBe(1);
    expect(await placesTaken(slot)).toBe(2);
  });

  const appointmentsOf = async (c: { id: string; app: GatewayClient }) =>
    (
      await c.app.request<any>(
        'query($id: ID!) { customer(id: $id) { appointments { id kind startsAt status location { id } } } }',
        { id: c.id },
      )
    ).customer.appointments as { id: string; startsAt: string; status: string }[];

  it("shows the store's associate the day's appointments to check in, and no one else's", async () => {
    const associate = await t.associateAt(store);
    const day = await associate.request<any>(
      'query($id: ID!, $date: Date!) { location(id: $id) { appointments(date: $date) { id startsAt status customer { id firstName } } } }',
      { id: store, date: slot.slice(0, 10) },
    );
    const booked = day.location.appointments.filter((a: any) => a.status === 'BOOKED' && a.startsAt === slot);
    expect(booked).toHaveLength(2);
    expect(booked[0].customer.firstName).toMatch(/^Shopper/);
    const starts = day.location.appointments.map((a: any) => a.startsAt);
    expect(starts).toEqual([...starts].sort());

    const other = await t.associateAt(otherStore);
    const peek = await other.raw<any>(
      'query($id: ID!, $date: Date!) { location(id: $id) { appointments(date: $date) { id } } }',
      {
        id: store,
        date: slot.slice(0, 10),
      },
    );
    expect(peek.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const checkIn = (client: GatewayClient, id: string) =>
      client.raw<any>(
        'mutation($id: ID!) { checkInAppointment(id: $id) { appointment { status checkedInAt } userErrors { code } } }',
        { id },
      );
    expect((await checkIn(other, booked[0].id)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const done = await checkIn(associate, booked[0].id);
    expect(done.data.checkInAppointment).toEqual({
      appointment: { status: 'CHECKED_IN', checkedInAt: expect.any(String) },
      userErrors: [],
    });
    expect((await checkIn(associate, booked[0].id)).data.checkInAppointment.userErrors).toEqual([{ code: 'ALREADY_CHECKED_IN' }]);
    expect((await checkIn(associate, 'no-such-appointment')).data.checkInAppointment.userErrors).toEqual([
      { code: 'UNKNOWN_APPOINTMENT' },
    ]);
    // A checked-in appointment keeps its place: it can no longer be cancelled.
    const shopper = customers.find((c) => c.id === booked[0].customer.id)!;
    const late = await shopper.app.request<any>('mutation($id: ID!) { cancelAppointment(id: $id) { userErrors { code } } }', {
      id: booked[0].id,
    });
    expect(late.cancelAppointment.userErrors).toEqual([{ code: 'ALREADY_CHECKED_IN' }]);
  });

  it('puts every change on the timeline and confirms it to the shopper', async () => {
    const mover = (await Promise.all(customers.map(async (c) => ({ c, list: await appointmentsOf(c) })))).find(
      (h) => h.list.some((a) => a.startsAt === laterSlot) && h.c.id !== customers[20]!.id,
    )!.c;
    const timeline = await eventually(
      async () =>
        (
          await t.client.request<any>(
            'query($id: ID!) { customer(id: $id) { interactions(kind: APPOINTMENT, first: 10) { edges { node { channel summary } } } } }',
            { id: mover.id },
          )
        ).customer.interactions.edges.map((e: any) => e.node),
      (nodes) => nodes.length >= 2,
    );
    const time = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
    expect(timeline).toEqual([
      { channel: 'MOBILE_APP', summary: `Moved a fitting at Mitte Store to ${time(laterSlot)} (was ${time(slot)})` },
      { channel: 'MOBILE_APP', summary: `Booked a fitting at Mitte Store on ${time(slot)}` },
    ]);
    const messages = await eventually(
      async () =>
        (
          await t.client.request<any>(
            'query($id: ID!) { customer(id: $id) { messages(first: 20) { edges { node { kind basis subject } } } } }',
            {
              id: mover.id,
            },
          )
        ).customer.messages.edges.map((e: any) => e.node),
      (nodes) => nodes.filter((n: any) => n.kind === 'APPOINTMENT_CONFIRMATION').length >= 2,
    );
    expect(messages.filter((m: any) => m.kind === 'APPOINTMENT_CONFIRMATION')).toEqual([
      { kind: 'APPOINTMENT_CONFIRMATION', basis: 'TRANSACTIONAL', subject: `Your fitting at Mitte Store: ${time(laterSlot)}` },
      { kind: 'APPOINTMENT_CONFIRMATION', basis: 'TRANSACTIONAL', subject: `Your fitting at Mitte Store: ${time(slot)}` },
    ]);
  });

  it('sends each booked appointment one reminder, however often the job runs', async () => {
    const booked = (await Promise.all(customers.map(async (c) => ({ c, list: await appointmentsOf(c) })))).filter((h) =>
      h.list.some((a) => a.status === 'BOOKED'),
    );
    expect(await t.runJob('inventory', 'appointment-reminders')).toBe(booked.length);
    expect(await t.runJob('inventory', 'appointment-reminders')).toBe(0);
    const reminders = async (id: string) =>
      (
        await t.client.request<any>(
          'query($id: ID!) { customer(id: $id) { messages(first: 50) { edges { node { kind subject } } } } }',
          { id },
        )
      ).customer.messages.edges.filter((e: any) => e.node.kind === 'APPOINTMENT_REMINDER');
    for (const { c } of booked) {
      const sent = await eventually(
        () => reminders(c.id),
        (r) => r.length >= 1,
      );
      expect(sent).toHaveLength(1);
      expect(sent[0].node.subject).toMatch(/^Reminder: your fitting at Mitte Store, /);
    }
    // Checked in or cancelled: no reminder.
    const others = customers.filter((c) => !booked.some((b) => b.c.id === c.id));
    for (const c of others) expect(await reminders(c.id)).toEqual([]);
    // A move is a new time: it gets its own reminder.
    const mover = booked[0]!;
    const appointment = mover.list.find((a) => a.status === 'BOOKED')!;
    const target = appointment.startsAt === nextSlot ? laterSlot : nextSlot;
    const moved = await mover.c.app.request<any>(
      'mutation($id: ID!, $at: DateTime!) { rescheduleAppointment(id: $id, startsAt: $at) { userErrors { code } } }',
      { id: appointment.id, at: target },
    );
    expect(moved.rescheduleAppointment.userErrors).toEqual([]);
    expect(await t.runJob('inventory', 'appointment-reminders')).toBe(1);
    expect(await t.runJob('inventory', 'appointment-reminders')).toBe(0);
    expect(
      await eventually(
        () => reminders(mover.c.id),
        (r) => r.length >= 2,
      ),
    ).toHaveLength(2);
  });

  it("gives a merged duplicate's appointments to the survivor, one place per slot", async () => {
    const [survivor, duplicate] = [customers[20]!, customers[21]!];
    const fourth = new Date(Date.parse(laterSlot) + 30 * 60_000).toISOString();
    const fifth = new Date(Date.parse(laterSlot) + 60 * 60_000).toISOString();
    expect((await book(survivor, fourth)).userErrors).toEqual([]);
    expect((await book(duplicate, fourth)).userErrors).toEqual([]);
    expect((await book(duplicate, fifth)).userErrors).toEqual([]);
    expect(await remainingAt(fourth)).toBe(1);
    const merged = await send(t.client, 'MergeCustomers', { survivorId: survivor.id, duplicateId: duplicate.id });
    expect(merged.mergeCustomers.userErrors).toEqual([]);
    const list = await eventually(
      () => appointmentsOf(survivor),
      (l) => l.length === 4,
    );
    expect(list.map((a) => [a.startsAt, a.status])).toEqual([
      [fifth, 'BOOKED'],
      [fourth, expect.stringMatching(/^(BOOKED|CANCELLED)$/)],
      [fourth, expect.stringMatching(/^(BOOKED|CANCELLED)$/)],
      [laterSlot, 'BOOKED'],
    ]);
    expect(
      list
        .filter((a) => a.startsAt === fourth)
        .map((a) => a.status)
        .sort(),
    ).toEqual(['BOOKED', 'CANCELLED']);
    expect(await remainingAt(fourth)).toBe(2);
  });
});
