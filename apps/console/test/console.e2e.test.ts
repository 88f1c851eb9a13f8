/**
 * The console in Chromium against the whole system (embedded, served by the gateway at /console):
 * an agent finds the demo shopper, sees her orders from every channel on one page loaded by one
 * GraphQL request, and changes a delivery date; an associate hands over a pickup after the
 * shopper's "I'm here"; an associate of another store may not. Every page passes axe with no
 * serious violation. Screenshots of the 360 page and the store queue go to docs/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestSystem, type TestSystem } from '../../../gateway/test/harness';
import { seedDemoRetailer, type SeedSummary } from '../../../gateway/src/seed';

const CONSOLE_DIR = join(__dirname, '..');
const DIST = join(CONSOLE_DIR, 'dist');
/** Screenshots of the 360 page and the store queue: the README's with CONSOLE_SCREENSHOTS=docs, else a scratch folder. */
const DOCS =
  process.env.CONSOLE_SCREENSHOTS === 'docs'
    ? join(__dirname, '..', '..', '..', 'docs')
    : join(tmpdir(), 'omni-console-screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let t: TestSystem;
let seed: SeedSummary;
let browser: Browser;
let origin: string;
const contexts: BrowserContext[] = [];

/** Accessibility: axe-core in the page; serious and critical violations fail the test. */
async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: any[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n: { target: string[] }) => n.target.join(' ')),
    }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect({ what, serious }).toEqual({ what, serious: [] });
}

