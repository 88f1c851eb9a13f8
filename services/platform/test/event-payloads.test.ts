/**
 * The payload definitions (`events/payloads`): one per event type the services publish, each
 * accepting what its producer writes today (realistic literals here; gateway/test/event-payloads
 * parses what the real producers wrote), and `parsePayload` refusing anything else: another
 * shape, another type, a version the consumer does not read. `recordEvent` writes the version
 * the definition names.
 */
import {
  Channel,
  EVENT_DEFINITIONS,
  eventDefinition,
  newEnvelope,
  OutboxEvent,
  parseEvent,
  parsePayload,
  PayloadError,
  recordEvent,
  type EventDefinition,
  type EventEnvelope,
} from '@omni/platform';
import { DIALECTS, testDatabase } from './databases';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const orderPlaced = {
  orderId: id(1),
  number: 'W-7Q2K9D',
  customerId: id(2),
  channel: 'WEB',
  currency: 'USD',
  subtotalCents: 36500,
  discountCents: 2500,
  totalCents: 34000,
  lines: [
    { lineId: id(3), sku: 'TS-42', quantity: 2, unitPriceCents: 12000, categoryPath: ['Footwear', 'Trail'] },
    { lineId: id(4), sku: 'SOCK-M', quantity: 1, unitPriceCents: 2500, categoryPath: [] },
    { lineId: id(16), sku: 'GIFT-EGIFT-50', quantity: 2, unitPriceCents: 5000, categoryPath: ['Gift Cards'], giftCard: true },
  ],
};

const fulfillmentLeft = {
  orderId: id(1),
  fulfillmentId: id(5),
  customerId: id(2),
  locationId: id(6),
  sourceLocationId: id(6),
  trackingNumber: '1Z999AA10123456784',
  carrier: 'UPS',
  lines: [{ orderLineId: id(3), sku: 'TS-42', quantity: 2 }],
};

const loyaltyTender = { paymentId: id(20), method: 'GIFT_CARD', holdId: id(21), amountCents: 5000, points: 0 };

/**
 * What each producer writes today, realistic payloads per event type. A new definition needs its
 * producer's payloads here (the first test lists the types without any).
 */
