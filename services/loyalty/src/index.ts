import 'reflect-metadata';
import type { ServiceDefinition } from '@omni/platform';
import { LedgerEntry, LoyaltyAccount } from './entities/account';
import { consumers } from './events/consumers';
import { postgresMigrations } from './migrations/postgres';
import { sqliteMigrations } from './migrations/sqlite';
import { CustomerLoyaltyResolver, CustomerRef, LoyaltyAccountResolver } from './resolvers/loyalty.resolver';

export const loyaltyService: ServiceDefinition = {
  name: 'loyalty',
  entities: [LoyaltyAccount, LedgerEntry],
  migrations: { postgres: postgresMigrations, sqlite: sqliteMigrations },
  resolvers: [LoyaltyAccountResolver, CustomerLoyaltyResolver],
  orphanedTypes: [CustomerRef],
  consumers,
};
