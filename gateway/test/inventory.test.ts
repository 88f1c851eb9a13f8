import {
  buildSubgraph,
  createLogger,
  newEnvelope,
  openDatabase,
  OutboxEvent,
  OutboxRelay,
  Peers,
  PLATFORM_ENTITIES,
  RunningService,
  serviceCaller,
  inTransaction,
  insertStatement,
  type RequestInfo,
} from '@omni/platform';
import { inventoryService } from '@omni/inventory';
import { writeChanges } from '../../services/inventory/src/commands/levels';
import { ReservationStatus } from '../../services/inventory/src/domain/reservations';
import { MovementKind, StockMovement } from '../../services/inventory/src/entities/movement';
import { StockReservation } from '../../services/inventory/src/entities/reservation';
import { Stock } from '../../services/inventory/src/entities/stock';
import { asService, countStatements, eventually, send, startTestSystem, TEST_DATABASE_URL, type TestSystem } from './harness';

/** Inventory through the gateway: locations, stock, ledger, transfers, reservations, availability. */

const RESERVE = /* GraphQL */ `
  mutation Reserve($input: ReserveStockInput!) {
    reserveStock(input: $input) {
      reservations {
        orderId
        lineId
        sku
        quantity
        held
        status
        location {
          id
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
const RELEASE = /* GraphQL */ `
  mutation Release($orderId: ID!, $lineIds: [ID!]) {
    releaseReservations(orderId: $orderId, lineIds: $lineIds) {
      reservations {
        lineId
        status
        held
      }
      userErrors {
        code
      }
    }
  }
`;
const CONSUME = /* GraphQL */ `
  mutation Consume($orderId: ID!, $lineIds: [ID!]!) {
    consumeReservations(orderId: $orderId, lineIds: $lineIds) {
      reservations {
        lineId
        status
        shippedQuantity
        held
      }
      userErrors {
        field
        code
      }
    }
  }
`;
const STOCK = /* GraphQL */ `
  query Stock($locationId: ID!, $sku: String!) {
    stock(locationId: $locationId, sku: $sku) {
      onHand
      reserved
      safetyStock
      inTransit
      available
    }
  }
