import 'reflect-metadata';
import type { ServiceDefinition } from '@omni/platform';
import { ChannelPrice, Product, ProductVariant } from './entities/product';
import { productById, variantBySku } from './loaders';
import { postgresMigrations } from './migrations/postgres';
import { sqliteMigrations } from './migrations/sqlite';
import { ProductResolver, VariantResolver } from './resolvers/product.resolver';

export const catalogService: ServiceDefinition = {
  name: 'catalog',
  entities: [Product, ProductVariant, ChannelPrice],
  migrations: { postgres: postgresMigrations, sqlite: sqliteMigrations },
  resolvers: [ProductResolver, VariantResolver],
  references: {
    Product: (ref, ctx) => productById(ctx).load(String(ref.id)),
    ProductVariant: (ref, ctx) => variantBySku(ctx).load(String(ref.sku)),
  },
};
