import type { GatewayClient } from './client';

/**
 * The demo retailer loaded on first start: one warehouse and three stores, a small apparel
 * catalog, shoppers who bought on the web, in a store, by phone and in the app, and their
 * loyalty accounts. Everything goes through the gateway, exactly as a channel would send it.
 */
const LOCATIONS = [
  {
    name: 'Newark Distribution Center',
    type: 'WAREHOUSE',
    lat: 40.7357,
    lng: -74.1724,
    fulfillsOnline: true,
    pickupEnabled: false,
  },
  { name: 'SoHo Store', type: 'STORE', lat: 40.7233, lng: -74.003, fulfillsOnline: true, pickupEnabled: true },
  { name: 'Brooklyn Heights Store', type: 'STORE', lat: 40.6959, lng: -73.9956, fulfillsOnline: true, pickupEnabled: true },
  { name: 'Boston Back Bay Store', type: 'STORE', lat: 42.3503, lng: -71.081, fulfillsOnline: false, pickupEnabled: true },
];

const usd = (cents: number) => ({ cents, currency: 'USD' });

const PRODUCTS = [
  {
    name: 'Merino Crew Sweater',
    brand: 'Northfield',
    description: 'Fine-gauge merino wool crew neck, machine washable.',
    categoryPath: ['Apparel', 'Knitwear'],
    attributes: [{ name: 'material', value: 'merino wool' }],
    variants: [
      {
        sku: 'NF-MCS-NAVY-M',
        attributes: [
          { name: 'color', value: 'navy' },
          { name: 'size', value: 'M' },
        ],
        price: usd(8900),
      },
      {
        sku: 'NF-MCS-NAVY-L',
        attributes: [
          { name: 'color', value: 'navy' },
          { name: 'size', value: 'L' },
        ],
        price: usd(8900),
      },
      {
        sku: 'NF-MCS-OAT-M',
        attributes: [
          { name: 'color', value: 'oatmeal' },
          { name: 'size', value: 'M' },
        ],
        price: usd(8900),
      },
    ],
  },
  {
    name: 'Trail Runner 2',
    brand: 'Ridgeline',
    description: 'Lightweight trail running shoe with a grippy lugged sole.',
    categoryPath: ['Footwear', 'Running'],
    attributes: [{ name: 'material', value: 'recycled mesh' }],
    variants: [
      {
        sku: 'RL-TR2-BLK-42',
        attributes: [
          { name: 'color', value: 'black' },
          { name: 'size', value: '42' },
        ],
        price: usd(12900),
      },
      {
        sku: 'RL-TR2-BLK-43',
        attributes: [
          { name: 'color', value: 'black' },
          { name: 'size', value: '43' },
        ],
        price: usd(12900),
      },
    ],
  },
  {
    name: 'Canvas Tote',
    brand: 'Northfield',
    description: 'Heavy cotton canvas tote with an inner pocket.',
    categoryPath: ['Accessories', 'Bags'],
    attributes: [{ name: 'material', value: 'cotton canvas' }],
    variants: [{ sku: 'NF-TOTE-NAT', attributes: [{ name: 'color', value: 'natural' }], price: usd(2400) }],
  },
  {
    name: 'Insulated Bottle 750 ml',
    brand: 'Ridgeline',
    description: 'Double-wall steel bottle, keeps drinks cold for 24 hours.',
    categoryPath: ['Accessories', 'Drinkware'],
    attributes: [{ name: 'material', value: 'stainless steel' }],
    variants: [
      { sku: 'RL-BTL-750-SAGE', attributes: [{ name: 'color', value: 'sage' }], price: usd(3200) },
      { sku: 'RL-BTL-750-SLATE', attributes: [{ name: 'color', value: 'slate' }], price: usd(3200) },
    ],
  },
];

