import { Customer, Interaction } from '@omni/crm';
import { newEnvelope, OutboxEvent, type EventEnvelope } from '@omni/platform';
import { In } from 'typeorm';
import { CustomerOrderFact } from '../../services/crm/src/entities/engagement';
import { CustomerMessage } from '../../services/crm/src/entities/message';
import { apiSchema, contractOperations, pruneToSchema } from '../src/contract';
import { composeSupergraph, subgraphSdls } from '../src/supergraph';
import { eventually, quiet, send, startTestSystem, type TestSystem } from './harness';

/** CRM through the gateway: one customer across every channel, with the contract's operations. */
describe('CRM: one customer across every channel', () => {
  let t: TestSystem;
  let customer360: string;
  let productIds: { shirt: string; tote: string; bottle: string };

  /** Where the orders of these shoppers (registered without an address) ship. */
  const shipTo = { line1: '1 Test St', city: 'Newark', postalCode: '07102', country: 'US' };
  const register = async (email: string, extra: Record<string, unknown> = {}) => {
    const data = await send(t.client, 'RegisterCustomer', {
      input: { email, firstName: 'Test', lastName: 'Shopper', channel: 'WEB', ...extra },
    });
    expect(data.registerCustomer.userErrors).toEqual([]);
    return data.registerCustomer.customer.id as string;
  };
  const view360 = async (id: string) => (await t.client.request<{ customer: any }>(customer360, { id }, 'Customer360')).customer;
  const consent = (customerId: string, channel: string, granted = true, source = 'STORE') =>
    t.client.request<any>(
      `mutation($input: SetMarketingConsentInput!) { setMarketingConsent(input: $input) {
        customer { marketingConsents { channel granted givenAt withdrawnAt source } } userErrors { code } } }`,
      { input: { customerId, channel, granted, source } },
    );
  const messagesOf = async (id: string) =>
    (
      await t.client.request<any>(
        `query($id: ID!) { customer(id: $id) { messages(first: 50) { totalCount edges { node {
          kind channel recipient subject body status orderId sentAt } } } } }`,
        { id },
      )
    ).customer.messages;
  const timeline = async (id: string, args = 'first: 50') =>
    (
      await t.client.request<any>(
        `query($id: ID!) { customer(id: $id) { interactions(${args}) { totalCount pageInfo { hasNextPage endCursor }
          edges { node { id channel kind summary occurredAt agent orderId } } } } }`,
        { id },
      )
    ).customer.interactions;
  const crmCount = (entity: Function, where: Record<string, unknown> = {}) =>
    t.system.services.get('crm')!.db.getRepository(entity).countBy(where);
  const publish = <P>(type: string, payload: P, channel: string | null = 'WEB') => {
    const event = newEnvelope(type, payload, channel as never);
    return t.system.bus.publish(event).then(() => event);
  };

  beforeAll(async () => {
    t = await startTestSystem();
    const schema = apiSchema(composeSupergraph(await subgraphSdls()));
    customer360 = pruneToSchema(schema, contractOperations().get('Customer360')!);
    const upsert = async (name: string, sku: string) => {
      const data = await send(t.client, 'UpsertProduct', {
        input: {
          name,
          brand: 'Northfold',
          categoryPath: ['Apparel'],
          attributes: [],
          variants: [{ sku, attributes: [], price: { cents: 2500, currency: 'USD' } }],
        },
      });
      expect(data.upsertProduct.userErrors).toEqual([]);
      return data.upsertProduct.product.id as string;
    };
    productIds = {
      shirt: await upsert('Merino Shirt', 'CRM-SHIRT'),
      tote: await upsert('Canvas Tote', 'CRM-TOTE'),
      bottle: await upsert('Trail Bottle', 'CRM-BTL'),
    };
    const warehouse = await send(t.client, 'UpsertLocation', {
      input: { name: 'CRM DC', type: 'WAREHOUSE', lat: 40.7, lng: -74.1, fulfillsOnline: true, pickupEnabled: false },
    });
    for (const sku of ['CRM-SHIRT', 'CRM-TOTE', 'CRM-BTL']) {
      await send(t.client, 'SetStock', { input: { locationId: warehouse.upsertLocation.location.id, sku, onHand: 500 } });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('profile and identities', () => {
    it('refuses a second registration of an email in any case and creates nothing', async () => {
      const id = await register('june.park@example.com', { phone: '+1 555 010 7000' });
      const before = await crmCount(Customer);
      const again = await send(t.client, 'RegisterCustomer', {
        input: { email: '  JUNE.Park@Example.com ', phone: '+1 555 010 7001', firstName: 'J', lastName: 'P', channel: 'STORE' },
      });
      expect(again.registerCustomer).toEqual({
        customer: null,
        userErrors: [expect.objectContaining({ code: 'CUSTOMER_EXISTS', field: ['input', 'email'] })],
      });
      expect(await crmCount(Customer)).toBe(before);
      expect((await send(t.client, 'CustomerLookup', { phone: '15550107001' })).customerLookup).toBeNull();
      expect((await send(t.client, 'CustomerLookup', { email: 'june.park@EXAMPLE.com ' })).customerLookup.id).toBe(id);
    });

    it('reports malformed email, phone and coordinates as user errors, writing nothing', async () => {
      const before = await crmCount(Customer);
      const attempt = (input: Record<string, unknown>) =>
        send(t.client, 'RegisterCustomer', {
          input: { email: 'ok@example.com', firstName: 'A', lastName: 'B', channel: 'WEB', ...input },
        });
      expect((await attempt({ email: 'not an email' })).registerCustomer.userErrors).toEqual([
        expect.objectContaining({ code: 'INVALID_EMAIL' }),
      ]);
      expect((await attempt({ phone: 'call me' })).registerCustomer.userErrors).toEqual([
        expect.objectContaining({ code: 'INVALID_PHONE' }),
      ]);
      const badAddress = { line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US', lat: 123, lng: 10 };
      expect((await attempt({ address: badAddress })).registerCustomer.userErrors).toEqual([
        expect.objectContaining({ code: 'INVALID_LOCATION', field: ['input', 'address', 'lat'] }),
      ]);
      expect(await crmCount(Customer)).toBe(before);
      expect((await send(t.client, 'CustomerLookup', { email: 'ok@example.com' })).customerLookup).toBeNull();
    });

    it('links identifiers of every kind; one identifier belongs to one customer', async () => {
      const ana = await register('ana.silva@example.com', { phone: '+44 20 7946 0101' });
      const ben = await register('ben.okafor@example.com');
      const link = (customerId: string, kind: string, value: string) =>
        send(t.client, 'LinkIdentity', { input: { customerId, kind, value, channel: 'MARKETPLACE' } });

      const linked = await link(ana, 'MARKETPLACE', ' amz-buyer-77 ');
      expect(linked.linkIdentity.userErrors).toEqual([]);
      expect(linked.linkIdentity.customer.identities).toEqual(
        expect.arrayContaining([
          { kind: 'EMAIL', value: 'ana.silva@example.com' },
          { kind: 'PHONE', value: '+442079460101' },
          { kind: 'MARKETPLACE', value: 'amz-buyer-77' },
        ]),
      );
      await link(ana, 'DEVICE', 'apns-token-ana');
      await link(ana, 'SOCIAL', 'ig:ana.silva');
      // Linking what the customer already has changes nothing.
      expect((await link(ana, 'MARKETPLACE', 'amz-buyer-77')).linkIdentity.userErrors).toEqual([]);
      expect(await t.client.request<any>('{ customerByIdentity(kind: DEVICE, value: "apns-token-ana") { id } }')).toEqual({
        customerByIdentity: { id: ana },
      });

      for (const [kind, value, code] of [
        ['EMAIL', ' Ana.Silva@example.com', 'IDENTITY_TAKEN'],
        ['PHONE', '+44 (20) 7946-0101', 'IDENTITY_TAKEN'],
        ['MARKETPLACE', 'amz-buyer-77', 'IDENTITY_TAKEN'],
        ['EMAIL', 'ben@', 'INVALID_EMAIL'],
        ['PHONE', '12', 'INVALID_PHONE'],
      ]) {
        const taken = await link(ben, kind!, value!);
        expect(taken.linkIdentity).toEqual({ customer: null, userErrors: [expect.objectContaining({ code })] });
      }
      const benNow = await view360(ben);
      expect(benNow.identities).toEqual([{ kind: 'EMAIL', value: 'ben.okafor@example.com', channel: 'WEB' }]);
      expect(benNow.channels).toEqual(['WEB']);
      expect((await send(t.client, 'CustomerLookup', { phone: '00 44 20 7946 0101' })).customerLookup.id).toBe(ana);
    });

    it('keeps consent per contact channel with when and where it was given', async () => {
      const id = await register('consent@example.com', { marketingConsent: ['EMAIL'] });
      const sms = await consent(id, 'SMS', true, 'STORE');
      expect(sms.setMarketingConsent.userErrors).toEqual([]);
      const withdrawn = await consent(id, 'EMAIL', false, 'CALL_CENTER');
      const consents = withdrawn.setMarketingConsent.customer.marketingConsents;
      expect(consents).toEqual([
        { channel: 'EMAIL', granted: false, givenAt: expect.any(String), withdrawnAt: expect.any(String), source: 'CALL_CENTER' },
        { channel: 'SMS', granted: true, givenAt: expect.any(String), withdrawnAt: null, source: 'STORE' },
      ]);
      // Deciding in the store and the call center are channels the customer touched.
      expect([...(await view360(id)).channels].sort()).toEqual(['CALL_CENTER', 'STORE', 'WEB']);
    });
  });

  describe('timeline, cases and browsing', () => {
    let id: string;
    beforeAll(async () => {
      id = await register('lena.cho@example.com', {
        address: { line1: '12 Elm St', city: 'Portland', postalCode: '97205', country: 'us', lat: 45.52, lng: -122.68 },
      });
    });

    it('records touchpoints from every channel, newest first, filterable by channel and paged', async () => {
      const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
      const touchpoints = [
        { channel: 'SOCIAL', kind: 'SOCIAL_POST', summary: 'Asked about sizing on Instagram', occurredAt: at(50) },
        { channel: 'STORE', kind: 'STORE_VISIT', summary: 'Tried on the merino shirt', agent: 'assoc-14', occurredAt: at(40) },
        {
          channel: 'CALL_CENTER',
          kind: 'PHONE_CALL',
          summary: 'Called about delivery',
          agent: 'csr-2',
          orderId: 'ord-1',
          occurredAt: at(30),
        },
        { channel: 'WEB', kind: 'CHATBOT', summary: 'Bot answered return policy', occurredAt: at(20) },
        { channel: 'WEB', kind: 'REVIEW', summary: '5 stars for the tote', occurredAt: at(10) },
      ];
      for (const input of touchpoints) {
        const data = await send(t.client, 'RecordInteraction', { input: { customerId: id, ...input } });
        expect(data.recordInteraction.userErrors).toEqual([]);
        expect(data.recordInteraction.interaction.occurredAt).toBe(input.occurredAt);
      }
      const all = await timeline(id);
      expect(all.totalCount).toBe(5);
      expect(all.edges.map((e: any) => e.node.kind)).toEqual(['REVIEW', 'CHATBOT', 'PHONE_CALL', 'STORE_VISIT', 'SOCIAL_POST']);
      expect(all.edges[2].node).toMatchObject({ channel: 'CALL_CENTER', agent: 'csr-2', orderId: 'ord-1' });

      const web = await timeline(id, 'first: 10, channel: WEB');
      expect(web.totalCount).toBe(2);
      expect(web.edges.map((e: any) => e.node.kind)).toEqual(['REVIEW', 'CHATBOT']);

      const page1 = await timeline(id, 'first: 2');
      expect(page1.pageInfo.hasNextPage).toBe(true);
      const page2 = await timeline(id, `first: 2, after: "${page1.pageInfo.endCursor}"`);
      expect(page2.edges.map((e: any) => e.node.kind)).toEqual(['PHONE_CALL', 'STORE_VISIT']);

      const c = await view360(id);
      expect([...c.channels].sort()).toEqual(['CALL_CENTER', 'SOCIAL', 'STORE', 'WEB']);
      expect(c.interactions.totalCount).toBe(5);
      expect(c.addresses).toEqual([expect.objectContaining({ country: 'US', location: { lat: 45.52, lng: -122.68 } })]);

      const bad = await send(t.client, 'RecordInteraction', {
        input: { customerId: id, channel: 'WEB', kind: 'CHAT', summary: '   ' },
      });
      expect(bad.recordInteraction).toEqual({
        interaction: null,
        userErrors: [expect.objectContaining({ code: 'INVALID_SUMMARY' })],
      });
      const unknown = await send(t.client, 'RecordInteraction', {
        input: { customerId: 'nobody', channel: 'WEB', kind: 'CHAT', summary: 'hi' },
      });
      expect(unknown.recordInteraction.userErrors).toEqual([expect.objectContaining({ code: 'UNKNOWN_CUSTOMER' })]);
      expect((await timeline(id)).totalCount).toBe(5);
    });

    it('opens, assigns, annotates and resolves support cases, with their history', async () => {
      const opened = await send(t.client, 'OpenSupportCase', {
        input: { customerId: id, channel: 'CALL_CENTER', subject: 'Parcel arrived damaged', orderId: 'ord-1' },
      });
      expect(opened.openSupportCase).toEqual({ supportCase: { id: expect.any(String), status: 'OPEN' }, userErrors: [] });
      const caseId = opened.openSupportCase.supportCase.id;
      const act = (mutation: string, input: string, variables: Record<string, unknown>) =>
        t.client.request<any>(
          `mutation($input: ${input}!) { result: ${mutation}(input: $input) { supportCase { status assignee resolution resolvedAt } userErrors { code } } }`,
          { input: { caseId, ...variables } },
        );
      expect((await act('assignSupportCase', 'AssignSupportCaseInput', { assignee: 'csr-7' })).result).toEqual({
        supportCase: { status: 'IN_PROGRESS', assignee: 'csr-7', resolution: null, resolvedAt: null },
        userErrors: [],
      });
      await act('addSupportCaseNote', 'AddSupportCaseNoteInput', { note: 'Replacement shipped', agent: 'csr-7' });
      const resolved = await act('resolveSupportCase', 'ResolveSupportCaseInput', { resolution: 'Replaced at no cost' });
      expect(resolved.result.supportCase).toMatchObject({
        status: 'RESOLVED',
        resolution: 'Replaced at no cost',
        resolvedAt: expect.any(String),
      });
      // A resolved case takes no more notes until it is reopened.
      expect((await act('addSupportCaseNote', 'AddSupportCaseNoteInput', { note: 'late' })).result).toEqual({
        supportCase: null,
        userErrors: [{ code: 'CASE_RESOLVED' }],
      });

      const detail = await t.client.request<any>(
        `query($id: ID!) { supportCase(id: $id) { status orderId customer { id } history { position action actor note channel } } }`,
        { id: caseId },
      );
      expect(detail.supportCase).toMatchObject({ status: 'RESOLVED', orderId: 'ord-1', customer: { id } });
      expect(detail.supportCase.history.map((h: any) => [h.action, h.note])).toEqual([
        ['OPENED', null],
        ['ASSIGNED', 'csr-7'],
        ['NOTE', 'Replacement shipped'],
        ['RESOLVED', 'Replaced at no cost'],
      ]);
      expect(detail.supportCase.history[2].actor).toBe('csr-7');

      await send(t.client, 'OpenSupportCase', { input: { customerId: id, channel: 'WEB', subject: 'Where is my refund?' } });
      const cases = (await view360(id)).supportCases;
      expect(cases.map((c: any) => [c.subject, c.status, c.channel])).toEqual([
        ['Where is my refund?', 'OPEN', 'WEB'],
        ['Parcel arrived damaged', 'RESOLVED', 'CALL_CENTER'],
      ]);
      const empty = await send(t.client, 'OpenSupportCase', { input: { customerId: id, channel: 'WEB', subject: '' } });
      expect(empty.openSupportCase.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_SUBJECT' })]);
    });

    it('remembers product views from web and app, newest first, each product once, named by the catalog', async () => {
      for (const [productId, channel] of [
        [productIds.shirt, 'WEB'],
        [productIds.tote, 'MOBILE_APP'],
        [productIds.bottle, 'WEB'],
        [productIds.shirt, 'MOBILE_APP'],
      ]) {
        const data = await send(t.client, 'RecordProductView', { input: { customerId: id, productId, channel } });
        expect(data.recordProductView.userErrors).toEqual([]);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const c = await view360(id);
      expect(c.recentlyViewed.map((v: any) => [v.product.name, v.channel])).toEqual([
        ['Merino Shirt', 'MOBILE_APP'],
        ['Trail Bottle', 'WEB'],
        ['Canvas Tote', 'MOBILE_APP'],
      ]);
      expect(c.recentlyViewed[0].product.id).toBe(productIds.shirt);
      expect(c.channels).toContain('MOBILE_APP');
      const two = await t.client.request<any>(
        `query($id: ID!) { customer(id: $id) { recentlyViewed(first: 2) { viewCount product { name } } } }`,
        { id },
      );
      expect(two.customer.recentlyViewed).toEqual([
        { viewCount: 2, product: { name: 'Merino Shirt' } },
        { viewCount: 1, product: { name: 'Trail Bottle' } },
      ]);
    });
  });

  describe('messages: transactional to every shopper, by SMS with consent', () => {
    it('confirms an order by email with or without consent, and puts order and message on the timeline', async () => {
      const opted = await register('opted.in@example.com', { phone: '+1 555 010 8800', marketingConsent: ['EMAIL'] });
      const silent = await register('no.consent@example.com', { phone: '+1 555 010 8801' });
      const order = async (customerId: string, key: string) =>
        (
          await send(t.client.withHeaders({ 'x-channel': 'STORE' }), 'PlaceOrder', {
            input: {
              customerId,
              channel: 'STORE',
              idempotencyKey: key,
              lines: [{ sku: 'CRM-SHIRT', quantity: 2 }],
              fulfillment: { type: 'SHIP', address: shipTo },
            },
          })
        ).placeOrder.order;
      const placed = await order(opted, 'crm-msg-1');
      await order(silent, 'crm-msg-2');

      const messages = await eventually(
        () => messagesOf(opted),
        (m) => m.edges.some((e: any) => e.node.status === 'SENT'),
      );
      expect(messages.totalCount).toBe(1);
      expect(messages.edges[0].node).toMatchObject({
        kind: 'ORDER_CONFIRMATION',
        channel: 'EMAIL',
        recipient: 'opted.in@example.com',
        subject: `Order ${placed.number} confirmed`,
        status: 'SENT',
        orderId: placed.id,
      });
      expect(messages.edges[0].node.body).toContain('USD 50.00');

      const events = await eventually(
        () => timeline(opted),
        (tl) => tl.totalCount >= 2,
      );
      expect(events.edges.map((e: any) => [e.node.kind, e.node.channel, e.node.orderId])).toEqual([
        ['EMAIL', 'STORE', placed.id],
        ['ORDER_PLACED', 'STORE', placed.id],
      ]);
      expect(events.edges[1].node.summary).toContain(placed.number);
      expect([...(await view360(opted)).channels].sort()).toEqual(['STORE', 'WEB']);

      // The other customer gave no consent: the confirmation is transactional, so it still goes by
      // email (not by SMS: texts need SMS consent).
      const silentMessages = await eventually(
        () => messagesOf(silent),
        (m) => m.totalCount > 0,
      );
      expect(silentMessages.edges.map((e: any) => [e.node.kind, e.node.channel, e.node.recipient])).toEqual([
        ['ORDER_CONFIRMATION', 'EMAIL', 'no.consent@example.com'],
      ]);
    });

    it('sends shipped, pickup, return label and refund notices from order events, once per event', async () => {
      const id = await register('maya.roy@example.com', { phone: '+1 555 010 9900', marketingConsent: ['EMAIL', 'SMS', 'PUSH'] });
      const { placeOrder } = await send(t.client, 'PlaceOrder', {
        input: {
          customerId: id,
          channel: 'WEB',
          idempotencyKey: 'crm-msg-3',
          lines: [{ sku: 'CRM-TOTE', quantity: 1 }],
          fulfillment: { type: 'SHIP', address: shipTo },
        },
      });
      const orderId = placeOrder.order.id;
      // No device linked yet: email and SMS only, never a push without somewhere to send it.
      const confirmations = await eventually(
        () => messagesOf(id),
        (m) => m.totalCount === 2 && m.edges.every((e: any) => e.node.status === 'SENT'),
      );
      expect(confirmations.edges.map((e: any) => e.node.channel).sort()).toEqual(['EMAIL', 'SMS']);
      expect(confirmations.edges.find((e: any) => e.node.channel === 'SMS').node.recipient).toBe('+15550109900');

      await send(t.client, 'LinkIdentity', {
        input: { customerId: id, kind: 'DEVICE', value: 'fcm-maya-1', channel: 'MOBILE_APP' },
      });
      const shipped = await publish('orders.fulfillment.shipped', {
        orderId,
        fulfillmentId: 'f-1',
        customerId: id,
        locationId: 'loc-dc',
        sourceLocationId: 'loc-dc',
        trackingNumber: '1Z999AA10123456784',
        carrier: 'UPS',
        lines: [{ orderLineId: 'l-1', sku: 'CRM-TOTE', quantity: 1 }],
      });
      await t.system.bus.publish(shipped); // redelivered: applied once
      await publish(
        'orders.fulfillment.ready_for_pickup',
        {
          orderId,
          fulfillmentId: 'f-2',
          customerId: id,
          locationId: 'loc-1',
          sourceLocationId: 'loc-1',
          trackingNumber: null,
          carrier: null,
          lines: [{ orderLineId: 'l-2', sku: 'CRM-TOTE', quantity: 1 }],
        },
        'STORE',
      );
      await publish('orders.return.created', {
        returnId: 'r-1',
        rmaNumber: 'RMA-1001',
        orderId,
        customerId: id,
        method: 'MAIL',
        resolution: 'STORE_CREDIT',
        locationId: null,
        label: { carrier: 'UPS', trackingNumber: '1ZRETURN', url: 'https://labels.example/rma-1001.pdf' },
      });
      await publish(
        'orders.return.received',
        {
          returnId: 'r-1',
          orderId,
          customerId: id,
          locationId: 'loc-1',
          resolution: 'STORE_CREDIT',
          refundCents: 2500,
          currency: 'USD',
          exchangeOrderId: null,
          lines: [{ orderLineId: 'l-1', sku: 'CRM-TOTE', quantity: 1, unitPriceCents: 2500, restockable: true }],
        },
        'STORE',
      );

      const all = await eventually(
        () => messagesOf(id),
        (m) => m.totalCount === 14 && m.edges.every((e: any) => e.node.status === 'SENT'),
      );
      const byKind = (kind: string) => all.edges.filter((e: any) => e.node.kind === kind).map((e: any) => e.node);
      expect(all.totalCount).toBe(2 + 4 * 3);
      expect(
        byKind('SHIPPED')
          .map((m: any) => m.channel)
          .sort(),
      ).toEqual(['EMAIL', 'PUSH', 'SMS']);
      expect(byKind('SHIPPED').find((m: any) => m.channel === 'PUSH').recipient).toBe('fcm-maya-1');
      for (const m of byKind('SHIPPED')) expect(m.body).toContain('1Z999AA10123456784');
      expect(byKind('SHIPPED')[0].subject).toBe(`Order ${placeOrder.order.number} has shipped`);
      expect(byKind('READY_FOR_PICKUP')).toHaveLength(3);
      expect(byKind('RETURN_LABEL').find((m: any) => m.channel === 'EMAIL').body).toContain(
        'https://labels.example/rma-1001.pdf',
      );
      expect(byKind('STORE_CREDIT_ISSUED').find((m: any) => m.channel === 'EMAIL').body).toContain('USD 25.00');

      const tl = await eventually(
        () => timeline(id),
        (x) => x.totalCount === 1 + 1 + 14,
      );
      const kinds = tl.edges.map((e: any) => e.node.kind);
      expect(kinds.filter((k: string) => k === 'EMAIL')).toHaveLength(5);
      expect(kinds.filter((k: string) => k === 'SMS')).toHaveLength(5);
      expect(kinds.filter((k: string) => k === 'PUSH_NOTIFICATION')).toHaveLength(4);
      expect(tl.edges.find((e: any) => e.node.kind === 'RETURN_RECEIVED').node).toMatchObject({ channel: 'STORE', orderId });
      expect([...(await view360(id)).channels].sort()).toEqual(['MOBILE_APP', 'STORE', 'WEB']);

      // Withdrawn consent: the next notice skips SMS; email and the app still get a transactional
      // notice (PUSH consent is marketing consent).
      await consent(id, 'SMS', false, 'WEB');
      await consent(id, 'PUSH', false, 'WEB');
      await publish('orders.fulfillment.shipped', {
        orderId,
        fulfillmentId: 'f-3',
        customerId: id,
        locationId: 'loc-dc',
        sourceLocationId: 'loc-dc',
        trackingNumber: 'T2',
        carrier: null,
        lines: [{ orderLineId: 'l-3', sku: 'CRM-TOTE', quantity: 1 }],
      });
      await eventually(
        () => messagesOf(id),
        (m) => m.totalCount >= 16,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      const after = await messagesOf(id);
      expect(after.totalCount).toBe(16);
      expect(
        after.edges
          .slice(0, 2)
          .map((e: any) => `${e.node.kind} ${e.node.channel}`)
          .sort(),
      ).toEqual(['SHIPPED EMAIL', 'SHIPPED PUSH']);
    });
  });

  describe('identity resolution', () => {
    it('merges a duplicate into the survivor, which the duplicate id then resolves to; idempotently', async () => {
      const survivor = await register('sam.lee@example.com', { phone: '+1 555 010 5500', marketingConsent: ['SMS'] });
      const duplicate = await register('sam.lee.work@example.com', {
        channel: 'STORE',
        address: { line1: '9 Work Way', city: 'Austin', postalCode: '73301', country: 'US' },
      });
      await send(t.client, 'LinkIdentity', {
        input: { customerId: duplicate, kind: 'SOCIAL', value: 'tw:samlee', channel: 'SOCIAL' },
      });
      await send(t.client, 'RecordInteraction', {
        input: { customerId: duplicate, channel: 'STORE', kind: 'STORE_VISIT', summary: 'Browsed shoes' },
      });
      await send(t.client, 'OpenSupportCase', { input: { customerId: duplicate, channel: 'STORE', subject: 'Wrong size' } });
      await send(t.client, 'RecordProductView', {
        input: { customerId: duplicate, productId: productIds.bottle, channel: 'WEB' },
      });
      await send(t.client, 'RecordProductView', {
        input: { customerId: survivor, productId: productIds.bottle, channel: 'MOBILE_APP' },
      });
      await consent(duplicate, 'EMAIL', true, 'STORE');

      const merged = new Array<EventEnvelope>();
      await t.system.bus.subscribe({
        durable: 'crm-test-merged',
        types: ['crm.customer.merged'],
        handle: async (event) => {
          merged.push(event);
        },
      });

      const result = await send(t.client, 'MergeCustomers', { survivorId: survivor, duplicateId: duplicate });
      expect(result.mergeCustomers.userErrors).toEqual([]);
      expect(result.mergeCustomers.customer.id).toBe(survivor);
      expect(result.mergeCustomers.customer.identities).toEqual(
        expect.arrayContaining([
          { kind: 'EMAIL', value: 'sam.lee@example.com' },
          { kind: 'EMAIL', value: 'sam.lee.work@example.com' },
          { kind: 'PHONE', value: '+15550105500' },
          { kind: 'SOCIAL', value: 'tw:samlee' },
        ]),
      );

      const c = await view360(duplicate);
      expect(c.id).toBe(survivor);
      expect(c.email).toBe('sam.lee@example.com');
      expect([...c.channels].sort()).toEqual(['MOBILE_APP', 'SOCIAL', 'STORE', 'WEB']);
      expect(c.addresses.map((a: any) => a.city)).toEqual(['Austin']);
      expect(c.interactions.edges.map((e: any) => e.node.summary)).toEqual(['Browsed shoes']);
      expect(c.supportCases.map((s: any) => s.subject)).toEqual(['Wrong size']);
      expect(c.recentlyViewed).toHaveLength(1);
      const consents = await t.client.request<any>(
        `query($id: ID!) { customer(id: $id) { marketingConsents { channel granted } } }`,
        { id: survivor },
      );
      expect(consents.customer.marketingConsents).toEqual([
        { channel: 'EMAIL', granted: true },
        { channel: 'SMS', granted: true },
      ]);
      expect((await send(t.client, 'CustomerLookup', { email: 'sam.lee.work@example.com' })).customerLookup.id).toBe(survivor);

      const again = await send(t.client, 'MergeCustomers', { survivorId: survivor, duplicateId: duplicate });
      expect(again.mergeCustomers).toMatchObject({ customer: { id: survivor }, userErrors: [] });
      await eventually(
        async () => merged.length,
        (n) => n > 0,
      );
      expect(merged.map((e) => e.payload)).toEqual([{ survivorId: survivor, duplicateId: duplicate }]);
      expect(await crmCount(OutboxEvent, { type: 'crm.customer.merged' })).toBe(1);

      // An event about the duplicate lands on the survivor.
      const order = await publish('orders.order.placed', {
        orderId: 'ext-order-1',
        number: 'M-1',
        customerId: duplicate,
        channel: 'MARKETPLACE',
        currency: 'USD',
        subtotalCents: 1000,
        discountCents: 0,
        totalCents: 1000,
        lines: [{ lineId: 'x', sku: 'CRM-BTL', quantity: 1, unitPriceCents: 1000 }],
      });
      const tl = await eventually(
        () => timeline(survivor),
        (x) => x.edges.some((e: any) => e.node.orderId === 'ext-order-1'),
      );
      expect(tl.edges.find((e: any) => e.node.kind === 'ORDER_PLACED').node.summary).toContain(order.payload.number);
      expect((await view360(survivor)).channels).toContain('MARKETPLACE');
    });

    it('refuses merges that make no sense', async () => {
      const a = await register('merge.a@example.com');
      const b = await register('merge.b@example.com');
      const c = await register('merge.c@example.com');
      const merge = async (survivorId: string, duplicateId: string) =>
        (await send(t.client, 'MergeCustomers', { survivorId, duplicateId })).mergeCustomers;
      expect(await merge(a, a)).toEqual({ customer: null, userErrors: [expect.objectContaining({ code: 'SAME_CUSTOMER' })] });
      expect(await merge(a, 'nobody')).toEqual({
        customer: null,
        userErrors: [expect.objectContaining({ code: 'UNKNOWN_CUSTOMER' })],
      });
      expect((await merge(a, b)).userErrors).toEqual([]);
      expect((await merge(c, b)).userErrors).toEqual([
        expect.objectContaining({ code: 'CUSTOMER_MERGED', field: ['duplicateId'] }),
      ]);
      expect((await merge(b, c)).userErrors).toEqual([
        expect.objectContaining({ code: 'CUSTOMER_MERGED', field: ['survivorId'] }),
      ]);
      // A chain: once a is merged into c, b (merged into a earlier) resolves to c directly.
      expect((await merge(c, a)).userErrors).toEqual([]);
      expect((await view360(b)).id).toBe(c);
    });
  });

  it('resolves the customers of 50 orders with one CRM statement', async () => {
    const customerIds = await Promise.all(Array.from({ length: 50 }, (_, i) => register(`batch.${i}@example.com`)));
    const touchpointsBefore = await crmCount(Interaction, { kind: 'ORDER_PLACED' });
    const orders = await Promise.all(
      customerIds.map(async (customerId, i) => {
        const data = await send(t.client, 'PlaceOrder', {
          input: {
            customerId,
            channel: 'WEB',
            idempotencyKey: `batch-${i}`,
            lines: [{ sku: 'CRM-BTL', quantity: 1 }],
            fulfillment: { type: 'SHIP', address: shipTo },
          },
        });
        return data.placeOrder.order.id as string;
      }),
    );
    // One order's customer is merged away afterwards: resolving that tombstone costs no extra statement.
    await send(t.client, 'MergeCustomers', { survivorId: customerIds[0], duplicateId: customerIds[1] });
    // Let CRM finish consuming the order events, so only the query below touches the customer table.
    await eventually(
      () => crmCount(Interaction, { kind: 'ORDER_PLACED' }),
      (n) => n === touchpointsBefore + 50,
    );
    // ...and the engagement consumer: the 50 orders' facts, the merge moving the duplicate's to the survivor.
    await eventually(
      async () => [
        await crmCount(CustomerOrderFact, { customerId: In(customerIds) }),
        await crmCount(CustomerOrderFact, { customerId: customerIds[1] }),
      ],
      ([facts, duplicate]) => facts === 50 && duplicate === 0,
    );
    // ...and send the confirmations those events queued (the dispatcher locks each customer).
    await eventually(
      async () =>
        (await crmCount(CustomerMessage, { status: 'PENDING' })) + (await crmCount(CustomerMessage, { status: 'SENDING' })),
      (n) => n === 0,
    );
    // ...and whatever else the registrations and orders set off in CRM (loyalty cards, points' activity).
    await quiet(t.system.services.get('crm')!.db);
    const query = `query Batch { ${orders.map((id, i) => `o${i}: order(id: "${id}") { id customer { id email firstName } }`).join('\n')} }`;

    const db = t.system.services.get('crm')!.db;
    const table = db.getMetadata(Customer).tableName;
    const customerSelects: string[] = [];
    const spy = jest.spyOn(db.logger, 'logQuery').mockImplementation((sql: string) => {
      if (/^\s*SELECT/i.test(sql) && new RegExp(`FROM ("[a-z_]+"\\.)?"${table}"`).test(sql)) customerSelects.push(sql);
    });
    let data: Record<string, { id: string; customer: { id: string; email: string } }>;
    try {
      data = await t.client.request(query, {}, 'Batch');
    } finally {
      spy.mockRestore();
    }
    expect(Object.keys(data)).toHaveLength(50);
    expect(data.o0.customer.email).toBe('batch.0@example.com');
    // The merged-away customer's order shows the survivor, before and after orders re-points it.
    expect(data.o1.customer.email).toBe('batch.0@example.com');
    expect(data.o49.customer.email).toBe('batch.49@example.com');
    expect(customerSelects).toHaveLength(1);
  });
});
