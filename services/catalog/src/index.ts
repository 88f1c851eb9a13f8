import 'reflect-metadata';
import { visibleCustomerReference, type ServiceDefinition } from '@omni/platform';
import { Market, MarketLocation, MarketPrice } from './entities/market';
import { ProductMeasure } from './entities/measure';
import { ChannelPrice, ChannelPricePolicy, Product, ProductFacet, ProductVariant } from './entities/product';
import { Promotion, PromotionRevision } from './entities/promotion';
import { CategoryAffinity, CustomerProductView, CoPurchase, CustomerPurchase, ProductSales } from './entities/recommendation';
import { CustomerTier } from './entities/customer-tier';
import { consumers } from './events/consumers';
import { personalOfferOwners, personalOffers, segmentMemberships } from './events/segments';
import { CustomerSegment } from './entities/segment';
import { customerTiers } from './events/tiers';
import { productById, variantBySku } from './loaders';
import { postgresMigrations } from './migrations/postgres';
import { sqliteMigrations } from './migrations/sqlite';
import { BuyAgainResolver, CustomerCatalogResolver, CustomerRef } from './resolvers/customer.resolver';
import { LocationMarketResolver, LocationRef, MarketResolver } from './resolvers/market.resolver';
import { ProductResolver, VariantResolver } from './resolvers/product.resolver';
import { PromotionResolver } from './resolvers/promotion.resolver';

export const catalogService: ServiceDefinition = {
  name: 'catalog',
  entities: [
    Product,
    ProductVariant,
    ChannelPrice,
    ChannelPricePolicy,
    ProductFacet,
    ProductMeasure,
    Promotion,
    PromotionRevision,
    Market,
    MarketLocation,
    MarketPrice,
    CustomerPurchase,
    CoPurchase,
    ProductSales,
    CategoryAffinity,
    CustomerProductView,
    CustomerSegment,
    CustomerTier,
  ],
  migrations: { postgres: postgresMigrations, sqlite: sqliteMigrations },
  resolvers: [
    ProductResolver,
    VariantResolver,
    PromotionResolver,
    MarketResolver,
    LocationMarketResolver,
    CustomerCatalogResolver,
    BuyAgainResolver,
  ],
  orphanedTypes: [CustomerRef, LocationRef],
  references: {
    Customer: visibleCustomerReference,
    Product: (ref, ctx) => productById(ctx).load(String(ref.id)),
    ProductVariant: (ref, ctx) => variantBySku(ctx).load(String(ref.sku)),
    Location: (ref) => Promise.resolve(Object.assign(new LocationRef(), { id: String(ref.id) })),
  },
  consumers: [...consumers, segmentMemberships, personalOffers, personalOfferOwners, customerTiers],
};