const CUSTOMERS = [
  {
    email: 'ada.lovelace@example.com',
    phone: '+1 (555) 010-2000',
    firstName: 'Ada',
    lastName: 'Lovelace',
    channel: 'WEB',
    address: { line1: '12 Mercer St', city: 'New York', postalCode: '10013', country: 'US', lat: 40.7214, lng: -74.0021 },
  },
  {
    email: 'grace.hopper@example.com',
    phone: '+1 555 010 3000',
    firstName: 'Grace',
    lastName: 'Hopper',
    channel: 'STORE',
    address: { line1: '88 Montague St', city: 'Brooklyn', postalCode: '11201', country: 'US', lat: 40.6946, lng: -73.9932 },
  },
  {
    email: 'alan.turing@example.com',
    phone: null,
    firstName: 'Alan',
    lastName: 'Turing',
    channel: 'MOBILE_APP',
    address: { line1: '30 Montgomery St', city: 'Jersey City', postalCode: '07302', country: 'US', lat: 40.7163, lng: -74.0431 },
  },
];

const UPSERT_LOCATION = `mutation UpsertLocation($input: UpsertLocationInput!) {
  upsertLocation(input: $input) { location { id name type } userErrors { field message code } }
}`;
const UPSERT_PRODUCT = `mutation UpsertProduct($input: UpsertProductInput!) {
  upsertProduct(input: $input) { product { id name variants { sku } } userErrors { field message code } }
}`;
const SET_STOCK = `mutation SetStock($input: SetStockInput!) {
  setStock(input: $input) { stock { sku onHand } userErrors { field message code } }
}`;
const REGISTER_CUSTOMER = `mutation RegisterCustomer($input: RegisterCustomerInput!) {
  registerCustomer(input: $input) { customer { id email } userErrors { field message code } }
}`;
const ENROLL_LOYALTY = `mutation EnrollLoyalty($customerId: ID!, $channel: Channel!) {
  enrollLoyalty(customerId: $customerId, channel: $channel) { account { cardNumber } userErrors { field message code } }
}`;
const PLACE_ORDER = `mutation PlaceOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) { order { id number } userErrors { field message code } }
}`;
const LOCATIONS_QUERY = `query SeededLocations { locations { id } }`;
const UPSERT_HELP_ARTICLE = `mutation UpsertHelpArticle($input: HelpArticleInput!) {
  upsertHelpArticle(input: $input) { article { id title published } userErrors { field message code } }
}`;

/** The knowledge base every channel answers from: the self-service widget, the app, kiosks and agents. */
const HELP_ARTICLES = [
  {
    title: 'Returns and exchanges',
    answer:
      'You can return or exchange any item within 30 days: in any of our stores, or by mail with the free label from your order page. Refunds go back to how you paid; an exchange ships as soon as the return is scanned.',
    tags: ['returns', 'exchange', 'refund'],
    published: true,
  },
  {
    title: 'Choosing a delivery date',
    answer:
      'Pick a delivery date at checkout, or call us to move it while your order has not shipped. Shipments need two days from the warehouse; pickup in store can be the same day when the store has the item.',
    tags: ['delivery', 'shipping'],
    published: true,
  },
  {
    title: 'Finding a size that fits',
    answer:
      'Every product lists its measurements. In the app, filter by width, depth or height (in cm or inches) to see only what fits your space.',
    tags: ['sizes', 'measurements'],
    channels: ['WEB', 'MOBILE_APP', 'KIOSK'],
    published: true,
  },
];

type Payload<K extends string, T> = Record<K, T & { userErrors: { code: string; message: string }[] }>;

/** True when the system already holds data, so a restart does not seed twice. */
export async function isSeeded(client: GatewayClient): Promise<boolean> {
  const data = await client.request<{ locations: { id: string }[] }>(LOCATIONS_QUERY);
  return data.locations.length > 0;
}

export interface SeedSummary {
  customerIds: string[];
  locationIds: string[];
  orderNumbers: string[];
}

