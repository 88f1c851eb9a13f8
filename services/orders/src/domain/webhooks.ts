/**
 * Who receives a webhook event. Two audiences: an event about one order (placed, shipped,
 * refunded...) goes to the subscriptions of the partner that placed it; an event about the
 * retailer as a whole (a stock level, two customers merged) belongs to no partner. A subscription
 * staff scoped to every order (`allOrders`, ADMIN only) receives both.
 */
export type WebhookAudience = 'ORDER' | 'RETAILER';

export interface SubscriptionScope {
  partnerId: string;
  allOrders: boolean;
  active: boolean;
  topics: readonly string[];
}

export interface WebhookEventScope {
  topic: string;
  audience: WebhookAudience;
  /** ORDER: the partner that placed the order (null: no partner did); RETAILER: null. */
  orderPartnerId: string | null;
}

/** True when `subscription` gets a delivery of `event`. */
export function receivesEvent(subscription: SubscriptionScope, event: WebhookEventScope): boolean {
  if (!subscription.active || !subscription.topics.includes(event.topic)) return false;
  if (subscription.allOrders) return true;
  return event.audience === 'ORDER' && event.orderPartnerId !== null && event.orderPartnerId === subscription.partnerId;
}

/**
 * The topics a new subscription may not name: those of the retailer's audience, unless it is
 * scoped to every order (a partner's own subscription would never receive them).
 */
export function topicsOutsideScope(
  topics: readonly string[],
  allOrders: boolean,
  audienceOf: (topic: string) => WebhookAudience,
): string[] {
  return allOrders ? [] : topics.filter((topic) => audienceOf(topic) === 'RETAILER');
}
