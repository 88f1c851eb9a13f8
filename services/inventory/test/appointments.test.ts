import {
  AppointmentStatus,
  capacityProblem,
  changeProblem,
  checkInProblem,
  dayRange,
  formatClock,
  hoursOf,
  isId,
  parseClock,
  remaining,
  slotEnd,
  slotProblem,
  slotsOfDay,
} from '../src/domain/appointments';

const at = (iso: string) => new Date(iso);
const now = at('2026-12-01T10:07:00Z');

describe('capacityProblem', () => {
  it.each([
    [3, 30, null],
    [0, 15, null],
    [500, 480, null],
    [1, 5, null],
    [-1, 30, 'INVALID_CAPACITY'],
    [501, 30, 'INVALID_CAPACITY'],
    [1.5, 30, 'INVALID_CAPACITY'],
    [3, 0, 'INVALID_SLOT_MINUTES'],
    [3, 4, 'INVALID_SLOT_MINUTES'],
    [3, 481, 'INVALID_SLOT_MINUTES'],
    [3, 7, 'INVALID_SLOT_MINUTES'], // does not divide a day
    [3, 25.5, 'INVALID_SLOT_MINUTES'],
  ])('capacity %p per slot of %p minutes: %p', (capacity, minutes, code) => {
    expect(capacityProblem(capacity, minutes)?.code ?? null).toBe(code);
  });
});

describe('slotProblem', () => {
  it.each([
    ['2026-12-01T10:30:00.000Z', 30, null],
    ['2026-12-01T11:00:00.000Z', 60, null],
    ['2026-12-01T10:15:00.000Z', 15, null],
    ['2026-12-01T10:15:00.000Z', 30, 'INVALID_START'], // not on a 30-minute boundary
    ['2026-12-01T10:30:30.000Z', 30, 'INVALID_START'], // seconds
    ['2026-12-01T10:30:00.001Z', 30, 'INVALID_START'],
    ['2026-12-01T10:00:00.000Z', 30, 'SLOT_IN_PAST'], // begun 7 minutes ago
    ['2026-11-30T10:00:00.000Z', 30, 'SLOT_IN_PAST'],
    ['2027-05-30T10:00:00.000Z', 30, null], // 180 days ahead
    ['2027-05-31T10:00:00.000Z', 30, 'INVALID_START'], // beyond
    ['not a date', 30, 'INVALID_START'],
  ])('%s in slots of %p minutes: %p', (startsAt, minutes, code) => {
    expect(slotProblem(at(startsAt), minutes, now)?.code ?? null).toBe(code);
  });

  it('counts slots from midnight UTC, so 90-minute slots start at 01:30, 03:00...', () => {
    expect(slotProblem(at('2026-12-02T01:30:00Z'), 90, now)).toBeNull();
    expect(slotProblem(at('2026-12-02T01:00:00Z'), 90, now)?.code).toBe('INVALID_START');
  });
});

describe('slots of a day', () => {
  it('lists every start of the UTC day', () => {
    const slots = slotsOfDay('2026-12-01', 120);
    expect(slots.map((s) => s.toISOString().slice(11, 16))).toEqual([
      '00:00',
      '02:00',
      '04:00',
      '06:00',
      '08:00',
      '10:00',
      '12:00',
      '14:00',
      '16:00',
      '18:00',
      '20:00',
      '22:00',
    ]);
    expect(slotsOfDay('2026-12-01', 15)).toHaveLength(96);
  });

  it('ends a slot its length later, and a day at the next midnight', () => {
    expect(slotEnd(at('2026-12-01T23:30:00Z'), 30).toISOString()).toBe('2026-12-02T00:00:00.000Z');
    expect(dayRange('2026-12-31')).toEqual({ start: at('2026-12-31T00:00:00Z'), end: at('2027-01-01T00:00:00Z') });
  });
});

