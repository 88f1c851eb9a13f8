import { StockTransfer } from '../../services/inventory/src/entities/transfer';
import { eventually, send, startTestSystem, type TestSystem } from './harness';

/**
 * Ship to store, as the channels run it: a shopper orders for pickup at a store without the item;
 * the store that has it picks, packs and sends it (an inventory transfer, in transit); the pickup
 * store receives it, readies it, and hands it over. Each step with the channel's own token.
 */
describe('ship to store through the gateway', () => {
  let t: TestSystem;
  let customerId: string;
  let source: string;
  let pickup: string;

  beforeAll(async () => {
    t = await startTestSystem();
    const location = async (name: string, lat: number) =>
      (
        await send(t.client, 'UpsertLocation', {
          input: { name, type: 'STORE', lat, lng: -74.0, fulfillsOnline: true, pickupEnabled: true },
        })
      ).upsertLocation.location.id as string;
    source = await location('Harbor Store', 40.7);
    pickup = await location('Hill Store', 40.75);
    await send(t.client, 'UpsertProduct', {
      input: { name: 'Wool Scarf', variants: [{ sku: 'STS-SCARF', price: { cents: 4000, currency: 'USD' } }] },
    });
    await send(t.client, 'SetStock', { input: { locationId: source, sku: 'STS-SCARF', onHand: 5 } });
    customerId = (
      await send(t.client, 'RegisterCustomer', {
        input: { email: 'sara@example.com', firstName: 'Sara', lastName: 'Lind', channel: 'WEB' },
      })
    ).registerCustomer.customer.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const stock = async (locationId: string) =>
    (
      await t.client.request<any>(
        'query($sku: String!, $loc: ID!) { stock(sku: $sku, locationId: $loc) { onHand reserved inTransit available } }',
        { sku: 'STS-SCARF', loc: locationId },
      )
    ).stock;
  const step = async (locationId: string, fulfillmentId: string, action: string) => {
    const response = await (
      await t.associateAt(locationId)
    ).raw<any>(
      'mutation($input: AdvanceFulfillmentInput!) { advanceFulfillment(input: $input) { fulfillment { id status } userErrors { code message } } }',
      { input: { fulfillmentId, action } },
    );
    return response;
  };
  const queue = async (locationId: string) =>
    (
      await (
        await t.associateAt(locationId)
      ).request<any>('query($id: ID!) { location(id: $id) { workQueue { id status } } }', { id: locationId })
    ).location.workQueue as { id: string; status: string }[];

  it('a shopper orders for pickup at a store with no stock and collects after the transfer arrives', async () => {
    const shopper = await t.signedIn({ role: 'CUSTOMER', customerId, subject: 'sara' });
    const app = shopper.withHeaders({ 'x-channel': 'MOBILE_APP' });
    const cart = (await send(app, 'CreateCart', { input: { customerId, channel: 'MOBILE_APP' } })).createCart.cart;
    await send(app, 'AddCartLine', { cartId: cart.id, sku: 'STS-SCARF', quantity: 2 });
    const checkout = (
      await send(app, 'Checkout', {
        input: { cartId: cart.id, idempotencyKey: 'sts-1', fulfillment: { type: 'PICKUP_IN_STORE', pickupLocationId: pickup } },
      })
    ).checkout;
    expect(checkout.userErrors).toEqual([]);
    const { number } = checkout.order;
    const [placed] = checkout.order.fulfillments;
    // The transfer takes the standard transit days: the pickup is promised for then, not today.
    const inTwoDays = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect(placed).toMatchObject({ type: 'PICKUP_IN_STORE', location: { id: pickup }, promisedDate: inTwoDays });

    // The shopper sees where the goods come from (the contract's operation, unchanged).
    const seen = (await send(app, 'ShipToStoreTransfer', { number })).orderByNumber;
    expect(seen.fulfillments).toEqual([
      { id: placed.id, type: 'PICKUP_IN_STORE', status: 'PENDING', location: { id: pickup }, sourceLocation: { id: source } },
    ]);
    expect(await stock(source)).toMatchObject({ onHand: 5, reserved: 2, available: 3 });

    // Nothing is at the pickup store yet: it may neither ready the pickup nor pick it.
    const early = await step(pickup, placed.id, 'READY_FOR_PICKUP');
    expect(early.data.advanceFulfillment.userErrors).toEqual([expect.objectContaining({ code: 'TRANSFER_NOT_RECEIVED' })]);
    const wrongStore = await step(pickup, placed.id, 'PICK');
    expect(wrongStore.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // The source store has it in its work queue, and picks, packs and sends it.
    expect(await queue(source)).toContainEqual({ id: placed.id, status: 'PENDING' });
    for (const [action, status] of [
      ['PICK', 'PICKING'],
      ['PACK', 'PACKED'],
      ['SHIP', 'IN_TRANSIT'],
    ]) {
      const done = await step(source, placed.id, action);
      expect(done.data.advanceFulfillment).toEqual({ fulfillment: { id: placed.id, status }, userErrors: [] });
    }
    // In inventory: the units left the source and are in transit to the pickup store.
    expect(await stock(source)).toMatchObject({ onHand: 3, reserved: 0, available: 3 });
    expect(await stock(pickup)).toMatchObject({ onHand: 0, reserved: 0, inTransit: 2, available: 0 });
    expect(await queue(source)).not.toContainEqual(expect.objectContaining({ id: placed.id }));
    expect(await queue(pickup)).toContainEqual({ id: placed.id, status: 'IN_TRANSIT' });
    const transfers = await t.system.services
      .get('inventory')!
      .db.getRepository(StockTransfer)
      .findBy({ fulfillmentId: placed.id });
    expect(transfers).toEqual([
      expect.objectContaining({
        fromLocationId: source,
        toLocationId: pickup,
        sku: 'STS-SCARF',
        quantity: 2,
        status: 'IN_TRANSIT',
      }),
    ]);

    // Still on its way: not ready; the source store cannot receive it for the pickup store.
    expect((await step(pickup, placed.id, 'READY_FOR_PICKUP')).data.advanceFulfillment.userErrors[0].code).toBe(
      'TRANSFER_NOT_RECEIVED',
    );
    expect((await step(source, placed.id, 'RECEIVE')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // The pickup store receives it: on hand there, held for the shopper (nothing to sell to others).
    const received = await step(pickup, placed.id, 'RECEIVE');
    expect(received.data.advanceFulfillment).toEqual({ fulfillment: { id: placed.id, status: 'RECEIVED' }, userErrors: [] });
    expect(await stock(pickup)).toMatchObject({ onHand: 2, reserved: 2, inTransit: 0, available: 0 });
    expect((await step(pickup, placed.id, 'READY_FOR_PICKUP')).data.advanceFulfillment.fulfillment.status).toBe(
      'READY_FOR_PICKUP',
    );
    // The shopper says "I am here" from the app; the store sees them first among its pickups.
    const here = await app.request<any>('mutation($id: ID!) { announcePickupArrival(orderId: $id) { userErrors { code } } }', {
      id: checkout.order.id,
    });
    expect(here.announcePickupArrival.userErrors).toEqual([]);
    const waiting = await (
      await t.associateAt(pickup)
    ).request<any>('query($id: ID!) { location(id: $id) { pickupsWaiting { id status arrivedAt } } }', { id: pickup });
    expect(waiting.location.pickupsWaiting[0]).toEqual({
      id: placed.id,
      status: 'READY_FOR_PICKUP',
      arrivedAt: expect.any(String),
    });
    expect((await step(pickup, placed.id, 'COLLECT')).data.advanceFulfillment.fulfillment.status).toBe('COLLECTED');

    // Handed over: the units leave the pickup store's stock, and the order is complete.
    expect(
      await eventually(
        () => stock(pickup),
        (s) => s.onHand === 0,
      ),
    ).toMatchObject({ onHand: 0, reserved: 0, inTransit: 0 });
    const done = (await send(app, 'OrderByNumber', { number })).orderByNumber;
    expect(done.status).toBe('COMPLETED');
    expect(done.history.map((h: { event: string }) => h.event.split(' ')[0])).toEqual([
      'placed',
      '8000',
      'PICK',
      'PACK',
      'SHIP',
      'RECEIVE',
      'READY_FOR_PICKUP',
      'shopper',
      'COLLECT',
    ]);
  });

  it('a pickup the store can fill from its own shelves has no transfer step', async () => {
    await send(t.client, 'SetStock', { input: { locationId: pickup, sku: 'STS-SCARF', onHand: 1 } });
    const { order } = (
      await send(t.client, 'PlaceOrder', {
        input: {
          customerId,
          channel: 'CALL_CENTER',
          idempotencyKey: 'sts-own',
          lines: [{ sku: 'STS-SCARF', quantity: 1 }],
          fulfillment: { type: 'PICKUP_IN_STORE', pickupLocationId: pickup },
        },
      })
    ).placeOrder;
    const { orderByNumber } = await send(t.client, 'ShipToStoreTransfer', { number: order.number });
    expect(orderByNumber.fulfillments).toEqual([
      expect.objectContaining({ location: { id: pickup }, sourceLocation: { id: pickup } }),
    ]);
    const id = orderByNumber.fulfillments[0].id;
    expect((await step(pickup, id, 'SHIP')).data.advanceFulfillment.userErrors[0].code).toBe('INVALID_TRANSITION');
    expect((await step(pickup, id, 'PICK')).data.advanceFulfillment.fulfillment.status).toBe('PICKING');
    expect((await step(pickup, id, 'READY_FOR_PICKUP')).data.advanceFulfillment.fulfillment.status).toBe('READY_FOR_PICKUP');
    expect((await step(pickup, id, 'COLLECT')).data.advanceFulfillment.fulfillment.status).toBe('COLLECTED');
    await eventually(
      () => stock(pickup),
      (s) => s.onHand === 0,
    );
  });

  it('a line split between the store’s shelf and a transfer is handed over in two parts, each from the pickup store', async () => {
    await send(t.client, 'SetStock', { input: { locationId: pickup, sku: 'STS-SCARF', onHand: 1 } });
    const before = await stock(source);
    const { order } = (
      await send(t.client, 'PlaceOrder', {
        input: {
          customerId,
          channel: 'CALL_CENTER',
          idempotencyKey: 'sts-split',
          lines: [{ sku: 'STS-SCARF', quantity: 3 }],
          fulfillment: { type: 'PICKUP_IN_STORE', pickupLocationId: pickup },
        },
      })
    ).placeOrder;
    const { fulfillments } = (await send(t.client, 'ShipToStoreTransfer', { number: order.number })).orderByNumber;
    const shelf = fulfillments.find((f: any) => f.sourceLocation.id === pickup);
    const travelling = fulfillments.find((f: any) => f.sourceLocation.id === source);
    expect([shelf?.location.id, travelling?.location.id]).toEqual([pickup, pickup]);

    // The shelf part first: readied and handed over at once.
    for (const action of ['PICK', 'READY_FOR_PICKUP', 'COLLECT']) await step(pickup, shelf.id, action);
    await eventually(
      () => stock(pickup),
      (s) => s.onHand === 0,
    );
    // The rest travels, arrives held for the order, and is handed over.
    for (const action of ['PICK', 'PACK', 'SHIP']) await step(source, travelling.id, action);
    expect((await step(pickup, travelling.id, 'RECEIVE')).data.advanceFulfillment.userErrors).toEqual([]);
    expect(await stock(pickup)).toMatchObject({ onHand: 2, reserved: 2, available: 0 });
    for (const action of ['READY_FOR_PICKUP', 'COLLECT']) await step(pickup, travelling.id, action);
    expect(
      await eventually(
        () => stock(pickup),
        (s) => s.onHand === 0,
      ),
    ).toMatchObject({ onHand: 0, reserved: 0, inTransit: 0 });
    expect(await stock(source)).toMatchObject({ onHand: before.onHand - 2, reserved: before.reserved });
    expect((await send(t.client, 'OrderByNumber', { number: order.number })).orderByNumber.status).toBe('COMPLETED');
  });

  it('a cancelled order gives back what is on its way: the units arrive as the store’s own stock', async () => {
    await send(t.client, 'SetStock', { input: { locationId: pickup, sku: 'STS-SCARF', onHand: 0 } });
    const { order } = (
      await send(t.client, 'PlaceOrder', {
        input: {
          customerId,
          channel: 'CALL_CENTER',
          idempotencyKey: 'sts-cancel',
          lines: [{ sku: 'STS-SCARF', quantity: 1 }],
          fulfillment: { type: 'PICKUP_IN_STORE', pickupLocationId: pickup },
        },
      })
    ).placeOrder;
    const id = order.fulfillments[0].id;
    for (const action of ['PICK', 'PACK', 'SHIP']) await step(source, id, action);
    // A line on its way can no longer change.
    const lineId = (await send(t.client, 'OrderByNumber', { number: order.number })).orderByNumber.lines[0].id;
    const modified = await send(t.client, 'ModifyOrder', {
      input: { orderId: order.id, channel: 'CALL_CENTER', changes: [{ lineId, quantity: 2 }] },
    });
    expect(modified.modifyOrder.userErrors[0].code).toBe('ALREADY_SHIPPED');

    const cancelled = await send(t.client, 'CancelOrder', { orderId: order.id, channel: 'CALL_CENTER' });
    expect(cancelled.cancelOrder.userErrors).toEqual([]);
    // The store finds it among what is on its way in, and receives it.
    const pickupStaff = await t.associateAt(pickup);
    const incoming = await pickupStaff.request<any>(
      'query($id: ID!) { location(id: $id) { incomingTransfers { id sku quantity fulfillmentId from { id } } } }',
      { id: pickup },
    );
    const transfer = incoming.location.incomingTransfers.find((tr: any) => tr.fulfillmentId === id);
    expect(transfer).toMatchObject({ sku: 'STS-SCARF', quantity: 1, from: { id: source } });
    const elsewhere = await (
      await t.associateAt(source)
    ).raw<any>('query($id: ID!) { location(id: $id) { incomingTransfers { id } } }', { id: pickup });
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const receipt = await pickupStaff.request<any>(
      'mutation($id: ID!) { receiveTransfer(id: $id) { transfer { status } userErrors { code } } }',
      {
        id: transfer.id,
      },
    );
    expect(receipt.receiveTransfer).toEqual({ transfer: { status: 'RECEIVED' }, userErrors: [] });
    expect(await stock(pickup)).toMatchObject({ onHand: 1, reserved: 0, inTransit: 0, available: 1 });
  });
});
