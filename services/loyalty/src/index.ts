import 'reflect-metadata';
import { visibleCustomerReference, type ConsumerDefinition, type ServiceDefinition } from '@omni/platform';
import { LedgerEntry, LoyaltyAccount } from './entities/account';
import { CurrencyConversionRate, LoyaltyCurrency } from './entities/currencies';
import { EarnedLine, EarnRule } from './entities/rules';
import { Hold, StoredValueAccount, StoredValueEntry } from './entities/stored-value';
import { consumers } from './events/consumers';
import { jobs } from './jobs';
import { postgresMigrations } from './migrations/postgres';
import { sqliteMigrations } from './migrations/sqlite';
import { CurrencyResolver } from './resolvers/currency.resolver';
import { GiftCardResolver } from './resolvers/gift-card.resolver';
import { CustomerLoyaltyResolver, CustomerRef, LoyaltyAccountResolver } from './resolvers/loyalty.resolver';
import { ProgramResolver } from './resolvers/program.resolver';
import { CustomerWalletResolver } from './resolvers/wallet.resolver';
import { loyaltySettings } from './settings';

export { readLoyaltySettings } from './settings';

export const loyaltyService: ServiceDefinition = {
  name: 'loyalty',
  entities: [
    LoyaltyAccount,
    LedgerEntry,
    EarnRule,
    EarnedLine,
    StoredValueAccount,
    StoredValueEntry,
    Hold,
    LoyaltyCurrency,
    CurrencyConversionRate,
  ],
  migrations: { postgres: postgresMigrations, sqlite: sqliteMigrations },
  resolvers: [
    LoyaltyAccountResolver,
    CustomerLoyaltyResolver,
    ProgramResolver,
    GiftCardResolver,
    CurrencyResolver,
    CustomerWalletResolver,
  ],
  orphanedTypes: [CustomerRef],
  // Only the inaccessible checkout holds use them.
  inaccessibleEnums: ['LoyaltyHoldStatus', 'LoyaltyHoldTarget'],
  references: { Customer: visibleCustomerReference },
  /**
   * Read when the service starts (the platform subscribes consumers then), so a malformed
   * GIFT_CARD_SECRET or GIFT_CARD_BALANCE_RATE stops the start with one line naming it.
   */
  get consumers(): ConsumerDefinition[] {
    loyaltySettings();
    return consumers;
  },
  jobs,
};
