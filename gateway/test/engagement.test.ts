import { randomUUID } from 'node:crypto';
import { newEnvelope, ProcessedEvent } from '@omni/platform';
import { In } from 'typeorm';
import { localDate } from '../../services/crm/src/domain/lifecycle';
import { CustomerEngagement, CustomerOrderFact } from '../../services/crm/src/entities/engagement';
import { eventually, send, startTestSystem, stockedStore, type TestSystem } from './harness';

/**
 * Engagement through the gateway: lifecycle messages sent by CRM's job (once per occasion, with
 * consent), RFM scores and segments kept from order events, and offers limited to a segment or to
 * one customer priced the same on the web and at the till.
 */
describe('engagement: lifecycle messages, scores, segments and personal offers', () => {
  let t: TestSystem;
  let store: string;

  const register = async (first: string, consent: string[] = ['EMAIL']) =>
    (
      await send(t.client, 'RegisterCustomer', {
        input: {
          email: `${first.toLowerCase()}-${randomUUID().slice(0, 8)}@example.com`,
          firstName: first,
          lastName: 'Engel',
          channel: 'WEB',
          marketingConsent: consent,
        },
      })
    ).registerCustomer.customer.id as string;

  const messages = async (customerId: string, kind: string) =>
    (
      await t.client.request<any>(
        'query($id: ID!) { customer(id: $id) { messages(first: 100) { edges { node { kind channel basis subject body } } } } }',
        { id: customerId },
      )
    ).customer.messages.edges
      .map((e: any) => e.node)
      .filter((m: any) => m.kind === kind);

  const engagement = async (customerId: string) =>
    (
      await t.client.request<any>(
        'query($id: ID!) { customer(id: $id) { segments { id name } score { recency frequency monetary value orders spend { cents currency } } } }',
        { id: customerId },
      )
    ).customer;

  /** A web cart of the shopper (their own token) with one line: what the storefront charges. */
  const webPrice = async (customerId: string, sku: string) => {
    const shopper = await t.signedIn({ role: 'CUSTOMER', customerId, subject: customerId });
    const cart = (await send(shopper, 'CreateCart', { input: { customerId, channel: 'WEB' } })).createCart.cart;
    await send(shopper, 'AddCartLine', { cartId: cart.id, sku, quantity: 1 });
    const priced = (await send(shopper, 'Cart', { id: cart.id })).cart;
    return { discount: priced.discount.cents, total: priced.total.cents };
  };

  /** An order taken at the till for the shopper, carried out. */
  const tillOrder = async (customerId: string, sku: string) => {
    const placed = await send(await t.associateAt(store), 'PlaceOrderWithTenders', {
      customerId,
      channel: 'STORE',
      key: randomUUID(),
      lines: [{ sku, quantity: 1 }],
      fulfillment: { type: 'CARRY_OUT', pickupLocationId: store },
    });
    expect(placed.placeOrder.userErrors).toEqual([]);
    return placed.placeOrder.order;
  };

  beforeAll(async () => {
    t = await startTestSystem();
    store = await stockedStore(
      t,
      'Engagement Store',
      [
        ['ENG-COAT', 25_000],
        ['ENG-TEE', 4_000],
      ],
      ['Apparel', 'Outerwear'],
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a shopper registered today gets one welcome, only on channels she consented to', async () => {
    const ana = await register('Ana', ['EMAIL']);
    const quiet = await register('Quinn', []);
    await t.runJob('crm', 'lifecycle-messages');
    await t.runJob('crm', 'lifecycle-messages');
    const welcomes = await messages(ana, 'WELCOME');
    expect(welcomes).toEqual([
      expect.objectContaining({ channel: 'EMAIL', basis: 'MARKETING_CONSENT', subject: 'Welcome, Ana' }),
    ]);
    expect(await messages(quiet, 'WELCOME')).toEqual([]);
  });

  it('a birthday job run twice sends one greeting, on the day in her time zone, with her personal offer', async () => {
    const bella = await register('Bella');
    const shopper = await t.signedIn({ role: 'CUSTOMER', customerId: bella, subject: 'bella' });
    const today = localDate(new Date(), 'Asia/Tokyo');
    const set = await shopper.request<any>(
      `mutation($input: SetCustomerBirthdayInput!) { setCustomerBirthday(input: $input) {
         customer { id birthday { month day year } timeZone } userErrors { code field } } }`,
      { input: { customerId: bella, month: today.month, day: today.day, year: 1990, timeZone: 'Asia/Tokyo' } },
    );
    expect(set.setCustomerBirthday).toEqual({
      customer: { id: bella, birthday: { month: today.month, day: today.day, year: 1990 }, timeZone: 'Asia/Tokyo' },
      userErrors: [],
    });
    await t.runJob('crm', 'lifecycle-messages');
    await t.runJob('crm', 'lifecycle-messages');
    const greetings = await messages(bella, 'BIRTHDAY');
    expect(greetings).toHaveLength(1);
    expect(greetings[0].subject).toBe('Happy birthday, Bella!');
    expect(greetings[0].body).toContain('15% off');
    // Catalog made the offer a promotion for her alone: 15% off 40.00 on the web, nothing for others.
    expect(
      await eventually(
        () => webPrice(bella, 'ENG-TEE'),
        (p) => p.discount === 600,
      ),
    ).toEqual({ discount: 600, total: 3_400 });
    expect((await webPrice(await register('Other'), 'ENG-TEE')).discount).toBe(0);
  });

  it('refuses birthdays and time zones that do not exist, and other shoppers', async () => {
    const cleo = await register('Cleo');
    const shopper = await t.signedIn({ role: 'CUSTOMER', customerId: cleo, subject: 'cleo' });
    const setBirthday = (client: typeof shopper, input: Record<string, unknown>) =>
      client.raw<any>(
        'mutation($input: SetCustomerBirthdayInput!) { setCustomerBirthday(input: $input) { customer { id } userErrors { code field } } }',
        { input: { customerId: cleo, ...input } },
      );
    for (const [input, code] of [
      [{ month: 2, day: 30 }, 'INVALID_BIRTHDAY'],
      [{ month: 13, day: 1 }, 'INVALID_BIRTHDAY'],
      [{ month: 5 }, 'INVALID_BIRTHDAY'],
      [{ month: 5, day: 1, year: 2990 }, 'INVALID_BIRTHDAY'],
      [{ month: 5, day: 1, timeZone: 'Mars/Olympus' }, 'INVALID_TIME_ZONE'],
    ] as const) {
      const response = await setBirthday(shopper, input);
      expect(response.errors).toBeUndefined();
      expect(response.data.setCustomerBirthday.userErrors[0].code).toBe(code);
    }
    // A NUL character is refused before anything runs, as every client mistake: HTTP 400.
    const nul = await setBirthday(shopper, { month: 5, day: 1, timeZone: 'Europe/Berlin\u0000' });
    expect(nul.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const stranger = await t.signedIn({ role: 'CUSTOMER', customerId: await register('Stranger'), subject: 'stranger' });
    expect((await setBirthday(stranger, { month: 5, day: 1 })).errors[0].extensions.code).toBe('FORBIDDEN');
    // The score and segments are for staff: the shopper reading her own is refused those fields.
    const own = await shopper.raw<any>('{ me { id score { value } segments { id } } }');
    expect(own.errors.map((e: any) => e.extensions.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });

  it('takes the birthday at registration too, refusing one that does not exist', async () => {
    const input = (birthday: Record<string, unknown>, timeZone?: string) => ({
      input: {
        email: `nora-${randomUUID().slice(0, 8)}@example.com`,
        firstName: 'Nora',
        lastName: 'Engel',
        channel: 'MOBILE_APP',
        birthday,
        timeZone,
      },
    });
    const wrong = await send(t.anonymous, 'RegisterCustomer', input({ month: 2, day: 30 }));
    expect(wrong.registerCustomer).toEqual({
      customer: null,
      userErrors: [expect.objectContaining({ code: 'INVALID_BIRTHDAY', field: ['input', 'birthday'] })],
    });
    const zone = await send(t.anonymous, 'RegisterCustomer', input({ month: 2, day: 3 }, 'Atlantis/Capital'));
    expect(zone.registerCustomer.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TIME_ZONE' })]);
    const nora = (await send(t.anonymous, 'RegisterCustomer', input({ month: 2, day: 3, year: 2001 }, 'America/Chicago')))
      .registerCustomer.customer.id;
    const seen = await t.client.request<any>('query($id: ID!) { customer(id: $id) { birthday { month day year } timeZone } }', {
      id: nora,
    });
    expect(seen.customer).toEqual({ birthday: { month: 2, day: 3, year: 2001 }, timeZone: 'America/Chicago' });
  });

  it('a segment "spent over 200.00 in 90 days" gains her when her order lands and loses her when it is returned', async () => {
    const dora = await register('Dora');
    const defined = await send(t.client, 'DefineSegment', {
      input: { name: 'Spent over 200', rule: { minSpend: { cents: 20_000, currency: 'USD' }, spendWithinDays: 90 } },
    });
    expect(defined.defineSegment.userErrors).toEqual([]);
    const segment = defined.defineSegment.segment;
    expect(segment).toMatchObject({ name: 'Spent over 200', size: 0 });
    // A promotion for the segment: catalog learns its members from CRM's events.
    const promotion = await send(t.client, 'CreatePromotion', {
      input: { name: 'Big spenders', kind: 'PERCENT_OFF', value: 10, segmentId: segment.id },
    });
    expect(promotion.createPromotion.userErrors).toEqual([]);
    expect((await webPrice(dora, 'ENG-TEE')).discount).toBe(0);

    const order = await tillOrder(dora, 'ENG-COAT');
    expect(order.discount.cents).toBe(0);
    const joined = await eventually(
      () => engagement(dora),
      (c) => c.segments.length === 1,
    );
    expect(joined.segments).toEqual([{ id: segment.id, name: 'Spent over 200' }]);
    expect(joined.score).toEqual({
      recency: 5,
      frequency: 1,
      monetary: 3,
      value: 9,
      orders: 1,
      spend: { cents: 25_000, currency: 'USD' },
    });
    // The 360 view as the channels ask for it (the contract's operation, unchanged).
    const seen = (await send(t.client, 'CustomerEngagement', { id: dora })).customer;
    expect(seen).toMatchObject({
      segments: [{ id: segment.id, name: 'Spent over 200' }],
      score: { recency: 5, frequency: 1, monetary: 3, value: 9 },
    });
    const sizes = async () =>
      (await t.client.request<any>('{ segments { id size } }')).segments.find((s: any) => s.id === segment.id).size;
    expect(await sizes()).toBe(1);
    // Member now: the segment's promotion prices for her on the web.
    expect(
      await eventually(
        () => webPrice(dora, 'ENG-TEE'),
        (p) => p.discount === 400,
      ),
    ).toEqual({ discount: 400, total: 3_600 });

    const full = (await send(t.client, 'OrderByNumber', { number: order.number })).orderByNumber;
    const created = await send(await t.associateAt(store), 'CreateReturn', {
      input: {
        orderId: order.id,
        channel: 'STORE',
        idempotencyKey: randomUUID(),
        method: 'IN_STORE',
        locationId: store,
        resolution: 'REFUND',
        lines: [{ orderLineId: full.lines[0].id, quantity: 1, reason: 'changed her mind' }],
      },
    });
    expect(created.createReturn.userErrors).toEqual([]);
    const received = await send(await t.associateAt(store), 'ReceiveReturn', {
      input: {
        returnId: created.createReturn.return.id,
        locationId: store,
        lines: [{ orderLineId: full.lines[0].id, quantity: 1, restockable: true }],
      },
    });
    expect(received.receiveReturn.userErrors).toEqual([]);
    const left = await eventually(
      () => engagement(dora),
      (c) => c.segments.length === 0,
    );
    expect(left).toEqual({ segments: [], score: null });
    expect(await sizes()).toBe(0);
    expect(
      await eventually(
        () => webPrice(dora, 'ENG-TEE'),
        (p) => p.discount === 0,
      ),
    ).toEqual({ discount: 0, total: 4_000 });
  });

  it('refuses segment rules a client got wrong, as userErrors', async () => {
    for (const [input, code, field] of [
      [{ name: ' ', rule: { purchasedWithinDays: 30 } }, 'INVALID_NAME', 'name'],
      [{ name: 'x'.repeat(101), rule: { purchasedWithinDays: 30 } }, 'INVALID_NAME', 'name'],
      [{ name: 'Nothing', rule: {} }, 'INVALID_RULE', 'minTier'],
      [{ name: 'Diamonds', rule: { minTier: 'DIAMOND' } }, 'INVALID_RULE', 'minTier'],
      [{ name: 'Forever', rule: { inactiveForDays: 100_000 } }, 'INVALID_RULE', 'inactiveForDays'],
      [{ name: 'Bad money', rule: { minSpend: { cents: -5, currency: 'USD' } } }, 'INVALID_RULE', 'minSpend'],
      [{ name: 'Slashes', rule: { categoryPath: ['Apparel/Shoes'] } }, 'INVALID_RULE', 'categoryPath'],
    ] as const) {
      const response = await t.client.raw<any>(
        'mutation($input: DefineSegmentInput!) { defineSegment(input: $input) { segment { id } userErrors { code field } } }',
        { input },
      );
      expect(response.errors).toBeUndefined();
      const path = field === 'name' ? ['input', 'name'] : ['input', 'rule', field];
      expect(response.data.defineSegment).toEqual({ segment: null, userErrors: [{ code, field: path }] });
    }
    // Only ADMIN defines segments.
    const csr = await t.signedIn({ role: 'CSR', subject: 'csr' });
    const denied = await csr.raw<any>(
      'mutation($input: DefineSegmentInput!) { defineSegment(input: $input) { segment { id } } }',
      { input: { name: 'Mine', rule: { purchasedWithinDays: 30 } } },
    );
    expect(denied.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('a win-back goes once per period of inactivity, and not to a shopper seen in a store since', async () => {
    const gus = await register('Gus');
    const hana = await register('Hana');
    const rows = t.system.services.get('crm')!.db.getRepository(CustomerEngagement);
    // Registration is activity: CRM keeps it from its own event.
    await eventually(
      () => rows.countBy({ customerId: In([gus, hana]) }),
      (n) => n === 2,
    );
    const longAgo = new Date(Date.now() - 100 * 86_400_000);
    await rows.update({ customerId: In([gus, hana]) }, { lastActivityAt: longAgo });
    // Hana walked into a store last week: the timeline says so, and that is activity.
    const visit = await send(t.client, 'RecordInteraction', {
      input: { customerId: hana, channel: 'STORE', kind: 'STORE_VISIT', summary: 'Tried on the coats' },
    });
    expect(visit.recordInteraction.userErrors).toEqual([]);
    await t.runJob('crm', 'lifecycle-messages');
    await t.runJob('crm', 'lifecycle-messages');
    expect(await messages(gus, 'WIN_BACK')).toEqual([expect.objectContaining({ subject: 'We miss you, Gus', channel: 'EMAIL' })]);
    expect(await messages(hana, 'WIN_BACK')).toEqual([]);
  });

  it('ADMIN edits the lifecycle templates; a misspelt placeholder or a non-admin is refused', async () => {
    const setTemplate = (client: typeof t.client, input: Record<string, unknown>) =>
      client.raw<any>(
        `mutation($input: SetLifecycleTemplateInput!) { setLifecycleTemplate(input: $input) {
           template { kind subject body active offer { kind value currency validDays } } userErrors { code field } } }`,
        { input },
      );
    const edited = await setTemplate(t.client, {
      kind: 'WELCOME',
      subject: 'Hello {firstName}',
      body: 'Good to have you. {offer} your first order until {offerEndsOn}.',
      offer: { kind: 'AMOUNT_OFF', value: 500, currency: 'USD', validDays: 30 },
    });
    expect(edited.data.setLifecycleTemplate).toEqual({
      template: {
        kind: 'WELCOME',
        subject: 'Hello {firstName}',
        body: 'Good to have you. {offer} your first order until {offerEndsOn}.',
        active: true,
        offer: { kind: 'AMOUNT_OFF', value: 500, currency: 'USD', validDays: 30 },
      },
      userErrors: [],
    });
    const ivy = await register('Ivy');
    await t.runJob('crm', 'lifecycle-messages');
    const [welcome] = await messages(ivy, 'WELCOME');
    expect(welcome.subject).toBe('Hello Ivy');
    expect(welcome.body).toContain('USD 5.00 off your first order until');
    // Her welcome offer prices at the till like anywhere else.
    const order = await eventually(
      () => tillOrder(ivy, 'ENG-TEE'),
      (o) => o.discount.cents === 500,
    );
    expect(order.total.cents).toBe(3_500);

    for (const [input, code, field] of [
      [{ kind: 'WELCOME', subject: 'Hi {first_name}', body: 'x' }, 'INVALID_TEMPLATE', 'subject'],
      [{ kind: 'WELCOME', subject: 'Hi', body: ' ' }, 'INVALID_TEMPLATE', 'body'],
      [{ kind: 'WELCOME', subject: 'Hi', body: 'x'.repeat(2001) }, 'INVALID_TEMPLATE', 'body'],
      [{ kind: 'WELCOME', subject: 'Hi', body: 'x', inactiveDays: 30 }, 'INVALID_DAYS', 'inactiveDays'],
      [{ kind: 'WIN_BACK', subject: 'Hi', body: 'x', inactiveDays: 1 }, 'INVALID_DAYS', 'inactiveDays'],
      [
        { kind: 'BIRTHDAY', subject: 'Hi', body: 'x', offer: { kind: 'PERCENT_OFF', value: 150, validDays: 7 } },
        'INVALID_OFFER',
        'offer',
      ],
      [
        { kind: 'BIRTHDAY', subject: 'Hi', body: 'x', offer: { kind: 'AMOUNT_OFF', value: 500, validDays: 7 } },
        'INVALID_OFFER',
        'offer',
      ],
    ] as const) {
      const refused = await setTemplate(t.client, input);
      expect(refused.errors).toBeUndefined();
      expect(refused.data.setLifecycleTemplate.userErrors[0]).toMatchObject({ code });
      expect(refused.data.setLifecycleTemplate.userErrors[0].field.slice(0, 2)).toEqual(['input', field]);
    }
    const csr = await t.signedIn({ role: 'CSR', subject: 'csr' });
    expect((await setTemplate(csr, { kind: 'WELCOME', subject: 'Hi', body: 'x' })).errors[0].extensions.code).toBe('FORBIDDEN');
    // Switched back to the default text for the other tests.
    await setTemplate(t.client, {
      kind: 'WELCOME',
      subject: 'Welcome, {firstName}',
      body: 'Thanks for joining us.',
    });
  });

  it('a merged duplicate brings its orders, birthday and segments to the survivor', async () => {
    const survivor = await register('Jo');
    const duplicate = await register('Josephine');
    const vip = (
      await send(t.client, 'DefineSegment', {
        input: { name: 'Bought within a week', rule: { purchasedWithinDays: 7 } },
      })
    ).defineSegment.segment;
    await t.client.request(
      'mutation($input: SetCustomerBirthdayInput!) { setCustomerBirthday(input: $input) { userErrors { code } } }',
      { input: { customerId: duplicate, month: 3, day: 14 } },
    );
    await tillOrder(duplicate, 'ENG-TEE');
    await eventually(
      () => engagement(duplicate),
      (c) => c.segments.some((s: any) => s.id === vip.id),
    );
    const merged = await send(t.client, 'MergeCustomers', { survivorId: survivor, duplicateId: duplicate });
    expect(merged.mergeCustomers.userErrors).toEqual([]);
    const after = await eventually(
      () => engagement(survivor),
      (c) => c.segments.some((s: any) => s.id === vip.id) && c.score?.orders === 1,
    );
    expect(after.segments).toContainEqual({ id: vip.id, name: 'Bought within a week' });
    expect(after.score).toMatchObject({ orders: 1, spend: { cents: 4_000, currency: 'USD' } });
    const birthday = await t.client.request<any>('query($id: ID!) { customer(id: $id) { birthday { month day year } } }', {
      id: survivor,
    });
    expect(birthday.customer.birthday).toEqual({ month: 3, day: 14, year: null });
  });

  it('the daily sweep ages scores and memberships that only time changes', async () => {
    const kai = await register('Kai');
    const recent = (
      await send(t.client, 'DefineSegment', {
        input: { name: 'Spent 200 this month', rule: { minSpend: { cents: 20_000, currency: 'USD' }, spendWithinDays: 30 } },
      })
    ).defineSegment.segment;
    await tillOrder(kai, 'ENG-COAT');
    await eventually(
      () => engagement(kai),
      (c) => c.segments.some((s: any) => s.id === recent.id),
    );
    // Forty days pass without an event about Kai.
    const crm = t.system.services.get('crm')!.db;
    const longAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    await crm.getRepository(CustomerOrderFact).update({ customerId: kai }, { placedAt: longAgo(40) });
    await crm.getRepository(CustomerEngagement).update({ customerId: kai }, { evaluatedAt: longAgo(2) });
    expect(await t.runJob('crm', 'engagement-refresh')).toBeGreaterThanOrEqual(1);
    const aged = await engagement(kai);
    expect(aged.segments.map((s: any) => s.id)).not.toContain(recent.id);
    expect(aged.score).toMatchObject({ recency: 4, frequency: 1, monetary: 3 });
    // Evaluated today: the next run leaves Kai alone.
    const again = await crm.getRepository(CustomerEngagement).findOneByOrFail({ customerId: kai });
    expect(again.evaluatedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('keeps the newest loyalty tier when the points events arrive out of order', async () => {
    const id = await register('Otto');
    const crmDb = t.system.services.get('crm')!.db;
    const tierOf = async () => (await crmDb.getRepository(CustomerEngagement).findOneBy({ customerId: id }))?.tier ?? null;
    const pointsChanged = (tier: string, occurredAt: Date) => ({
      ...newEnvelope(
        'loyalty.points.changed',
        { customerId: id, accountId: randomUUID(), entryId: randomUUID(), kind: 'EARN', points: 10, balance: 10, tier },
        'WEB',
      ),
      occurredAt: occurredAt.toISOString(),
    });
    await t.system.bus.publish(pointsChanged('GOLD', new Date()));
    await eventually(tierOf, (tier) => tier === 'GOLD');
    // An entry posted an hour before, delivered after: the tier it carried is already history.
    const late = pointsChanged('BRONZE', new Date(Date.now() - 3_600_000));
    await t.system.bus.publish(late);
    await eventually(
      () => crmDb.getRepository(ProcessedEvent).existsBy({ eventId: late.id }),
      (applied) => applied,
    );
    expect(await tierOf()).toBe('GOLD');
  });

  it('ADMIN removes a segment: its members leave it, and its offer then applies to nobody', async () => {
    const lu = await register('Lu');
    const segment = (await send(t.client, 'DefineSegment', { input: { name: 'Bought today', rule: { purchasedWithinDays: 1 } } }))
      .defineSegment.segment;
    await send(t.client, 'CreatePromotion', {
      input: { name: 'Come back tomorrow', kind: 'PERCENT_OFF', value: 20, segmentId: segment.id },
    });
    await tillOrder(lu, 'ENG-TEE');
    expect(
      await eventually(
        () => webPrice(lu, 'ENG-TEE'),
        (p) => p.discount === 800,
      ),
    ).toEqual({ discount: 800, total: 3_200 });

    const remove = (id: string) =>
      t.client.request<any>('mutation($id: ID!) { removeSegment(id: $id) { removedSegmentId userErrors { code field } } }', {
        id,
      });
    expect((await remove(segment.id)).removeSegment).toEqual({ removedSegmentId: segment.id, userErrors: [] });
    expect((await engagement(lu)).segments).not.toContainEqual(expect.objectContaining({ id: segment.id }));
    expect((await t.client.request<any>('{ segments { id } }')).segments).not.toContainEqual({ id: segment.id });
    expect(
      await eventually(
        () => webPrice(lu, 'ENG-TEE'),
        (p) => p.discount === 0,
      ),
    ).toEqual({ discount: 0, total: 4_000 });
    expect((await remove(segment.id)).removeSegment).toEqual({
      removedSegmentId: null,
      userErrors: [{ code: 'UNKNOWN_SEGMENT', field: ['id'] }],
    });
  });

  it('exports her birthday, score and segments with her data, and erasure forgets them at once', async () => {
    const mia = await register('Mia');
    const shopper = await t.signedIn({ role: 'CUSTOMER', customerId: mia, subject: 'mia' });
    await shopper.request(
      'mutation($input: SetCustomerBirthdayInput!) { setCustomerBirthday(input: $input) { userErrors { code } } }',
      { input: { customerId: mia, month: 7, day: 1, year: 1985, timeZone: 'Europe/Berlin' } },
    );
    await tillOrder(mia, 'ENG-COAT');
    await eventually(
      () => engagement(mia),
      (c) => c.segments.length > 0 && c.score !== null,
    );
    const exported = await shopper.request<any>(
      'mutation($id: ID!) { requestDataExport(customerId: $id) { request { document } userErrors { code } } }',
      { id: mia },
    );
    const document = JSON.parse(exported.requestDataExport.request.document);
    expect(document.engagement).toMatchObject({
      birthday: { month: 7, day: 1, year: 1985 },
      timeZone: 'Europe/Berlin',
      score: { recency: 5, frequency: 1, monetary: 3, value: 9 },
      segments: expect.arrayContaining([expect.objectContaining({ name: 'Bought within a week' })]),
    });

    const erased = await shopper.request<any>(
      'mutation($id: ID!) { requestErasure(customerId: $id) { request { outcome } userErrors { code } } }',
      { id: mia },
    );
    expect(JSON.parse(erased.requestErasure.request.outcome).engagement).toBeGreaterThan(0);
    const after = await t.client.request<any>(
      'query($id: ID!) { customer(id: $id) { birthday { month } timeZone score { value } segments { id } } }',
      { id: mia },
    );
    expect(after.customer).toEqual({ birthday: null, timeZone: null, score: null, segments: [] });
  });

  it('a personal offer prices the same on the web and at the till for her, and not for others', async () => {
    const eve = await register('Eve');
    const finn = await register('Finn');
    const offer = await send(t.client, 'CreatePromotion', {
      input: { name: 'Just for Eve', kind: 'AMOUNT_OFF', value: 1_000, currency: 'USD', customerId: eve },
    });
    expect(offer.createPromotion.userErrors).toEqual([]);

    expect(await webPrice(eve, 'ENG-TEE')).toEqual({ discount: 1_000, total: 3_000 });
    const atTill = await tillOrder(eve, 'ENG-TEE');
    expect([atTill.discount.cents, atTill.total.cents]).toEqual([1_000, 3_000]);

    expect(await webPrice(finn, 'ENG-TEE')).toEqual({ discount: 0, total: 4_000 });
    const his = await tillOrder(finn, 'ENG-TEE');
    expect([his.discount.cents, his.total.cents]).toEqual([0, 4_000]);

    const both = await t.client.raw<any>(
      'mutation($input: CreatePromotionInput!) { createPromotion(input: $input) { promotion { id } userErrors { code } } }',
      { input: { name: 'Both', kind: 'PERCENT_OFF', value: 5, customerId: eve, segmentId: 'some-segment' } },
    );
    expect(both.data.createPromotion.userErrors).toEqual([{ code: 'INVALID_AUDIENCE' }]);
  });
});