describe('changing and checking in', () => {
  const booked = { status: AppointmentStatus.BOOKED, startsAt: at('2026-12-01T12:00:00Z'), endsAt: at('2026-12-01T12:30:00Z') };

  it.each([
    [AppointmentStatus.BOOKED, null],
    [AppointmentStatus.CANCELLED, 'APPOINTMENT_CANCELLED'],
    [AppointmentStatus.CHECKED_IN, 'ALREADY_CHECKED_IN'],
  ])('a %s appointment may change: %p', (status, code) => {
    expect(changeProblem(status)?.code ?? null).toBe(code);
  });

  it.each([
    ['2026-12-01T09:59:59Z', 'OUTSIDE_CHECK_IN_WINDOW'], // more than 2 hours early
    ['2026-12-01T10:00:00Z', null],
    ['2026-12-01T12:10:00Z', null],
    ['2026-12-01T14:30:00Z', null], // 2 hours after the end
    ['2026-12-01T14:30:01Z', 'OUTSIDE_CHECK_IN_WINDOW'],
  ])('checked in at %s: %p', (when, code) => {
    expect(checkInProblem(booked, at(when))?.code ?? null).toBe(code);
  });

  it('never checks in a cancelled appointment or one checked in', () => {
    expect(checkInProblem({ ...booked, status: AppointmentStatus.CANCELLED }, at('2026-12-01T12:00:00Z'))?.code).toBe(
      'APPOINTMENT_CANCELLED',
    );
    expect(checkInProblem({ ...booked, status: AppointmentStatus.CHECKED_IN }, at('2026-12-01T12:00:00Z'))?.code).toBe(
      'ALREADY_CHECKED_IN',
    );
  });
});

describe('ids and places', () => {
  it.each([
    ['loc-1', true],
    ['', false],
    ['x'.repeat(36), true],
    ['x'.repeat(37), false],
    ['a\u0000b', false],
  ])('%p is an id: %p', (id, ok) => {
    expect(isId(id)).toBe(ok);
  });

  it('never has fewer than no places left, when capacity was lowered under bookings', () => {
    expect(remaining(3, 1)).toBe(2);
    expect(remaining(3, 3)).toBe(0);
    expect(remaining(2, 3)).toBe(0);
  });
});

describe('opening hours', () => {
  it.each([
    ['00:00', 0],
    ['09:30', 570],
    ['24:00', 1440],
    ['24:01', null],
    ['9:30', null],
    ['09:60', null],
    ['ab:cd', null],
  ])('%s is minute %p', (clock, minutes) => {
    expect(parseClock(clock)).toBe(minutes);
    if (minutes !== null) expect(formatClock(minutes)).toBe(clock);
  });

  it.each([
    [null, null, 30, { opens: 0, closes: 1440 }],
    ['09:00', '17:30', 30, { opens: 540, closes: 1050 }],
    ['09:00', '17:30', 60, { opens: 540, closes: 1050 }], // the last slot starts at 16:00
    ['09:15', '17:00', 30, 'opensAt'],
    ['24:00', null, 30, 'opensAt'],
    ['09:00', '09:20', 30, 'closesAt'],
    ['17:00', '09:00', 30, 'closesAt'],
    ['09:00', '25:00', 30, 'closesAt'],
  ])('%p to %p in slots of %p: %p', (opensAt, closesAt, minutes, expected) => {
    const result = hoursOf(opensAt, closesAt, minutes);
    if (typeof expected === 'string') expect(result).toEqual(expect.objectContaining({ code: 'INVALID_HOURS', field: expected }));
    else expect(result).toEqual({ hours: expected });
  });

  it('books and lists only the slots within the hours', () => {
    const hours = { opens: 540, closes: 1050 };
    expect(slotProblem(at('2026-12-01T16:30:00Z'), 30, now, hours)).toBeNull();
    expect(slotProblem(at('2026-12-01T17:30:00Z'), 30, now, hours)?.code).toBe('OUTSIDE_OPENING_HOURS');
    expect(slotProblem(at('2026-12-02T08:30:00Z'), 30, now, hours)?.code).toBe('OUTSIDE_OPENING_HOURS');
    expect(slotsOfDay('2026-12-01', 60, hours).map((s) => s.toISOString().slice(11, 16))).toEqual([
      '09:00',
      '10:00',
      '11:00',
      '12:00',
      '13:00',
      '14:00',
      '15:00',
      '16:00',
    ]);
  });
});