/** Polls until `probe` holds (what the page shows changes after a render or a request). */
async function until(probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`not so after ${timeoutMs} ms: ${probe.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, baseURL: origin });
  contexts.push(context);
  const page = await context.newPage();
  // Generous: the suite shares two cores with other test files.
  page.setDefaultTimeout(30_000);
  // What went wrong in the page is part of a failure's report.
  page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
  page.on('response', (response) => {
    if (response.ok()) return;
    void response
      .text()
      .catch(() => '')
      .then((body) =>
        process.stderr.write(
          `HTTP ${response.status()} ${response.request().method()} ${response.url()} ${body.slice(0, 500)}\n`,
        ),
      );
  });
  return page;
}

async function signIn(page: Page, role: 'CSR' | 'ASSOCIATE' | 'ADMIN', store?: string): Promise<void> {
  await page.goto('/console/');
  await page.getByRole('heading', { name: 'Development sign-in' }).waitFor();
  await page
    .getByRole('radio', {
      name: new RegExp({ CSR: 'Contact-center agent', ASSOCIATE: 'Store associate', ADMIN: 'Administrator' }[role]),
    })
    .check();
  if (store) await page.getByLabel('Store', { exact: true }).selectOption({ label: store });
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Without a browser (scripts/test.sh installs Debian's chromium where it may) these tests say they are skipped. */
const browserTest = existsSync(CHROMIUM) ? test : test.skip;
if (!existsSync(CHROMIUM)) process.stderr.write(`console e2e skipped: no Chromium at ${CHROMIUM} (CHROMIUM_PATH)\n`);

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  if (!existsSync(join(DIST, 'index.html'))) {
    execFileSync('pnpm', ['--filter', '@omni/console', 'build'], { cwd: CONSOLE_DIR, stdio: 'inherit' });
  }
  t = await startTestSystem({ console: { dir: DIST } });
  seed = await seedDemoRetailer(t.client);
  origin = new URL(t.system.gateway.url).origin;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  mkdirSync(DOCS, { recursive: true });
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await t?.close();
});

browserTest('the gateway serves the console, its config and (development key only) a development token', async () => {
  const page = await fetch(`${origin}/console/customers/anything`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<div id="root">');
  const config = await (await fetch(`${origin}/console/config.json`)).json();
  expect(config).toEqual({ graphqlPath: '/graphql', devSignIn: true, oidc: null });
  const refused = await fetch(`${origin}/console/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'ASSOCIATE' }),
  });
  expect(refused.status).toBe(400);
  const partner = await fetch(`${origin}/console/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'PARTNER' }),
  });
  expect(partner.status).toBe(400);
});

browserTest(
  'an agent finds the demo shopper, sees every channel on one page from one request, and changes a delivery date',
  async () => {
    const page = await newPage({ width: 1440, height: 1000 });
    await signIn(page, 'CSR');
    await expectAccessible(page, 'search page');

    // Keyboard only: the search field has the focus, Enter submits.
    const requests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/graphql') requests.push(request.postDataJSON()?.operationName ?? '?');
    });
    await page.keyboard.type('ada.lovelace@example.com');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();

    // FindCustomer, then the 360 page itself: one request.
    expect(requests).toEqual(['FindCustomer', 'Customer360']);
    const [web, store, callCenter] = seed.orderNumbers as [string, string, string];
    for (const [number, channel] of [
      [web, 'Web'],
      [store, 'Store'],
      [callCenter, 'Call center'],
    ]) {
      await expect(page.getByTestId(`order-${number}`).getByRole('heading').first().textContent()).resolves.toContain(channel);
    }
    await expect(page.getByTestId('timeline').locator('li').count()).resolves.toBeGreaterThanOrEqual(3);
    // Opened directly (a bookmark, a reload): the page is still one request.
    requests.length = 0;
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
    await page.getByTestId(`order-${web}`).waitFor();
    expect(requests).toEqual(['Customer360']);
    await expectAccessible(page, '360 page');
    await page.screenshot({ path: join(DOCS, 'console-360.png'), fullPage: false });

    // The timeline filters by channel.
    await page.getByLabel('Channel', { exact: true }).selectOption('STORE');
    await until(async () => !(await page.getByTestId('timeline').textContent())?.includes(`Order ${web}`));
    await page.getByLabel('Channel', { exact: true }).selectOption('');

    // A delivery date that is too early is refused next to the field.
    const order = page.getByTestId(`order-${web}`);
    await order.getByRole('button', { name: 'Change order' }).click();
    await order.getByLabel('Delivery date').fill('2000-01-01');
    await order.getByRole('button', { name: 'Review change' }).click();
    await expect(order.getByTestId('new-total').textContent()).resolves.toContain('$');
    await expect(order.getByTestId('settlement').textContent()).resolves.toBe('$0.00');
    await order.getByRole('button', { name: 'Confirm change' }).click();
    await order
      .locator('.field.invalid')
      .filter({ hasText: 'Delivery date' })
      .filter({ hasText: 'earliest delivery date' })
      .waitFor();

    const date = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await order.getByLabel('Delivery date').fill(date);
    await order.getByRole('button', { name: 'Review change' }).click();
    await order.getByRole('button', { name: 'Confirm change' }).click();
    await order.getByRole('status').filter({ hasText: 'changed' }).waitFor();
    await order.getByText(/Order history/).click();
    await order.getByTestId('order-history').getByText(`deliver on ${date}`).waitFor();

    // More units: the new total and what will be charged, before anything is sent.
    await order.getByRole('button', { name: 'Change order' }).click();
    await order.getByLabel('Quantity of NF-TOTE-NAT').fill('2');
    await order.getByRole('button', { name: 'Review change' }).click();
    await expect(order.getByTestId('new-total').textContent()).resolves.toBe('$137.00');
    await expect(order.getByTestId('settlement').textContent()).resolves.toBe('$24.00');
    await order.getByText('To charge').waitFor();
    // A SKU nobody sells is named next to its field.
    await order.getByLabel('SKU instead of NF-TOTE-NAT').fill('NO-SUCH-SKU');
    await order.getByRole('button', { name: 'Review change' }).click();
    await order.locator('.field.invalid').filter({ hasText: 'no product has SKU NO-SUCH-SKU' }).waitFor();
    // Back to the same SKU, the difference paid by card over the phone.
    await order.getByLabel('SKU instead of NF-TOTE-NAT').fill('NF-TOTE-NAT');
    await order.getByRole('button', { name: 'Review change' }).click();
    await order.getByLabel('Payment reference').fill('phone-auth-4711');
    await order.getByRole('button', { name: 'Confirm change' }).click();
    await order.getByRole('status').filter({ hasText: 'new total $137.00, balance due $0.00' }).waitFor();
    // The page refreshes after the change.
    await order.getByTestId('order-total').filter({ hasText: '$137.00' }).waitFor();

    // A return by mail from the store order: its label can be printed or e-mailed.
    const storeOrder = page.getByTestId(`order-${store}`);
    await storeOrder.getByRole('button', { name: 'Return or exchange' }).click();
    await storeOrder.getByLabel('Units of RL-BTL-750-SAGE to return').fill('1');
    await storeOrder.getByLabel('Reason for RL-BTL-750-SAGE').fill('leaks');
    await storeOrder.getByRole('button', { name: 'Create return' }).click();
    await storeOrder.getByRole('status').filter({ hasText: 'created' }).waitFor();
    const returns = page.locator('#returns');
    await returns.getByRole('link', { name: 'Print label' }).waitFor();
    await returns.getByRole('link', { name: 'Email label to the customer' }).waitFor();

    // A case: opened about the web order, assigned, annotated, resolved.
    const cases = page.locator('#cases');
    await cases.getByRole('button', { name: 'Open a case' }).click();
    await cases.getByLabel('Subject').fill('Sweater arrives too late for a birthday');
    await cases.getByLabel('About order').selectOption({ label: web });
    await cases.getByRole('button', { name: 'Open case' }).click();
    const opened = cases.locator('article.case').filter({ hasText: 'Sweater arrives too late' });
    await opened.getByText(`order ${web}`).waitFor();
    await opened.getByRole('button', { name: 'Assign…' }).click();
    await opened.getByRole('textbox', { name: 'Assign to' }).fill('sam@contact-center');
    await opened.getByRole('button', { name: 'Assign', exact: true }).click();
    await opened.getByText('assigned to sam@contact-center').waitFor();
    await opened.getByRole('button', { name: 'Add note…' }).click();
    await opened.getByRole('textbox', { name: 'Note' }).fill('Moved the delivery date earlier');
    await opened.getByRole('button', { name: 'Add note', exact: true }).click();
    await opened.getByRole('button', { name: 'Resolve…' }).click();
    await opened.getByRole('textbox', { name: 'Resolution' }).fill('Delivered before the birthday');
    await opened.getByRole('button', { name: 'Resolve', exact: true }).click();
    await opened.getByText('Resolution: Delivered before the birthday').waitFor();

    // The shopper changes her mind: one line cancelled, then the whole order.
    await order.getByRole('button', { name: 'Cancel…' }).click();
    await order.getByRole('radio', { name: 'Some lines' }).check();
    await order.getByRole('checkbox', { name: /Canvas Tote/ }).check();
    await order.getByRole('button', { name: 'Cancel the lines' }).click();
    await order.getByRole('status').filter({ hasText: 'Lines cancelled: new total $89.00' }).waitFor();
    await order.getByRole('button', { name: 'Cancel…' }).click();
    await order.getByLabel('Reason').fill('no longer needed');
    await order.getByRole('button', { name: 'Cancel the order' }).click();
    await order.getByRole('status').filter({ hasText: 'cancelled' }).waitFor();
    await order.getByRole('heading').filter({ hasText: 'cancelled' }).first().waitFor();
    await expectAccessible(page, '360 page after changes');
  },
);

browserTest(
  'an associate hands over a pickup after the shopper\'s "I\'m here"; an associate of another store may not',
  async () => {
    const [adaId] = seed.customerIds as [string];
    const callCenterOrder = seed.orderNumbers[2]!;
    const [, soho, brooklyn] = seed.locationIds as [string, string, string];
    const found = await t.client.request<{ orderByNumber: { id: string } }>(
      'query($n: String!) { orderByNumber(number: $n) { id } }',
      { n: callCenterOrder },
    );
    // The shopper taps "I'm here" in the app.
    const ada = await t.signedIn({ role: 'CUSTOMER', customerId: adaId, subject: 'ada' });
    const arrival = await ada.request<{ announcePickupArrival: { userErrors: unknown[] } }>(
      'mutation($id: ID!) { announcePickupArrival(orderId: $id, channel: MOBILE_APP) { userErrors { code } } }',
      { id: found.orderByNumber.id },
    );
    expect(arrival.announcePickupArrival.userErrors).toEqual([]);

    // A store tablet at Brooklyn Heights.
    const page = await newPage({ width: 820, height: 1180 });
    await signIn(page, 'ASSOCIATE', 'Brooklyn Heights Store');
    await page.getByRole('heading', { level: 1, name: 'Brooklyn Heights Store' }).waitFor();
    const pickups = page.getByTestId('pickups');
    const first = pickups.locator('li').first();
    await expect(first.textContent()).resolves.toContain(`Order ${callCenterOrder}`);
    await expect(first.textContent()).resolves.toContain("I'm here");
    await expect(first.textContent()).resolves.toContain('Ada Lovelace');
    await expectAccessible(page, 'store queue');
    await page.screenshot({ path: join(DOCS, 'console-store.png'), fullPage: false });

    const item = page.getByTestId(`queue-${callCenterOrder}`);
    await item.getByRole('button', { name: 'Start picking' }).click();
    await item.getByRole('button', { name: 'Ready for pickup' }).click();
    await item.getByRole('button', { name: 'Hand over' }).waitFor();

    // Another store's associate finds the order at their counter: handing it over is refused.
    const other = await newPage({ width: 1024, height: 768 });
    await signIn(other, 'ASSOCIATE', 'SoHo Store');
    await other.getByLabel('Order number').fill(callCenterOrder);
    await other.getByRole('button', { name: 'Find order' }).click();
    const counter = other.getByTestId('counter-order');
    await counter.getByRole('button', { name: 'Hand over' }).click();
    await counter.getByRole('alert').filter({ hasText: 'Not allowed for your role' }).waitFor();
    expect(soho).not.toBe(brooklyn);

    await item.getByRole('button', { name: 'Hand over' }).click();
    await page.getByTestId(`queue-${callCenterOrder}`).waitFor({ state: 'detached' });
    // The shopper brings back a bottle bought at a store: the associate receives it from her page,
    // which they see whole, all of it allowed for the role.
    const storeOrder = await t.client.request<{ orderByNumber: { id: string; lines: { id: string }[] } }>(
      'query($n: String!) { orderByNumber(number: $n) { id lines { id } } }',
      { n: seed.orderNumbers[1] },
    );
    const created = await t.client.request<{ createReturn: { return: { rmaNumber: string }; userErrors: unknown[] } }>(
      `mutation($input: CreateReturnInput!) { createReturn(input: $input) { return { rmaNumber } userErrors { code message } } }`,
      {
        input: {
          orderId: storeOrder.orderByNumber.id,
          channel: 'STORE',
          idempotencyKey: 'e2e-return-at-brooklyn',
          method: 'IN_STORE',
          locationId: brooklyn,
          resolution: 'REFUND',
          lines: [{ orderLineId: storeOrder.orderByNumber.lines[0]!.id, quantity: 1, reason: 'dented' }],
        },
      },
    );
    expect(created.createReturn.userErrors).toEqual([]);
    const rma = created.createReturn.return.rmaNumber;
    await page.getByRole('link', { name: 'Find a customer' }).click();
    await page.getByLabel('Email').fill('ada.lovelace@example.com');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
    expect(await page.locator('.notice').allTextContents()).toEqual([]);
    await expectAccessible(page, '360 page on a store tablet');
    const returned = page.getByRole('article', { name: `Return ${rma}` });
    await returned.getByRole('button', { name: 'Receive here…' }).click();
    await returned.getByRole('button', { name: 'Receive', exact: true }).click();
    // The line's own count: a return number ending in 1 would also match `1 received` in the heading.
    await returned.getByRole('listitem').filter({ hasText: '(1 received)' }).waitFor();
    await returned
      .locator('.badge')
      .filter({ hasText: /^received$/ })
      .waitFor();

    // The shopper only has her receipt: found by the order number.
    await page.getByRole('link', { name: 'Find a customer' }).click();
    await page.getByLabel('Search by').selectOption({ label: 'Order number' });
    await page.getByLabel('Order number').fill(seed.orderNumbers[1]!);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
    const after = await t.client.request<{ orderByNumber: { fulfillments: { status: string }[] } }>(
      'query($n: String!) { orderByNumber(number: $n) { fulfillments { status } } }',
      { n: callCenterOrder },
    );
    expect(after.orderByNumber.fulfillments.map((f) => f.status)).toEqual(['COLLECTED']);
  },
);

browserTest('an administrator sees the stock of a SKU everywhere; a customer page says it is not for the role', async () => {
  const page = await newPage({ width: 1280, height: 800 });
  await signIn(page, 'ADMIN');
  await page.getByRole('heading', { level: 1, name: 'Stock' }).waitFor();
  await page.getByRole('textbox', { name: 'SKU' }).fill('NF-MCS-NAVY-M');
  await page.getByRole('button', { name: 'Show stock' }).click();
  const result = page.getByTestId('stock-result');
  await result.getByText('Newark Distribution Center').waitFor();
  await result.getByText('Brooklyn Heights Store').waitFor();
  await expectAccessible(page, 'stock page');

  await page.goto(`/console/customers/${seed.customerIds[0]}`);
  await page.getByRole('alert').filter({ hasText: 'Not allowed for your role' }).waitFor();
});
