import { randomUUID } from 'node:crypto';
import {
  DeadLetter,
  eventDefinition,
  newEnvelope,
  OutboxEvent,
  parsePayload,
  ProcessedEvent,
  type EventEnvelope,
} from '@omni/platform';
import type { DataSource } from 'typeorm';
import { LedgerEntry, LoyaltyAccount } from '../../services/loyalty/src/entities/account';
import { StockMovement } from '../../services/inventory/src/entities/movement';
import { eventually, publishFromOutbox, send, startTestSystem, type TestSystem } from './harness';

/**
 * One definition per event payload (`@omni/platform`, `events/payloads/`): what the producers
 * write parses with it, and a payload that does not is never applied: each consumer throws on it,
 * the bus redelivers, and after EVENT_MAX_DELIVERIES it is parked in that service's dead_letter
 * table, having written nothing else.
 */
const SERVICES = ['crm', 'catalog', 'inventory', 'orders', 'loyalty'] as const;
const MAX_DELIVERIES = 3;

/**
 * What the flow below makes the producers publish: every type but `orders.payment.released`
 * (published only when loyalty cannot be reached to release a hold at once).
 */
const PRODUCED_HERE = [
  'crm.customer.registered',
  'crm.customer.merged',
  'crm.product.viewed',
  'catalog.price.changed',
  'inventory.stock.changed',
  'orders.order.placed',
  'orders.order.cancelled',
  'orders.order.modified',
  'orders.fulfillment.shipped',
  'orders.fulfillment.collected',
  'orders.fulfillment.ready_for_pickup',
  'orders.return.created',
  'orders.return.received',
  'orders.payment.captured',
  'orders.payment.refunded',
  'orders.refund.issued',
  'loyalty.account.enrolled',
  'loyalty.account.merged',
  'loyalty.points.changed',
  'loyalty.giftcard.issued',
];