export async function seedDemoRetailer(client: GatewayClient): Promise<SeedSummary> {
  const locationIds: string[] = [];
  for (const input of LOCATIONS) {
    const data = await client.mutate<Payload<'upsertLocation', { location: { id: string } }>>(
      UPSERT_LOCATION,
      { input },
      'UpsertLocation',
    );
    locationIds.push(data.upsertLocation.location.id);
  }
  for (const input of PRODUCTS) {
    await client.mutate(UPSERT_PRODUCT, { input }, 'UpsertProduct');
  }
  const skus = PRODUCTS.flatMap((p) => p.variants.map((v) => v.sku));
  for (const [l, locationId] of locationIds.entries()) {
    for (const [s, sku] of skus.entries()) {
      // A warehouse holds deep stock; stores hold a few units, and not every store every SKU.
      const onHand = l === 0 ? 120 + s * 10 : (l + s) % 4 === 0 ? 0 : 2 + ((l * 3 + s) % 7);
      await client.mutate(SET_STOCK, { input: { locationId, sku, onHand } }, 'SetStock');
    }
  }
  const customerIds: string[] = [];
  for (const input of CUSTOMERS) {
    const data = await client.mutate<Payload<'registerCustomer', { customer: { id: string } }>>(
      REGISTER_CUSTOMER,
      { input },
      'RegisterCustomer',
    );
    customerIds.push(data.registerCustomer.customer.id);
  }
  const [ada, grace, alan] = customerIds as [string, string, string];
  await client.mutate(ENROLL_LOYALTY, { customerId: ada, channel: 'WEB' }, 'EnrollLoyalty');
  await client.mutate(ENROLL_LOYALTY, { customerId: grace, channel: 'STORE' }, 'EnrollLoyalty');

  const [, soho, brooklyn] = locationIds as [string, string, string];
  // Paid in full: by a card taken outside this system (`manual` records it), or cash at the till.
  const card = { provider: 'manual', token: 'demo-card' };
  const cash = { provider: 'cash', token: 'demo-till' };
  const orders = [
    {
      customerId: ada,
      channel: 'WEB',
      lines: [
        { sku: 'NF-MCS-NAVY-M', quantity: 1 },
        { sku: 'NF-TOTE-NAT', quantity: 1 },
      ],
      fulfillment: { type: 'SHIP', address: CUSTOMERS[0]!.address },
      payment: card,
    },
    {
      customerId: ada,
      channel: 'STORE',
      lines: [{ sku: 'RL-BTL-750-SAGE', quantity: 2 }],
      fulfillment: { type: 'CARRY_OUT', pickupLocationId: soho },
      payment: cash,
    },
    {
      customerId: ada,
      channel: 'CALL_CENTER',
      lines: [{ sku: 'RL-TR2-BLK-42', quantity: 1 }],
      fulfillment: { type: 'PICKUP_IN_STORE', pickupLocationId: brooklyn },
      payment: card,
    },
    {
      customerId: grace,
      channel: 'STORE',
      lines: [{ sku: 'NF-MCS-NAVY-L', quantity: 1 }],
      fulfillment: { type: 'CARRY_OUT', pickupLocationId: brooklyn },
      payment: cash,
    },
    {
      customerId: alan,
      channel: 'MOBILE_APP',
      lines: [
        { sku: 'RL-BTL-750-SLATE', quantity: 1 },
        { sku: 'NF-TOTE-NAT', quantity: 2 },
      ],
      fulfillment: { type: 'SHIP', address: CUSTOMERS[2]!.address },
      payment: card,
    },
  ];
  const orderNumbers: string[] = [];
  for (const [i, order] of orders.entries()) {
    const input = { ...order, idempotencyKey: `demo-seed-order-${i + 1}` };
    const data = await client.mutate<Payload<'placeOrder', { order: { number: string } }>>(PLACE_ORDER, { input }, 'PlaceOrder');
    orderNumbers.push(data.placeOrder.order.number);
  }
  for (const input of HELP_ARTICLES) {
    await client.mutate(UPSERT_HELP_ARTICLE, { input }, 'UpsertHelpArticle');
  }
  return { customerIds, locationIds, orderNumbers };
}
