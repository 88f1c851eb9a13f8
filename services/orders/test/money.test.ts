import {
  afterRefund,
  allocateRefund,
  balanceDue,
  PaymentMethod,
  PaymentStatus,
  pointsTender,
  refundDue,
  type PaymentState,
} from '../src/domain/money';
import { idempotencyScope, requestHash } from '../src/domain/idempotency';
import { Channel, Role, type Caller } from '@omni/platform';

function seeded(seed: number): (max: number) => number {
  let state = seed >>> 0;
  return (max) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % max;
  };
}

const payment = (id: string, method: PaymentMethod, amountCents: number, sequence: number, points = 0): PaymentState => ({
  id,
  method,
  status: method === PaymentMethod.CARD ? PaymentStatus.AUTHORIZED : PaymentStatus.CAPTURED,
  amountCents,
  refundedCents: 0,
  points,
  refundedPoints: 0,
  sequence,
});

describe('allocateRefund', () => {
  const paid = [
    payment('pts', PaymentMethod.POINTS, 500, 1, 500),
    payment('sc', PaymentMethod.STORE_CREDIT, 1000, 2),
    payment('gc', PaymentMethod.GIFT_CARD, 2000, 3),
    payment('card', PaymentMethod.CARD, 3000, 4),
  ];

  it('refunds the card first, then gift cards, store credit and points last', () => {
    expect(allocateRefund(paid, 4500)).toEqual([
      { paymentId: 'card', method: PaymentMethod.CARD, cents: 3000, points: 0 },
      { paymentId: 'gc', method: PaymentMethod.GIFT_CARD, cents: 1500, points: 0 },
    ]);
    expect(allocateRefund(paid, 6500).at(-1)).toEqual({
      paymentId: 'pts',
      method: PaymentMethod.POINTS,
      cents: 500,
      points: 500,
    });
  });

  it('never refunds more than was paid, nor a negative or fractional amount', () => {
    expect(() => allocateRefund(paid, 6501)).toThrow(RangeError);
    expect(() => allocateRefund(paid, -1)).toThrow(RangeError);
    expect(() => allocateRefund(paid, 1.5)).toThrow(RangeError);
    expect(allocateRefund(paid, 0)).toEqual([]);
  });

  it('gives back the points of a points tender proportionally, and all of them with its last cent', () => {
    const points = payment('pts', PaymentMethod.POINTS, 333, 1, 333);
    const first = allocateRefund([points], 100)[0]!;
    expect(first.points).toBe(100);
    const rest = allocateRefund([afterRefund(points, first)], 233)[0]!;
    expect(first.points + rest.points).toBe(333);
  });

  it('splits any sequence of refunds to the cent: each tender gets back exactly what it paid, never more', () => {
    const random = seeded(7);
    for (let round = 0; round < 300; round++) {
      let payments = [
        payment('pts', PaymentMethod.POINTS, random(5000), 1, 0),
        payment('sc', PaymentMethod.STORE_CREDIT, random(5000), 2),
        payment('gc1', PaymentMethod.GIFT_CARD, random(5000), 3),
        payment('gc2', PaymentMethod.GIFT_CARD, random(5000), 4),
        payment('card', PaymentMethod.CARD, random(20_000), 5),
      ].map((p) => (p.method === PaymentMethod.POINTS ? { ...p, points: p.amountCents } : p));
      const total = payments.reduce((sum, p) => sum + p.amountCents, 0);
      let refunded = 0;
      while (refunded < total) {
        const cents = Math.min(total - refunded, 1 + random(4000));
        const moves = allocateRefund(payments, cents);
        expect(moves.reduce((sum, m) => sum + m.cents, 0)).toBe(cents);
        for (const move of moves) payments = payments.map((p) => (p.id === move.paymentId ? afterRefund(p, move) : p));
        refunded += cents;
        for (const p of payments) expect(p.refundedCents).toBeLessThanOrEqual(p.amountCents);
      }
      for (const p of payments) {
        expect(p.refundedCents).toBe(p.amountCents);
        expect(p.refundedPoints).toBe(p.points);
        if (p.amountCents > 0) expect(p.status).toBe(PaymentStatus.REFUNDED);
      }
    }
  });
});

describe('balanceDue', () => {
  const paid = [payment('card', PaymentMethod.CARD, 3000, 1)];

  it('is what the tenders leave unpaid, negative when the retailer owes the customer', () => {
    expect(balanceDue(5000, paid)).toBe(2000);
    expect(balanceDue(2000, paid)).toBe(-1000);
    expect(refundDue(2000, paid)).toBe(1000);
    expect(refundDue(5000, paid)).toBe(0);
  });

  it('counts value paid out as store credit or exchange credit as given back', () => {
    // A 3000 order, fully paid, 1000 of it returned for store credit: nothing owed either way.
    expect(balanceDue(2000, paid, 1000)).toBe(0);
    expect(refundDue(2000, paid, 1000)).toBe(0);
  });

  it('ignores voided payments', () => {
    expect(balanceDue(3000, [{ ...paid[0]!, status: PaymentStatus.VOIDED }])).toBe(3000);
  });
});

describe('pointsTender', () => {
  it('pays up to what is left with the points asked for, one point per cent', () => {
    expect(pointsTender(5000, 100)).toEqual({ cents: 100, points: 100 });
    expect(pointsTender(80, 100)).toEqual({ cents: 80, points: 80 });
    expect(pointsTender(5000, 0)).toEqual({ cents: 0, points: 0 });
  });
});

describe('idempotency', () => {
  const caller = (roles: Role[], extra: Partial<Caller> = {}): Caller =>
    ({ subject: 'u1', roles, customerId: null, locationId: null, partnerId: null, ...extra }) as Caller;

  it('scopes a key to its caller: partner, customer, staff member on a channel', () => {
    expect(idempotencyScope(caller([Role.PARTNER], { partnerId: 'p1' }), Channel.PARTNER)).toBe('partner:p1');
    expect(idempotencyScope(caller([Role.PARTNER], { partnerId: 'p2' }), Channel.PARTNER)).toBe('partner:p2');
    expect(idempotencyScope(caller([Role.CUSTOMER], { customerId: 'c1' }), Channel.WEB)).toBe('customer:c1');
    expect(idempotencyScope(caller([Role.CSR]), Channel.CALL_CENTER)).toBe('staff:u1:CALL_CENTER');
    expect(idempotencyScope(caller([Role.CSR]), Channel.STORE)).not.toBe(
      idempotencyScope(caller([Role.CSR]), Channel.CALL_CENTER),
    );
  });

  it('hashes a request whatever the order of its keys, and tells a different request apart', () => {
    expect(requestHash({ a: 1, b: [1, 2], c: { d: 'x' } })).toBe(requestHash({ c: { d: 'x' }, b: [1, 2], a: 1 }));
    expect(requestHash({ a: 1, b: null })).toBe(requestHash({ a: 1 }));
    expect(requestHash({ lines: [{ sku: 'A', quantity: 1 }] })).not.toBe(requestHash({ lines: [{ sku: 'A', quantity: 2 }] }));
  });
});
