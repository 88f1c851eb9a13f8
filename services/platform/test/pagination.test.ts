import { Column, Entity, PrimaryColumn, type DataSource } from 'typeorm';
import { openDatabase } from '../src/database';
import { decodeCursor, encodeCursor } from '../src/graphql/connection';
import { countedPagesByKey, countsByKey, cursorKey, pagesByKey, type KeyedPageRequest } from '../src/pagination';

/** A customer's timeline, shaped like orders and ledger entries: grouped by owner, newest first. */
@Entity('paging_event')
class PagingEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  ownerId!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: string;

  @Column({ type: Date })
  at!: Date;
}

const SORT: (keyof PagingEvent & string)[] = ['at', 'id'];
const t = (minute: number, ms = 0) => new Date(Date.UTC(2024, 4, 1, 12, minute, 0, ms));

/**
 * Owner A has 8 events; a3, a4 and a5 share one timestamp, as do a7 and a8, so the id breaks the
 * tie. Newest first, A reads a8 a7 a6 a5 a4 a3 a2 a1. Owner B has 2 events, owner C none.
 */
const ROWS: Pick<PagingEvent, 'id' | 'ownerId' | 'kind' | 'at'>[] = [
  { id: 'a1', ownerId: 'A', kind: 'EARN', at: t(1) },
  { id: 'a2', ownerId: 'A', kind: 'BURN', at: t(2) },
  { id: 'a3', ownerId: 'A', kind: 'EARN', at: t(3) },
  { id: 'a5', ownerId: 'A', kind: 'EARN', at: t(3) },
  { id: 'a4', ownerId: 'A', kind: 'BURN', at: t(3) },
  { id: 'a6', ownerId: 'A', kind: 'EARN', at: t(3, 1) },
  { id: 'a7', ownerId: 'A', kind: 'EARN', at: t(9) },
  { id: 'a8', ownerId: 'A', kind: 'BURN', at: t(9) },
  { id: 'b1', ownerId: 'B', kind: 'EARN', at: t(5) },
  { id: 'b2', ownerId: 'B', kind: 'EARN', at: t(6) },
];
const A_NEWEST_FIRST = ['a8', 'a7', 'a6', 'a5', 'a4', 'a3', 'a2', 'a1'];

const ids = (nodes: PagingEvent[]) => nodes.map((n) => n.id);

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
const backends: [string, boolean][] = [
  ['SQLite', false],
  ['PostgreSQL', true],
];

