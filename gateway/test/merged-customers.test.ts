import { ANONYMOUS, type Caller } from '@omni/platform';
import { MergedCustomers, type CustomerDirectory } from '../src/merged-customers';
import { eventually, send, startTestSystem, type TestSystem } from './harness';

const shopper = (customerId: string, roles = ['CUSTOMER']): Caller => ({
  subject: `s-${customerId}`,
  roles,
  customerId,
  locationId: null,
  partnerId: null,
});
const info = { channel: null, requestId: 'r-1' };

/** A CRM that knows `merged` (duplicate -> survivor) and counts the questions it is asked. */
function directory(merged: Record<string, string>, fail = false) {
  const asked: string[] = [];
  const crm: CustomerDirectory = {
    async survivorOf(id) {
      asked.push(id);
      if (fail) throw new Error('crm: connection refused');
      return merged[id] ?? (id.startsWith('unknown') ? null : id);
    },
  };
  return { crm, asked };
}

describe('MergedCustomers', () => {
  it("maps a merged-away customer's token to the survivor, keeping the id it named", async () => {
    const { crm } = directory({ old: 'new' });
    const resolved = await new MergedCustomers(crm).resolve(shopper('old'), info);
    expect(resolved).toEqual({ ...shopper('old'), customerId: 'new', mergedCustomerIds: ['old'] });
  });

  it('leaves a live customer, an unknown one, staff, partners and guests as they are', async () => {
    const { crm, asked } = directory({ old: 'new' });
    const merged = new MergedCustomers(crm);
    const live = shopper('live');
    expect(await merged.resolve(live, info)).toBe(live);
    const unknown = shopper('unknown-1');
    expect(await merged.resolve(unknown, info)).toBe(unknown);
    for (const caller of [shopper('old', ['CSR']), shopper('old', ['PARTNER']), ANONYMOUS]) {
      expect(await merged.resolve(caller, info)).toBe(caller);
    }
    expect(asked).toEqual(['live', 'unknown-1']);
  });

  it('asks CRM once per id within the TTL, and again after it', async () => {
    const { crm, asked } = directory({ old: 'new' });
    const merged = new MergedCustomers(crm, undefined, 50);
    await merged.resolve(shopper('old'), info);
    await merged.resolve(shopper('old'), info);
    expect(asked).toEqual(['old']);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await merged.resolve(shopper('old'), info);
    expect(asked).toEqual(['old', 'old']);
  });

  it('serves the token as it is when CRM does not answer, and asks again next time', async () => {
    const { crm, asked } = directory({}, true);
    const merged = new MergedCustomers(crm);
    const caller = shopper('old');
    expect(await merged.resolve(caller, info)).toBe(caller);
    await merged.resolve(caller, info);
    expect(asked).toEqual(['old', 'old']);
  });
});

describe('merged-away tokens over HTTP', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem({ transport: 'http' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('forwards the survivor and the id the token named to subgraphs served over HTTP, signed', async () => {
    const register = async (email: string) =>
      (await send(t.client, 'RegisterCustomer', { input: { email, firstName: 'H', lastName: 'T', channel: 'WEB' } }))
        .registerCustomer.customer.id as string;
    const survivor = await register('http.survivor@example.com');
    const duplicate = await register('http.duplicate@example.com');
    await send(t.client, 'EnrollLoyalty', { customerId: duplicate, channel: 'WEB' });
    expect(
      (await send(t.client, 'MergeCustomers', { survivorId: survivor, duplicateId: duplicate })).mergeCustomers.userErrors,
    ).toEqual([]);
    const token = await t.signedIn({ role: 'CUSTOMER', customerId: duplicate });
    const me = await eventually(
      () => token.raw<any>('{ me { id loyalty { cardNumber } carts { id } } }'),
      (r) => !r.errors && r.data?.me?.loyalty != null,
    );
    expect(me.errors).toBeUndefined();
    expect(me.data.me).toMatchObject({ id: survivor, loyalty: { cardNumber: expect.any(String) }, carts: [] });
    const cart = await send(token, 'CreateCart', { input: { customerId: duplicate, channel: 'WEB' } });
    expect(cart.createCart.userErrors).toEqual([]);
    expect((await token.request<any>('{ me { carts { id } } }')).me.carts).toEqual([{ id: cart.createCart.cart.id }]);
  });
});
