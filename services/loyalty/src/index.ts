import 'reflect-metadata';
import { visibleCustomerReference, type ServiceDefinition } from '@omni/platform';
import { LedgerEntry, LoyaltyAccount } from './entities/account';
import { EarnedLine, EarnRule } from './entities/rules';
import { Hold, StoredValueAccount, StoredValueEntry } from './entities/stored-value';
import { consumers } from './events/consumers';
import { jobs } from './jobs';
import { postgresMigrations } from './migrations/postgres';
import { sqliteMigrations } from './migrations/sqlite';
import { CustomerLoyaltyResolver, CustomerRef, LoyaltyAccountResolver } from './resolvers/loyalty.resolver';
import { ProgramResolver } from './resolvers/program.resolver';

export const loyaltyService: ServiceDefinition = {
  name: 'loyalty',
  entities: [LoyaltyAccount, LedgerEntry, EarnRule, EarnedLine, StoredValueAccount, StoredValueEntry, Hold],
  migrations: { postgres: postgresMigrations, sqlite: sqliteMigrations },
  resolvers: [LoyaltyAccountResolver, CustomerLoyaltyResolver, ProgramResolver],
  orphanedTypes: [CustomerRef],
  references: { Customer: visibleCustomerReference },
  consumers,
  jobs,
};
