import { GraphQLError } from 'graphql';
import { Column, Entity, PrimaryColumn, type DataSource } from 'typeorm';
import { inTransaction, openDatabase } from '../src/database';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, decodeCursor, encodeCursor, pageInfo, pageSize } from '../src/graphql/connection';
import { Money, isCurrencyCode } from '../src/graphql/money';
import { DomainError, UserError, attempt, userError } from '../src/graphql/user-error';

describe('cursors', () => {
  it.each([
    [['2024-05-01T12:30:00.000Z', '5c1f0a3e-8a44-4a57-9f55-0d8f5b1d2e11']],
    [[42, 'id-7']],
    [['café – 東京', null, true]],
    [[]],
  ])('round-trips the sort key %j', (key) => {
    expect(decodeCursor(encodeCursor(key))).toEqual(key);
  });

  it('is opaque and URL-safe', () => {
    const cursor = encodeCursor(['2024-05-01T12:30:00.000Z', 'a/b+c?d=e']);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('2024');
  });

  it('gives distinct cursors for distinct keys', () => {
    expect(encodeCursor(['2024-05-01T00:00:00.000Z', 'a'])).not.toBe(encodeCursor(['2024-05-01T00:00:00.000Z', 'b']));
  });

  it('treats an absent cursor as "from the start"', () => {
    expect(decodeCursor(null)).toBeNull();
    expect(decodeCursor(undefined)).toBeNull();
    expect(decodeCursor('')).toBeNull();
  });

  it('never turns garbage into a sort key', () => {
    for (const garbage of ['not a cursor!', '%%%%', 'eyJ', encodeCursor({ id: 1 } as unknown as unknown[])]) {
      let decoded: unknown;
      try {
        decoded = decodeCursor(garbage);
      } catch {
        continue; // rejecting is fine too
      }
      expect(decoded).toBeNull();
    }
  });
  it('rejects a garbage cursor with a BAD_USER_INPUT error', () => {
    let thrown: unknown;
    try {
      decodeCursor('not a cursor!');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GraphQLError);
    expect((thrown as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    expect((thrown as GraphQLError).message).toMatch(/cursor/i);
  });
});

describe('pageSize', () => {
  it('defaults when first is not given', () => {
    expect(pageSize(undefined)).toBe(DEFAULT_PAGE_SIZE);
    expect(pageSize(null)).toBe(DEFAULT_PAGE_SIZE);
    expect(DEFAULT_PAGE_SIZE).toBeGreaterThan(0);
    expect(DEFAULT_PAGE_SIZE).toBeLessThanOrEqual(MAX_PAGE_SIZE);
  });

  it('honours sizes within bounds, including zero', () => {
    expect(pageSize(0)).toBe(0);
    expect(pageSize(1)).toBe(1);
    expect(pageSize(37)).toBe(37);
    expect(pageSize(MAX_PAGE_SIZE)).toBe(MAX_PAGE_SIZE);
  });

  it('clamps oversized requests to the maximum of 100', () => {
    expect(MAX_PAGE_SIZE).toBe(100);
    expect(pageSize(101)).toBe(100);
    expect(pageSize(1_000_000)).toBe(100);
  });

  it('rejects a negative size as a user input error', () => {
    let thrown: unknown;
    try {
      pageSize(-1);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GraphQLError);
    expect((thrown as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    expect((thrown as GraphQLError).message).toMatch(/first/);
  });
});

describe('pageInfo', () => {
  const cursorOf = (n: { id: string }) => encodeCursor([n.id]);

  it('reports the cursors of the first and last node', () => {
    const info = pageInfo({ nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], totalCount: 10, hasNextPage: true, cursorOf });
    expect(info).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(decodeCursor(info.startCursor)).toEqual(['a']);
    expect(decodeCursor(info.endCursor)).toEqual(['c']);
  });

  it('has null cursors on an empty page', () => {
    const info = pageInfo({ nodes: [], totalCount: 0, hasNextPage: false, cursorOf });
    expect(info).toMatchObject({ hasNextPage: false, startCursor: null, endCursor: null });
  });
});

describe('Money', () => {
  it('holds integer minor units and the currency', () => {
    const m = Money.of(1999, 'EUR');
    expect(m).toBeInstanceOf(Money);
    expect(m).toMatchObject({ cents: 1999, currency: 'EUR' });
  });

  it.each(['USD', 'EUR', 'JPY', 'GBP', 'XAU'])('accepts the ISO 4217 code %s', (code) => {
    expect(isCurrencyCode(code)).toBe(true);
  });

  it.each(['usd', 'Usd', 'US', 'USDT', '', ' USD', 'USD ', 'U$D', '840', 'ÉUR', 'US\nD', 'USD\n'])('rejects %j', (code) => {
    expect(isCurrencyCode(code)).toBe(false);
  });
});

@Entity('attempt_probe')
class Probe {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'int' })
  quantity!: number;
}

describe('attempt', () => {
  it('returns the result and no user errors when the body succeeds', async () => {
    await expect(attempt(async () => ({ id: 'o-1' }))).resolves.toEqual({ result: { id: 'o-1' }, userErrors: [] });
  });

  it('turns a DomainError into a user error with its code, message and field path', async () => {
    const outcome = await attempt(async () => {
      throw new DomainError('INSUFFICIENT_STOCK', 'only 2 of LS-WHT-M left', ['input', 'lines', '0', 'quantity']);
    });
    expect(outcome.result).toBeNull();
    expect(outcome.userErrors).toHaveLength(1);
    expect(outcome.userErrors[0]).toBeInstanceOf(UserError);
    expect(outcome.userErrors[0]).toEqual(
      expect.objectContaining({
        code: 'INSUFFICIENT_STOCK',
        message: 'only 2 of LS-WHT-M left',
        field: ['input', 'lines', '0', 'quantity'],
      }),
    );
  });

  it('reports a null field when the DomainError concerns no input field', async () => {
    const outcome = await attempt(async () => {
      throw new DomainError('ORDER_CLOSED', 'the order is already completed');
    });
    expect(outcome.userErrors[0]).toMatchObject({ code: 'ORDER_CLOSED', field: null });
  });

  it('lets any other error propagate unchanged', async () => {
    const failure = new TypeError('cannot read properties of undefined');
    await expect(attempt(async () => Promise.reject(failure))).rejects.toBe(failure);
    const graphql = new GraphQLError('forbidden', { extensions: { code: 'FORBIDDEN' } });
    await expect(attempt(async () => Promise.reject(graphql))).rejects.toBe(graphql);
  });

  it('does not mistake a look-alike error with a code for a DomainError', async () => {
    const lookAlike = Object.assign(new Error('boom'), { code: 'ECONNRESET', name: 'DomainError' });
    await expect(attempt(async () => Promise.reject(lookAlike))).rejects.toBe(lookAlike);
  });

  it('userError builds the same shape directly', () => {
    expect(userError('X', 'msg')).toMatchObject({ code: 'X', message: 'msg', field: null });
    expect(userError('X', 'msg', ['a'])).toMatchObject({ field: ['a'] });
  });

  describe('inside a transaction', () => {
    let db: DataSource;

    beforeAll(async () => {
      db = await openDatabase({
        service: 'attempt',
        entities: [Probe],
        migrations: { postgres: [], sqlite: [] },
        dataDir: ':memory:',
        migrate: false,
      });
      await db.synchronize();
    });

    afterAll(async () => {
      await db?.destroy();
    });

    it('a DomainError rolls back the writes made before it', async () => {
      const outcome = await attempt(() =>
        inTransaction(db, async (manager) => {
          await manager.insert(Probe, { id: 'p-1', quantity: 5 });
          throw new DomainError('REJECTED', 'no', ['input']);
        }),
      );
      expect(outcome.userErrors.map((e) => e.code)).toEqual(['REJECTED']);
      expect(await db.getRepository(Probe).count()).toBe(0);
    });

    it('a successful body commits', async () => {
      const outcome = await attempt(() =>
        inTransaction(db, async (manager) => {
          await manager.insert(Probe, { id: 'p-2', quantity: 1 });
          return 'p-2';
        }),
      );
      expect(outcome).toEqual({ result: 'p-2', userErrors: [] });
      expect(await db.getRepository(Probe).findOneBy({ id: 'p-2' })).toMatchObject({ quantity: 1 });
    });
  });
});
