import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { ANONYMOUS, buildSubgraph, serviceCaller, type Caller } from '@omni/platform';
import { execute, parse, type GraphQLSchema } from 'graphql';
import { holdStoredValue } from '../src/commands/holds';
import { creditStoreCredit } from '../src/commands/stored-value';
import { giftCardHash, normalizeGiftCardCode } from '../src/domain/stored-value';
import { StoredValueAccount } from '../src/entities/stored-value';
import { loyaltyService } from '../src/index';
import { useLoyaltySettings } from '../src/settings';
import { envelope, openLoyalty, scratchPostgres, TEST_DATABASE_URL, type LoyaltyDb } from './support';

const SECRET = 'a-test-gift-card-secret-of-32-characters-or-more';
const RATE = 4;
// Before anything reads them: this file's own secret and a small balance-enquiry limit.
useLoyaltySettings({ giftCardSecret: SECRET, development: false, balanceRatePerMinute: RATE, holdTtlSeconds: 600 });

/** Gift cards and store credit through loyalty's GraphQL API, on its own database. */
describe('gift cards', () => {
  let t: LoyaltyDb;
  let schema: GraphQLSchema;
  beforeAll(async () => {
    t = await openLoyalty();
    schema = (await buildSubgraph(loyaltyService)).schema;
  });
  afterAll(async () => {
    await t?.close();
  });

  const staff: Caller = { subject: 'till-1', roles: ['ASSOCIATE'], customerId: null, locationId: 'store-1', partnerId: null };
  const gql = async <T = any>(query: string, variables: Record<string, unknown>, caller: Caller = serviceCaller('orders')) => {
    const result = await execute({ schema, document: parse(query), variableValues: variables, contextValue: t.ctx(caller) });
    if (result.errors?.length) throw Object.assign(new Error(result.errors[0]!.message), { errors: result.errors });
    return result.data as T;
  };
  const ISSUE = /* GraphQL */ `
    mutation Issue($input: IssueGiftCardInput!) {
      issueGiftCard(input: $input) {
        giftCard {
          id
          code
          maskedCode
          last4
          balance {
            cents
            currency
          }
        }
        userErrors {
          code
          field
        }
      }
    }
  `;
  const BALANCE = /* GraphQL */ `
    query Balance($code: String!) {
      giftCard(code: $code) {
        id
        code
        maskedCode
        last4
        balance {
          cents
          currency
        }
        entries(first: 10) {
          kind
          amount {
            cents
            currency
          }
          reason
          orderId
          occurredAt
        }
      }
    }
  `;
  /** As the orders service calls it (README: Checkout boundary). */
  const HOLD = /* GraphQL */ `
    mutation Hold($code: String, $cents: Int!, $currency: String!, $orderRef: String!, $key: String!) {
      holdStoredValue(
        input: {
          giftCardCode: $code
          amount: { cents: $cents, currency: $currency }
          orderRef: $orderRef
          idempotencyKey: $key
          upTo: true
        }
      ) {
        hold {
          id
          amount
          currency
        }
        userErrors {
          code
          message
          field
        }
      }
    }
  `;
  const issue = async (cents: number, key = randomUUID(), currency = 'USD') =>
    (await gql(ISSUE, { input: { amount: { cents, currency }, channel: 'STORE', idempotencyKey: key } }, staff)).issueGiftCard;
  const hold = async (code: string, cents: number, currency = 'USD') =>
    (await gql(HOLD, { code, cents, currency, orderRef: `cart-${randomUUID()}`, key: randomUUID() })).holdStoredValue;

  it('shows the code once, stores only its keyed hash and last four, and finds the card by the typed code', async () => {
    const key = randomUUID();
    const issued = await issue(5000, key);
    expect(issued.userErrors).toEqual([]);
    const { code, last4, maskedCode, id } = issued.giftCard;
    expect(code).toMatch(/^[2-9A-Z]{4}(-[2-9A-Z]{4}){3}$/);
    expect(last4).toBe(code.slice(-4));
    expect(maskedCode).toBe(`•••• ${last4}`);
    // The same key again: the same card, without its code.
    expect((await issue(5000, key)).giftCard).toMatchObject({ id, code: null, last4 });

    const row = await t.db.manager.findOneByOrFail(StoredValueAccount, { id });
    expect(row).toMatchObject({ codeHash: giftCardHash(code, SECRET), codeLast4: last4 });
    expect(row).not.toHaveProperty('code');
    expect(
      JSON.stringify(await t.db.query('SELECT * FROM ' + (t.backend === 'postgres' ? 'loyalty.' : '') + 'stored_value_account')),
    ).not.toContain(normalizeGiftCardCode(code));
    const seen = await gql(BALANCE, { code: normalizeGiftCardCode(code).toLowerCase() }, ANONYMOUS);
    expect(seen.giftCard).toMatchObject({ id, code: null, maskedCode, balance: { cents: 5000, currency: 'USD' } });
  });

  it('holds up to what a card or the store credit has, and says how much', async () => {
    const { giftCard } = await issue(3000);
    const first = await hold(giftCard.code, 8000);
    expect(first).toEqual({ hold: { id: expect.any(String), amount: 3000, currency: 'USD' }, userErrors: [] });
    expect((await hold(giftCard.code, 100)).userErrors).toEqual([
      expect.objectContaining({ code: 'INSUFFICIENT_FUNDS', field: ['input', 'amount'] }),
    ]);
    const eur = await issue(1000, randomUUID(), 'EUR');
    expect((await hold(eur.giftCard.code, 500)).userErrors).toEqual([expect.objectContaining({ code: 'CURRENCY_MISMATCH' })]);
    expect((await hold('ABCD-EFGH-JKMN-PQRS', 500)).userErrors).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_GIFT_CARD', field: ['input', 'giftCardCode'] }),
    ]);

    // Without upTo it stays all or nothing.
    const { giftCard: other } = await issue(2000);
    await expect(
      holdStoredValue(t.ctx(), {
        giftCardCode: other.code,
        amount: { cents: 2500, currency: 'USD' },
        orderRef: 'o',
        idempotencyKey: randomUUID(),
      }),
    ).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });

    const customerId = randomUUID();
    await t.db.transaction((m) => creditStoreCredit(m, customerId, 700, 'USD', 'goodwill', null, null));
    const credit = await holdStoredValue(t.ctx(), {
      customerId,
      amount: { cents: 1000, currency: 'USD' },
      orderRef: 'o',
      idempotencyKey: randomUUID(),
      upTo: true,
    });
    expect(credit).toMatchObject({ amount: 700, currency: 'USD' });
  });

  it("lists the card's issue, spends and refunds with their orders", async () => {
    const { giftCard } = await issue(4000);
    const held = (await hold(giftCard.code, 2500)).hold;
    const tender = { paymentId: randomUUID(), method: 'GIFT_CARD', holdId: held.id, amountCents: 2500, points: 0 };
    const order = { orderId: randomUUID(), number: 'W-1042', customerId: null, currency: 'USD' };
    await t.apply('payment-captured', envelope('orders.payment.captured', { ...order, tenders: [tender] }));
    await t.apply(
      'payment-refunded',
      envelope('orders.payment.refunded', {
        ...order,
        refundId: randomUUID(),
        reason: 'RETURNED',
        tenders: [{ ...tender, amountCents: 1000 }],
      }),
    );
    const { giftCard: card } = await gql(BALANCE, { code: giftCard.code }, staff);
    expect(card.balance.cents).toBe(2500);
    expect(card.entries.map((e: any) => [e.kind, e.amount.cents, e.orderId])).toEqual([
      ['REFUND', 1000, order.orderId],
      ['DEBIT', -2500, order.orderId],
      ['ISSUE', 4000, null],
    ]);
    expect(card.entries[0].reason).toContain('W-1042');
    expect(card.entries[1].reason).toBe('spent on order W-1042');
  });

  it('limits balance enquiries per caller and per code, with RATE_LIMITED and when to retry', async () => {
    const { giftCard } = await issue(1000);
    const shopper: Caller = { subject: 'shopper-9', roles: ['CUSTOMER'], customerId: 'c9', locationId: null, partnerId: null };
    const ask = (code: string, caller: Caller) =>
      execute({ schema, document: parse(BALANCE), variableValues: { code }, contextValue: t.ctx(caller) });
    // One caller guessing codes: stopped after RATE enquiries, whatever the codes.
    for (let i = 0; i < RATE; i++) expect((await ask(`GUESS-${i}AAA-BBBB-CCCC`, shopper)).errors).toBeUndefined();
    const limited = await ask(giftCard.code, shopper);
    expect(limited.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(limited.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    // One code asked by many callers: stopped after RATE enquiries too.
    const caller = (n: number): Caller => ({ ...shopper, subject: `other-${n}` });
    for (let i = 0; i < RATE; i++) expect((await ask(giftCard.code, caller(i))).errors).toBeUndefined();
    expect((await ask(giftCard.code, caller(99))).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('moves existing plain codes to their hash, then drops the plain column', async () => {
    const all = loyaltyService.migrations;
    // The schema just before codes were hashed: the migrations up to that one, not those added since.
    const upTo = (list: typeof all.sqlite, name: string) =>
      list.slice(
        0,
        list.findIndex((m) => m.name === name),
      );
    const before = { sqlite: upTo(all.sqlite, 'Loyalty1795996666258'), postgres: upTo(all.postgres, 'Loyalty1795996666465') };
    const dir = mkdtempSync(join(tmpdir(), 'loyalty-migration-'));
    const scratch = TEST_DATABASE_URL ? await scratchPostgres(TEST_DATABASE_URL) : null;
    try {
      const old = await openLoyalty({ migrations: before, url: scratch?.url, dataDir: dir });
      const table = old.backend === 'postgres' ? '"loyalty"."stored_value_account"' : '"stored_value_account"';
      const p = (n: number) => (old.backend === 'postgres' ? `$${n}` : '?');
      await old.db.query(
        `INSERT INTO ${table} ("id", "kind", "code", "currency", "balanceCents", "heldCents") VALUES (${p(1)}, 'GIFT_CARD', ${p(2)}, 'USD', 1500, 0)`,
        ['card-1', 'ABCD2345EFGH7K3Q'],
      );
      await old.close();
      const migrated = await openLoyalty({ url: scratch?.url, dataDir: dir });
      try {
        const card = await migrated.db.manager.findOneByOrFail(StoredValueAccount, { id: 'card-1' });
        expect(card).toMatchObject({ codeHash: giftCardHash('ABCD2345EFGH7K3Q', SECRET), codeLast4: '7K3Q', balanceCents: 1500 });
        const columns = await migrated.db.query(
          migrated.backend === 'postgres'
            ? `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'loyalty' AND table_name = 'stored_value_account'`
            : `PRAGMA table_info("stored_value_account")`,
        );
        expect(columns.map((c: { name: string }) => c.name)).not.toContain('code');
      } finally {
        await migrated.close();
      }
    } finally {
      await scratch?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
