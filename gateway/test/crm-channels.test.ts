import type { GatewayClient } from '../src/client';
import { CustomerPurchase } from '../../services/catalog/src/entities/recommendation';
import { eventually, send, startTestSystem, type TestSystem } from './harness';

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

  const locations: Record<string, string> = {};
  const shipTo = { line1: '1 Test St', city: 'Newark', postalCode: '07102', country: 'US' };
  const place = async (customerId: string, key: string, lines: { sku: string; quantity: number }[], fulfillment: unknown) => {
    const data = await send(t.client.withHeaders({ 'x-channel': 'CALL_CENTER' }), 'PlaceOrder', {
      input: { customerId, channel: 'CALL_CENTER', idempotencyKey: key, lines, fulfillment },
    });
    expect(data.placeOrder.userErrors).toEqual([]);
    return data.placeOrder.order;
  };
  const advance = async (fulfillmentId: string, action: string, trackingNumber?: string) => {
    const data = await send(await t.associateFor(fulfillmentId), 'AdvanceFulfillment', {
      input: { fulfillmentId, action, trackingNumber },
    });
    expect(data.advanceFulfillment.userErrors).toEqual([]);
  };
  /** The shopper's own messages, read with their own token. */
  const myMessages = async (shopper: GatewayClient) =>
    (
      await shopper.request<any>(`{ me { messages(first: 50) { totalCount edges { node {
        kind channel recipient subject body basis status orderId } } } } }`)
    ).me.messages;

  beforeAll(async () => {
    t = await startTestSystem();
    const data = await send(t.client, 'UpsertProduct', {
      input: {
        name: 'Field Jacket',
        brand: 'Northfold',
        categoryPath: ['Apparel'],
        attributes: [],
        variants: [
          { sku: 'CH-JKT', attributes: [], price: { cents: 8000, currency: 'USD' } },
          { sku: 'CH-CAP', attributes: [], price: { cents: 2000, currency: 'USD' } },
        ],
      },
    });
    expect(data.upsertProduct.userErrors).toEqual([]);
    for (const [key, input] of Object.entries({
      dc: { name: 'Channels DC', type: 'WAREHOUSE', lat: 40.7, lng: -74.1, fulfillsOnline: true, pickupEnabled: false },
      store: { name: 'Hoboken Riverside', type: 'STORE', lat: 40.74, lng: -74.03, fulfillsOnline: false, pickupEnabled: true },
    })) {
      locations[key] = (await send(t.client, 'UpsertLocation', { input })).upsertLocation.location.id;
      for (const sku of ['CH-JKT', 'CH-CAP']) {
        await send(t.client, 'SetStock', { input: { locationId: locations[key], sku, onHand: 50 } });
      }
    }
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
      // The legacy row holds the number: nobody else can take it, in any notation.
      const twin = await send(t.client, 'RegisterCustomer', {
        input: {
          email: 'phone.legacy.twin@example.com',
          phone: '+1 646 555 0142',
          firstName: 'A',
          lastName: 'B',
          channel: 'WEB',
        },
      });
      expect(twin.registerCustomer.userErrors).toEqual([expect.objectContaining({ code: 'IDENTITY_TAKEN' })]);
      const other = await register('phone.legacy.other@example.com');
      const link = await send(t.client, 'LinkIdentity', { input: { customerId: other, kind: 'PHONE', value: '646.555.0142' } });
      expect(link.linkIdentity.userErrors).toEqual([expect.objectContaining({ code: 'IDENTITY_TAKEN' })]);
      // Its owner writing it again stores it in E.164, still theirs.
      const rewritten = await t.client.request<any>(
        `mutation($input: UpdateCustomerProfileInput!) { updateCustomerProfile(input: $input) {
          customer { phone identities { kind value } } userErrors { code } } }`,
        { input: { customerId: id, phone: '646-555-0142' } },
      );
      expect(rewritten.updateCustomerProfile).toEqual({
        customer: { phone: '+16465550142', identities: expect.arrayContaining([{ kind: 'PHONE', value: '+16465550142' }]) },
        userErrors: [],
      });
      expect(rewritten.updateCustomerProfile.customer.identities.filter((i: any) => i.kind === 'PHONE')).toHaveLength(1);
      expect(await lookup('646 555 0142')).toBe(id);
    });
  });

  describe('transactional messages without marketing consent', () => {
    it('a shopper who gave no consent gets the confirmation, the change, the shipped notice, the return label, the refund, the pickup notice naming the store, and the cancellation', async () => {
      const id = await register('no.marketing@example.com', { phone: '+1 201 555 0199' });
      const shopper = await t.signedIn({ role: 'CUSTOMER', customerId: id });
      expect((await shopper.request<any>('{ me { marketingConsents { channel } } }')).me.marketingConsents).toEqual([]);

      const shipped = await place(
        id,
        'journey-ship',
        [
          { sku: 'CH-JKT', quantity: 1 },
          { sku: 'CH-CAP', quantity: 1 },
        ],
        {
          type: 'SHIP',
          address: shipTo,
        },
      );
      const jacketLine = (await send(t.client, 'OrderByNumber', { number: shipped.number })).orderByNumber.lines.find(
        (l: any) => l.sku === 'CH-JKT',
      );
      const modified = await send(t.client, 'ModifyOrder', {
        input: { orderId: shipped.id, channel: 'CALL_CENTER', changes: [{ lineId: jacketLine.id, quantity: 2 }] },
      });
      expect(modified.modifyOrder.userErrors).toEqual([]);
      const fulfillmentId = shipped.fulfillments[0].id;
      await advance(fulfillmentId, 'PICK');
      await advance(fulfillmentId, 'PACK');
      await advance(fulfillmentId, 'SHIP', '1ZJOURNEY');
      // A mail return of one jacket: the label, then the refund once it arrives at the warehouse.
      const opened = await send(t.client, 'CreateReturn', {
        input: {
          orderId: shipped.id,
          channel: 'WEB',
          idempotencyKey: 'journey-return',
          method: 'MAIL',
          resolution: 'REFUND',
          lines: [{ orderLineId: jacketLine.id, quantity: 1, reason: 'too big' }],
        },
      });
      expect(opened.createReturn.userErrors).toEqual([]);
      const received = await send(await t.associateAt(locations.dc), 'ReceiveReturn', {
        input: {
          returnId: opened.createReturn.return.id,
          locationId: locations.dc,
          lines: [{ orderLineId: jacketLine.id, quantity: 1, restockable: true }],
        },
      });
      expect(received.receiveReturn.userErrors).toEqual([]);

      const pickup = await place(id, 'journey-pickup', [{ sku: 'CH-CAP', quantity: 1 }], {
        type: 'PICKUP_IN_STORE',
        pickupLocationId: locations.store,
      });
      await advance(pickup.fulfillments[0].id, 'PICK');
      await advance(pickup.fulfillments[0].id, 'READY_FOR_PICKUP');

      const cancelled = await place(id, 'journey-cancel', [{ sku: 'CH-JKT', quantity: 1 }], { type: 'SHIP', address: shipTo });
      const cancel = await send(t.client, 'CancelOrder', { orderId: cancelled.id, channel: 'WEB', reason: 'ordered twice' });
      expect(cancel.cancelOrder.userErrors).toEqual([]);

      const expected = [
        'ORDER_CONFIRMATION',
        'ORDER_CONFIRMATION',
        'ORDER_CONFIRMATION',
        'ORDER_MODIFIED',
        'SHIPPED',
        'READY_FOR_PICKUP',
        'ORDER_CANCELLED',
        'RETURN_LABEL',
        'REFUND_ISSUED',
      ];
      const messages = await eventually(
        () => myMessages(shopper),
        (m) => m.totalCount >= expected.length && m.edges.every((e: any) => e.node.status === 'SENT'),
      );
      const nodes = messages.edges.map((e: any) => e.node);
      expect(nodes.map((m: any) => m.kind).sort()).toEqual([...expected].sort());
      // Every one by email, none by SMS (no SMS consent), each saying which rule let it through.
      for (const m of nodes) {
        expect(m).toMatchObject({
          channel: 'EMAIL',
          recipient: 'no.marketing@example.com',
          basis: 'TRANSACTIONAL',
          status: 'SENT',
        });
      }
      const of = (kind: string) => nodes.find((m: any) => m.kind === kind);
      expect(of('ORDER_MODIFIED')).toMatchObject({ subject: `Order ${shipped.number} changed`, orderId: shipped.id });
      expect(of('ORDER_MODIFIED').body).toContain('CH-JKT now 2 (was 1)');
      expect(of('SHIPPED').body).toContain('1ZJOURNEY');
      expect(of('READY_FOR_PICKUP').subject).toBe(`Order ${pickup.number} is ready for pickup at Hoboken Riverside`);
      expect(of('ORDER_CANCELLED')).toMatchObject({ subject: `Order ${cancelled.number} cancelled`, orderId: cancelled.id });
      expect(of('ORDER_CANCELLED').body).toContain('(ordered twice)');
      expect(of('RETURN_LABEL').body).toContain(opened.createReturn.return.label.url);
      expect(of('REFUND_ISSUED').body).toContain('USD 80.00');
    });

    it('stops one kind the shopper opted out of, keeps the others, and never lets a gift card code be opted out of', async () => {
      const id = await register('opted.out@example.com');
      const shopper = await t.signedIn({ role: 'CUSTOMER', customerId: id });
      const optOut = (kind: string, optedOut = true) =>
        shopper.request<any>(
          `mutation($input: SetMessageOptOutInput!) { setMessageOptOut(input: $input) {
            customer { messageOptOuts } userErrors { code field } } }`,
          { input: { customerId: id, kind, optedOut } },
        );
      expect((await optOut('ORDER_CONFIRMATION')).setMessageOptOut).toEqual({
        customer: { messageOptOuts: ['ORDER_CONFIRMATION'] },
        userErrors: [],
      });
      expect((await optOut('GIFT_CARD')).setMessageOptOut).toEqual({
        customer: null,
        userErrors: [{ code: 'OPT_OUT_NOT_ALLOWED', field: ['input', 'kind'] }],
      });
      // Another shopper's preferences are not theirs to change.
      const other = await register('not.mine@example.com');
      const denied = await shopper.raw(
        `mutation { setMessageOptOut(input: { customerId: "${other}", kind: SHIPPED, optedOut: true }) { userErrors { code } } }`,
      );
      expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      const order = await place(id, 'opt-out-1', [{ sku: 'CH-CAP', quantity: 1 }], { type: 'SHIP', address: shipTo });
      await send(t.client, 'CancelOrder', { orderId: order.id, channel: 'WEB' });
      const messages = await eventually(
        () => myMessages(shopper),
        (m) => m.totalCount >= 1,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await myMessages(shopper)).edges.map((e: any) => e.node.kind)).toEqual(['ORDER_CANCELLED']);
      expect(messages.totalCount).toBe(1);
    });
  });

  describe('profiles the shopper edits', () => {
    const PROFILE = `mutation($input: UpdateCustomerProfileInput!) { updateCustomerProfile(input: $input) {
      customer { id firstName lastName email phone identities { kind value } } userErrors { code field } } }`;
    const ADDRESSES = '{ addresses { id line1 city postalCode country location { lat lng } } }';
    const addAddress = `mutation($input: AddCustomerAddressInput!) { addCustomerAddress(input: $input) {
      customer ${ADDRESSES} userErrors { code field } } }`;
    const updateAddress = `mutation($input: UpdateCustomerAddressInput!) { updateCustomerAddress(input: $input) {
      customer ${ADDRESSES} userErrors { code field } } }`;
    const removeAddress = `mutation($input: RemoveCustomerAddressInput!) { removeCustomerAddress(input: $input) {
      customer ${ADDRESSES} userErrors { code field } } }`;
    const home = { line1: '12 Park Pl', city: 'Brooklyn', postalCode: '11217', country: 'us' };

    it('lets the shopper change their name, email and phone with their own token; the old email and phone no longer find them', async () => {
      const id = await register('rename.me@example.com', { phone: '+1 212 555 0101' });
      const shopper = await t.signedIn({ role: 'CUSTOMER', customerId: id });
      const changed = await shopper.request<any>(PROFILE, {
        input: { customerId: id, firstName: ' Rosa ', lastName: 'Diaz', email: 'Rosa.Diaz@Example.com', phone: '(718) 555-0199' },
      });
      expect(changed.updateCustomerProfile.userErrors).toEqual([]);
      expect(changed.updateCustomerProfile.customer).toMatchObject({
        firstName: 'Rosa',
        lastName: 'Diaz',
        email: 'rosa.diaz@example.com',
        phone: '+17185550199',
      });
      expect(changed.updateCustomerProfile.customer.identities).toEqual(
        expect.arrayContaining([
          { kind: 'EMAIL', value: 'rosa.diaz@example.com' },
          { kind: 'PHONE', value: '+17185550199' },
        ]),
      );
      expect(changed.updateCustomerProfile.customer.identities).toHaveLength(2);
      expect((await send(t.client, 'CustomerLookup', { email: 'rename.me@example.com' })).customerLookup).toBeNull();
      expect(await lookup('212 555 0101')).toBeNull();
      expect(await lookup('718-555-0199')).toBe(id);
      // The old email is free again.
      await register('rename.me@example.com');

      // Omitted fields stay; null removes the phone.
      const noPhone = await shopper.request<any>(PROFILE, { input: { customerId: id, phone: null } });
      expect(noPhone.updateCustomerProfile.customer).toMatchObject({ firstName: 'Rosa', phone: null });
      expect(await lookup('718-555-0199')).toBeNull();
    });

    it('answers each mistake with a userError on its field and changes nothing', async () => {
      const id = await register('careful@example.com');
      const taken = await register('taken@example.com', { phone: '+1 212 555 0102' });
      const shopper = await t.signedIn({ role: 'CUSTOMER', customerId: id });
      for (const [input, code, field] of [
        [{ firstName: '  ' }, 'INVALID_NAME', 'firstName'],
        [{ lastName: 'x'.repeat(101) }, 'INVALID_NAME', 'lastName'],
        [{ email: 'careful-at-example' }, 'INVALID_EMAIL', 'email'],
        [{ phone: '555-CALL-NOW' }, 'INVALID_PHONE', 'phone'],
        [{ email: 'TAKEN@example.com', firstName: 'Changed' }, 'IDENTITY_TAKEN', 'email'],
        [{ phone: '212.555.0102', firstName: 'Changed' }, 'IDENTITY_TAKEN', 'phone'],
      ] as const) {
        const data = await shopper.request<any>(PROFILE, { input: { customerId: id, ...input } });
        expect(data.updateCustomerProfile).toEqual({ customer: null, userErrors: [{ code, field: ['input', field] }] });
      }
      const { me } = await shopper.request<any>('{ me { firstName email phone } }');
      expect(me).toEqual({ firstName: 'Test', email: 'careful@example.com', phone: null });
      expect(await lookup('212.555.0102')).toBe(taken);
      // Another shopper's profile is not theirs to edit.
      const denied = await shopper.raw(PROFILE, { input: { customerId: taken, firstName: 'Mallory' } });
      expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it("adds, changes and removes addresses; staff may too; another shopper's address is UNKNOWN_ADDRESS", async () => {
      const id = await register('addresses@example.com');
      const shopper = await t.signedIn({ role: 'CUSTOMER', customerId: id });
      const added = await shopper.request<any>(addAddress, { input: { customerId: id, address: home } });
      expect(added.addCustomerAddress.userErrors).toEqual([]);
      const [first] = added.addCustomerAddress.customer.addresses;
      expect(first).toMatchObject({ line1: '12 Park Pl', country: 'US', location: null });

      const moved = await shopper.request<any>(updateAddress, {
        input: { customerId: id, addressId: first.id, address: { ...home, line1: '40 Bay St', lat: 40.68, lng: -73.97 } },
      });
      expect(moved.updateCustomerAddress.userErrors).toEqual([]);
      expect(moved.updateCustomerAddress.customer.addresses).toEqual([
        {
          id: first.id,
          line1: '40 Bay St',
          city: 'Brooklyn',
          postalCode: '11217',
          country: 'US',
          location: { lat: 40.68, lng: -73.97 },
        },
      ]);
      const invalid = await shopper.request<any>(updateAddress, {
        input: { customerId: id, addressId: first.id, address: { ...home, country: 'USA' } },
      });
      expect(invalid.updateCustomerAddress).toEqual({
        customer: null,
        userErrors: [{ code: 'INVALID_COUNTRY', field: ['input', 'address', 'country'] }],
      });

      // A CSR adds a second address for the shopper.
      const byStaff = await t.client.request<any>(addAddress, {
        input: { customerId: id, address: { line1: '1 Office Plz', city: 'Jersey City', postalCode: '07302', country: 'US' } },
      });
      expect(byStaff.addCustomerAddress.customer.addresses).toHaveLength(2);

      // Someone else's address id is not theirs to change or remove.
      const other = await register('other.addresses@example.com', { address: home });
      const { customer: otherCustomer } = await t.client.request<any>(`query($id: ID!) { customer(id: $id) ${ADDRESSES} }`, {
        id: other,
      });
      const foreign = otherCustomer.addresses[0].id;
      expect(
        (await shopper.request<any>(removeAddress, { input: { customerId: id, addressId: foreign } })).removeCustomerAddress,
      ).toEqual({
        customer: null,
        userErrors: [{ code: 'UNKNOWN_ADDRESS', field: ['input', 'addressId'] }],
      });
      expect(
        (await shopper.request<any>(updateAddress, { input: { customerId: id, addressId: foreign, address: home } }))
          .updateCustomerAddress.userErrors,
      ).toEqual([{ code: 'UNKNOWN_ADDRESS', field: ['input', 'addressId'] }]);

      const removed = await shopper.request<any>(removeAddress, { input: { customerId: id, addressId: first.id } });
      expect(removed.removeCustomerAddress.customer.addresses.map((a: any) => a.line1)).toEqual(['1 Office Plz']);
      const { customer: untouched } = await t.client.request<any>(`query($id: ID!) { customer(id: $id) ${ADDRESSES} }`, {
        id: other,
      });
      expect(untouched.addresses).toHaveLength(1);
    });

    it('lets the shopper give and withdraw marketing consent themself', async () => {
      const id = await register('consents.self@example.com');
      const shopper = await t.signedIn({ role: 'CUSTOMER', customerId: id });
      const decide = (channel: string, granted: boolean) =>
        shopper.request<any>(
          `mutation($input: SetMarketingConsentInput!) { setMarketingConsent(input: $input) {
            customer { marketingConsents { channel granted source } } userErrors { code } } }`,
          { input: { customerId: id, channel, granted } },
        );
      expect((await decide('EMAIL', true)).setMarketingConsent.customer.marketingConsents).toEqual([
        { channel: 'EMAIL', granted: true, source: 'WEB' },
      ]);
      expect((await decide('EMAIL', false)).setMarketingConsent.customer.marketingConsents).toEqual([
        { channel: 'EMAIL', granted: false, source: 'WEB' },
      ]);
    });
  });

  describe("a merged-away customer's token", () => {
    const ME = `{ me { id email orders(first: 10) { totalCount edges { node { id } } } loyalty { cardNumber }
      carts { id } returns { id } subscriptions { id } recommendations(first: 3) { id } } }`;

    it('reads the survivor in every subgraph and writes as the survivor, by either id', async () => {
      const survivor = await register('merge.survivor@example.com');
      const duplicate = await register('merge.duplicate@example.com');
      // Staff create the duplicate's records (its own token is first used after the merge).
      expect(
        (await send(t.client, 'EnrollLoyalty', { customerId: duplicate, channel: 'STORE' })).enrollLoyalty.userErrors,
      ).toEqual([]);
      const order = await place(duplicate, 'merged-order-1', [{ sku: 'CH-CAP', quantity: 1 }], { type: 'SHIP', address: shipTo });
      const merged = await send(t.client, 'MergeCustomers', { survivorId: survivor, duplicateId: duplicate });
      expect(merged.mergeCustomers.userErrors).toEqual([]);

      const oldToken = await t.signedIn({ role: 'CUSTOMER', customerId: duplicate, subject: 'shopper-old-account' });
      // Orders and loyalty re-point the duplicate's records when crm.customer.merged arrives.
      const seen = await eventually(
        () => oldToken.raw<any>(ME),
        (r) => !r.errors && r.data?.me?.orders.totalCount === 1 && r.data?.me?.loyalty != null,
      );
      expect(seen.errors).toBeUndefined();
      expect(seen.data.me).toMatchObject({
        id: survivor,
        email: 'merge.survivor@example.com',
        orders: { totalCount: 1, edges: [{ node: { id: order.id } }] },
        loyalty: { cardNumber: expect.any(String) },
        carts: [],
        returns: [],
        subscriptions: [],
      });
      // The order itself, and the customer by the id the token names.
      const byNumber = await oldToken.raw<any>('query($n: String!) { orderByNumber(number: $n) { id customer { id } } }', {
        n: order.number,
      });
      expect(byNumber.errors).toBeUndefined();
      expect(byNumber.data.orderByNumber).toEqual({ id: order.id, customer: { id: survivor } });
      expect((await oldToken.request<any>('query($id: ID!) { customer(id: $id) { id } }', { id: duplicate })).customer.id).toBe(
        survivor,
      );

      // Writes: a cart for the id the app knows lands on the survivor; so does a profile change.
      const cart = await send(oldToken, 'CreateCart', { input: { customerId: duplicate, channel: 'MOBILE_APP' } });
      expect(cart.createCart.userErrors).toEqual([]);
      const line = await send(oldToken, 'AddCartLine', { cartId: cart.createCart.cart.id, sku: 'CH-CAP', quantity: 2 });
      expect(line.addCartLine.userErrors).toEqual([]);
      const again = await send(oldToken, 'CreateCart', { input: { customerId: survivor, channel: 'MOBILE_APP' } });
      expect(again.createCart.userErrors).toEqual([]);
      const renamed = await oldToken.request<any>(
        `mutation($input: UpdateCustomerProfileInput!) { updateCustomerProfile(input: $input) { customer { id firstName } userErrors { code } } }`,
        { input: { customerId: duplicate, firstName: 'Merged' } },
      );
      expect(renamed.updateCustomerProfile).toEqual({ customer: { id: survivor, firstName: 'Merged' }, userErrors: [] });
      const survivorToken = await t.signedIn({ role: 'CUSTOMER', customerId: survivor });
      const { me } = await survivorToken.request<any>('{ me { firstName carts { id customer { id } } } }');
      expect(me.firstName).toBe('Merged');
      expect(me.carts.map((c: any) => c.id).sort()).toEqual([cart.createCart.cart.id, again.createCart.cart.id].sort());
      expect(me.carts.every((c: any) => c.customer.id === survivor)).toBe(true);

      // Someone else's token gains nothing: neither id is theirs.
      const stranger = await t.signedIn({ role: 'CUSTOMER', customerId: await register('stranger@example.com') });
      for (const customerId of [duplicate, survivor]) {
        const denied = await stranger.raw<any>(
          `mutation($input: CreateCartInput!) { createCart(input: $input) { cart { id } userErrors { code } } }`,
          { input: { customerId, channel: 'WEB' } },
        );
        expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    });
  });

  describe('privacy requests', () => {
    const EXPORT = `mutation($id: ID!) { requestDataExport(customerId: $id) {
      request { id kind status requestedBy channel requestedAt completedAt document
        customer { id email orders(first: 10) { totalCount edges { node { number total { cents currency } } } }
          loyalty { cardNumber pointsBalance } carts { id } returns { id } subscriptions { id } }
      }
      userErrors { code } } }`;
    const ERASE = `mutation($id: ID!) { requestErasure(customerId: $id) {
      request { id kind status requestedBy completedAt outcome } userErrors { code } } }`;

    it('exports, in one response, what CRM holds and what every service exposes of the shopper, and keeps the request', async () => {
      const id = await register('export.me@example.com', { phone: '+1 973 555 0123', marketingConsent: ['EMAIL'] });
      expect((await send(t.client, 'EnrollLoyalty', { customerId: id, channel: 'WEB' })).enrollLoyalty.userErrors).toEqual([]);
      const order = await place(id, 'export-order', [{ sku: 'CH-CAP', quantity: 1 }], { type: 'SHIP', address: shipTo });
      await send(t.client, 'RecordInteraction', {
        input: { customerId: id, channel: 'STORE', kind: 'STORE_VISIT', summary: 'Tried on jackets' },
      });
      const shopper = await t.signedIn({ role: 'CUSTOMER', customerId: id, subject: 'export-shopper' });
      await eventually(
        () => myMessages(shopper),
        (m) => m.totalCount > 0,
      );

      const { requestDataExport } = await shopper.request<any>(EXPORT, { id });
      expect(requestDataExport.userErrors).toEqual([]);
      const request = requestDataExport.request;
      expect(request).toMatchObject({ kind: 'EXPORT', status: 'COMPLETED', requestedBy: 'export-shopper', channel: 'WEB' });
      const crm = JSON.parse(request.document);
      expect(crm.customer).toMatchObject({ id, email: 'export.me@example.com', phone: '+19735550123' });
      expect(crm.identities.map((i: any) => i.kind).sort()).toEqual(['EMAIL', 'LOYALTY_CARD', 'PHONE']);
      expect(crm.marketingConsents).toEqual([expect.objectContaining({ channel: 'EMAIL', granted: true })]);
      expect(crm.interactions.map((i: any) => i.kind)).toEqual(expect.arrayContaining(['STORE_VISIT', 'ORDER_PLACED']));
      expect(crm.messages).toEqual([expect.objectContaining({ kind: 'ORDER_CONFIRMATION', recipient: 'export.me@example.com' })]);
      // The other services' part, through the gateway with the same request.
      expect(request.customer).toMatchObject({
        id,
        orders: { totalCount: 1, edges: [{ node: { number: order.number } }] },
        loyalty: { cardNumber: expect.any(String) },
        carts: [],
      });

      // The request stays, for the shopper and for an agent; another shopper cannot read it.
      const listed = await t.client.request<any>('query($id: ID!) { customer(id: $id) { privacyRequests { id kind status } } }', {
        id,
      });
      expect(listed.customer.privacyRequests).toEqual([{ id: request.id, kind: 'EXPORT', status: 'COMPLETED' }]);
      const again = await shopper.request<any>('query($id: ID!) { privacyRequest(id: $id) { id document } }', { id: request.id });
      expect(again.privacyRequest).toEqual({ id: request.id, document: request.document });
      const stranger = await t.signedIn({ role: 'CUSTOMER', customerId: await register('nosy@example.com') });
      const peek = await stranger.raw<any>('query($id: ID!) { privacyRequest(id: $id) { id document } }', { id: request.id });
      expect(peek.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await stranger.raw<any>(EXPORT, { id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      // A store associate does not take privacy requests.
      const associate = await t.associateAt(locations.store);
      expect((await associate.raw<any>(ERASE, { id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it("erases CRM's personal data, keeps the record and the orders, tells the other services, and sends nothing more", async () => {
      const id = await register('erase.me@example.com', {
        phone: '+1 973 555 0188',
        marketingConsent: ['EMAIL', 'SMS'],
        address: { line1: '7 Erase Way', city: 'Newark', postalCode: '07102', country: 'US' },
      });
      const older = await register('erase.me.old@example.com');
      await send(t.client, 'MergeCustomers', { survivorId: id, duplicateId: older });
      await send(t.client, 'RecordProductView', { input: { customerId: id, productId: 'p-1', channel: 'WEB' } });
      await send(t.client, 'OpenSupportCase', {
        input: { customerId: id, channel: 'CALL_CENTER', subject: 'Where is my parcel?' },
      });
      const order = await place(id, 'erase-order', [{ sku: 'CH-CAP', quantity: 1 }], { type: 'SHIP', address: shipTo });
      const shopper = await t.signedIn({ role: 'CUSTOMER', customerId: id, subject: 'erase-shopper' });
      await eventually(
        () => myMessages(shopper),
        (m) => m.totalCount >= 2 && m.edges.every((e: any) => e.node.status === 'SENT'),
      );
      const erased = new Array<any>();
      await t.system.bus.subscribe({
        durable: 'crm-channels-erased',
        types: ['crm.customer.erased'],
        handle: async (event) => {
          erased.push(event.payload);
        },
      });

      const learned = t.system.services.get('catalog')!.db.getRepository(CustomerPurchase);
      expect(
        await eventually(
          () => learned.countBy({ customerId: id }),
          (n) => n > 0,
        ),
      ).toBeGreaterThan(0);

      const { requestErasure } = await shopper.request<any>(ERASE, { id });
      expect(requestErasure.userErrors).toEqual([]);
      expect(requestErasure.request).toMatchObject({ kind: 'ERASURE', status: 'COMPLETED', requestedBy: 'erase-shopper' });
      expect(JSON.parse(requestErasure.request.outcome)).toMatchObject({
        identities: 3,
        addresses: 1,
        marketingConsents: 2,
        supportCases: 1,
        productViews: 1,
        mergedRecords: 1,
      });

      const { me } =
        await shopper.request<any>(`{ me { id email firstName lastName phone erasedAt identities { kind } addresses { id }
        marketingConsents { channel } supportCases { id } recentlyViewed { viewCount } interactions { totalCount }
        messages(first: 10) { edges { node { kind recipient body } } } orders { totalCount } privacyRequests { kind status } } }`);
      expect(me).toMatchObject({
        id,
        email: '',
        firstName: '',
        lastName: '',
        phone: null,
        erasedAt: expect.any(String),
        identities: [],
        addresses: [],
        marketingConsents: [],
        supportCases: [],
        recentlyViewed: [],
        interactions: { totalCount: 0 },
        privacyRequests: [{ kind: 'ERASURE', status: 'COMPLETED' }],
      });
      expect(me.messages.edges.every((e: any) => e.node.recipient === '' && e.node.body === '')).toBe(true);
      // Orders are kept for accounting, without the person: no email, no shipping address.
      expect(me.orders.totalCount).toBe(1);
      expect((await send(t.client, 'OrderByNumber', { number: order.number })).orderByNumber.customer.id).toBe(id);
      const kept = await eventually(
        async () => (await send(t.client, 'OrderPayments', { number: order.number })).orderByNumber,
        (o) => o.shippingAddress === null,
      );
      expect(kept.shippingAddress).toBeNull();
      expect(kept.total.cents).toBeGreaterThan(0);
      // Catalog forgets what it learned about the person (its recommendations start from nothing).
      const purchases = t.system.services.get('catalog')!.db.getRepository(CustomerPurchase);
      expect(
        await eventually(
          () => purchases.countBy({ customerId: id }),
          (n) => n === 0,
        ),
      ).toBe(0);
      // Nobody is found by the old email or phone any more, and the email can be registered anew.
      expect((await send(t.client, 'CustomerLookup', { email: 'erase.me@example.com' })).customerLookup).toBeNull();
      expect((await send(t.client, 'CustomerLookup', { email: 'erase.me.old@example.com' })).customerLookup).toBeNull();
      expect(await lookup('973-555-0188')).toBeNull();
      await register('erase.me@example.com');

      await eventually(
        async () => erased.length,
        (n) => n > 0,
      );
      expect(erased).toEqual([{ customerId: id, mergedIds: [older], requestId: requestErasure.request.id }]);

      // An order event for the erased customer sends nothing.
      const before = (await myMessages(shopper)).totalCount;
      const later = await place(id, 'erase-order-2', [{ sku: 'CH-CAP', quantity: 1 }], { type: 'SHIP', address: shipTo });
      await eventually(
        () => shopper.request<any>('{ me { interactions { totalCount } } }'),
        (r) => r.me.interactions.totalCount > 0,
      );
      expect((await myMessages(shopper)).totalCount).toBe(before);
      expect(later.id).toBeTruthy();

      // Asking again records the request and changes nothing.
      const twice = await shopper.request<any>(ERASE, { id });
      expect(JSON.parse(twice.requestErasure.request.outcome)).toEqual({ alreadyErasedAt: expect.any(String) });
    });
  });

  describe('who may use the new operations', () => {
    type Who = 'anonymous' | 'shopper' | 'otherShopper' | 'associate' | 'csr' | 'partner' | 'admin';
    const SHOPPER_AND_STAFF: Who[] = ['shopper', 'associate', 'csr'];
    const cases: { name: string; allowed: Who[]; query: string; input: (customerId: string) => Record<string, unknown> }[] = [
      {
        name: 'updateCustomerProfile',
        allowed: SHOPPER_AND_STAFF,
        query: `mutation($input: UpdateCustomerProfileInput!) { updateCustomerProfile(input: $input) { userErrors { code } } }`,
        input: (customerId) => ({ input: { customerId, firstName: 'Allowed' } }),
      },
      {
        name: 'updateCustomerAddress',
        allowed: SHOPPER_AND_STAFF,
        query: `mutation($input: UpdateCustomerAddressInput!) { updateCustomerAddress(input: $input) { userErrors { code } } }`,
        input: (customerId) => ({
          input: { customerId, addressId: 'none', address: { line1: '1 A St', city: 'B', postalCode: '1', country: 'US' } },
        }),
      },
      {
        name: 'removeCustomerAddress',
        allowed: SHOPPER_AND_STAFF,
        query: `mutation($input: RemoveCustomerAddressInput!) { removeCustomerAddress(input: $input) { userErrors { code } } }`,
        input: (customerId) => ({ input: { customerId, addressId: 'none' } }),
      },
      {
        name: 'setMessageOptOut',
        allowed: SHOPPER_AND_STAFF,
        query: `mutation($input: SetMessageOptOutInput!) { setMessageOptOut(input: $input) { userErrors { code } } }`,
        input: (customerId) => ({ input: { customerId, kind: 'SHIPPED', optedOut: false } }),
      },
      {
        name: 'requestDataExport',
        allowed: ['shopper', 'csr'],
        query: `mutation($customerId: ID!) { requestDataExport(customerId: $customerId) { request { id } userErrors { code } } }`,
        input: (customerId) => ({ customerId }),
      },
      {
        name: 'requestErasure',
        allowed: ['shopper', 'csr'],
        query: `mutation($customerId: ID!) { requestErasure(customerId: $customerId) { request { id } userErrors { code } } }`,
        input: (customerId) => ({ customerId }),
      },
    ];

    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      for (const who of ['anonymous', 'shopper', 'otherShopper', 'associate', 'csr', 'partner', 'admin'] as Who[]) {
        // A customer of its own per call: an allowed erasure changes it.
        const customerId = await register(`matrix-${c.name}-${who}@example.com`);
        const client = {
          anonymous: () => Promise.resolve(t.anonymous),
          shopper: () => t.signedIn({ role: 'CUSTOMER', customerId }),
          otherShopper: async () =>
            t.signedIn({ role: 'CUSTOMER', customerId: await register(`matrix-other-${c.name}@example.com`) }),
          associate: () => t.associateAt(locations.store),
          csr: () => t.signedIn({ role: 'CSR', subject: 'agent-7' }),
          partner: () => t.signedIn({ role: 'PARTNER', partnerId: 'partner-1' }),
          admin: () => t.signedIn({ role: 'ADMIN' }),
        }[who];
        const response = await (await client()).raw<any>(c.query, c.input(customerId));
        const denied = response.errors?.some((e) => e.extensions?.code === 'FORBIDDEN') ?? false;
        expect([who, denied]).toEqual([who, !c.allowed.includes(who)]);
        if (!denied) expect([who, response.errors]).toEqual([who, undefined]);
      }
    });
  });
});
