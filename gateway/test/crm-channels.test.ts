import { send, startTestSystem, type TestSystem } from './harness';

/**
 * What each channel could not do with the shopper's record (issue 15), through the gateway with
 * the channel's own token: phone numbers in any notation, transactional messages without
 * marketing consent, profiles the shopper edits, and tokens naming a merged-away customer.
 */
describe('CRM for every channel', () => {
  let t: TestSystem;

  const register = async (email: string, extra: Record<string, unknown> = {}) => {
    const data = await send(t.client, 'RegisterCustomer', {
      input: { email, firstName: 'Test', lastName: 'Shopper', channel: 'WEB', ...extra },
    });
    expect(data.registerCustomer.userErrors).toEqual([]);
    return data.registerCustomer.customer.id as string;
  };
  const lookup = async (phone: string) => (await send(t.client, 'CustomerLookup', { phone })).customerLookup?.id ?? null;

  beforeAll(async () => {
    t = await startTestSystem();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('phone numbers in E.164', () => {
    it('stores "+1 212 555 7788" as +12125557788 and finds it however a channel writes it', async () => {
      const id = await register('phone.e164@example.com', { phone: '+1 212 555 7788' });
      const me = await t.signedIn({ role: 'CUSTOMER', customerId: id });
      const { me: profile } = await me.request<any>('{ me { phone identities { kind value } } }');
      expect(profile.phone).toBe('+12125557788');
      expect(profile.identities).toContainEqual({ kind: 'PHONE', value: '+12125557788' });
      for (const written of ['212-555-7788', '(212) 555-7788', '1 212 555 7788', '+1.212.555.7788', '001 212 555 7788']) {
        expect(await lookup(written)).toBe(id);
      }
      expect(await lookup('212-555-7789')).toBeNull();
      // The same number written another way is the same phone: another customer cannot take it.
      const again = await send(t.client, 'RegisterCustomer', {
        input: { email: 'phone.twin@example.com', phone: '212.555.7788', firstName: 'A', lastName: 'B', channel: 'STORE' },
      });
      expect(again.registerCustomer.userErrors).toEqual([
        expect.objectContaining({ code: 'IDENTITY_TAKEN', field: ['input', 'phone'] }),
      ]);
    });

    it('refuses a number that cannot be a phone with INVALID_PHONE, writing nothing', async () => {
      for (const phone of ['12', '555-CALL-NOW', '+1 212 555 7788 ext 4', '212-555-77889999']) {
        const data = await send(t.client, 'RegisterCustomer', {
          input: { email: 'bad.phone@example.com', phone, firstName: 'A', lastName: 'B', channel: 'WEB' },
        });
        expect(data.registerCustomer).toEqual({
          customer: null,
          userErrors: [expect.objectContaining({ code: 'INVALID_PHONE', field: ['input', 'phone'] })],
        });
      }
      expect((await send(t.client, 'CustomerLookup', { email: 'bad.phone@example.com' })).customerLookup).toBeNull();
    });

    it('still finds customers whose number was stored as digits before normalization (read fallback)', async () => {
      const id = await register('phone.legacy@example.com');
      // What the previous normalizer wrote for "(646) 555-0142": the digits, no country code.
      const db = t.system.services.get('crm')!.db;
      await db.getRepository('Customer').update({ id }, { phone: '6465550142' });
      await db
        .getRepository('CustomerIdentity')
        .insert({ id: 'legacy-phone-identity', customerId: id, kind: 'PHONE', value: '6465550142', channel: 'STORE' });
      expect(await lookup('+1 646 555 0142')).toBe(id);
      expect(await lookup('646-555-0142')).toBe(id);
      const { customer } = await t.client.request<any>('query($id: ID!) { customer(id: $id) { phone } }', { id });
      expect(customer.phone).toBe('+16465550142');
    });
  });
});
