import type { Channel, RequestInfo, ServiceContext } from '@omni/platform';

/** The orders service's reads of other services, through their public subgraph APIs. */

export interface CatalogPrice {
  sku: string;
  discontinued: boolean;
  price: { cents: number; currency: string };
}

const VARIANT_PRICES = /* GraphQL */ `
  query OrderVariantPrices($skus: [String!]!, $channel: Channel) {
    variants(skus: $skus) { sku discontinued price(channel: $channel) { cents currency } }
  }
`;

const CUSTOMER_EXISTS = /* GraphQL */ `
  query OrderCustomer($id: ID!) { customer(id: $id) { id } }
`;

function info(ctx: ServiceContext): RequestInfo {
  return { channel: ctx.channel, requestId: ctx.requestId, caller: ctx.caller };
}

/** Current prices for the channel, keyed by SKU; unknown SKUs are absent. */
export async function catalogPrices(ctx: ServiceContext, skus: string[], channel: Channel): Promise<Map<string, CatalogPrice>> {
  const data = await ctx.peers
    .get('catalog')
    .request<{ variants: CatalogPrice[] }>(VARIANT_PRICES, { skus, channel }, info(ctx));
  return new Map(data.variants.map((v) => [v.sku, v]));
}

/** The customer's current id (a merged-away id gives the survivor's), or null when unknown. */
export async function resolveCustomerId(ctx: ServiceContext, id: string): Promise<string | null> {
  const data = await ctx.peers.get('crm').request<{ customer: { id: string } | null }>(CUSTOMER_EXISTS, { id }, info(ctx));
  return data.customer?.id ?? null;
}
