import { DomainError } from '@omni/platform';
import {
  consume,
  heldUnits,
  orderConfirmed,
  planReservation,
  ReservationStatus,
  validateReservationRequest,
  type HeldReservation,
  type RequestedLine,
} from '../src/domain/reservations';

const line = (lineId: string, locationId: string, sku: string, quantity: number): RequestedLine => ({
  lineId,
  locationId,
  sku,
  quantity,
});
const held = (
  lineId: string,
  locationId: string,
  sku: string,
  quantity: number,
  extra: Partial<HeldReservation> = {},
): HeldReservation => ({
  lineId,
  locationId,
  sku,
  quantity,
  shippedQuantity: 0,
  status: ReservationStatus.ACTIVE,
  ...extra,
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}

describe('validateReservationRequest', () => {
  it('accepts a well-formed request, including one line split over two locations', () => {
    expect(
      codeOf(() => validateReservationRequest('o1', [line('l1', 'A', 'SKU', 2), line('l1', 'B', 'SKU', 1)])),
    ).toBeUndefined();
  });

  it.each([
    ['no lines', [], 'EMPTY_REQUEST'],
    ['a negative quantity', [line('l1', 'A', 'SKU', -1)], 'NEGATIVE_QUANTITY'],
    ['a zero quantity', [line('l1', 'A', 'SKU', 0)], 'INVALID_QUANTITY'],
    ['a fractional quantity', [line('l1', 'A', 'SKU', 1.5)], 'INVALID_QUANTITY'],
    ['an empty SKU', [line('l1', 'A', '', 1)], 'INVALID_SKU'],
    ['the same line and location twice', [line('l1', 'A', 'SKU', 1), line('l1', 'A', 'SKU', 2)], 'DUPLICATE_LINE'],
  ])('rejects %s', (_name, lines, code) => {
    expect(codeOf(() => validateReservationRequest('o1', lines as RequestedLine[]))).toBe(code);
  });

  it('points at the offending line', () => {
    try {
      validateReservationRequest('o1', [line('l1', 'A', 'SKU', 1), line('l2', 'A', 'SKU', -3)]);
      throw new Error('accepted');
    } catch (error) {
      expect((error as DomainError).field).toEqual(['input', 'lines', '1', 'quantity']);
    }
  });
});

describe('planReservation', () => {
  it('reserves new lines, summing lines of the same SKU at the same location', () => {
    const plan = planReservation([], [line('l1', 'A', 'X', 2), line('l2', 'A', 'X', 3), line('l3', 'B', 'Y', 1)]);
    expect(plan.set).toHaveLength(3);
    expect(plan.release).toEqual([]);
    expect(plan.deltas).toEqual(
      expect.arrayContaining([
        { locationId: 'A', sku: 'X', reserved: 5 },
        { locationId: 'B', sku: 'Y', reserved: 1 },
      ]),
    );
    expect(plan.deltas).toHaveLength(2);
  });

  it('changes nothing when the same reservation is requested again (a retried call)', () => {
    const plan = planReservation([held('l1', 'A', 'X', 2)], [line('l1', 'A', 'X', 2)]);
    expect(plan).toEqual({ set: [], release: [], deltas: [] });
  });

  it('reserves only the difference when a line grows, and gives back when it shrinks', () => {
    expect(planReservation([held('l1', 'A', 'X', 2)], [line('l1', 'A', 'X', 5)]).deltas).toEqual([
      { locationId: 'A', sku: 'X', reserved: 3 },
    ]);
    expect(planReservation([held('l1', 'A', 'X', 5)], [line('l1', 'A', 'X', 1)]).deltas).toEqual([
      { locationId: 'A', sku: 'X', reserved: -4 },
    ]);
  });

  it('moves a line to another location: releases the old one, reserves the new one', () => {
    const plan = planReservation([held('l1', 'A', 'X', 2)], [line('l1', 'B', 'X', 2)]);
    expect(plan.release.map((r) => r.locationId)).toEqual(['A']);
    expect(plan.deltas).toEqual(
      expect.arrayContaining([
        { locationId: 'A', sku: 'X', reserved: -2 },
        { locationId: 'B', sku: 'X', reserved: 2 },
      ]),
    );
  });

  it('swaps the SKU of a line at the same location', () => {
    const plan = planReservation([held('l1', 'A', 'X', 2)], [line('l1', 'A', 'Y', 2)]);
    expect(plan.deltas).toEqual(
      expect.arrayContaining([
        { locationId: 'A', sku: 'X', reserved: -2 },
        { locationId: 'A', sku: 'Y', reserved: 2 },
      ]),
    );
  });

  it('re-reserves a released line in full', () => {
    const plan = planReservation([held('l1', 'A', 'X', 2, { status: ReservationStatus.RELEASED })], [line('l1', 'A', 'X', 2)]);
    expect(plan.deltas).toEqual([{ locationId: 'A', sku: 'X', reserved: 2 }]);
  });

  it('leaves lines the request does not name alone', () => {
    const plan = planReservation([held('l1', 'A', 'X', 2), held('l2', 'A', 'X', 4)], [line('l1', 'A', 'X', 3)]);
    expect(plan.release).toEqual([]);
    expect(plan.deltas).toEqual([{ locationId: 'A', sku: 'X', reserved: 1 }]);
  });

  it('nets units moving between two lines at one location to no change', () => {
    const plan = planReservation(
      [held('l1', 'A', 'X', 3), held('l2', 'A', 'X', 1)],
      [line('l1', 'A', 'X', 1), line('l2', 'A', 'X', 3)],
    );
    expect(plan.set).toHaveLength(2);
    expect(plan.deltas).toEqual([]);
  });

  it('refuses to re-reserve a line that has shipped', () => {
    const shipped = held('l1', 'A', 'X', 2, { shippedQuantity: 2, status: ReservationStatus.CONSUMED });
    expect(codeOf(() => planReservation([shipped], [line('l1', 'A', 'X', 2)]))).toBe('ALREADY_SHIPPED');
  });
});

describe('consume', () => {
  it('takes at most what the reservation holds, and consumes it once nothing is held', () => {
    const row = held('l1', 'A', 'X', 3);
    expect(consume(row, 2)).toEqual({ taken: 2, shippedQuantity: 2, status: ReservationStatus.ACTIVE });
    expect(consume(row, 5)).toEqual({ taken: 3, shippedQuantity: 3, status: ReservationStatus.CONSUMED });
  });

  it('takes nothing from a released or consumed reservation', () => {
    expect(consume(held('l1', 'A', 'X', 3, { status: ReservationStatus.RELEASED }), 3).taken).toBe(0);
    const done = held('l1', 'A', 'X', 3, { shippedQuantity: 3, status: ReservationStatus.CONSUMED });
    expect(consume(done, 3)).toEqual({ taken: 0, shippedQuantity: 3, status: ReservationStatus.CONSUMED });
    expect(heldUnits(done)).toBe(0);
  });
});

describe('orderConfirmed', () => {
  const later = new Date('2026-12-01T10:15:00Z');
  it.each([
    [[], false],
    [[later], false],
    [[later, later], false],
    [[null], true],
    [[later, null], true],
  ])('rows expiring at %p: %p', (expiries, confirmed) => {
    expect(orderConfirmed(expiries.map((expiresAt) => ({ expiresAt })))).toBe(confirmed);
  });
});
