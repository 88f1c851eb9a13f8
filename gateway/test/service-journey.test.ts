import { randomUUID } from 'node:crypto';
import type { GatewayClient } from '../src/client';
import { issueToken } from '../src/token';
import { contractOperation, countStatements, eventually, send, startTestSystem, type TestSystem } from './harness';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * Service across channels, one shopper whose bookcase does not fit: she asks on the retailer's
 * social page, reads the self-service widget's answer, replies to the case's e-mail, finds a
 * bookcase that fits her alcove in the app, and calls to choose a delivery date. Every channel
 * answers from the same articles and sees the same case, each with its own token.
 */
describe('service across channels through the gateway', () => {
  let t: TestSystem;
  let csr: GatewayClient;
  let connector: GatewayClient;
  let customerId: string;
  let orderId: string;
  const articles: Record<string, string> = {};
  const products: Record<string, string> = {};

  const article = async (input: Record<string, unknown>) => {
    const { upsertHelpArticle } = await send(t.client, 'UpsertHelpArticle', { input });
    expect(upsertHelpArticle.userErrors).toEqual([]);
    articles[input.title as string] = upsertHelpArticle.article.id;
    return upsertHelpArticle.article;
  };
  const helpSearch = async (query: string, channel: string | null, client: GatewayClient = t.anonymous) =>
    (await send(client, 'HelpSearch', { query, channel, first: 10 })).helpArticles as {
      totalCount: number;
      edges: { node: { id: string; title: string; answer: string } }[];
    };
  const titles = (r: { edges: { node: { title: string } }[] }) => r.edges.map((e) => e.node.title);
  const inbound = async (input: Record<string, unknown>, client: GatewayClient = connector) =>
    (await send(client, 'ReceiveInboundMessage', { input })).receiveInboundMessage;
  const caseThread = async (id: string) =>
    (
      await csr.request<any>(
        `query($id: ID!) { supportCase(id: $id) { id status subject channel replyToken requester customer { id }
           messages { id direction channel medium sender subject body quoteStripped attachments { filename contentType size } }
           history { action channel note } } }`,
        { id },
      )
    ).supportCase;

  beforeAll(async () => {
    t = await startTestSystem();
    csr = (await t.signedIn({ role: 'CSR', subject: 'agent-ana' })).withHeaders({ 'x-channel': 'CALL_CENTER' });
    connector = (await t.signedIn({ role: 'CSR', subject: 'social-connector' })).withHeaders({ 'x-channel': 'SOCIAL' });
    const store = (
      await send(t.client, 'UpsertLocation', {
        input: { name: 'Alcove DC', type: 'WAREHOUSE', lat: 40.6, lng: -74.0, fulfillsOnline: true, pickupEnabled: false },
      })
    ).upsertLocation.location.id as string;
    const product = async (name: string, sku: string, width: string, depth: string) => {
      const { upsertProduct } = await send(t.client, 'UpsertProduct', {
        input: {
          name,
          categoryPath: ['Home', 'Bookcases'],
          attributes: [
            { name: 'width', value: width },
            { name: 'depth', value: depth },
          ],
          variants: [{ sku, price: { cents: 14900, currency: 'USD' } }],
        },
      });
      await send(t.client, 'SetStock', { input: { locationId: store, sku, onHand: 10 } });
      products[name] = upsertProduct.product.id;
    };
    await product('Harbor Bookcase', 'SJ-HARBOR', '90 cm', '35 cm');
    await product('Nook Bookcase', 'SJ-NOOK', '76 cm', '28 cm');
    customerId = (
      await send(t.client, 'RegisterCustomer', {
        input: {
          email: 'dana@example.com',
          firstName: 'Dana',
          lastName: 'Reyes',
          channel: 'WEB',
          address: { line1: '12 Elm St', city: 'Newark', postalCode: '07102', country: 'US' },
        },
      })
    ).registerCustomer.customer.id;
    const linked = await send(t.client, 'LinkIdentity', {
      input: { customerId, kind: 'SOCIAL', value: '@dana.builds', channel: 'SOCIAL' },
    });
    expect(linked.linkIdentity.userErrors).toEqual([]);
    const placed = await send(t.client, 'PlaceOrder', {
      input: {
        customerId,
        channel: 'WEB',
        idempotencyKey: randomUUID(),
        lines: [{ sku: 'SJ-HARBOR', quantity: 1 }],
        fulfillment: { type: 'SHIP' },
      },
    });
    expect(placed.placeOrder.userErrors).toEqual([]);
    orderId = placed.placeOrder.order.id;

    await article({
      title: 'Returns and exchanges',
      answer: 'You can return or exchange any item within 30 days, in any store or by mail with a free label.',
      tags: ['returns', 'exchange'],
      published: true,
    });
    await article({
      title: 'Measuring an alcove for a bookcase',
      answer: 'Measure width at the narrowest point and the shelf depth from the wall to the skirting board.',
      tags: ['bookcases', 'measuring'],
      categories: ['Bookcases'],
      channels: ['WEB', 'MOBILE_APP'],
      published: true,
    });
    await article({ title: 'Gift wrapping (draft)', answer: 'Coming soon.', tags: ['gifts'], published: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('walks the journey: social question, self-service answer, e-mail reply on the same case, a bookcase that fits, a delivery date by phone', async () => {
    // 1. A question on the retailer's social page opens a case on her record.
    const social = await inbound({
      channel: 'SOCIAL',
      from: '@dana.builds',
      body: 'My new bookcase does not fit the alcove. Can I return or exchange it?',
      externalId: 'ig-msg-1001',
    });
    expect(social.userErrors).toEqual([]);
    expect(social.supportCase).toMatchObject({ status: 'OPEN', customer: { id: customerId } });
    const caseId = social.supportCase.id as string;

    // 2. The self-service widget, anonymous, answers from the knowledge base.
    const widget = await helpSearch('return or exchange', 'WEB');
    expect(titles(widget)[0]).toBe('Returns and exchanges');
    expect(widget.edges[0]!.node.answer).toContain('within 30 days');
    const opened = await t.anonymous.request<any>(
      'mutation($input: RateHelpArticleInput!) { rateHelpArticle(input: $input) { article { id } userErrors { code } } }',
      { input: { articleId: articles['Returns and exchanges'], helpful: true, channel: 'WEB' } },
    );
    expect(opened.rateHelpArticle.userErrors).toEqual([]);

    // 3. The case e-mailed her its reference; her reply (quoted original and all) lands on the same case.
    const thread = await caseThread(caseId);
    expect(thread.replyToken).toMatch(/^[a-z2-7]{32}$/);
    const acknowledgement = await eventually(
      () =>
        csr.request<any>(
          `query($id: ID!) { customer(id: $id) { messages(first: 10) { edges { node { kind subject recipient status } } } } }`,
          { id: customerId },
        ),
      (r) => r.customer.messages.edges.some((e: any) => e.node.kind === 'CASE_OPENED' && e.node.status === 'SENT'),
    );
    const sent = acknowledgement.customer.messages.edges.find((e: any) => e.node.kind === 'CASE_OPENED').node;
    expect(sent.recipient).toBe('dana@example.com');
    expect(sent.subject).toContain(`[ref:${thread.replyToken}]`);

    const mail = await send(t.client, 'ReceiveInboundMessage', {
      input: {
        channel: 'WEB',
        from: 'Dana Reyes <Dana@Example.com>',
        subject: `Re: ${sent.subject}`,
        body: [
          'How deep are the shelves of the Nook? My alcove is 30 cm deep.',
          '',
          'Sent from my iPhone',
          '',
          'On Mon, 30 Nov 2026 at 10:02, Omni Support <support@omni.example> wrote:',
          '> Thanks for getting in touch about your bookcase.',
        ].join('\n'),
      },
    });
    expect(mail.receiveInboundMessage).toEqual({
      supportCase: { id: caseId, status: 'OPEN', subject: social.supportCase.subject, customer: { id: customerId } },
      userErrors: [],
    });
    const both = await caseThread(caseId);
    expect(both.messages.map((m: any) => [m.direction, m.medium, m.body])).toEqual([
      ['INBOUND', 'SOCIAL_POST', 'My new bookcase does not fit the alcove. Can I return or exchange it?'],
      ['INBOUND', 'EMAIL', 'How deep are the shelves of the Nook? My alcove is 30 cm deep.'],
    ]);
    expect(both.messages[1].quoteStripped).toBe(true);
    expect(both.history.map((h: any) => h.action)).toEqual(['OPENED', 'MESSAGE_RECEIVED']);

    // 4. The app's fit search finds the bookcase that fits her alcove (80 cm wide, 30 cm deep).
    const app = (await t.signedIn({ role: 'CUSTOMER', customerId })).withHeaders({ 'x-channel': 'MOBILE_APP' });
    const fits = (
      await send(app, 'ProductsThatFit', {
        query: 'bookcase',
        ranges: [
          { name: 'width', max: 80, unit: 'cm' },
          { name: 'depth', max: 30, unit: 'cm' },
        ],
        first: 10,
      })
    ).searchProducts;
    expect(fits.edges.map((e: any) => e.node.name)).toEqual(['Nook Bookcase']);
    // ... and its help answers the measuring question, with a typo.
    expect(titles(await helpSearch('mesuring alcove', 'MOBILE_APP', app))).toEqual(['Measuring an alcove for a bookcase']);

    // 5. The call-center agent sees the whole thread on her timeline, answers, and sets the delivery date.
    const timeline = (
      await csr.request<any>(
        `query($id: ID!) { customer(id: $id) { interactions(first: 20) { edges { node { channel kind summary supportCase { id } } } } } }`,
        { id: customerId },
      )
    ).customer.interactions.edges.map((e: any) => e.node);
    expect(timeline.filter((i: any) => i.supportCase?.id === caseId).map((i: any) => [i.channel, i.kind])).toEqual([
      ['WEB', 'EMAIL'],
      ['SOCIAL', 'SOCIAL_POST'],
    ]);
    expect(timeline.some((i: any) => i.kind === 'EMAIL' && i.summary.includes('We have your question'))).toBe(true);
    const customer360 = (await send(csr, 'Customer360', { id: customerId })).customer;
    expect(customer360.supportCases).toEqual([expect.objectContaining({ id: caseId, status: 'OPEN', channel: 'SOCIAL' })]);

    const reply = await csr.request<any>(
      `mutation($input: ReplyToSupportCaseInput!) { replyToSupportCase(input: $input) { supportCase { id } userErrors { code } } }`,
      { input: { caseId, body: 'The Nook is 28 cm deep and 76 cm wide: it fits. We exchange yours for free.' } },
    );
    expect(reply.replyToSupportCase.userErrors).toEqual([]);
    const modified = await send(csr, 'ModifyOrder', {
      input: {
        orderId,
        channel: 'CALL_CENTER',
        changes: [{ lineId: await lineOf(orderId), sku: 'SJ-NOOK' }],
        deliveryDate: day(5),
      },
    });
    expect(modified.modifyOrder.userErrors).toEqual([]);
    expect(modified.modifyOrder.order.lines.map((l: any) => l.sku)).toEqual(['SJ-NOOK']);
    const promised = await csr.request<any>('query($id: ID!) { order(id: $id) { fulfillments { promisedDate } } }', {
      id: orderId,
    });
    expect(promised.order.fulfillments.map((f: any) => f.promisedDate)).toContain(day(5));

    // The agent's answer went out by e-mail with the case's reference, and is on the thread.
    const answered = await eventually(
      () =>
        csr.request<any>(
          `query($id: ID!) { customer(id: $id) { messages(first: 10) { edges { node { kind subject body status } } } } }`,
          {
            id: customerId,
          },
        ),
      (r) => r.customer.messages.edges.some((e: any) => e.node.kind === 'CASE_REPLY' && e.node.status === 'SENT'),
    );
    const replyMail = answered.customer.messages.edges.find((e: any) => e.node.kind === 'CASE_REPLY').node;
    expect(replyMail.subject).toContain(`[ref:${thread.replyToken}]`);
    expect(replyMail.body).toContain('28 cm deep');
    expect((await caseThread(caseId)).messages.map((m: any) => m.direction)).toEqual(['INBOUND', 'INBOUND', 'OUTBOUND']);
  });

  async function lineOf(id: string): Promise<string> {
    return (await csr.request<any>('query($id: ID!) { order(id: $id) { lines { id } } }', { id })).order.lines[0].id;
  }

  it('searches one knowledge base for every channel: ranked, typo-tolerant, drafts and other channels left out', async () => {
    expect(titles(await helpSearch('returns', null))).toEqual(['Returns and exchanges']);
    expect(titles(await helpSearch('exchnage', 'KIOSK'))).toEqual(['Returns and exchanges']);
    // Published on the web and in the app only.
    expect(titles(await helpSearch('alcove', 'KIOSK'))).toEqual([]);
    expect(titles(await helpSearch('alcove', 'WEB'))).toEqual(['Measuring an alcove for a bookcase']);
    // A draft is not shown to shoppers; a CSR may ask for drafts, a shopper may not.
    expect(titles(await helpSearch('gift wrapping', null))).toEqual([]);
    const drafts = await csr.request<any>(
      'query { helpArticles(query: "gift wrapping", includeUnpublished: true) { edges { node { title published } } } }',
    );
    expect(drafts.helpArticles.edges).toEqual([{ node: { title: 'Gift wrapping (draft)', published: false } }]);
    const refused = await t.anonymous.raw<any>('query { helpArticles(query: "gift", includeUnpublished: true) { totalCount } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Words that match more, and in the title, rank first.
    const ranked = await helpSearch('bookcase depth measuring', null);
    expect(titles(ranked)[0]).toBe('Measuring an alcove for a bookcase');
    // Its products come from the catalog; one the catalog does not have is null.
    const nook = await article({
      title: 'Nook Bookcase shelf pins',
      answer: 'Each shelf rests on four pins.',
      productIds: [products['Nook Bookcase'], 'no-such-product'],
      published: false,
    });
    const linked = await t.anonymous.raw<any>('query($id: ID!) { helpArticle(id: $id) { title } }', { id: nook.id });
    expect(linked.data.helpArticle).toBeNull(); // a draft
    const withProducts = await csr.request<any>('query($id: ID!) { helpArticle(id: $id) { products { id name } } }', {
      id: nook.id,
    });
    expect(withProducts.helpArticle.products).toEqual([{ id: products['Nook Bookcase'], name: 'Nook Bookcase' }, null]);
    // The product page and the app ask for a product's help: published ones only, by channel.
    await send(t.client, 'UpsertHelpArticle', {
      input: {
        id: nook.id,
        title: 'Nook Bookcase shelf pins',
        answer: 'Each shelf rests on four pins.',
        productIds: [products['Nook Bookcase']],
        channels: ['MOBILE_APP'],
        published: true,
      },
    });
    const page = await t.anonymous.request<any>(
      'query($id: ID!) { product(id: $id) { name app: helpArticles(channel: MOBILE_APP) { title } kiosk: helpArticles(channel: KIOSK) { title } } }',
      { id: products['Nook Bookcase'] },
    );
    expect(page.product).toEqual({ name: 'Nook Bookcase', app: [{ title: 'Nook Bookcase shelf pins' }], kiosk: [] });
    const about = await t.anonymous.request<any>(
      'query($p: ID!) { helpArticles(query: "", productId: $p) { edges { node { title } } } }',
      { p: products['Nook Bookcase'] },
    );
    expect(about.helpArticles.edges).toEqual([{ node: { title: 'Nook Bookcase shelf pins' } }]);
    const inCategory = await t.anonymous.request<any>(
      '{ helpArticles(query: "shelf", category: "Bookcases") { edges { node { title } } } }',
    );
    expect(inCategory.helpArticles.edges).toEqual([{ node: { title: 'Measuring an alcove for a bookcase' } }]);
    // Punctuation only finds nothing; an empty question lists the published articles.
    expect((await helpSearch('?!', null)).totalCount).toBe(0);
    expect((await helpSearch('', null)).totalCount).toBe(3);
  });

  it('costs the same statements whatever the page: search, counters, products, case threads', async () => {
    for (let i = 0; i < 12; i++) {
      await article({
        title: `Shipping zone ${i}`,
        answer: `Zone ${i} ships in ${i + 1} days.`,
        productIds: [`p-${i}`],
        published: true,
      });
    }
    const crm = t.system.services.get('crm')!.db;
    const search = async (first: number) => {
      const counter = countStatements(crm);
      try {
        const r = await csr.request<any>(
          'query($q: String!, $n: Int) { helpArticles(query: $q, first: $n) { totalCount edges { node { id stats { views } products { id } } } } }',
          { q: 'shipping zone', n: first },
        );
        expect(r.helpArticles.edges).toHaveLength(first);
        return counter.count();
      } finally {
        counter.stop();
      }
    };
    const small = await search(2);
    expect(await search(10)).toBe(small);
    expect(small).toBeLessThanOrEqual(4); // count, ranked page, articles, counters

    for (const body of ['Where is my parcel?', 'Is the oak one in stock?', 'Can I pay by invoice?']) {
      await inbound({ channel: 'SOCIAL', from: '@dana.builds', body });
    }
    await eventually(
      () =>
        csr.request<any>('query($id: ID!) { customer(id: $id) { messages(first: 50) { edges { node { status } } } } }', {
          id: customerId,
        }),
      (r) => r.customer.messages.edges.every((e: any) => e.node.status === 'SENT'),
    );
    const counter = countStatements(crm);
    try {
      const r = await csr.request<any>(
        `query($id: ID!) { customer(id: $id) {
           supportCases { id messages { id body } history { action } }
           interactions(first: 50) { edges { node { kind supportCase { id subject } } } } } }`,
        { id: customerId },
      );
      expect(r.customer.supportCases.length).toBeGreaterThanOrEqual(4);
      // customer, cases, their messages, their history, the timeline's ids, rows and count, the timeline's cases
      expect(counter.count()).toBeLessThanOrEqual(8);
    } finally {
      counter.stop();
    }
  });

  it('counts views and "was this helpful" per channel for agents, not for shoppers', async () => {
    const id = articles['Returns and exchanges']!;
    const use = (client: GatewayClient, mutation: string, input: Record<string, unknown>) =>
      client.request<any>(
        `mutation($input: ${mutation === 'rateHelpArticle' ? 'RateHelpArticleInput' : 'HelpArticleFeedbackInput'}!) { ${mutation}(input: $input) { userErrors { code field } } }`,
        { input },
      );
    const kiosk = t.anonymous.withHeaders({ 'x-channel': 'KIOSK' });
    await use(kiosk, 'recordHelpArticleView', { articleId: id });
    await use(kiosk, 'recordHelpArticleView', { articleId: id });
    await use(kiosk, 'rateHelpArticle', { articleId: id, helpful: false });
    await use(t.anonymous, 'recordHelpArticleView', { articleId: id, channel: 'MOBILE_APP' });
    const stats = await csr.request<any>(
      'query($id: ID!) { helpArticle(id: $id) { stats { channel views helpful notHelpful helpfulRate } } }',
      { id },
    );
    expect(stats.helpArticle.stats).toEqual([
      { channel: 'KIOSK', views: 2, helpful: 0, notHelpful: 1, helpfulRate: 0 },
      { channel: 'MOBILE_APP', views: 1, helpful: 0, notHelpful: 0, helpfulRate: null },
      { channel: 'WEB', views: 0, helpful: 1, notHelpful: 0, helpfulRate: 1 },
    ]);
    const denied = await t.anonymous.raw<any>('query($id: ID!) { helpArticle(id: $id) { title stats { views } } }', { id });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Not shown on that channel, or no such article: UNKNOWN_ARTICLE, nothing counted.
    const elsewhere = await use(kiosk, 'rateHelpArticle', {
      articleId: articles['Measuring an alcove for a bookcase'],
      helpful: true,
    });
    expect(elsewhere.rateHelpArticle.userErrors).toEqual([{ code: 'UNKNOWN_ARTICLE', field: ['input', 'articleId'] }]);
    const missing = await use(kiosk, 'recordHelpArticleView', { articleId: 'x'.repeat(80) });
    expect(missing.recordHelpArticleView.userErrors).toEqual([{ code: 'UNKNOWN_ARTICLE', field: ['input', 'articleId'] }]);
  });

  it('turns an answer given on one channel into an article for every channel', async () => {
    const opened = await inbound({ channel: 'SOCIAL', from: '@dana.builds', body: 'Do you assemble bookcases at home?' });
    const caseId = opened.supportCase.id as string;
    await csr.request(
      'mutation($input: ReplyToSupportCaseInput!) { replyToSupportCase(input: $input) { userErrors { code } } }',
      { input: { caseId, body: 'Yes: home assembly is 39 USD, booked with the delivery date.', channel: 'SOCIAL' } },
    );
    const answer = (await caseThread(caseId)).messages.find((m: any) => m.direction === 'OUTBOUND');
    const captured = await csr.request<any>(
      `mutation($input: CaptureHelpArticleInput!) { captureHelpArticle(input: $input) {
         article { id title answer published sourceCaseId sourceChannel } userErrors { code } } }`,
      { input: { messageId: answer.id, title: 'Home assembly', tags: ['assembly'], published: true } },
    );
    expect(captured.captureHelpArticle).toEqual({
      article: {
        id: expect.any(String),
        title: 'Home assembly',
        answer: 'Yes: home assembly is 39 USD, booked with the delivery date.',
        published: true,
        sourceCaseId: caseId,
        sourceChannel: 'SOCIAL',
      },
      userErrors: [],
    });
    expect(titles(await helpSearch('assembly', 'KIOSK'))).toEqual(['Home assembly']);
    const unknown = await csr.request<any>(
      'mutation($input: CaptureHelpArticleInput!) { captureHelpArticle(input: $input) { userErrors { code } } }',
      { input: { messageId: randomUUID(), title: 'x', published: false } },
    );
    expect(unknown.captureHelpArticle.userErrors).toEqual([{ code: 'UNKNOWN_MESSAGE' }]);
  });

  it('opens a case without a customer for an unknown sender, which staff link later', async () => {
    const stranger = await inbound({ channel: 'SOCIAL', from: '@new.reader', body: 'Do you ship to Hoboken?' });
    expect(stranger.userErrors).toEqual([]);
    expect(stranger.supportCase.customer).toBeNull();
    const caseId = stranger.supportCase.id as string;
    const unlinked = await csr.request<any>('{ unlinkedSupportCases { id requester } }');
    expect(unlinked.unlinkedSupportCases).toContainEqual({ id: caseId, requester: '@new.reader' });
    const linked = await csr.request<any>(
      'mutation($input: LinkSupportCaseCustomerInput!) { linkSupportCaseCustomer(input: $input) { supportCase { customer { id } } userErrors { code } } }',
      { input: { caseId, customerId, linkSender: true } },
    );
    expect(linked.linkSupportCaseCustomer).toEqual({ supportCase: { customer: { id: customerId } }, userErrors: [] });
    // Her next message from that handle is matched to her.
    const next = await inbound({ channel: 'SOCIAL', from: '@new.reader', body: 'Thanks!' });
    expect(next.supportCase.customer).toEqual({ id: customerId });
    // Social networks compare handles without case.
    const shouted = await inbound({ channel: 'SOCIAL', from: '@New.Reader', body: 'And to Jersey City?' });
    expect(shouted.supportCase.customer).toEqual({ id: customerId });
    const again = await csr.request<any>(
      'mutation($input: LinkSupportCaseCustomerInput!) { linkSupportCaseCustomer(input: $input) { userErrors { code } } }',
      { input: { caseId, customerId: randomUUID() } },
    );
    expect(again.linkSupportCaseCustomer.userErrors).toEqual([{ code: 'UNKNOWN_CUSTOMER' }]);
  });

  it('parses a raw e-mail: sender, reply token from the address, quoted text cut, attachments kept as names and sizes; a redelivery adds nothing', async () => {
    const first = await inbound({ channel: 'SOCIAL', from: '@dana.builds', body: 'The shelf pins are missing.' });
    const { replyToken } = await caseThread(first.supportCase.id);
    const raw = [
      'From: "Dana Reyes" <dana@example.com>',
      `To: support+${replyToken}@omni.example`,
      'Subject: pins',
      'Message-ID: <pins-1@example.com>',
      'Date: Mon, 30 Nov 2026 09:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Here is a photo of the bag.',
      '',
      '-----Original Message-----',
      'From: Omni Support',
      '',
      '--b1',
      'Content-Type: image/jpeg; name="bag.jpg"',
      'Content-Disposition: attachment; filename="bag.jpg"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.alloc(300, 7).toString('base64'),
      '--b1--',
      '',
    ].join('\r\n');
    const receive = () =>
      csr.request<any>(
        'mutation($input: InboundEmailInput!) { receiveInboundEmail(input: $input) { supportCase { id } threaded userErrors { code } } }',
        { input: { raw } },
      );
    const parsed = await receive();
    expect(parsed.receiveInboundEmail).toEqual({ supportCase: { id: first.supportCase.id }, threaded: true, userErrors: [] });
    const again = await receive();
    expect(again.receiveInboundEmail.supportCase.id).toBe(first.supportCase.id);
    const messages = (await caseThread(first.supportCase.id)).messages;
    expect(messages).toHaveLength(2);
    // A thread is in the order the messages were sent: the e-mail's own Date header decides its place.
    expect(messages.find((m: { medium: string }) => m.medium === 'EMAIL')).toMatchObject({
      medium: 'EMAIL',
      sender: 'dana@example.com',
      body: 'Here is a photo of the bag.',
      quoteStripped: true,
      attachments: [{ filename: 'bag.jpg', contentType: 'image/jpeg', size: 300 }],
    });
    const unreadable = await csr.request<any>(
      'mutation($input: InboundEmailInput!) { receiveInboundEmail(input: $input) { userErrors { code field } } }',
      { input: { raw: 'not an e-mail at all' } },
    );
    expect(unreadable.receiveInboundEmail.userErrors).toEqual([{ code: 'UNREADABLE_EMAIL', field: ['input', 'raw'] }]);
  });

  it("takes a raw e-mail posted to POST /inbound/email with the hook's CSR token", async () => {
    const endpoint = t.system.gateway.url.replace(/\/graphql$/, '/inbound/email');
    const token = `Bearer ${await issueToken({ role: 'CSR', subject: 'mail-hook', ttlSeconds: 600 })}`;
    const post = (body: string, authorization?: string, type = 'message/rfc822') =>
      fetch(`${endpoint}?channel=WEB`, {
        method: 'POST',
        headers: { 'content-type': type, ...(authorization ? { authorization } : {}) },
        body,
      });
    const raw = [
      'From: Lee Park <lee@example.com>',
      'To: support@omni.example',
      'Subject: Delivery to a locker?',
      'Message-ID: <locker-1@example.com>',
      '',
      'Can you deliver to a parcel locker?',
      '',
    ].join('\r\n');
    const first = await post(raw, token);
    expect(first.status).toBe(200);
    const answer = (await first.json()) as { caseId: string; messageId: string; threaded: boolean };
    expect(answer).toEqual({ caseId: expect.any(String), messageId: expect.any(String), threaded: false });
    const thread = await caseThread(answer.caseId);
    expect(thread).toMatchObject({
      channel: 'WEB',
      requester: 'lee@example.com',
      customer: null,
      subject: 'Delivery to a locker?',
    });
    // The provider retries: the same Message-ID lands on the same case, nothing added.
    expect(await (await post(raw, token)).json()).toMatchObject({ caseId: answer.caseId, messageId: answer.messageId });
    expect((await caseThread(answer.caseId)).messages).toHaveLength(1);

    expect((await post(raw)).status).toBe(403);
    expect((await post(raw, 'Bearer not-a-token')).status).toBe(401);
    expect((await post(raw, token, 'application/json')).status).toBe(415);
    const unreadable = await post('no headers at all', token);
    expect(unreadable.status).toBe(422);
    expect(await unreadable.json()).toMatchObject({ userErrors: [{ code: 'UNREADABLE_EMAIL' }] });
  });

  it('takes concurrent replies to one case and concurrent ratings of one article without losing any', async () => {
    const opened = await inbound({ channel: 'SOCIAL', from: '@dana.builds', body: 'Several questions coming.' });
    const { replyToken } = await caseThread(opened.supportCase.id);
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        inbound({ channel: 'WEB', from: 'dana@example.com', body: `Question ${i}`, replyToken, externalId: `burst-${i}` }),
      ),
    );
    expect(replies.map((r) => r.userErrors)).toEqual(Array(8).fill([]));
    const thread = await caseThread(opened.supportCase.id);
    expect(thread.messages).toHaveLength(9);
    expect(thread.history.filter((h: any) => h.action === 'MESSAGE_RECEIVED')).toHaveLength(8);

    const { id } = await article({ title: `Care of oak ${randomUUID()}`, answer: 'Oil it twice a year.', published: true });
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.anonymous.request(
          'mutation($input: RateHelpArticleInput!) { rateHelpArticle(input: $input) { userErrors { code } } }',
          {
            input: { articleId: id, helpful: i % 2 === 0, channel: 'KIOSK' },
          },
        ),
      ),
    );
    const stats = await csr.request<any>('query($id: ID!) { helpArticle(id: $id) { stats { channel helpful notHelpful } } }', {
      id,
    });
    expect(stats.helpArticle.stats).toEqual([{ channel: 'KIOSK', helpful: 5, notHelpful: 5 }]);
  });

  it('answers client mistakes with userErrors, and only CSRs and services deliver messages', async () => {
    const errors = async (input: Record<string, unknown>) => (await inbound(input)).userErrors.map((e: any) => e.code);
    expect(await errors({ channel: 'SOCIAL', from: '', body: 'hi' })).toEqual(['INVALID_SENDER']);
    expect(await errors({ channel: 'SOCIAL', from: '@x', body: '   ' })).toEqual(['INVALID_BODY']);
    expect(await errors({ channel: 'SOCIAL', from: '@x', body: 'hi', externalId: 'x'.repeat(201) })).toEqual([
      'INVALID_EXTERNAL_ID',
    ]);
    expect(await errors({ channel: 'SOCIAL', from: '@x', body: 'hi', attachments: [{ filename: 'a', size: -1 }] })).toEqual([
      'INVALID_ATTACHMENT',
    ]);
    expect(await errors({ channel: 'SOCIAL', from: '@x', body: 'hi', receivedAt: '2999-01-01T00:00:00Z' })).toEqual([
      'INVALID_TIME',
    ]);
    // Control characters and oversize text from a connector are cleaned, never an internal error;
    // a NUL character is refused by the gateway before anything runs.
    const odd = await inbound({
      channel: 'SOCIAL',
      from: '@x',
      subject: 's'.repeat(500),
      body: `a\u0007b ${'z'.repeat(30_000)}`,
    });
    expect(odd.userErrors).toEqual([]);
    expect(odd.supportCase.subject).toHaveLength(200);
    const nul = await connector.raw<any>(contractOperation('ReceiveInboundMessage'), {
      input: { channel: 'SOCIAL', from: '@x', body: 'a\u0000b' },
    });
    expect(nul.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const upsert = async (input: Record<string, unknown>) =>
      (await send(t.client, 'UpsertHelpArticle', { input })).upsertHelpArticle.userErrors.map((e: any) => e.code);
    expect(await upsert({ title: '', answer: 'a', published: true })).toEqual(['INVALID_TITLE']);
    expect(await upsert({ title: 'a', answer: 'x'.repeat(10_001), published: true })).toEqual(['INVALID_ANSWER']);
    expect(await upsert({ title: 'a', answer: 'b\u0001', published: true })).toEqual(['INVALID_ANSWER']);
    expect(await upsert({ title: 'a', answer: 'b', tags: ['t'.repeat(51)], published: true })).toEqual(['INVALID_TAG']);
    expect(await upsert({ id: randomUUID(), title: 'a', answer: 'b', published: true })).toEqual(['UNKNOWN_ARTICLE']);

    const shopper = await t.signedIn({ role: 'CUSTOMER', customerId });
    for (const client of [t.anonymous, shopper]) {
      const denied = await client.raw<any>(contractOperation('ReceiveInboundMessage'), {
        input: { channel: 'SOCIAL', from: '@dana.builds', body: 'forged' },
      });
      expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const write = await client.raw<any>(contractOperation('UpsertHelpArticle'), {
        input: { title: 'x', answer: 'y', published: true },
      });
      expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});
