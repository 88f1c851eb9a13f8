/**
 * A point-of-sale client placing an order with the contract's `PlaceOrder` operation. Compiled by
 * `tsc -p examples/typed-client` (gateway/test/typed-client.test.ts): a typo in a variable, a
 * missing required input field or a field the operation did not select fails the build.
 */
import { createClient } from './client';
import { PlaceOrderDocument, SearchProductsDocument, type PlaceOrderInput } from './generated/graphql';

export async function sellAtTill(url: string, token: string, customerId: string, sku: string): Promise<string> {
  const request = createClient({ url, token, channel: 'STORE' });

  const input: PlaceOrderInput = {
    customerId,
    channel: 'STORE',
    idempotencyKey: `till-7-${Date.now()}`,
    lines: [{ sku, quantity: 1 }],
    fulfillment: { type: 'CARRY_OUT', pickupLocationId: 'store-berlin' },
  };
  const { placeOrder } = await request(PlaceOrderDocument, { input });

  // userErrors are data: branch on the stable codes each mutation's description lists.
  const outOfStock = placeOrder.userErrors.find((e) => e.code === 'OUT_OF_STOCK');
  if (outOfStock) return `not in stock: ${outOfStock.message}`;
  if (!placeOrder.order) throw new Error(placeOrder.userErrors.map((e) => e.code).join(', '));

  const { number, total } = placeOrder.order; // total: Money, in minor units
  return `${number}: ${(total.cents / 100).toFixed(2)} ${total.currency}`;
}

export async function firstPage(url: string): Promise<string[]> {
  const request = createClient({ url, channel: 'WEB' });
  const { searchProducts } = await request(SearchProductsDocument, { query: 'tee', first: 10 });
  return searchProducts.edges.map((edge) => edge.node.name);
}

// What the compiler refuses (each line would fail `tsc` without its @ts-expect-error):
export function mistakes(request: ReturnType<typeof createClient>, input: PlaceOrderInput): void {
  // @ts-expect-error a variable the operation does not declare
  void request(PlaceOrderDocument, { order: input });
  // @ts-expect-error a channel that is not a Channel value
  void request(PlaceOrderDocument, { input: { ...input, channel: 'FAX' } });
  // @ts-expect-error `lines` is required by PlaceOrderInput
  const withoutLines: PlaceOrderInput = { channel: 'WEB', idempotencyKey: 'k', fulfillment: { type: 'SHIP' } };
  void withoutLines;
  void request(PlaceOrderDocument, { input }).then((result) => {
    // @ts-expect-error `placedAt` is not selected by PlaceOrder
    void result.placeOrder.order?.placedAt;
  });
}