const PRODUCED: Record<string, unknown[]> = {
  'crm.customer.registered': [
    { customerId: id(2), email: 'ana@example.com', phone: '15550102000' },
    { customerId: id(7), email: 'bo@example.com', phone: null },
  ],
  'crm.customer.merged': [{ survivorId: id(2), duplicateId: id(7) }],
  'crm.product.viewed': [{ customerId: id(2), productId: id(8), channel: 'MOBILE_APP' }],
  'crm.customer.erased': [
    { customerId: id(2), mergedIds: [], requestId: id(30) },
    { customerId: id(2), mergedIds: [id(31)], requestId: id(30) },
  ],
  'crm.segment.membership_changed': [
    { segmentId: id(40), customerId: id(2), member: true },
    { segmentId: id(40), customerId: id(2), member: false },
  ],
  'crm.offer.granted': [
    {
      offerId: id(41),
      customerId: id(2),
      name: 'Happy birthday, Ana!',
      kind: 'PERCENT_OFF',
      value: 15,
      currency: null,
      startsAt: '2026-06-15T09:00:00.000Z',
      endsAt: '2026-06-22T09:00:00.000Z',
    },
    {
      offerId: id(42),
      customerId: id(2),
      name: 'Welcome',
      kind: 'AMOUNT_OFF',
      value: 500,
      currency: 'USD',
      startsAt: '2026-06-15T09:00:00.000Z',
      endsAt: '2026-07-15T09:00:00.000Z',
    },
  ],
  'catalog.price.changed': [
    { sku: 'TS-42', channel: null, previous: null, price: { cents: 12000, currency: 'USD' } },
    { sku: 'TS-42', channel: 'WEB', previous: { cents: 12000, currency: 'USD' }, price: { cents: 11000, currency: 'USD' } },
  ],
  'inventory.stock.changed': [
    {
      sku: 'TS-42',
      locationId: id(6),
      kind: 'RESERVE',
      reason: null,
      reference: `order:${id(1)}`,
      onHand: 10,
      reserved: 2,
      inTransit: 0,
      safetyStock: 1,
      available: 7,
      change: { onHand: 0, reserved: 2, inTransit: 0, safetyStock: 0 },
    },
    // As the first release wrote it.
    { sku: 'TS-42', locationId: id(6), onHand: 10, reserved: 0, available: 10, reason: 'COUNT' },
  ],
  'inventory.appointment.changed': [
    {
      appointmentId: id(20),
      customerId: id(2),
      locationId: id(6),
      locationName: 'Harbor Store',
      kind: 'FITTING',
      startsAt: '2026-12-01T14:00:00.000Z',
      endsAt: '2026-12-01T14:30:00.000Z',
      change: 'MOVED',
      previousStartsAt: '2026-12-01T09:30:00.000Z',
    },
    {
      appointmentId: id(20),
      customerId: id(2),
      locationId: id(6),
      locationName: 'Harbor Store',
      kind: 'PICKUP_SLOT',
      startsAt: '2026-12-01T14:00:00.000Z',
      endsAt: '2026-12-01T14:15:00.000Z',
      change: 'BOOKED',
      previousStartsAt: null,
    },
  ],
  'inventory.appointment.reminder_due': [
    {
      appointmentId: id(20),
      customerId: id(2),
      locationId: id(6),
      locationName: 'Harbor Store',
      kind: 'CONSULTATION',
      startsAt: '2026-12-01T14:00:00.000Z',
      endsAt: '2026-12-01T15:00:00.000Z',
    },
  ],
  'orders.order.placed': [
    orderPlaced,
    // Before orders carried the category path, and a guest's order.
    {
      ...orderPlaced,
      customerId: null,
      channel: 'STORE',
      lines: orderPlaced.lines.map(({ categoryPath: _, ...line }) => line),
    },
  ],
  'orders.order.cancelled': [
    {
      orderId: id(1),
      number: 'W-7Q2K9D',
      customerId: id(2),
      reason: null,
      lines: [{ orderLineId: id(3), sku: 'TS-42', quantity: 2 }],
      totalCents: 0,
      currency: 'USD',
    },
    // Before the number and the total were written.
    { orderId: id(1), customerId: null, reason: 'changed mind', lines: [{ orderLineId: id(3), sku: 'TS-42', quantity: 1 }] },
  ],
  'orders.order.modified': [
    {
      orderId: id(1),
      number: 'W-7Q2K9D',
      customerId: id(2),
      channel: 'CALL_CENTER',
      actor: 'csr@example.com',
      currency: 'USD',
      subtotalCents: 14500,
      discountCents: 0,
      totalCents: 14500,
      changes: [
        { lineId: id(3), fromSku: 'TS-42', sku: 'TS-42', fromQuantity: 2, quantity: 1, unitPriceCents: 12000 },
        { lineId: id(4), fromSku: 'SOCK-M', sku: 'SOCK-M', fromQuantity: 1, quantity: 0, unitPriceCents: 2500 },
      ],
      lines: [
        { lineId: id(3), sku: 'TS-42', quantity: 1, unitPriceCents: 12000, status: 'OPEN' },
        { lineId: id(4), sku: 'SOCK-M', quantity: 1, unitPriceCents: 2500, status: 'CANCELLED' },
      ],
    },
  ],
  'orders.fulfillment.shipped': [fulfillmentLeft],
  'orders.fulfillment.collected': [{ ...fulfillmentLeft, trackingNumber: null, carrier: null }],
  'orders.fulfillment.ready_for_pickup': [
    { ...fulfillmentLeft, locationId: id(9), sourceLocationId: id(6), trackingNumber: null, carrier: null },
  ],
  'orders.return.created': [
    {
      returnId: id(10),
      rmaNumber: 'R-4KD93Q',
      orderId: id(1),
      customerId: id(2),
      method: 'MAIL',
      resolution: 'REFUND',
      locationId: null,
      label: { carrier: 'UPS', trackingNumber: '1ZRMA12345678901', url: 'https://labels.omni.example/returns/R-4KD93Q.pdf' },
    },
    {
      returnId: id(11),
      rmaNumber: 'R-8XP21L',
      orderId: id(1),
      customerId: null,
      method: 'IN_STORE',
      resolution: 'EXCHANGE',
      locationId: id(9),
      label: null,
    },
  ],
  'orders.return.received': [
    {
      returnId: id(10),
      orderId: id(1),
      customerId: id(2),
      locationId: id(6),
      resolution: 'STORE_CREDIT',
      refundCents: 12000,
      currency: 'USD',
      exchangeOrderId: null,
      lines: [{ orderLineId: id(3), sku: 'TS-42', quantity: 1, unitPriceCents: 12000, restockable: true }],
    },
  ],
  'orders.payment.captured': [
    { orderId: id(1), number: 'W-7Q2K9D', customerId: id(2), currency: 'USD', tenders: [loyaltyTender] },
  ],
  'orders.payment.refunded': [
    {
      refundId: id(22),
      orderId: id(1),
      number: 'W-7Q2K9D',
      customerId: id(2),
      currency: 'USD',
      reason: 'CANCELLED',
      tenders: [{ ...loyaltyTender, method: 'POINTS', amountCents: 300, points: 300 }],
    },
  ],
  'orders.payment.released': [{ orderRef: id(1), holdIds: [id(21)] }],
  'orders.shopping_list.fill_due': [{ itemId: id(24), customerId: id(2), sku: 'TS-42', quantity: 2, fillOn: '2026-12-14' }],
  'orders.refund.issued': [
    {
      refundId: id(22),
      orderId: id(1),
      number: 'W-7Q2K9D',
      customerId: id(2),
      currency: 'USD',
      reason: 'RETURNED',
      amountCents: 12300,
      tenders: [
        { paymentId: id(20), method: 'POINTS', amountCents: 300, points: 300 },
        { paymentId: id(23), method: 'CARD', amountCents: 12000, points: 0 },
      ],
    },
    {
      refundId: id(24),
      orderId: id(1),
      number: 'W-7Q2K9D',
      customerId: null,
      currency: 'USD',
      reason: 'CANCELLED',
      amountCents: 500,
      tenders: [{ paymentId: id(23), method: 'CASH', amountCents: 500, points: 0 }],
    },
  ],
  'loyalty.account.enrolled': [{ customerId: id(2), cardNumber: '6270123456789012' }],
  'loyalty.account.merged': [
    { survivorId: id(2), duplicateId: id(7), cardNumber: '6270123456789012', linkedCardNumber: '6270987654321098' },
    { survivorId: id(2), duplicateId: id(7), cardNumber: '6270987654321098', linkedCardNumber: null },
  ],
  'loyalty.points.changed': [
    { customerId: id(2), accountId: id(12), entryId: id(13), kind: 'EARN', points: 240, balance: 240, tier: 'BRONZE' },
    { customerId: id(2), accountId: id(12), entryId: id(14), kind: 'REVERSAL', points: -120, balance: 120, tier: 'BRONZE' },
  ],
  'loyalty.giftcard.issued': [{ giftCardId: id(15), cents: 5000, currency: 'USD', purchaserCustomerId: null }],
  'orders.giftcard.purchased': [
    {
      orderId: id(1),
      number: 'W-7Q2K9D',
      orderLineId: id(16),
      kind: 'EGIFT',
      quantity: 2,
      valueCents: 5000,
      currency: 'USD',
      purchaserCustomerId: id(2),
      recipientEmail: 'friend@example.com',
    },
    {
      orderId: id(1),
      number: 'W-7Q2K9D',
      orderLineId: id(17),
      kind: 'PHYSICAL',
      quantity: 1,
      valueCents: 2500,
      currency: 'USD',
      purchaserCustomerId: null,
      recipientEmail: null,
    },
  ],
  'loyalty.giftcard.delivery_requested': [
    {
      giftCardId: id(18),
      orderId: id(1),
      orderNumber: 'W-7Q2K9D',
      orderLineId: id(16),
      kind: 'EGIFT',
      last4: '7Q2K',
      valueCents: 5000,
      currency: 'USD',
      purchaserCustomerId: id(2),
      recipientEmail: 'friend@example.com',
      sealedCode: 'v1.Zm9vYmFy.c2VhbGVk',
    },
  ],
};