describe.each(backends)('pagesByKey and countsByKey on %s', (backend, postgres) => {
  const run = !postgres || TEST_DATABASE_URL ? describe : describe.skip;

  run(backend, () => {
    let db: DataSource;
    let drop: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      let url: string | undefined;
      if (postgres) {
        const { scratchDatabase } =
          jest.requireActual<typeof import('../../../gateway/test/harness')>('../../../gateway/test/harness');
        const scratch = await scratchDatabase(TEST_DATABASE_URL!);
        url = scratch.value;
        drop = scratch.drop;
      }
      db = await openDatabase({
        service: 'paging',
        entities: [PagingEvent],
        migrations: { postgres: [], sqlite: [] },
        url,
        dataDir: ':memory:',
        migrate: false,
      });
      await db.synchronize();
      await db.getRepository(PagingEvent).insert(ROWS);
    });

    afterAll(async () => {
      await db?.destroy();
      await drop?.();
    });

    const request = (overrides: Partial<KeyedPageRequest<PagingEvent>>): KeyedPageRequest<PagingEvent> => ({
      entity: PagingEvent,
      partitionBy: 'ownerId',
      keys: ['A'],
      orderBy: SORT,
      first: 20,
      after: null,
      ...overrides,
    });

    /** Follows endCursor through encode/decode, as a client paging through the API would. */
    async function walk(owner: string, size: number, filters?: KeyedPageRequest<PagingEvent>['filters']) {
      const seen: string[] = [];
      const pages: { ids: string[]; hasNextPage: boolean }[] = [];
      let after: unknown[] | null = null;
      for (let guard = 0; guard < 50; guard++) {
        const page = (await pagesByKey(db, request({ keys: [owner], first: size, after, filters }))).get(owner)!;
        pages.push({ ids: ids(page.nodes), hasNextPage: page.hasNextPage });
        seen.push(...ids(page.nodes));
        if (!page.hasNextPage) break;
        const last = page.nodes[page.nodes.length - 1]!;
        after = decodeCursor(encodeCursor(cursorKey(last, SORT)));
      }
      return { seen, pages };
    }

    it('returns one page per key, newest first, ties broken by id', async () => {
      const pages = await pagesByKey(db, request({ keys: ['A', 'B'], first: 20 }));
      expect(ids(pages.get('A')!.nodes)).toEqual(A_NEWEST_FIRST);
      expect(ids(pages.get('B')!.nodes)).toEqual(['b2', 'b1']);
      expect(pages.get('A')!.hasNextPage).toBe(false);
      expect(pages.get('B')!.hasNextPage).toBe(false);
    });

    it('limits each key to `first` rows independently and reports hasNextPage per key', async () => {
      const pages = await pagesByKey(db, request({ keys: ['A', 'B', 'C'], first: 3 }));
      expect(ids(pages.get('A')!.nodes)).toEqual(['a8', 'a7', 'a6']);
      expect(pages.get('A')!.hasNextPage).toBe(true);
      expect(ids(pages.get('B')!.nodes)).toEqual(['b2', 'b1']);
      expect(pages.get('B')!.hasNextPage).toBe(false);
    });

    it('has an empty page for a key without rows, and an entry for every key asked', async () => {
      const pages = await pagesByKey(db, request({ keys: ['C', 'A'], first: 2 }));
      expect([...pages.keys()].sort()).toEqual(['A', 'C']);
      expect(pages.get('C')).toEqual({ nodes: [], hasNextPage: false });
    });

    it('says there is no next page when the page is exactly full', async () => {
      const b = (await pagesByKey(db, request({ keys: ['B'], first: 2 }))).get('B')!;
      expect(ids(b.nodes)).toEqual(['b2', 'b1']);
      expect(b.hasNextPage).toBe(false);
      const a = (await pagesByKey(db, request({ keys: ['A'], first: 8 }))).get('A')!;
      expect(a.nodes).toHaveLength(8);
      expect(a.hasNextPage).toBe(false);
      const short = (await pagesByKey(db, request({ keys: ['A'], first: 7 }))).get('A')!;
      expect(short.hasNextPage).toBe(true);
    });

    it('returns whole entities, with dates as Dates', async () => {
      const page = (await pagesByKey(db, request({ keys: ['B'], first: 1 }))).get('B')!;
      expect(page.nodes[0]).toBeInstanceOf(PagingEvent);
      expect(page.nodes[0]).toMatchObject({ id: 'b2', ownerId: 'B', kind: 'EARN' });
      expect(page.nodes[0]!.at.toISOString()).toBe(t(6).toISOString());
    });

    it.each([1, 2, 3, 4, 5])(
      'continues after the cursor without gaps or duplicates across tied timestamps (page size %i)',
      async (size) => {
        const { seen, pages } = await walk('A', size);
        expect(seen).toEqual(A_NEWEST_FIRST);
        expect(pages.slice(0, -1).every((p) => p.hasNextPage && p.ids.length === size)).toBe(true);
        expect(pages[pages.length - 1]!.hasNextPage).toBe(false);
      },
    );

    it('starts after a cursor that lands inside a tie', async () => {
      const a5 = ROWS.find((r) => r.id === 'a5')!;
      const after = decodeCursor(encodeCursor(cursorKey(a5 as PagingEvent, SORT)));
      const page = (await pagesByKey(db, request({ keys: ['A'], first: 3, after }))).get('A')!;
      expect(ids(page.nodes)).toEqual(['a4', 'a3', 'a2']);
      expect(page.hasNextPage).toBe(true);
    });

    it('separates timestamps one millisecond apart', async () => {
      const a6 = ROWS.find((r) => r.id === 'a6')!;
      const after = cursorKey(a6 as PagingEvent, SORT);
      const page = (await pagesByKey(db, request({ keys: ['A'], first: 1, after }))).get('A')!;
      expect(ids(page.nodes)).toEqual(['a5']);
    });

    it('applies one cursor to every key of the batch', async () => {
      const after = [t(5, 500).toISOString(), 'zz'];
      const pages = await pagesByKey(db, request({ keys: ['A', 'B'], first: 20, after }));
      expect(ids(pages.get('A')!.nodes)).toEqual(['a6', 'a5', 'a4', 'a3', 'a2', 'a1']);
      expect(ids(pages.get('B')!.nodes)).toEqual(['b1']);
    });

    it('returns an empty last page after the oldest row', async () => {
      const after = cursorKey(ROWS.find((r) => r.id === 'a1') as PagingEvent, SORT);
      const page = (await pagesByKey(db, request({ keys: ['A'], first: 5, after }))).get('A')!;
      expect(page).toEqual({ nodes: [], hasNextPage: false });
    });

    it('applies equality filters and ignores null or undefined ones', async () => {
      const earn = (await pagesByKey(db, request({ keys: ['A'], first: 3, filters: { kind: 'EARN' } }))).get('A')!;
      expect(ids(earn.nodes)).toEqual(['a7', 'a6', 'a5']);
      expect(earn.hasNextPage).toBe(true);
      const { seen } = await walk('A', 2, { kind: 'BURN' });
      expect(seen).toEqual(['a8', 'a4', 'a2']);
      const unfiltered = (
        await pagesByKey(db, request({ keys: ['A'], first: 20, filters: { kind: null, ownerId: undefined } }))
      ).get('A')!;
      expect(ids(unfiltered.nodes)).toEqual(A_NEWEST_FIRST);
    });

    it('with first = 0 returns no nodes but tells whether any exist', async () => {
      const pages = await pagesByKey(db, request({ keys: ['A', 'C'], first: 0 }));
      expect(pages.get('A')).toEqual({ nodes: [], hasNextPage: true });
      expect(pages.get('C')).toEqual({ nodes: [], hasNextPage: false });
    });

    it('returns an empty map for no keys', async () => {
      expect((await pagesByKey(db, request({ keys: [] }))).size).toBe(0);
      expect((await countsByKey(db, PagingEvent, 'ownerId', [])).size).toBe(0);
    });

    it('counts rows per key, with filters, leaving keys without rows out', async () => {
      const counts = await countsByKey(db, PagingEvent, 'ownerId', ['A', 'B', 'C']);
      expect(counts.get('A')).toBe(8);
      expect(counts.get('B')).toBe(2);
      expect(counts.get('C') ?? 0).toBe(0);
      const burns = await countsByKey(db, PagingEvent, 'ownerId', ['A', 'B'], { kind: 'BURN' });
      expect(burns.get('A')).toBe(3);
      expect(burns.get('B') ?? 0).toBe(0);
      expect(typeof counts.get('A')).toBe('number');
    });
    it('rejects a cursor whose timestamp is not a date as bad user input', async () => {
      const after = ['yesterday', 'a5'];
      await expect(pagesByKey(db, request({ keys: ['A'], first: 3, after }))).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT' },
      });
    });
    it('does not restart from the first page for a cursor of the wrong shape', async () => {
      const after = [t(3).toISOString()];
      const result = await pagesByKey(db, request({ keys: ['A'], first: 3, after })).then(
        (pages) => ids(pages.get('A')!.nodes),
        () => 'rejected',
      );
      expect(result).not.toEqual(['a8', 'a7', 'a6']);
    });

    it('gives each key its total with its page, whatever page the cursor is on', async () => {
      const first = await countedPagesByKey(db, request({ keys: ['A', 'B', 'C'], first: 3, filters: { kind: 'EARN' } }));
      expect(ids(first.get('A')!.nodes)).toEqual(['a7', 'a6', 'a5']);
      expect([first.get('A')!.totalCount, first.get('B')!.totalCount, first.get('C')!.totalCount]).toEqual([5, 2, 0]);
      expect(first.get('A')!.hasNextPage).toBe(true);
      const after = cursorKey(first.get('A')!.nodes[2]!, SORT);
      const second = await countedPagesByKey(db, request({ keys: ['A'], first: 3, after, filters: { kind: 'EARN' } }));
      expect(ids(second.get('A')!.nodes)).toEqual(['a3', 'a1']);
      expect(second.get('A')).toMatchObject({ totalCount: 5, hasNextPage: false });
      const none = await countedPagesByKey(db, request({ keys: ['A'], first: 0 }));
      expect(none.get('A')).toEqual({ nodes: [], hasNextPage: true, totalCount: 8 });
    });

    describe('statement count', () => {
      let statements: string[];
      let spy: jest.SpyInstance;

      beforeEach(() => {
        statements = [];
        spy = jest.spyOn(db.logger, 'logQuery').mockImplementation((query: string) => {
          if (/^\s*(SELECT|WITH)/i.test(query)) statements.push(query);
        });
      });

      afterEach(() => spy.mockRestore());

      const manyKeys = ['A', 'B', 'C', ...Array.from({ length: 47 }, (_, i) => `missing-${i}`)];

      it('pages many keys with the same statements as one key', async () => {
        await pagesByKey(db, request({ keys: ['A'], first: 2 }));
        const forOne = statements.length;
        statements = [];
        const pages = await pagesByKey(db, request({ keys: manyKeys, first: 2 }));
        expect(statements.length).toBe(forOne);
        expect(forOne).toBeLessThanOrEqual(2);
        expect(statements.filter((s) => /ROW_NUMBER\(\)/i.test(s))).toHaveLength(1);
        expect(ids(pages.get('A')!.nodes)).toEqual(['a8', 'a7']);
        expect(ids(pages.get('B')!.nodes)).toEqual(['b2', 'b1']);
        expect(pages.size).toBe(manyKeys.length);
      });

      it('pages after a cursor with the same statements', async () => {
        const after = [t(3, 1).toISOString(), 'a6'];
        await pagesByKey(db, request({ keys: manyKeys, first: 2, after }));
        expect(statements.length).toBeLessThanOrEqual(2);
        expect(statements.filter((s) => /ROW_NUMBER\(\)/i.test(s))).toHaveLength(1);
      });

      it('reads a first page of many keys with their totals in one statement', async () => {
        const pages = await countedPagesByKey(db, request({ keys: manyKeys, first: 2 }));
        expect(statements).toHaveLength(1);
        expect(pages.get('A')).toMatchObject({ totalCount: 8, hasNextPage: true });
        expect(pages.get('missing-3')).toEqual({ nodes: [], hasNextPage: false, totalCount: 0 });
      });

      it('counts many keys in one statement', async () => {
        const counts = await countsByKey(db, PagingEvent, 'ownerId', manyKeys);
        expect(statements).toHaveLength(1);
        expect(counts.get('A')).toBe(8);
      });
    });
  });
});
