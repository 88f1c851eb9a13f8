import 'reflect-metadata';
import type { ServiceDefinition } from '@omni/platform';
import { Cart, CartLineRow } from './entities/cart';
import { Fulfillment, FulfillmentLine, Order, OrderHistoryEntry, OrderLine } from './entities/order';
import { consumers } from './events/consumers';
import { orderById } from './loaders';
import { postgresMigrations } from './migrations/postgres';
import { sqliteMigrations } from './migrations/sqlite';
import {
  CustomerOrdersResolver,
  FulfillmentResolver,
  OrderLineResolver,
  OrderResolver,
} from './resolvers/order.resolver';
import { CartLineResolver, CartResolver, CustomerCartsResolver } from './resolvers/cart.resolver';

export const ordersService: ServiceDefinition = {
  name: 'orders',
  entities: [Cart, CartLineRow, Order, OrderLine, Fulfillment, FulfillmentLine, OrderHistoryEntry],
  migrations: { postgres: postgresMigrations, sqlite: sqliteMigrations },
  resolvers: [OrderResolver, OrderLineResolver, FulfillmentResolver, CustomerOrdersResolver, CartResolver, CartLineResolver, CustomerCartsResolver],
  consumers,
  references: {
    Order: (ref, ctx) => orderById(ctx).load(String(ref.id)),
  },
};
