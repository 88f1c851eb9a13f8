import 'reflect-metadata';
import type { ServiceDefinition } from '@omni/platform';
import { Address } from './entities/address';
import { Customer, CustomerIdentity } from './entities/customer';
import { consumers } from './events/consumers';
import { customerById } from './loaders';
import { postgresMigrations } from './migrations/postgres';
import { sqliteMigrations } from './migrations/sqlite';
import { CustomerResolver } from './resolvers/customer.resolver';

export const crmService: ServiceDefinition = {
  name: 'crm',
  entities: [Customer, CustomerIdentity, Address],
  migrations: { postgres: postgresMigrations, sqlite: sqliteMigrations },
  resolvers: [CustomerResolver],
  references: {
    Customer: (ref, ctx) => customerById(ctx).load(String(ref.id)),
  },
  consumers,
};

export { Customer } from './entities/customer';
