import 'reflect-metadata';
import { visibleCustomerReference, type ServiceDefinition } from '@omni/platform';
import { Cart, CartLineRow } from './entities/cart';
import { Fulfillment, FulfillmentLine, Order, OrderHistoryEntry, OrderLine } from './entities/order';
import { OrderPayment, PaymentRefund } from './entities/payment';
import { consumers } from './events/consumers';
import { jobs } from './jobs';
import { StoreActionsResolver, StoreQueueResolver } from './resolvers/store.resolver';
import { FulfillmentKpisResolver } from './resolvers/fulfillment-kpis.resolver';
import { ReturnLine, ReturnRequest } from './entities/return';
import { ReplenishmentSubscription } from './entities/subscription';
import { SavedPaymentMethod, ShoppingListItemRow, WalletTopUp } from './entities/shopper';
import { CustomerShopperAppResolver, ShoppingListItemResolver } from './resolvers/shopper.resolver';
import { ApiClient, WebhookDelivery, WebhookSubscription } from './entities/partner';
import { ApiClientResolver, WebhookSubscriptionResolver } from './partners/partner.resolver';
import { postgresMigrations } from './migrations/postgres';
import { sqliteMigrations } from './migrations/sqlite';
import {
  CustomerOrdersResolver,
  FulfillmentResolver,
  OrderLineResolver,
  OrderResolver,
  visibleOrder,
} from './resolvers/order.resolver';
import { CartLineResolver, CartResolver, CustomerCartsResolver } from './resolvers/cart.resolver';
import {
  CustomerPostPurchaseResolver,
  ModifyOrderResolver,
  ReturnResolver,
  SubscriptionResolver,
} from './resolvers/post-purchase.resolver';

export const ordersService: ServiceDefinition = {
  name: 'orders',
  entities: [
    Cart,
    CartLineRow,
    Order,
    OrderLine,
    Fulfillment,
    FulfillmentLine,
    OrderHistoryEntry,
    OrderPayment,
    PaymentRefund,
    ReturnRequest,
    ReturnLine,
    ReplenishmentSubscription,
    ApiClient,
    WebhookSubscription,
    WebhookDelivery,
    WalletTopUp,
    SavedPaymentMethod,
    ShoppingListItemRow,
  ],
  migrations: { postgres: postgresMigrations, sqlite: sqliteMigrations },
  resolvers: [
    StoreQueueResolver,
    StoreActionsResolver,
    FulfillmentKpisResolver,
    OrderResolver,
    OrderLineResolver,
    FulfillmentResolver,
    CustomerOrdersResolver,
    CartResolver,
    CartLineResolver,
    CustomerCartsResolver,
    ReturnResolver,
    ModifyOrderResolver,
    SubscriptionResolver,
    CustomerPostPurchaseResolver,
    ApiClientResolver,
    WebhookSubscriptionResolver,
    CustomerShopperAppResolver,
    ShoppingListItemResolver,
  ],
  consumers,
  jobs,
  references: {
    Order: (ref, ctx) => visibleOrder(ctx, String(ref.id)),
    Customer: visibleCustomerReference,
  },
};
