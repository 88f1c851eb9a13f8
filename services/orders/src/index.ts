import 'reflect-metadata';
import type { ServiceDefinition } from '@omni/platform';
import { Fulfillment, FulfillmentLine, Order, OrderHistoryEntry, OrderLine } from './entities/order';
import { orderById } from './loaders';
import { postgresMigrations } from './migrations/postgres';
import { sqliteMigrations } from './migrations/sqlite';
import {
  CustomerOrdersResolver,
  FulfillmentResolver,
  OrderLineResolver,
  OrderResolver,
} from './resolvers/order.resolver';

export const ordersService: ServiceDefinition = {
  name: 'orders',
  entities: [Order, OrderLine, Fulfillment, FulfillmentLine, OrderHistoryEntry],
  migrations: { postgres: postgresMigrations, sqlite: sqliteMigrations },
  resolvers: [OrderResolver, OrderLineResolver, FulfillmentResolver, CustomerOrdersResolver],
  references: {
    Order: (ref, ctx) => orderById(ctx).load(String(ref.id)),
  },
};
