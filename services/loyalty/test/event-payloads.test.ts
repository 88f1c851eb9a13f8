import { LEDGER_KINDS, LOYALTY_TIERS } from '@omni/platform';
import { LedgerKind, LoyaltyTier } from '../src/domain/program';

/** Loyalty's event definitions (`@omni/platform`) name exactly the values loyalty writes into them. */
describe('loyalty event payloads', () => {
  it('list every ledger kind and tier', () => {
    expect(Object.values(LedgerKind)).toEqual([...LEDGER_KINDS]);
    expect(Object.values(LoyaltyTier)).toEqual([...LOYALTY_TIERS]);
  });
});
