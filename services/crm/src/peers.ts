import type { Channel, ConsumerTools } from '@omni/platform';

/** CRM's reads of other services, through their public subgraph APIs: the only place CRM calls a peer. */

const PICKUP_STORE = /* GraphQL */ `
  query CrmPickupStore($id: ID!) {
    location(id: $id) {
      name
    }
  }
`;

/**
 * The name of the store a pickup waits at, asked of inventory (which owns `Location`), or null
 * when it cannot say: inventory does not answer (or is not registered as a peer), or it knows no
 * such location. The notice then goes out without the
 * name rather than late: the shopper needs to know the order is ready more than where (the
 * order, in every channel, names its pickup store).
 *
 * Why a peer read rather than the name in `orders.fulfillment.ready_for_pickup`: orders does
 * not hold location names (it routes on ids and coordinates), so carrying the name would couple
 * orders' routing to inventory's presentation data for CRM's sake; and rather than a copy of
 * every location kept from events, which inventory does not publish: one read of a public field,
 * when a pickup is ready, is the smallest dependency.
 */
export async function pickupStoreName(
  tools: ConsumerTools,
  locationId: string,
  origin: { requestId: string; channel: Channel | null },
): Promise<string | null> {
  try {
    const data = await tools.peers
      .get('inventory')
      .request<{ location: { name: string } | null }>(PICKUP_STORE, { id: locationId }, { service: tools.service, ...origin });
    return data.location?.name ?? null;
  } catch {
    return null;
  }
}
