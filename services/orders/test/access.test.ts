import type { Caller } from '@omni/platform';
import { canSeeOrder, partnerOf } from '../src/domain/access';

const caller = (roles: string[], ids: Partial<Caller> = {}): Caller => ({
  subject: 's',
  roles,
  customerId: null,
  locationId: null,
  partnerId: null,
  ...ids,
});

describe('who may see an order', () => {
  const aliceViaPartner = { customerId: 'alice', partnerId: 'market-1' };
  const guestOrder = { customerId: null, partnerId: null };

  it('is its shopper, staff, and the partner that placed it', () => {
    expect(canSeeOrder(caller(['CUSTOMER'], { customerId: 'alice' }), aliceViaPartner)).toBe(true);
    expect(canSeeOrder(caller(['CUSTOMER'], { customerId: 'bob' }), aliceViaPartner)).toBe(false);
    expect(canSeeOrder(caller(['CSR']), aliceViaPartner)).toBe(true);
    expect(canSeeOrder(caller(['PARTNER'], { partnerId: 'market-1' }), aliceViaPartner)).toBe(true);
    expect(canSeeOrder(caller(['PARTNER'], { partnerId: 'market-2' }), aliceViaPartner)).toBe(false);
    expect(canSeeOrder(caller(['ADMIN']), aliceViaPartner)).toBe(false);
  });

  it('keeps a guest order to staff once the checkout is over', () => {
    expect(canSeeOrder(caller([]), guestOrder)).toBe(false);
    expect(canSeeOrder(caller(['CUSTOMER'], { customerId: 'alice' }), guestOrder)).toBe(false);
    expect(canSeeOrder(caller(['PARTNER'], { partnerId: null }), guestOrder)).toBe(false);
    expect(canSeeOrder(caller(['ASSOCIATE'], { locationId: 'soho' }), guestOrder)).toBe(true);
  });

  it('records the partner only for a partner caller', () => {
    expect(partnerOf(caller(['PARTNER'], { partnerId: 'market-1' }))).toBe('market-1');
    expect(partnerOf(caller(['CSR'], { partnerId: 'market-1' }))).toBeNull();
  });
});
