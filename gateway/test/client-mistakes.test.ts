import { randomUUID } from 'node:crypto';
import { nulPath } from '../src/client-input';
import { issueToken } from '../src/token';
import { contractOperation, send, startTestSystem, type TestSystem } from './harness';

/** What came back: the HTTP status, the error codes, and the userErrors codes of the one mutation. */
interface Answer {
  status: number;
  errors: string[];
  userErrors: string[];
}

/**
 * The mistakes client developers make, sent as they would send them: each is answered as the
 * caller's (HTTP 4xx, BAD_USER_INPUT, or a userError), never INTERNAL_SERVER_ERROR, and writes nothing.
 */
describe('client mistakes are client errors', () => {
  let t: TestSystem;
  let customerId: string;

  const post = async (body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> => {
    const response = await fetch(t.system.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-channel': 'WEB', ...headers },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { data?: Record<string, any> | null; errors?: { extensions?: { code?: string } }[] };
    const payload = json.data ? (Object.values(json.data)[0] as { userErrors?: { code: string }[] } | null) : null;
    return {
      status: response.status,
      errors: (json.errors ?? []).map((e) => e.extensions?.code ?? 'NONE'),
      userErrors: payload?.userErrors?.map((e) => e.code) ?? [],
    };
  };
  const operation = (name: string, variables: Record<string, unknown>, operationName = name) => ({
    query: contractOperation(name),
    variables,
    operationName,
  });
  const asStaff = async () => ({
    authorization: `Bearer ${await issueToken({ roles: ['ADMIN', 'CSR'], subject: 'back-office' })}`,
  });
  const clientError = (answer: Answer) =>
    (answer.status >= 400 && answer.status < 500) || answer.userErrors.length > 0 || answer.errors.includes('BAD_USER_INPUT');

  beforeAll(async () => {
    t = await startTestSystem();
    customerId = (
      await send(t.client, 'RegisterCustomer', {
        input: { email: 'mistakes@example.com', firstName: 'Mia', lastName: 'Stake', channel: 'WEB' },
      })
    ).registerCustomer.customer.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a NUL character anywhere with HTTP 400 before anything runs', async () => {
    const name = await post(
      operation('RegisterCustomer', {
        input: { email: 'nul@example.com', firstName: 'Ann\u0000', lastName: 'Lee', channel: 'WEB' },
      }),
    );
    expect(name).toEqual({ status: 400, errors: ['BAD_USER_INPUT'], userErrors: [] });
    const search = await post(operation('SearchProducts', { query: 'tee\u0000', first: 5 }));
    expect(search).toEqual({ status: 400, errors: ['BAD_USER_INPUT'], userErrors: [] });
    const literal = await post({ query: '{ searchProducts(query: "tee\\u0000", first: 1) { totalCount } }' });
    expect(literal).toEqual({ status: 400, errors: ['BAD_USER_INPUT'], userErrors: [] });
    const lookup = await t.client.raw<any>(contractOperation('CustomerLookup'), { email: 'nul@example.com' }, 'CustomerLookup');
    expect(lookup.data?.customerLookup ?? null).toBeNull();
  });

  it('names where in the variables a NUL character is', () => {
    expect(nulPath({ input: { lines: [{ sku: 'A' }, { sku: 'B\u0000' }] } })).toEqual(['input', 'lines', '1', 'sku']);
    expect(nulPath(['\u0000'])).toEqual(['0']);
    expect(nulPath({ input: { lines: [{ sku: 'A', quantity: 2 }], note: null } })).toBeNull();
  });

  it('answers an unknown operationName with HTTP 400', async () => {
    const answer = await post({ query: contractOperation('SearchProducts'), variables: {}, operationName: 'NoSuchOperation' });
    expect(answer).toEqual({ status: 400, errors: ['BAD_USER_INPUT'], userErrors: [] });
  });

  it('answers an impossible Date or DateTime as BAD_USER_INPUT', async () => {
    const staff = await asStaff();
    const date = await post(operation('RunDueSubscriptions', { asOf: '2099-02-30' }), staff);
    expect(date.errors).toEqual(['BAD_USER_INPUT']);
    const dateTime = await post(
      operation('RecordInteraction', {
        input: { customerId, channel: 'WEB', kind: 'CHAT', summary: 'asked about sizes', occurredAt: 'not-a-date' },
      }),
      staff,
    );
    expect(dateTime.errors).toEqual(['BAD_USER_INPUT']);
  });

  it('answers values longer than their fields, and keys longer than kept, as the caller’s mistake', async () => {
    const staff = await asStaff();
    const long = 'x'.repeat(5000);
    const answers: Record<string, Answer> = {
      idempotencyKey: await post(
        operation('PlaceOrder', {
          input: {
            customerId,
            channel: 'CALL_CENTER',
            idempotencyKey: 'K'.repeat(101),
            lines: [{ sku: 'NO-SUCH-SKU', quantity: 1 }],
            fulfillment: { type: 'SHIP' },
          },
        }),
        staff,
      ),
      giftCardKey: await post(
        operation('IssueGiftCard', { input: { amount: { cents: 1000, currency: 'USD' }, channel: 'WEB', idempotencyKey: long } }),
        staff,
      ),
      lastName: await post(
        operation('RegisterCustomer', { input: { email: 'long@example.com', firstName: 'Lo', lastName: long, channel: 'WEB' } }),
      ),
      productName: await post(
        operation('UpsertProduct', {
          input: { name: long, variants: [{ sku: 'LONG-1', price: { cents: 100, currency: 'USD' } }] },
        }),
        staff,
      ),
      sku: await post(
        operation('UpsertProduct', {
          input: { name: 'Long SKU', variants: [{ sku: long, price: { cents: 100, currency: 'USD' } }] },
        }),
        staff,
      ),
      interactionSummary: await post(
        operation('RecordInteraction', { input: { customerId, channel: 'WEB', kind: 'CHAT', summary: long } }),
        staff,
      ),
      cartChannelCustomer: await post(operation('CreateCart', { input: { customerId: long, channel: 'WEB' } }), staff),
      customerId: await post(operation('Customer360', { id: long }), staff),
      unknownUuid: await post(operation('Customer360', { id: randomUUID() }), staff),
    };
    const internal = Object.entries(answers).filter(([, a]) => a.errors.includes('INTERNAL_SERVER_ERROR'));
    expect(internal).toEqual([]);
    const notTheCallers = Object.entries(answers)
      .filter(([name]) => !['customerId', 'unknownUuid'].includes(name))
      .filter(([, a]) => !clientError(a));
    expect(notTheCallers).toEqual([]);
    expect(answers.idempotencyKey.userErrors).toEqual(['INVALID_IDEMPOTENCY_KEY']);
    expect(answers.giftCardKey.userErrors).toEqual(['INVALID_IDEMPOTENCY_KEY']);
  });
});