describe('event payloads', () => {
  let t: TestSystem;
  const maxDeliveries = process.env.EVENT_MAX_DELIVERIES;
  const locations: Record<string, string> = {};
  const customers: Record<string, string> = {};
  const productIds: string[] = [];

  const db = (service: string): DataSource => t.system.services.get(service)!.db;
  const outbox = async () =>
    (
      await Promise.all(
        SERVICES.map((s) =>
          db(s)
            .getRepository(OutboxEvent)
            .find({ order: { sequence: 'ASC' } }),
        ),
      )
    ).flat();
  const letters = async () => (await Promise.all(SERVICES.map((s) => db(s).getRepository(DeadLetter).find()))).flat();

  beforeAll(async () => {
    // Read by the services when they start: park after three failed deliveries.
    process.env.EVENT_MAX_DELIVERIES = String(MAX_DELIVERIES);
    t = await startTestSystem();
    const places = [
      { key: 'dc', name: 'Payload DC', type: 'WAREHOUSE', lat: 40.52, lng: -74.41, fulfillsOnline: true, pickupEnabled: false },
      { key: 'store', name: 'Payload Store', type: 'STORE', lat: 40.71, lng: -74.01, fulfillsOnline: true, pickupEnabled: true },
    ];
    for (const { key, ...input } of places) {
      locations[key] = (await send(t.client, 'UpsertLocation', { input })).upsertLocation.location.id;
    }
    const product = await send(t.client, 'UpsertProduct', {
      input: {
        name: 'Trail Shoe',
        brand: 'Ridge',
        categoryPath: ['Footwear', 'Trail'],
        variants: [
          { sku: 'PL-TS-42', price: { cents: 12000, currency: 'USD' } },
          { sku: 'PL-TS-43', price: { cents: 12000, currency: 'USD' } },
        ],
      },
    });
    expect(product.upsertProduct.userErrors).toEqual([]);
    expect(
      (await send(t.client, 'SetPrice', { input: { sku: 'PL-TS-43', price: { cents: 12500, currency: 'USD' } } })).setPrice
        .userErrors,
    ).toEqual([]);
    for (const [key, sku, onHand] of [
      ['dc', 'PL-TS-42', 10],
      ['dc', 'PL-TS-43', 10],
      ['store', 'PL-TS-42', 5],
    ] as const) {
      expect(
        (await send(t.client, 'SetStock', { input: { locationId: locations[key], sku, onHand } })).setStock.userErrors,
      ).toEqual([]);
    }
    for (const [name, phone] of [
      ['ana', '+1 555 010 2000'],
      ['bo', null],
    ] as const) {
      const registered = await send(t.client, 'RegisterCustomer', {
        input: {
          email: `${name}.payloads@example.com`,
          phone,
          firstName: name,
          lastName: 'Payload',
          channel: 'WEB',
          address: { line1: '1 Main St', city: 'New York', postalCode: '10001', country: 'US', lat: 40.75, lng: -73.99 },
        },
      });
      expect(registered.registerCustomer.userErrors).toEqual([]);
      customers[name] = registered.registerCustomer.customer.id;
      expect(
        (await send(t.client, 'EnrollLoyalty', { customerId: customers[name], channel: 'WEB' })).enrollLoyalty.userErrors,
      ).toEqual([]);
    }
    productIds.push(product.upsertProduct.product.id);
  });
  afterAll(async () => {
    if (maxDeliveries === undefined) delete process.env.EVENT_MAX_DELIVERIES;
    else process.env.EVENT_MAX_DELIVERIES = maxDeliveries;
    await t?.close();
  });

  it('every event the services publish parses with its definition, and every consumer applies it', async () => {
    await send(t.client, 'RecordProductView', {
      input: { customerId: customers.ana, productId: productIds[0], channel: 'MOBILE_APP' },
    });
    const card = await send(t.client, 'IssueGiftCard', {
      input: {
        amount: { cents: 5000, currency: 'USD' },
        channel: 'STORE',
        idempotencyKey: randomUUID(),
        purchaserCustomerId: customers.ana,
      },
    });
    expect(card.issueGiftCard.userErrors).toEqual([]);

    // Shipped, partly paid by gift card (captured), modified (refunded), returned by mail.
    const placed = await send(t.client, 'PlaceOrderWithTenders', {
      customerId: customers.ana,
      channel: 'WEB',
      key: randomUUID(),
      lines: [
        { sku: 'PL-TS-42', quantity: 2 },
        { sku: 'PL-TS-43', quantity: 1 },
      ],
      fulfillment: { type: 'SHIP' },
      giftCardCodes: [card.issueGiftCard.giftCard.code],
      payment: { provider: 'manual', token: 'terminal-1' },
    });
    expect(placed.placeOrder.userErrors).toEqual([]);
    const order = (await send(t.client, 'OrderByNumber', { number: placed.placeOrder.order.number })).orderByNumber;
    const line = (sku: string) => order.lines.find((l: any) => l.sku === sku);
    const modified = await send(t.client, 'ModifyOrder', {
      input: { orderId: order.id, channel: 'CALL_CENTER', changes: [{ lineId: line('PL-TS-42').id, quantity: 1 }] },
    });
    expect(modified.modifyOrder.userErrors).toEqual([]);
    for (const fulfillment of order.fulfillments) {
      const associate = await t.associateFor(fulfillment.id);
      for (const [action, trackingNumber] of [['PICK'], ['PACK'], ['SHIP', '1ZPAYLOAD']]) {
        const step = await send(associate, 'AdvanceFulfillment', {
          input: { fulfillmentId: fulfillment.id, action, trackingNumber },
        });
        expect(step.advanceFulfillment.userErrors).toEqual([]);
      }
    }
    const created = await send(t.client, 'CreateReturn', {
      input: {
        orderId: order.id,
        channel: 'WEB',
        idempotencyKey: randomUUID(),
        method: 'MAIL',
        resolution: 'REFUND',
        lines: [{ orderLineId: line('PL-TS-43').id, quantity: 1, reason: 'too small' }],
      },
    });
    expect(created.createReturn.userErrors).toEqual([]);
    const received = await send(await t.associateAt(locations.dc!), 'ReceiveReturn', {
      input: {
        returnId: created.createReturn.return.id,
        locationId: locations.dc,
        lines: [{ orderLineId: line('PL-TS-43').id, quantity: 1, restockable: true }],
      },
    });
    expect(received.receiveReturn.userErrors).toEqual([]);

    // Picked up in store; another order cancelled; then the two customers merged.
    const pickup = await send(t.client, 'PlaceOrder', {
      input: {
        customerId: customers.ana,
        channel: 'WEB',
        idempotencyKey: randomUUID(),
        lines: [{ sku: 'PL-TS-42', quantity: 1 }],
        fulfillment: { type: 'PICKUP_IN_STORE', pickupLocationId: locations.store },
      },
    });
    expect(pickup.placeOrder.userErrors).toEqual([]);
    for (const fulfillment of pickup.placeOrder.order.fulfillments) {
      const associate = await t.associateFor(fulfillment.id);
      for (const action of ['PICK', 'READY_FOR_PICKUP', 'COLLECT']) {
        const step = await send(associate, 'AdvanceFulfillment', { input: { fulfillmentId: fulfillment.id, action } });
        expect(step.advanceFulfillment.userErrors).toEqual([]);
      }
    }
    // Paid in full by a gift card: cancelling it refunds the card.
    const second = await send(t.client, 'IssueGiftCard', {
      input: { amount: { cents: 20000, currency: 'USD' }, channel: 'STORE', idempotencyKey: randomUUID() },
    });
    const other = await send(t.client, 'PlaceOrderWithTenders', {
      customerId: customers.bo,
      channel: 'CALL_CENTER',
      key: randomUUID(),
      lines: [{ sku: 'PL-TS-43', quantity: 1 }],
      fulfillment: { type: 'SHIP' },
      giftCardCodes: [second.issueGiftCard.giftCard.code],
    });
    expect(other.placeOrder.userErrors).toEqual([]);
    const cancelled = await send(t.client, 'CancelOrder', {
      orderId: other.placeOrder.order.id,
      channel: 'CALL_CENTER',
      reason: 'test',
    });
    expect(cancelled.cancelOrder.userErrors).toEqual([]);
    const merged = await send(t.client, 'MergeCustomers', { survivorId: customers.ana, duplicateId: customers.bo });
    expect(merged.mergeCustomers.userErrors).toEqual([]);

    // Loyalty publishes from its consumers (points earned, the membership merged): wait for them.
    const all = await eventually(outbox, (rows) => {
      const types = new Set(rows.map((r) => r.type));
      return (
        ['loyalty.points.changed', 'loyalty.account.merged'].every((type) => types.has(type)) && rows.every((r) => r.publishedAt)
      );
    });
    const types = new Set(all.map((r) => r.type));
    expect(PRODUCED_HERE.filter((type) => !types.has(type))).toEqual([]);
    expect(PRODUCED_HERE.filter((type) => !eventDefinition(type))).toEqual([]);
    for (const row of all) {
      const event = JSON.parse(row.envelope) as EventEnvelope;
      const definition = eventDefinition(row.type);
      expect({ type: row.type, defined: definition?.type === row.type }).toEqual({ type: row.type, defined: true });
      expect(event.version).toBe(definition!.version);
      expect(() => parsePayload(definition!, event)).not.toThrow();
    }

    // Every consumer applied what it got: the points of the orders are there, nothing failed.
    await eventually(
      async () =>
        (await db('loyalty').getRepository(LoyaltyAccount).findOneByOrFail({ customerId: customers.ana })).lifetimePoints,
      (points) => points > 0,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await letters()).toEqual([]);
  });

  /** A shape its consumers cannot take, in an envelope as genuine as any: signed, right type, version 1. */
  const malformed = {
    'orders.order.placed': (customerId: string) => ({
      orderId: randomUUID(),
      number: 'W-BROKEN',
      customerId,
      channel: 'WEB',
      currency: 'USD',
      subtotalCents: 20000,
      discountCents: 0,
      totalCents: 20000,
      // A quantity as text: "2" units of what?
      lines: [{ lineId: randomUUID(), sku: 'PL-TS-42', quantity: '2', unitPriceCents: 10000 }],
    }),
    'orders.return.received': (customerId: string, locationId: string) => ({
      returnId: randomUUID(),
      orderId: randomUUID(),
      customerId,
      locationId,
      resolution: 'STORE_CREDIT',
      refundCents: 12000,
      currency: 'USD',
      exchangeOrderId: null,
      // `restockable` missing: inventory cannot know whether the units go back on the shelf.
      lines: [{ orderLineId: randomUUID(), sku: 'PL-TS-42', quantity: 1, unitPriceCents: 12000 }],
    }),
  };

  /** Rows per table in every service's database (its dead letters aside). */
  const tableCounts = async () => {
    const counts: Record<string, number> = {};
    for (const service of SERVICES) {
      for (const entity of db(service).entityMetadatas) {
        if (entity.target === DeadLetter) continue;
        counts[`${service}.${entity.tableName}`] = await db(service).getRepository(entity.target).count();
      }
    }
    return counts;
  };

  /**
   * `before` with the producer's outbox row of `event`, once published: its relay marks it so only
   * after every consumer took it (here: parked it).
   */
  const withPublished = async (before: Record<string, number>, event: EventEnvelope) => {
    const producer = event.type.split('.')[0] as (typeof SERVICES)[number];
    const row = await eventually(
      () => db(producer).getRepository(OutboxEvent).findOneBy({ eventId: event.id }),
      (found) => Boolean(found?.publishedAt),
    );
    expect(row?.publishedAt).not.toBeNull();
    return { ...before, [`${producer}.outbox_event`]: before[`${producer}.outbox_event`]! + 1 };
  };

  /** The counts once nothing is in flight any more (messages being sent, events of earlier tests). */
  const settledCounts = async () => {
    let previous = await tableCounts();
    for (let i = 0; i < 50; i++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const now = await tableCounts();
      if (JSON.stringify(now) === JSON.stringify(previous)) return now;
      previous = now;
    }
    throw new Error('the system did not settle');
  };

  const parkedEverywhere = async (eventId: string, consumers: string[]) => {
    const parked = await eventually(
      async () => (await letters()).filter((l) => l.eventId === eventId),
      (found) => found.length === consumers.length && found.every((l) => l.parkedAt),
      30_000,
    );
    expect(parked.map((l) => l.consumer).sort()).toEqual([...consumers].sort());
    for (const letter of parked) {
      expect(letter).toMatchObject({ attempts: MAX_DELIVERIES, replayedAt: null });
      expect(letter.parkedAt).not.toBeNull();
    }
    return parked;
  };

  it("parks a malformed orders.order.placed (loyalty's earn-on-purchase and every other consumer) after EVENT_MAX_DELIVERIES, writing nothing", async () => {
    const customerId = customers.ana!;
    const before = await settledCounts();
    const points = async () => (await db('loyalty').getRepository(LoyaltyAccount).findOneByOrFail({ customerId })).pointsBalance;
    const pointsBefore = await points();

    const event = newEnvelope('orders.order.placed', malformed['orders.order.placed'](customerId), 'WEB');
    await publishFromOutbox(t, event);
    const parked = await parkedEverywhere(event.id, [
      'loyalty-earn-on-purchase',
      'crm-order-channels',
      'crm-engagement-facts',
      'catalog-learn-from-orders',
      'inventory-confirm-reservations',
      'orders-webhook-deliveries',
      'orders-shopping-list-purchases',
    ]);
    for (const letter of parked) {
      expect(letter.error).toContain('malformed orders.order.placed v1 payload: lines.0.quantity');
      expect(JSON.parse(letter.envelope)).toEqual(event);
    }

    // Nothing else: no points, no ledger entry, no processed-event id, no event, no row anywhere.
    expect(await tableCounts()).toEqual(await withPublished(before, event));
    expect(await points()).toBe(pointsBefore);
    expect(await db('loyalty').getRepository(LedgerEntry).countBy({ orderId: event.payload.orderId })).toBe(0);
    for (const service of SERVICES)
      expect(await db(service).getRepository(ProcessedEvent).countBy({ eventId: event.id })).toBe(0);

    // The consumer is not jammed: the same order, well formed, earns its points.
    const repaired = { ...event.payload, lines: event.payload.lines.map((l) => ({ ...l, quantity: 2 })) };
    await publishFromOutbox(t, newEnvelope('orders.order.placed', repaired, 'WEB'));
    expect(await eventually(points, (p) => p > pointsBefore)).toBeGreaterThan(pointsBefore);
  });

  it("parks a malformed orders.return.received (inventory's restock-on-return and every other consumer), writing nothing", async () => {
    const customerId = customers.ana!;
    const locationId = locations.dc!;
    const movements = () => db('inventory').getRepository(StockMovement).countBy({ sku: 'PL-TS-42', locationId });
    const before = await settledCounts();
    const movementsBefore = await movements();

    const event = newEnvelope('orders.return.received', malformed['orders.return.received'](customerId, locationId), 'STORE');
    await publishFromOutbox(t, event);
    const parked = await parkedEverywhere(event.id, [
      'inventory-restock-on-return',
      'loyalty-return-received',
      'crm-return-touchpoints',
      'crm-engagement-facts',
      'orders-webhook-deliveries',
    ]);
    for (const letter of parked) expect(letter.error).toContain('lines.0.restockable');

    expect(await tableCounts()).toEqual(await withPublished(before, event));
    expect(await movements()).toBe(movementsBefore);
    expect(
      await db('inventory')
        .getRepository(StockMovement)
        .countBy({ reference: `return:${event.payload.returnId}` }),
    ).toBe(0);
  });

  it('parks an event of a version no consumer reads, however well formed', async () => {
    const before = await settledCounts();
    const payload = { survivorId: randomUUID(), duplicateId: randomUUID() };
    const event = { ...newEnvelope('crm.customer.merged', payload, 'WEB'), version: 2 };
    await publishFromOutbox(t, event);
    const parked = await parkedEverywhere(event.id, [
      'orders-customer-merged',
      'loyalty-customer-merged',
      'orders-webhook-deliveries',
      'inventory-merge-appointments',
      'crm-engagement-facts',
      'catalog-personal-offer-owners',
    ]);
    for (const letter of parked) expect(letter.error).toBe('crm.customer.merged version 2 is not one this consumer reads (1)');
    expect(await tableCounts()).toEqual(await withPublished(before, event));
  });
});
