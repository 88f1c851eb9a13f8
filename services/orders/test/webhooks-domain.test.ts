import { receivesEvent, topicsOutsideScope, type SubscriptionScope, type WebhookEventScope } from '../src/domain/webhooks';
import { audienceOfTopic } from '../src/partners/topics';

const acme: SubscriptionScope = { partnerId: 'acme', allOrders: false, active: true, topics: ['ORDER_PLACED', 'STOCK_CHANGED'] };
const erp: SubscriptionScope = { partnerId: 'erp', allOrders: true, active: true, topics: ['ORDER_PLACED', 'STOCK_CHANGED'] };

describe('who receives a webhook event', () => {
  const placed = (orderPartnerId: string | null): WebhookEventScope => ({
    topic: 'ORDER_PLACED',
    audience: 'ORDER',
    orderPartnerId,
  });
  const stock: WebhookEventScope = { topic: 'STOCK_CHANGED', audience: 'RETAILER', orderPartnerId: null };

  it.each([
    ['a partner, its own order', acme, placed('acme'), true],
    ["a partner, another partner's order", acme, placed('globex'), false],
    ['a partner, an order no partner placed', acme, placed(null), false],
    ['a partner, a retailer-wide event (even one it lists)', acme, stock, false],
    ['staff scoped to every order, any order', erp, placed('globex'), true],
    ['staff scoped to every order, an order no partner placed', erp, placed(null), true],
    ['staff scoped to every order, a retailer-wide event', erp, stock, true],
    ['a topic it did not choose', { ...erp, topics: ['ORDER_CANCELLED'] }, placed('erp'), false],
    ['a deleted (inactive) subscription', { ...acme, active: false }, placed('acme'), false],
  ] as const)('%s: %s', (_, subscription, event, expected) => {
    expect(receivesEvent(subscription, event)).toBe(expected);
  });
});

describe('topics a new subscription may name', () => {
  it.each([
    [['ORDER_PLACED', 'REFUND_ISSUED'], false, []],
    [['ORDER_PLACED', 'STOCK_CHANGED', 'CUSTOMER_MERGED'], false, ['STOCK_CHANGED', 'CUSTOMER_MERGED']],
    [['STOCK_CHANGED', 'CUSTOMER_MERGED', 'ORDER_PLACED'], true, []],
  ] as const)('%j with allOrders %s: refused %j', (topics, allOrders, refused) => {
    expect(topicsOutsideScope(topics, allOrders, audienceOfTopic)).toEqual(refused);
  });
});
