import { randomUUID } from 'node:crypto';
import { encodeCaller, HEADERS, serviceCaller, signCallerValue } from '@omni/platform';
import { benchOrder, PLACE_ORDER, type Fixture } from './fixture';
import type { Target } from './target';

/** One kind of request, sent over and over by autocannon. */
export interface Case {
  /** Its key in the JSON and the targets. */
  id: string;
  name: string;
  url: string;
  /** Per request: a signed caller header is good for one request id and a minute. */
  headers: () => Record<string, string>;
  body: () => string;
  /** The CPU the case costs, in microseconds so far; default: the system's. */
  cpu?: () => Promise<number>;
  /** A comparison: left out of the run, not fatal, when it does not answer. */
  optional?: boolean;
  /** Its requests set off events: their consumers' work counts for the case (measured until the system idles). */
  setsOffEvents?: boolean;
}

const customer360 = (first: number) => `query Customer360($id: ID!) {
  customer(id: $id) {
    firstName lastName email channels
    identities { kind value channel }
    orders(first: ${first}) { totalCount edges { node { number channel status total { cents currency }
      lines { sku quantity variant { product { name } price(channel: WEB) { cents } availability { totalAvailable } } } } } }
    loyalty { cardNumber tier pointsBalance }
  }
}`;
const CRM_CUSTOMER = `query CrmCustomer($id: ID!) { customer(id: $id) { firstName lastName email } }`;
const SEARCH_PRODUCTS = `query SearchProducts($query: String, $channel: Channel, $first: Int) {
  searchProducts(query: $query, channel: $channel, first: $first) {
    totalCount
    facets { name values { value count } }
    edges { node { id name brand variants { sku price(channel: $channel) { cents currency } availability { totalAvailable } } } }
  }
}`;
/** What orders sends inventory for an order's lines (services/orders/src/peers.ts). */
const RESERVE_STOCK = `mutation OrderReserveStock($input: ReserveStockInput!) {
  reserveStock(input: $input) { userErrors { field message code } }
}`;

const graphql = (query: string, operationName: string, variables: Record<string, unknown>) =>
  JSON.stringify({ query, operationName, variables });

/** The headers of a call between services: the caller signed with the subgraph secret, per request id. */
function signedCaller(caller: string, secret: string): Record<string, string> {
  const requestId = randomUUID();
  return {
    'x-channel': 'WEB',
    [HEADERS.requestId]: requestId,
    [HEADERS.caller]: caller,
    [HEADERS.callerSignature]: signCallerValue(caller, requestId, secret),
  };
}

/** The cases, in the order each round runs them; `hive`: the Hive Gateway's URL and CPU, when it runs. */
export function benchCases(
  target: Target,
  fixture: Fixture,
  backOfficeToken: string,
  hive?: { url: string; cpu: () => Promise<number> },
): Case[] {
  const backOffice = { 'x-channel': 'WEB', authorization: `Bearer ${backOfficeToken}` };
  const csr = encodeCaller({
    subject: 'bench-back-office',
    roles: ['ADMIN', 'CSR'],
    customerId: null,
    locationId: null,
    partnerId: null,
  });
  const ordersService = encodeCaller(serviceCaller('orders'));
  const run = `${process.pid}-${Date.now()}`;
  let orders = 0;
  let reservations = 0;
  const search = graphql(SEARCH_PRODUCTS, 'SearchProducts', { query: 'merino', channel: 'WEB', first: 10 });
  const history = (id: string, customerId: string, count: number): Case => ({
    id,
    name: `Customer360 orders(first: 50), a customer with ${count} orders`,
    url: target.gatewayUrl,
    headers: () => backOffice,
    body: () => graphql(customer360(50), 'Customer360', { id: customerId }),
  });
  const cases: Case[] = [
    {
      id: 'customer360',
      name: 'Customer360 via gateway',
      url: target.gatewayUrl,
      headers: () => backOffice,
      body: () => graphql(customer360(5), 'Customer360', { id: fixture.customerId }),
    },
    {
      id: 'crmDirect',
      name: 'customer straight to CRM',
      url: target.subgraphUrls.get('crm')!,
      headers: () => signedCaller(csr, target.subgraphSecret),
      body: () => graphql(CRM_CUSTOMER, 'CrmCustomer', { id: fixture.customerId }),
    },
    {
      id: 'searchProducts',
      name: 'SearchProducts, anonymous',
      url: target.gatewayUrl,
      headers: () => ({ 'x-channel': 'WEB' }),
      body: () => search,
    },
  ];
  if (hive) {
    cases.push({
      id: 'searchProductsHive',
      name: 'SearchProducts, anonymous, via Hive Gateway',
      url: hive.url,
      headers: () => ({ 'x-channel': 'WEB' }),
      body: () => search,
      cpu: hive.cpu,
      optional: true,
    });
  }
  cases.push(
    {
      id: 'placeOrder',
      name: 'placeOrder, 2 of 20 SKUs, pickup at one of 3 stores',
      url: target.gatewayUrl,
      setsOffEvents: true,
      headers: () => backOffice,
      body: () => {
        const n = orders++;
        const shopper = fixture.shoppers[n % fixture.shoppers.length]!;
        return graphql(PLACE_ORDER, 'PlaceOrder', { input: benchOrder(fixture, shopper, n, `bench-${run}-${n}`) });
      },
    },
    {
      id: 'reserveStock',
      name: 'reserveStock straight to inventory, 2 lines on distinct rows',
      url: target.subgraphUrls.get('inventory')!,
      setsOffEvents: true,
      headers: () => signedCaller(ordersService, target.subgraphSecret),
      body: () => {
        // Rows (SKU at location) in turn: the requests in flight at once never share one.
        const row = (i: number) => ({
          sku: fixture.skus[i % fixture.skus.length]!,
          locationId: fixture.locations[Math.floor(i / fixture.skus.length) % fixture.locations.length]!,
        });
        const n = reservations++;
        const lines = [0, 1].map((k) => ({ lineId: randomUUID(), quantity: 1, ...row(2 * n + k) }));
        return graphql(RESERVE_STOCK, 'OrderReserveStock', { input: { orderId: randomUUID(), lines } });
      },
    },
    history('customer360Orders5', fixture.fiveOrders, 5),
    history('customer360Orders50', fixture.fiftyOrders, 50),
  );
  return cases;
}
