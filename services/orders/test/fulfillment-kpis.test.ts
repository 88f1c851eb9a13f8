import { fulfillmentKpis, median, pickProblem, promiseKept, rate, type KpiFulfillment } from '../src/domain/fulfillment-kpis';
import { FulfillmentStatus as S, FulfillmentType as T } from '../src/domain/status';

const at = (iso: string) => new Date(iso);
const f = (over: Partial<KpiFulfillment>): KpiFulfillment => ({
  locationId: 'store',
  type: T.PICKUP_IN_STORE,
  status: S.PENDING,
  sourceLocationId: 'store',
  placedAt: at('2026-11-02T09:00:00Z'),
  promisedDate: null,
  readyAt: null,
  leftAt: null,
  lines: 1,
  shortPickedLines: 0,
  substitutedLines: 0,
  mispickedLines: 0,
  ...over,
});
const today = '2026-11-10';

describe('median and rate', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[9, 1, 5], 5],
    [[1, 2, 3, 10], 2.5],
  ])('median of %p is %p', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it.each([
    [0, 0, null],
    [1, 3, 0.3333],
    [2, 3, 0.6667],
    [3, 3, 1],
  ])('%p of %p is %p', (part, whole, expected) => {
    expect(rate(part, whole)).toBe(expected);
  });
});

describe('promiseKept', () => {
  it.each([
    ['no promise', f({ status: S.READY_FOR_PICKUP, readyAt: at('2026-11-03T10:00:00Z') }), null],
    ['pickup ready on the day', f({ promisedDate: '2026-11-03', readyAt: at('2026-11-03T23:59:00Z') }), 'ON_TIME'],
    ['pickup ready the day after', f({ promisedDate: '2026-11-03', readyAt: at('2026-11-04T00:01:00Z') }), 'LATE'],
    [
      'pickup collected without a ready time',
      f({ promisedDate: '2026-11-03', status: S.COLLECTED, leftAt: at('2026-11-03T12:00:00Z') }),
      'ON_TIME',
    ],
    ['pickup not ready, date passed', f({ promisedDate: '2026-11-09', status: S.PICKING }), 'LATE'],
    ['pickup not ready, due today', f({ promisedDate: today, status: S.PICKING }), null],
    ['cancelled', f({ promisedDate: '2026-11-03', status: S.CANCELLED }), null],
    // A shipment promised for the 6th ships by the 4th (two transit days).
    [
      'shipped by its ship date',
      f({ type: T.SHIP, promisedDate: '2026-11-06', status: S.SHIPPED, leftAt: at('2026-11-04T17:00:00Z') }),
      'ON_TIME',
    ],
    [
      'shipped after it',
      f({ type: T.SHIP, promisedDate: '2026-11-06', status: S.DELIVERED, leftAt: at('2026-11-05T08:00:00Z') }),
      'LATE',
    ],
    ['not shipped, ship date passed', f({ type: T.SHIP, promisedDate: '2026-11-11', status: S.PACKED }), 'LATE'],
    ['not shipped, ship date ahead', f({ type: T.SHIP, promisedDate: '2026-11-13', status: S.PACKED }), null],
  ])('%s', (_, fulfillment, expected) => {
    expect(promiseKept(fulfillment, today)).toBe(expected);
  });
});

describe('fulfillmentKpis', () => {
  it('is empty without fulfillments', () => {
    expect(fulfillmentKpis([], today)).toEqual([]);
  });

  it('counts per location, hand-checked', () => {
    const rows = [
      // store: 5 fulfillments, 1 cancelled; 4 promises: 2 on time, 1 late, 1 not due; pickups ready in 60, 180, 30 minutes.
      f({
        promisedDate: '2026-11-02',
        status: S.COLLECTED,
        readyAt: at('2026-11-02T10:00:00Z'),
        lines: 2,
        shortPickedLines: 1,
        mispickedLines: 1,
      }),
      f({
        promisedDate: '2026-11-02',
        status: S.READY_FOR_PICKUP,
        readyAt: at('2026-11-02T12:00:00Z'),
        lines: 1,
        substitutedLines: 1,
        mispickedLines: 1,
      }),
      f({
        promisedDate: '2026-11-01',
        status: S.READY_FOR_PICKUP,
        readyAt: at('2026-11-02T09:30:00Z'),
        lines: 3,
        shortPickedLines: 1,
        substitutedLines: 1,
        mispickedLines: 1,
      }),
      f({ promisedDate: '2026-11-12', status: S.PENDING, lines: 4 }),
      f({ promisedDate: '2026-11-02', status: S.CANCELLED, lines: 2 }),
      // warehouse: 1 shipment, on time, picked as ordered.
      f({
        locationId: 'dc',
        type: T.SHIP,
        promisedDate: '2026-11-05',
        status: S.SHIPPED,
        leftAt: at('2026-11-03T08:00:00Z'),
        lines: 2,
      }),
    ];
    expect(fulfillmentKpis(rows, today)).toEqual([
      {
        locationId: 'dc',
        fulfillments: 1,
        cancelled: 0,
        cancelledRate: 0,
        onTime: 1,
        late: 0,
        onTimeRate: 1,
        pickupReadyMinutesP50: null,
        pickedLines: 2,
        shortPickedLines: 0,
        substitutedLines: 0,
        pickAccuracy: 1,
      },
      {
        locationId: 'store',
        fulfillments: 5,
        cancelled: 1,
        cancelledRate: 0.2,
        onTime: 2,
        late: 1,
        onTimeRate: 0.6667,
        pickupReadyMinutesP50: 60,
        // The PENDING and the cancelled fulfillment were never picked.
        pickedLines: 6,
        shortPickedLines: 2,
        substitutedLines: 2,
        // 3 lines mispicked (one both short and substituted) of 6.
        pickAccuracy: 0.5,
      },
    ]);
  });
});

describe('pickProblem', () => {
  const lines = [
    { orderLineId: 'l1', sku: 'SKU-A', quantity: 2 },
    { orderLineId: 'l2', sku: 'SKU-B', quantity: 1 },
  ];
  it.each([
    [[{ orderLineId: 'l1', pickedQuantity: 1 }], null],
    [[{ orderLineId: 'l1', pickedQuantity: 2, substituteSku: 'SKU-C' }], null],
    [
      [
        { orderLineId: 'l1', pickedQuantity: 0 },
        { orderLineId: 'l2', pickedQuantity: 1, substituteSku: ' ' },
      ],
      null,
    ],
    [[], 'EMPTY_REQUEST'],
    [[{ orderLineId: 'l9', pickedQuantity: 1 }], 'UNKNOWN_LINE'],
    [
      [
        { orderLineId: 'l1', pickedQuantity: 1 },
        { orderLineId: 'l1', pickedQuantity: 0 },
      ],
      'DUPLICATE_LINE',
    ],
    [[{ orderLineId: 'l1', pickedQuantity: 3 }], 'INVALID_QUANTITY'],
    [[{ orderLineId: 'l1', pickedQuantity: -1 }], 'INVALID_QUANTITY'],
    [[{ orderLineId: 'l1', pickedQuantity: 2, substituteSku: 'SKU-A' }], 'INVALID_SKU'],
    [[{ orderLineId: 'l1', pickedQuantity: 2, substituteSku: 'X'.repeat(65) }], 'INVALID_SKU'],
    [[{ orderLineId: 'l1', pickedQuantity: 2, substituteSku: 'A\u0000B' }], 'INVALID_SKU'],
  ])('%j: %p', (picked, code) => {
    expect(pickProblem(lines, picked)?.code ?? null).toBe(code);
  });
});
