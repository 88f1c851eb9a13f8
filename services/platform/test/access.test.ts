import {
  authChecker,
  canActOnGuestOrOwn,
  canSeeCustomer,
  canWorkAt,
  serviceCaller,
  type Caller,
  type ServiceContext,
} from '@omni/platform';

const caller = (roles: string[], ids: Partial<Caller> = {}): Caller => ({
  subject: 'someone',
  roles,
  customerId: null,
  locationId: null,
  partnerId: null,
  ...ids,
});
const nobody = caller([]);
const alice = caller(['CUSTOMER'], { customerId: 'alice' });
const associate = caller(['ASSOCIATE'], { locationId: 'soho' });

describe('access rules', () => {
  it('lets staff see any shopper and a shopper only themself', () => {
    expect(canSeeCustomer(alice, 'alice')).toBe(true);
    expect(canSeeCustomer(alice, 'bob')).toBe(false);
    expect(canSeeCustomer(alice, null)).toBe(false);
    for (const staff of [associate, caller(['CSR']), serviceCaller('orders')]) expect(canSeeCustomer(staff, 'bob')).toBe(true);
    for (const other of [nobody, caller(['ADMIN']), caller(['PARTNER'], { partnerId: 'p' })]) {
      expect(canSeeCustomer(other, 'alice')).toBe(false);
    }
    // A customer id without the CUSTOMER role proves nothing.
    expect(canSeeCustomer(caller(['PARTNER'], { customerId: 'alice' }), 'alice')).toBe(false);
    // A token of a merged-away customer, mapped by the gateway: the survivor and the id it named.
    const merged = caller(['CUSTOMER'], { customerId: 'alice', mergedCustomerIds: ['alice-old'] });
    expect([canSeeCustomer(merged, 'alice'), canSeeCustomer(merged, 'alice-old'), canSeeCustomer(merged, 'bob')]).toEqual([
      true,
      true,
      false,
    ]);
    expect(canSeeCustomer(caller(['PARTNER'], { customerId: 'alice', mergedCustomerIds: ['alice-old'] }), 'alice-old')).toBe(
      false,
    );
  });

  it("opens guest carts to whoever holds them and a customer's cart to its owner and staff", () => {
    expect(canActOnGuestOrOwn(nobody, null)).toBe(true);
    expect(canActOnGuestOrOwn(nobody, 'alice')).toBe(false);
    expect(canActOnGuestOrOwn(alice, 'alice')).toBe(true);
    expect(canActOnGuestOrOwn(caller(['CSR']), 'alice')).toBe(true);
  });

  it('lets an associate work only at their own location', () => {
    expect(canWorkAt(associate, 'soho')).toBe(true);
    expect(canWorkAt(associate, 'brooklyn')).toBe(false);
    expect(canWorkAt(caller(['ASSOCIATE']), 'soho')).toBe(false);
    expect(canWorkAt(caller(['CSR', 'ADMIN'], { locationId: 'soho' }), 'soho')).toBe(false);
    expect(canWorkAt(serviceCaller('orders'), 'soho')).toBe(true);
  });

  it('answers @Authorized with FORBIDDEN, letting services through', () => {
    const check = (who: Caller, roles: string[]) => {
      try {
        return authChecker({ context: { caller: who } as ServiceContext, root: {}, args: {}, info: {} as never }, roles);
      } catch (error) {
        return (error as { extensions?: { code?: string } }).extensions?.code;
      }
    };
    expect(check(caller(['ADMIN']), ['ADMIN'])).toBe(true);
    expect(check(caller(['CSR']), ['ADMIN'])).toBe('FORBIDDEN');
    expect(check(nobody, [])).toBe('FORBIDDEN');
    expect(check(alice, [])).toBe(true);
    expect(check(serviceCaller('orders'), ['ADMIN'])).toBe(true);
  });
});