const envelope = (type: string, payload: unknown, version = 1): EventEnvelope => ({
  ...newEnvelope(type, payload, Channel.WEB),
  version,
});

describe('event payload definitions', () => {
  it('define every event type once, each at version 1 today', () => {
    const types = EVENT_DEFINITIONS.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    // Each definition with its producer's payloads below, and no payloads of an undefined type.
    expect(types.filter((type) => !PRODUCED[type])).toEqual([]);
    expect(Object.keys(PRODUCED).filter((type) => !eventDefinition(type))).toEqual([]);
    for (const definition of EVENT_DEFINITIONS) {
      expect([definition.type, definition.version, definition.versions]).toEqual([definition.type, 1, [1]]);
      expect(eventDefinition(definition.type)).toBe(definition);
    }
    expect(eventDefinition('orders.order.shipped')).toBeUndefined();
  });

  it.each(Object.entries(PRODUCED))('accept what the producer of %s writes', (type, payloads) => {
    const definition = eventDefinition(type)!;
    for (const payload of payloads) expect(parsePayload(definition, envelope(type, payload))).toEqual(payload);
  });

  it.each(EVENT_DEFINITIONS.map((d) => [d.type, d] as const))('refuse what %s never carries', (type, definition) => {
    if (!PRODUCED[type]) return; // reported by the first test
    const [payload] = PRODUCED[type] as Record<string, unknown>[];
    const refused = (bad: unknown) => expect(() => parsePayload(definition, envelope(type, bad))).toThrow(PayloadError);
    refused(null);
    refused('{}');
    refused([]);
    // Every field the producer always writes is required.
    const required = Object.keys(payload!).filter((key) => PRODUCED[type]!.every((p) => key in (p as Record<string, unknown>)));
    expect(required.length).toBeGreaterThan(0);
    for (const key of required) {
      const { [key]: _, ...without } = payload!;
      refused(without);
      refused({ ...payload, [key]: { unexpected: true } });
    }
  });

  it('drop fields a definition does not know (a newer producer may add some)', () => {
    const parsed = parsePayload(
      eventDefinition('orders.order.placed') as EventDefinition,
      envelope('orders.order.placed', { ...orderPlaced, giftWrap: true }),
    );
    expect(parsed).toEqual(orderPlaced);
  });

  it('parsePayload refuses another type, a version the consumer does not read, and names the field at fault', () => {
    const placed = eventDefinition('orders.order.placed')!;
    expect(() => parsePayload(placed, envelope('orders.order.cancelled', orderPlaced))).toThrow(
      'an event of type orders.order.cancelled read as orders.order.placed',
    );
    expect(() => parsePayload(placed, envelope('orders.order.placed', orderPlaced, 2))).toThrow(
      'orders.order.placed version 2 is not one this consumer reads (1)',
    );
    const bad = { ...orderPlaced, lines: [{ ...orderPlaced.lines[0], quantity: '2' }] };
    let error: unknown;
    try {
      parsePayload(placed, envelope('orders.order.placed', bad));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PayloadError);
    expect(error).toMatchObject({
      name: 'PayloadError',
      type: 'orders.order.placed',
      version: 1,
      message: 'malformed orders.order.placed v1 payload: lines.0.quantity: Invalid input: expected number, received string',
    });
  });

  it('parseEvent picks the definition of the event among several, and refuses the others', () => {
    const [shipped, ready] = [
      eventDefinition('orders.fulfillment.shipped')!,
      eventDefinition('orders.fulfillment.ready_for_pickup')!,
    ];
    const parsed = parseEvent([shipped, ready], envelope('orders.fulfillment.ready_for_pickup', fulfillmentLeft));
    expect(parsed).toEqual({ type: 'orders.fulfillment.ready_for_pickup', payload: fulfillmentLeft });
    expect(() => parseEvent([shipped, ready], envelope('orders.fulfillment.collected', fulfillmentLeft))).toThrow(
      'an event of type orders.fulfillment.collected read as orders.fulfillment.shipped or orders.fulfillment.ready_for_pickup',
    );
  });
});

describe.each(DIALECTS)('recordEvent on %s', (dialect) => {
  it("writes the version of the event's definition (1 for a type without one)", async () => {
    const database = await testDatabase(dialect);
    try {
      const recorded = await database.db.transaction(async (manager) => [
        await recordEvent(manager, 'orders.order.placed', orderPlaced, Channel.WEB),
        await recordEvent(manager, 'platformtest.thing.happened', { n: 1 }, null),
        await recordEvent(manager, 'platformtest.thing.happened', { n: 2 }, null, 3),
      ]);
      expect(recorded.map((e) => e.version)).toEqual([1, 1, 3]);
      const rows = await database.db.getRepository(OutboxEvent).find({ order: { sequence: 'ASC' } });
      expect(rows.map((r) => (JSON.parse(r.envelope) as EventEnvelope).version)).toEqual([1, 1, 3]);
    } finally {
      await database.close();
    }
  });
});