`;
const ADJUST = /* GraphQL */ `
  mutation Adjust($input: AdjustStockInput!) {
    adjustStock(input: $input) {
      stock {
        onHand
        available
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
const LEDGER = /* GraphQL */ `
  query Ledger($sku: String!, $locationId: ID, $first: Int, $after: String) {
    stockLedger(sku: $sku, locationId: $locationId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          kind
          reason
          reference
          onHandChange
          reservedChange
          inTransitChange
          onHandAfter
          availableAfter
          location {
            id
          }
        }
      }
    }
  }
`;

type Level = { onHand: number; reserved: number; safetyStock: number; inTransit: number; available: number };

describe('inventory through the gateway', () => {
  let t: TestSystem;
  let db: DataSource;
  let warehouse: string;
  let soho: string;
  let brooklyn: string;
  let closedStore: string;

  const gql = <T = any>(query: string, variables: Record<string, unknown> = {}) => t.client.request<T>(query, variables);
  /** Reservations are the orders service's boundary: it calls them as a service, never with a token. */
  const fromOrders = <T = any>(query: string, variables: Record<string, unknown> = {}) =>
    asService(t, 'inventory')<T>(query, variables);
  const level = async (locationId: string, sku: string): Promise<Level | null> => (await gql(STOCK, { locationId, sku })).stock;
  const ledgerCount = () => db.getRepository(StockMovement).count();
  const reserve = async (input: Record<string, unknown>) => (await fromOrders(RESERVE, { input })).reserveStock;

  async function location(input: Record<string, unknown>): Promise<string> {
    const data = await send(t.client, 'UpsertLocation', { input });
    expect(data.upsertLocation.userErrors).toEqual([]);
    return data.upsertLocation.location.id;
  }

  async function setStock(locationId: string, sku: string, onHand: number, safetyStock?: number) {
    const input = safetyStock === undefined ? { locationId, sku, onHand } : { locationId, sku, onHand, safetyStock };
    const data = await send(t.client, 'SetStock', { input });
    expect(data.setStock.userErrors).toEqual([]);
    return data.setStock.stock;
  }

  beforeAll(async () => {
    t = await startTestSystem();
    db = t.system.services.get('inventory')!.db;
    warehouse = await location({
      name: 'Secaucus DC',
      type: 'WAREHOUSE',
      lat: 40.7895,
      lng: -74.0565,
      fulfillsOnline: true,
      pickupEnabled: false,
    });
    soho = await location({ name: 'SoHo', type: 'STORE', lat: 40.7233, lng: -74.003, fulfillsOnline: true, pickupEnabled: true });
    brooklyn = await location({
      name: 'Brooklyn',
      type: 'STORE',
      lat: 40.6782,
      lng: -73.9442,
      fulfillsOnline: false,
      pickupEnabled: true,
    });
    closedStore = await location({ name: 'Hoboken', type: 'STORE', lat: 40.744, lng: -74.0324, pickupEnabled: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps locations with coordinates, capabilities and opening status', async () => {
    const closed = await send(t.client, 'UpsertLocation', {
      input: { id: closedStore, name: 'Hoboken', type: 'STORE', lat: 40.744, lng: -74.0324, open: false },
    });
    expect(closed.upsertLocation).toMatchObject({
      location: { id: closedStore, name: 'Hoboken', type: 'STORE' },
      userErrors: [],
    });
    const data = await gql(`{ locations { id name type lat lng fulfillsOnline pickupEnabled open } }`);
    expect(data.locations).toEqual([
      {
        id: brooklyn,
        name: 'Brooklyn',
        type: 'STORE',
        lat: 40.6782,
        lng: -73.9442,
        fulfillsOnline: false,
        pickupEnabled: true,
        open: true,
      },
      {
        id: closedStore,
        name: 'Hoboken',
        type: 'STORE',
        lat: 40.744,
        lng: -74.0324,
        fulfillsOnline: false,
        pickupEnabled: true,
        open: false,
      },
      {
        id: warehouse,
        name: 'Secaucus DC',
        type: 'WAREHOUSE',
        lat: 40.7895,
        lng: -74.0565,
        fulfillsOnline: true,
        pickupEnabled: false,
        open: true,
      },
      {
        id: soho,
        name: 'SoHo',
        type: 'STORE',
        lat: 40.7233,
        lng: -74.003,
        fulfillsOnline: true,
        pickupEnabled: true,
        open: true,
      },
    ]);

    const unknown = await send(t.client, 'UpsertLocation', { input: { id: 'nope', name: 'X', type: 'STORE', lat: 0, lng: 0 } });
    expect(unknown.upsertLocation).toEqual({
      location: null,
      userErrors: [expect.objectContaining({ code: 'UNKNOWN_LOCATION', field: ['input', 'id'] })],
    });
    const badPlace = await send(t.client, 'UpsertLocation', { input: { name: 'X', type: 'STORE', lat: 91, lng: 0 } });
    expect(badPlace.upsertLocation.userErrors[0].code).toBe('INVALID_COORDINATES');
    expect((await gql(`{ locations { id } }`)).locations).toHaveLength(4);
  });

  it('counts and adjusts stock with a reason, every change in the ledger and published', async () => {
    const counted = await setStock(soho, 'TEE-M', 10);
    expect(counted).toEqual({ sku: 'TEE-M', onHand: 10, reserved: 0, available: 10, location: { id: soho } });

    const receipt = await gql(ADJUST, {
      input: { locationId: soho, sku: 'TEE-M', quantity: 6, reason: 'RECEIPT', note: 'PO 4411' },
    });
    expect(receipt.adjustStock).toEqual({ stock: { onHand: 16, available: 16 }, userErrors: [] });
    await gql(ADJUST, { input: { locationId: soho, sku: 'TEE-M', quantity: 2, reason: 'DAMAGE' } });
    await gql(ADJUST, { input: { locationId: soho, sku: 'TEE-M', quantity: 1, reason: 'SHRINK' } });
    await setStock(soho, 'TEE-M', 13, 2);
    expect(await level(soho, 'TEE-M')).toEqual({ onHand: 13, reserved: 0, safetyStock: 2, inTransit: 0, available: 11 });

    const ledger = (await gql(LEDGER, { sku: 'TEE-M', locationId: soho })).stockLedger;
    expect(ledger.totalCount).toBe(5);
    expect(ledger.edges.map((e: any) => [e.node.kind, e.node.reason, e.node.onHandChange, e.node.onHandAfter])).toEqual([
      ['COUNT', null, 0, 13],
      ['ADJUSTMENT', 'SHRINK', -1, 13],
      ['ADJUSTMENT', 'DAMAGE', -2, 14],
      ['ADJUSTMENT', 'RECEIPT: PO 4411', 6, 16],
      ['COUNT', null, 10, 10],
    ]);
    expect(ledger.edges[0].node.availableAfter).toBe(11);

    // Paged newest first with opaque cursors.
    const page1 = (await gql(LEDGER, { sku: 'TEE-M', locationId: soho, first: 2 })).stockLedger;
    const page2 = (await gql(LEDGER, { sku: 'TEE-M', locationId: soho, first: 2, after: page1.pageInfo.endCursor })).stockLedger;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect([...page1.edges, ...page2.edges].map((e: any) => e.node.id)).toEqual(
      ledger.edges.slice(0, 4).map((e: any) => e.node.id),
    );

    // Each change is an inventory.stock.changed event, and the relay publishes them.
    const published = await eventually(
      () => db.getRepository(OutboxEvent).find({ where: { type: 'inventory.stock.changed' }, order: { sequence: 'ASC' } }),
      (rows) => rows.length >= 5 && rows.every((r) => r.publishedAt),
    );
    const payloads = published.map((r) => JSON.parse(r.envelope).payload).filter((p) => p.sku === 'TEE-M');
    expect(payloads).toHaveLength(5);
    expect(payloads[4]).toMatchObject({
      locationId: soho,
      kind: 'COUNT',
      onHand: 13,
      safetyStock: 2,
      available: 11,
      change: { onHand: 0, safetyStock: 2 },
    });
    expect(published.every((r) => r.publishedAt)).toBe(true);
  });

  it('answers bad stock input with a coded userError and changes nothing', async () => {
    const before = await level(soho, 'TEE-M');
    const movements = await ledgerCount();
    const cases: [string, Record<string, unknown>, string][] = [
      ['SetStock', { input: { locationId: 'no-such-place', sku: 'TEE-M', onHand: 5 } }, 'UNKNOWN_LOCATION'],
      ['SetStock', { input: { locationId: soho, sku: 'TEE-M', onHand: -1 } }, 'NEGATIVE_QUANTITY'],
      ['TransferStock', { input: { fromLocationId: soho, toLocationId: soho, sku: 'TEE-M', quantity: 1 } }, 'SAME_LOCATION'],
      [
        'TransferStock',
        { input: { fromLocationId: soho, toLocationId: 'no-such-place', sku: 'TEE-M', quantity: 1 } },
        'UNKNOWN_LOCATION',
      ],
      [
        'TransferStock',
        { input: { fromLocationId: soho, toLocationId: brooklyn, sku: 'TEE-M', quantity: -4 } },
        'NEGATIVE_QUANTITY',
      ],
      [
        'TransferStock',
        { input: { fromLocationId: soho, toLocationId: brooklyn, sku: 'TEE-M', quantity: 12 } },
        'INSUFFICIENT_STOCK',
      ],
    ];
    for (const [operation, variables, code] of cases) {
      const data = await send(t.client, operation, variables);
      const payload = Object.values(data)[0] as any;
      expect([operation, payload.userErrors.map((e: any) => e.code)]).toEqual([operation, [code]]);
      expect('stock' in payload ? payload.stock : payload.transfer).toBeNull();
    }
    const adjustments: [Record<string, unknown>, string][] = [
      [{ locationId: soho, sku: 'TEE-M', quantity: -3, reason: 'RECEIPT' }, 'NEGATIVE_QUANTITY'],
      [{ locationId: soho, sku: 'TEE-M', quantity: 14, reason: 'DAMAGE' }, 'INSUFFICIENT_STOCK'],
      [{ locationId: 'no-such-place', sku: 'TEE-M', quantity: 1, reason: 'RECEIPT' }, 'UNKNOWN_LOCATION'],
    ];
    for (const [input, code] of adjustments) {
      expect((await gql(ADJUST, { input })).adjustStock.userErrors.map((e: any) => e.code)).toEqual([code]);
    }
    expect(await level(soho, 'TEE-M')).toEqual(before);
    expect(await level(brooklyn, 'TEE-M')).toBeNull();
    expect(await ledgerCount()).toBe(movements);
  });

  it('transfers: the units leave the source at once, are in transit, and arrive on receipt', async () => {
    await setStock(warehouse, 'JEANS-32', 20);
    const sent = await send(t.client, 'TransferStock', {
      input: { fromLocationId: warehouse, toLocationId: brooklyn, sku: 'JEANS-32', quantity: 8 },
    });
    expect(sent.transferStock).toEqual({ transfer: { id: expect.any(String), status: 'IN_TRANSIT' }, userErrors: [] });
    const id = sent.transferStock.transfer.id;
    expect(await level(warehouse, 'JEANS-32')).toMatchObject({ onHand: 12, available: 12 });
    expect(await level(brooklyn, 'JEANS-32')).toMatchObject({ onHand: 0, inTransit: 8, available: 0 });

    const RECEIVE = `mutation R($id: ID!) { receiveTransfer(id: $id) { transfer { id status receivedAt from { id } to { id } quantity } userErrors { code } } }`;
    const received = (await gql(RECEIVE, { id })).receiveTransfer;
    expect(received.transfer).toMatchObject({
      id,
      status: 'RECEIVED',
      from: { id: warehouse },
      to: { id: brooklyn },
      quantity: 8,
    });
    expect(await level(brooklyn, 'JEANS-32')).toMatchObject({ onHand: 8, inTransit: 0, available: 8 });

    const twice = (await gql(RECEIVE, { id })).receiveTransfer;
    expect(twice).toEqual({ transfer: null, userErrors: [{ code: 'TRANSFER_ALREADY_RECEIVED' }] });
    expect(await level(brooklyn, 'JEANS-32')).toMatchObject({ onHand: 8 });

    const ledger = (await gql(LEDGER, { sku: 'JEANS-32' })).stockLedger.edges.map((e: any) => [
      e.node.kind,
      e.node.location.id,
      e.node.onHandChange,
      e.node.inTransitChange,
      e.node.reference,
    ]);
    expect(ledger.slice(0, 3)).toEqual(
      expect.arrayContaining([
        ['TRANSFER_RECEIVED', brooklyn, 8, -8, `transfer:${id}`],
        ['TRANSFER_IN_TRANSIT', brooklyn, 0, 8, `transfer:${id}`],
        ['TRANSFER_OUT', warehouse, -8, 0, `transfer:${id}`],
      ]),
    );
    expect(ledger[0][0]).toBe('TRANSFER_RECEIVED');
  });

  it('reserves all or nothing, never twice for a retried call, and releases on cancellation', async () => {
    await setStock(warehouse, 'CAP-RED', 5);
    await setStock(warehouse, 'CAP-BLU', 1);
    const movements = await ledgerCount();

    // One line cannot be covered: the whole request fails, naming the SKU, and nothing is held.
    const refused = await reserve({
      orderId: 'order-1',
      lines: [
        { lineId: 'l1', sku: 'CAP-RED', locationId: warehouse, quantity: 2 },
        { lineId: 'l2', sku: 'CAP-BLU', locationId: warehouse, quantity: 2 },
      ],
    });
    expect(refused.reservations).toEqual([]);
    expect(refused.userErrors).toEqual([
      { code: 'INSUFFICIENT_STOCK', field: ['input', 'lines', '1', 'quantity'], message: expect.stringContaining('CAP-BLU') },
    ]);
    expect(await level(warehouse, 'CAP-RED')).toMatchObject({ reserved: 0, available: 5 });
    expect(await ledgerCount()).toBe(movements);

    const lines = [
      { lineId: 'l1', sku: 'CAP-RED', locationId: warehouse, quantity: 2 },
      { lineId: 'l2', sku: 'CAP-BLU', locationId: warehouse, quantity: 1 },
    ];
    const ok = await reserve({ orderId: 'order-1', lines });
    expect(ok.userErrors).toEqual([]);
    expect(ok.reservations.map((r: any) => [r.lineId, r.sku, r.held, r.status])).toEqual([
      ['l1', 'CAP-RED', 2, 'ACTIVE'],
      ['l2', 'CAP-BLU', 1, 'ACTIVE'],
    ]);
    // The peer retries the same call: nothing more is held.
    expect((await reserve({ orderId: 'order-1', lines })).userErrors).toEqual([]);
    expect(await level(warehouse, 'CAP-RED')).toMatchObject({ onHand: 5, reserved: 2, available: 3 });
    expect(await level(warehouse, 'CAP-BLU')).toMatchObject({ reserved: 1, available: 0 });

    // Modification: line 1 goes from 2 to 4 units; only the difference is reserved.
    const grown = await reserve({
      orderId: 'order-1',
      lines: [{ lineId: 'l1', sku: 'CAP-RED', locationId: warehouse, quantity: 4 }],
    });
    expect(grown.reservations).toEqual([expect.objectContaining({ lineId: 'l1', quantity: 4, held: 4 })]);
    expect(await level(warehouse, 'CAP-RED')).toMatchObject({ reserved: 4, available: 1 });

    // Cancellation: everything the order holds comes back, once.
    const released = (await fromOrders(RELEASE, { orderId: 'order-1' })).releaseReservations;
    expect(released.reservations.map((r: any) => [r.lineId, r.status, r.held])).toEqual([
      ['l1', 'RELEASED', 0],
      ['l2', 'RELEASED', 0],
    ]);
    expect((await fromOrders(RELEASE, { orderId: 'order-1' })).releaseReservations.reservations).toEqual([]);
    expect(await level(warehouse, 'CAP-RED')).toMatchObject({ onHand: 5, reserved: 0, available: 5 });
    expect(await level(warehouse, 'CAP-BLU')).toMatchObject({ onHand: 1, reserved: 0, available: 1 });
  });

  it('honours an idempotency key and refuses bad reservation requests', async () => {
    await setStock(soho, 'SOCK-3PK', 4);
    const input = {
      orderId: 'order-2',
      idempotencyKey: 'checkout-77',
      lines: [{ lineId: 'a', sku: 'SOCK-3PK', locationId: soho, quantity: 3 }],
    };
    expect((await reserve(input)).userErrors).toEqual([]);
    // A late replay of the same request after a release changes nothing.
    await fromOrders(RELEASE, { orderId: 'order-2', lineIds: ['a'] });
    const replay = await reserve(input);
    expect(replay.reservations).toEqual([expect.objectContaining({ lineId: 'a', status: 'RELEASED', held: 0 })]);
    expect(await level(soho, 'SOCK-3PK')).toMatchObject({ reserved: 0, available: 4 });

    const movements = await ledgerCount();
    const bad: [Record<string, unknown>, string][] = [
      [{ orderId: 'order-3', lines: [] }, 'EMPTY_REQUEST'],
      [{ orderId: 'order-3', lines: [{ lineId: 'a', sku: 'SOCK-3PK', locationId: soho, quantity: -1 }] }, 'NEGATIVE_QUANTITY'],
      [
        { orderId: 'order-3', lines: [{ lineId: 'a', sku: 'SOCK-3PK', locationId: 'no-such-place', quantity: 1 }] },
        'UNKNOWN_LOCATION',
      ],
      [{ orderId: 'order-3', lines: [{ lineId: 'a', sku: 'SOCK-3PK', locationId: soho, quantity: 5 }] }, 'INSUFFICIENT_STOCK'],
      [
        { orderId: 'order-3', lines: [{ lineId: 'a', sku: 'NEVER-STOCKED', locationId: soho, quantity: 1 }] },
        'INSUFFICIENT_STOCK',
      ],
      [
        { orderId: 'order-3', lines: [{ lineId: 'a', sku: 'SOCK-3PK', locationId: closedStore, quantity: 1 }] },
        'LOCATION_CLOSED',
      ],
      // An unknown location is named before anything else that is wrong with the request.
      [
        {
          orderId: 'order-3',
          lines: [
            { lineId: 'a', sku: 'SOCK-3PK', locationId: closedStore, quantity: 1 },
            { lineId: 'b', sku: 'SOCK-3PK', locationId: 'no-such-place', quantity: 1 },
          ],
        },
        'UNKNOWN_LOCATION',
      ],
    ];
    for (const [request, code] of bad) {
      const result = await reserve(request);
      expect([request, result.userErrors.map((e: any) => e.code)]).toEqual([request, [code]]);
      expect(result.reservations).toEqual([]);
    }
    expect(await ledgerCount()).toBe(movements);
    expect((await gql(`{ reservations(orderId: "order-3") { lineId } }`)).reservations).toEqual([]);
  });

  it('consumes reservations when the goods ship, from the call or from the orders event', async () => {
    await setStock(warehouse, 'BAG-L', 10);
    await setStock(soho, 'BAG-L', 2);
    // A line split over two locations: two reservations for one line.
    const split = await reserve({
      orderId: 'order-4',
      lines: [
        { lineId: 'x', sku: 'BAG-L', locationId: soho, quantity: 2 },
        { lineId: 'x', sku: 'BAG-L', locationId: warehouse, quantity: 3 },
        { lineId: 'y', sku: 'BAG-L', locationId: warehouse, quantity: 1 },
      ],
    });
    expect(split.userErrors).toEqual([]);
    expect(await level(warehouse, 'BAG-L')).toMatchObject({ onHand: 10, reserved: 4 });

    // Orders publishes the warehouse shipment of line x.
    await t.system.bus.publish(
      newEnvelope(
        'orders.fulfillment.shipped',
        {
          orderId: 'order-4',
          fulfillmentId: 'f-1',
          customerId: null,
          locationId: warehouse,
          sourceLocationId: warehouse,
          trackingNumber: '1Z999',
          carrier: 'UPS',
          lines: [{ orderLineId: 'x', sku: 'BAG-L', quantity: 3 }],
        },
        null,
      ),
    );
    await eventually(
      () => level(warehouse, 'BAG-L'),
      (l) => l?.onHand === 7,
    );
    expect(await level(warehouse, 'BAG-L')).toMatchObject({ onHand: 7, reserved: 1, available: 6 });
    expect(await level(soho, 'BAG-L')).toMatchObject({ onHand: 2, reserved: 2 });

    // The orders service may also say so itself: only what is still held is taken, once.
    const consumed = (await fromOrders(CONSUME, { orderId: 'order-4', lineIds: ['x', 'y'] })).consumeReservations;
    expect(consumed.userErrors).toEqual([]);
    expect(consumed.reservations.map((r: any) => [r.lineId, r.status, r.shippedQuantity, r.held]).sort()).toEqual([
      ['x', 'CONSUMED', 2, 0],
      ['x', 'CONSUMED', 3, 0],
      ['y', 'CONSUMED', 1, 0],
    ]);
    expect((await fromOrders(CONSUME, { orderId: 'order-4', lineIds: ['x', 'y'] })).consumeReservations.userErrors).toEqual([]);
    expect(await level(warehouse, 'BAG-L')).toMatchObject({ onHand: 6, reserved: 0, available: 6 });
    expect(await level(soho, 'BAG-L')).toMatchObject({ onHand: 0, reserved: 0 });

    // Shipped lines cannot be reserved again; unknown lines cannot be consumed.
    const again = await reserve({
      orderId: 'order-4',
      lines: [{ lineId: 'y', sku: 'BAG-L', locationId: warehouse, quantity: 1 }],
    });
    expect(again.userErrors.map((e: any) => e.code)).toEqual(['ALREADY_SHIPPED']);
    const unknown = (await fromOrders(CONSUME, { orderId: 'order-4', lineIds: ['y', 'zzz'] })).consumeReservations;
    expect(unknown.userErrors).toEqual([{ code: 'NO_ACTIVE_RESERVATION', field: ['lineIds', '1'] }]);
    expect(await level(warehouse, 'BAG-L')).toMatchObject({ onHand: 6, reserved: 0 });
  });

  it('releases on orders.order.cancelled and restocks returns on orders.return.received, once per event', async () => {
    await setStock(brooklyn, 'SCARF', 3);
    expect(
      (await reserve({ orderId: 'order-5', lines: [{ lineId: 'a', sku: 'SCARF', locationId: brooklyn, quantity: 2 }] }))
        .userErrors,
    ).toEqual([]);
    await t.system.bus.publish(
      newEnvelope(
        'orders.order.cancelled',
        {
          orderId: 'order-5',
          number: 'W-5',
          customerId: null,
          reason: 'changed mind',
          lines: [{ orderLineId: 'a', sku: 'SCARF', quantity: 2 }],
          totalCents: 0,
          currency: 'USD',
        },
        'WEB',
      ),
    );
    await eventually(
      () => level(brooklyn, 'SCARF'),
      (l) => l?.reserved === 0,
    );
    expect(await level(brooklyn, 'SCARF')).toMatchObject({ onHand: 3, reserved: 0, available: 3 });

    const returned = newEnvelope(
      'orders.return.received',
      {
        returnId: 'ret-1',
        orderId: 'order-0',
        customerId: null,
        locationId: brooklyn,
        resolution: 'REFUND',
        refundCents: 0,
        currency: 'USD',
        exchangeOrderId: null,
        lines: [
          { orderLineId: 'a', sku: 'SCARF', quantity: 2, unitPriceCents: 0, restockable: true },
          { orderLineId: 'b', sku: 'SCARF', quantity: 1, unitPriceCents: 0, restockable: false },
          { orderLineId: 'c', sku: 'GLOVES', quantity: 1, unitPriceCents: 0, restockable: true },
        ],
      },
      'STORE',
    );
    await t.system.bus.publish(returned);
    await t.system.bus.publish(returned); // redelivered
    await eventually(
      () => level(brooklyn, 'GLOVES'),
      (l) => l?.onHand === 1,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await level(brooklyn, 'SCARF')).toMatchObject({ onHand: 5, available: 5 });
    expect(await level(brooklyn, 'GLOVES')).toMatchObject({ onHand: 1 });
    const ledger = (await gql(LEDGER, { sku: 'SCARF', locationId: brooklyn, first: 1 })).stockLedger.edges[0].node;
    expect(ledger).toMatchObject({ kind: 'RETURN', onHandChange: 2, reference: 'return:ret-1' });
  });

  it('shows availability by location and near the shopper, nearest first, open locations with stock only', async () => {
    const product = await send(t.client, 'UpsertProduct', {
      input: {
        name: 'Rain Jacket',
        brand: 'Harbor',
        categoryPath: ['Outerwear'],
        variants: [{ sku: 'RJ-M', price: { cents: 12900, currency: 'USD' } }],
      },
    });
    expect(product.upsertProduct.userErrors).toEqual([]);
    await setStock(soho, 'RJ-M', 2);
    await setStock(brooklyn, 'RJ-M', 4, 1);
    await setStock(warehouse, 'RJ-M', 30);
    await setStock(closedStore, 'RJ-M', 9);
    await reserve({ orderId: 'order-6', lines: [{ lineId: 'a', sku: 'RJ-M', locationId: warehouse, quantity: 5 }] });

    const availability = (await send(t.client, 'Availability', { sku: 'RJ-M' })).variant.availability;
    expect(availability.totalAvailable).toBe(2 + 3 + 25);
    expect(availability.byLocation.map((s: any) => [s.location.name, s.onHand, s.reserved, s.available]).sort()).toEqual([
      ['Brooklyn', 4, 0, 3],
      ['Hoboken', 9, 0, 9],
      ['Secaucus DC', 30, 5, 25],
      ['SoHo', 2, 0, 2],
    ]);

    // Standing in Tribeca: SoHo ~1 km, Brooklyn ~6.5 km, Secaucus ~8.5 km; Hoboken is closed.
    const detail = await send(t.client, 'ProductDetail', {
      id: product.upsertProduct.product.id,
      channel: 'WEB',
      lat: 40.7163,
      lng: -74.0086,
    });
    const nearby = detail.product.variants[0].availability.nearby;
    expect(nearby.map((n: any) => [n.location.name, n.available])).toEqual([
      ['SoHo', 2],
      ['Brooklyn', 3],
      ['Secaucus DC', 25],
    ]);
    expect(nearby.map((n: any) => n.distanceKm)).toEqual(
      [...nearby.map((n: any) => n.distanceKm)].sort((a: number, b: number) => a - b),
    );
    expect(nearby[0].distanceKm).toBeCloseTo(0.9, 0);

    const close = await gql(
      `query($id: ID!) { product(id: $id) { variants { availability { nearby(lat: 40.7163, lng: -74.0086, radiusKm: 7) { location { name } } } } } }`,
      {
        id: product.upsertProduct.product.id,
      },
    );
    expect(close.product.variants[0].availability.nearby.map((n: any) => n.location.name)).toEqual(['SoHo', 'Brooklyn']);
  });

  it('gives the orders service every candidate location for a set of SKUs in one call', async () => {
    const statements = countStatements(db);
    const data = await fromOrders(
      `query($skus: [String!]!) {
      fulfillmentCandidates(skus: $skus) { location { id type lat lng fulfillsOnline pickupEnabled open } stock { sku available } }
    }`,
      { skus: ['RJ-M', 'BAG-L', 'UNKNOWN'] },
    );
    statements.stop();
    expect(statements.count()).toBeLessThanOrEqual(2);
    const byId = new Map(data.fulfillmentCandidates.map((c: any) => [c.location.id, c]));
    expect(byId.size).toBe(4);
    expect(byId.get(warehouse)).toEqual({
      location: {
        id: warehouse,
        type: 'WAREHOUSE',
        lat: 40.7895,
        lng: -74.0565,
        fulfillsOnline: true,
        pickupEnabled: false,
        open: true,
      },
      stock: [
        { sku: 'RJ-M', available: 25 },
        { sku: 'BAG-L', available: 6 },
        { sku: 'UNKNOWN', available: 0 },
      ],
    });
    expect((byId.get(closedStore) as any).stock).toEqual([
      { sku: 'RJ-M', available: 0 },
      { sku: 'BAG-L', available: 0 },
      { sku: 'UNKNOWN', available: 0 },
    ]);
  });

  it('answers availability for a page of 50 variants in a bounded number of SQL statements', async () => {
    const skus = Array.from({ length: 50 }, (_, i) => `PAGE-${String(i).padStart(2, '0')}`);
    for (let p = 0; p < 5; p++) {
      const variants = skus.slice(p * 10, p * 10 + 10).map((sku) => ({ sku, price: { cents: 1000, currency: 'USD' } }));
      const created = await send(t.client, 'UpsertProduct', { input: { name: `Page product ${p}`, variants } });
      expect(created.upsertProduct.userErrors).toEqual([]);
    }
    for (const [i, sku] of skus.entries()) if (i % 3 === 0) await setStock(i % 2 ? soho : warehouse, sku, i + 1);
    const QUERY = `query($skus: [String!]!) {
      variants(skus: $skus) {
        sku
        availability { totalAvailable byLocation { available location { name } } nearby(lat: 40.72, lng: -74.0, radiusKm: 50) { available distanceKm location { id name } } }
      }
    }`;
    const measure = async (page: string[]) => {
      const statements = countStatements(db);
      const data = await gql(QUERY, { skus: page });
      statements.stop();
      return { data, count: statements.count(), statements: statements.statements };
    };
    const small = await measure(skus.slice(0, 5));
    const large = await measure(skus);
    expect(large.data.variants).toHaveLength(50);
    expect(large.data.variants[3]).toEqual({
      sku: 'PAGE-03',
      availability: {
        totalAvailable: 4,
        byLocation: [{ available: 4, location: { name: 'SoHo' } }],
        nearby: [{ available: 4, distanceKm: expect.any(Number), location: { id: soho, name: 'SoHo' } }],
      },
    });
    expect(large.data.variants[1].availability).toEqual({ totalAvailable: 0, byLocation: [], nearby: [] });
    expect(large.count).toBeLessThanOrEqual(2);
    expect(large.count).toBe(small.count);
  });

  describe('never oversells', () => {
    const ORDERS_SERVICE: RequestInfo = { channel: null, requestId: 'oversell-test', caller: serviceCaller('orders') };

    async function race(
      sku: string,
      units: number,
      requests: number,
      call: (i: number, input: Record<string, unknown>) => Promise<any>,
    ) {
      await setStock(warehouse, sku, units);
      const results = await Promise.all(
        Array.from({ length: requests }, (_, i) =>
          call(i, { orderId: `race-${sku}-${i}`, lines: [{ lineId: 'line-1', sku, locationId: warehouse, quantity: 1 }] }),
        ),
      );
      return results.map((r) => r.reserveStock);
    }

    async function expectExactly(sku: string, units: number, results: any[]) {
      const won = results.filter((r) => r.userErrors.length === 0);
      const lost = results.filter((r) => r.userErrors.length > 0);
      expect(won).toHaveLength(units);
      expect(new Set(lost.map((r) => r.userErrors[0].code))).toEqual(new Set(['INSUFFICIENT_STOCK']));
      expect(lost[0].userErrors[0].message).toContain(sku);
      expect(await level(warehouse, sku)).toMatchObject({ onHand: units, reserved: units, available: 0 });
      expect(await db.getRepository(StockReservation).countBy({ sku, status: 'ACTIVE' as never })).toBe(units);
      expect(await db.getRepository(StockMovement).countBy({ sku, kind: 'RESERVE' as never })).toBe(units);
    }

    it('writes no stock row, and nothing that goes with it, when one of them changed since it was read under the lock', async () => {
      await setStock(warehouse, 'GUARD-A', 5);
      await setStock(warehouse, 'GUARD-B', 5);
      const movements = await ledgerCount();
      const change = (before: Stock) => ({ before, change: { reserved: 1 }, info: { kind: MovementKind.RESERVE } });
      const now = new Date();
      const reservation = insertStatement(
        db,
        StockReservation,
        [
          {
            orderId: 'guard',
            lineId: 'l1',
            locationId: warehouse,
            sku: 'GUARD-A',
            quantity: 1,
            status: ReservationStatus.ACTIVE,
            createdAt: now,
            updatedAt: now,
          },
        ],
        { properties: ['orderId', 'lineId', 'locationId', 'sku', 'quantity', 'status', 'createdAt', 'updatedAt'], prefix: 'r' },
      );
      await expect(
        inTransaction(db, async (manager) => {
          const a = await manager.findOneByOrFail(Stock, { locationId: warehouse, sku: 'GUARD-A' });
          const b = await manager.findOneByOrFail(Stock, { locationId: warehouse, sku: 'GUARD-B' });
          // Someone else's write between the read and the change: B is not as read.
          await manager.update(Stock, { locationId: warehouse, sku: 'GUARD-B' }, { onHand: 6 });
          await writeChanges(manager, [change(a), change(b)], { channel: null, actor: null }, [reservation]);
        }),
      ).rejects.toThrow(/stock changed under a lock/);
      expect(await level(warehouse, 'GUARD-A')).toMatchObject({ onHand: 5, reserved: 0 });
      expect(await level(warehouse, 'GUARD-B')).toMatchObject({ onHand: 5, reserved: 0 });
      expect(await ledgerCount()).toBe(movements);
      expect(await db.getRepository(StockReservation).countBy({ orderId: 'guard' })).toBe(0);
    });

    it('40 concurrent 1-unit reservations against 10 units: exactly 10 succeed', async () => {
      const results = await race('RACE-LOCAL', 10, 40, (_i, input) => fromOrders(RESERVE, { input }));
      await expectExactly('RACE-LOCAL', 10, results);
    });

    (TEST_DATABASE_URL ? it : it.skip)(
      'PostgreSQL: 200 concurrent 1-unit reservations against 10 units from 5 processes (own pools): exactly 10 succeed',
      async () => {
        const primary = t.system.services.get('inventory')!;
        const { schema, sdl } = await buildSubgraph(inventoryService);
        const log = createLogger('replica', 'silent');
        // Four more inventory processes: each its own connection pool on the same database.
        const replicas = await Promise.all(
          Array.from({ length: 4 }, async () => {
            const replicaDb = await openDatabase({
              service: 'inventory',
              entities: [...inventoryService.entities, ...PLATFORM_ENTITIES],
              migrations: inventoryService.migrations,
              url: (primary.db.options as { url: string }).url,
              dataDir: ':memory:',
              migrate: false,
              poolSize: 5,
            });
            return new RunningService(
              'inventory',
              replicaDb,
              schema,
              sdl,
              new OutboxRelay(replicaDb, t.system.bus, log),
              new Peers(),
              log,
            );
          }),
        );
        try {
          const processes = [primary, ...replicas];
          const results = await race('RACE-PG', 10, 200, (i, input) =>
            processes[i % processes.length]!.asPeer().request(RESERVE, { input }, ORDERS_SERVICE),
          );
          await expectExactly('RACE-PG', 10, results);

          // All or nothing under the same race: two SKUs per request, the scarcer one decides.
          await setStock(warehouse, 'PAIR-A', 10);
          await setStock(warehouse, 'PAIR-B', 4);
          const pairs = await Promise.all(
            Array.from({ length: 60 }, (_, i) =>
              processes[i % processes.length]!.asPeer().request<any>(
                RESERVE,
                {
                  input: {
                    orderId: `pair-${i}`,
                    lines: [
                      { lineId: 'a', sku: 'PAIR-A', locationId: warehouse, quantity: 1 },
                      { lineId: 'b', sku: 'PAIR-B', locationId: warehouse, quantity: 1 },
                    ],
                  },
                },
                ORDERS_SERVICE,
              ),
            ),
          );
          expect(pairs.filter((p) => p.reserveStock.userErrors.length === 0)).toHaveLength(4);
          expect(await level(warehouse, 'PAIR-A')).toMatchObject({ reserved: 4, available: 6 });
          expect(await level(warehouse, 'PAIR-B')).toMatchObject({ reserved: 4, available: 0 });
        } finally {
          for (const replica of replicas) await replica.db.destroy();
        }
      },
    );
  });
});
