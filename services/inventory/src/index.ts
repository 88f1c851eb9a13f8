import 'reflect-metadata';
import type { ServiceDefinition } from '@omni/platform';
import { Location } from './entities/location';
import { Stock } from './entities/stock';
import { locationById } from './loaders';
import { postgresMigrations } from './migrations/postgres';
import { sqliteMigrations } from './migrations/sqlite';
import {
  AvailabilityResolver,
  LocationResolver,
  ProductVariantStock,
  StockResolver,
  VariantStockResolver,
} from './resolvers/inventory.resolver';

export const inventoryService: ServiceDefinition = {
  name: 'inventory',
  entities: [Location, Stock],
  migrations: { postgres: postgresMigrations, sqlite: sqliteMigrations },
  resolvers: [LocationResolver, StockResolver, VariantStockResolver, AvailabilityResolver],
  orphanedTypes: [ProductVariantStock],
  references: {
    Location: (ref, ctx) => locationById(ctx).load(String(ref.id)),
  },
};
