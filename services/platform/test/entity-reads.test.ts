import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { In } from 'typeorm';
import { entityColumns, hydrateRows, rowsWhereIn, selectEntities } from '../src/entity-reads';
import { insertRows, insertStatement } from '../src/entity-writes';
import { runSql, tableOf } from '../src/search/sql';
import { DIALECTS, testDatabase, type TestDatabase } from './databases';

/** Every kind of column the services' entities hold. */
@Entity('read_sample')
class ReadSample {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  ownerId!: string;

  @Column({ type: 'int' })
  cents!: number;

  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ type: Date })
  at!: Date;

  @Column({ type: Date, nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'simple-json' })
  tags!: string[];

  @Column({ type: 'simple-array' })
  channels!: string[];

  @Column({ type: 'varchar', length: 10, nullable: true })
  note!: string | null;
}

/** Columns whose hydration the driver does differently: generated timestamps, transformers, nullable JSON. */
@Entity('read_extra')
class ReadExtra {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @CreateDateColumn()
  createdAt!: Date;

  @Column({ type: Date, nullable: true })
  at!: Date | null;

  @Column({ type: 'int', transformer: { to: (v: number) => v, from: (v: number | null) => (v === null ? -1 : v * 2) } })
  doubled!: number;

  @Column({ type: 'simple-json', nullable: true })
  payload!: { a: number } | null;

  @Column({ type: 'double precision' })
  ratio!: number;
}

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 9, minute));
const SAMPLES: ReadSample[] = [
  { id: 's1', ownerId: 'A', cents: 1999, active: true, at: at(1), closedAt: null, tags: ['x'], channels: ['WEB'], note: null },
  {
    id: 's2',
    ownerId: 'A',
    cents: 0,
    active: false,
    at: at(2),
    closedAt: at(5),
    tags: [],
    channels: ['WEB', 'STORE'],
    note: 'n',
  },
  { id: 's3', ownerId: 'B', cents: -5, active: true, at: at(3), closedAt: null, tags: ['y', 'z'], channels: ['APP'], note: 'm' },
].map((s) => Object.assign(new ReadSample(), s));

describe.each(DIALECTS)('rowsWhereIn on %s', (dialect) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await testDatabase(dialect, [ReadSample, ReadExtra]);
    await t.db.getRepository(ReadSample).insert(SAMPLES);
  });
  afterAll(() => t?.close());

  it('reads the same entities as the repository, types and all', async () => {
    const ours = await rowsWhereIn(t.db, ReadSample, { property: 'ownerId', values: ['A', 'B'], orderBy: [['id', 'ASC']] });
    const theirs = await t.db.getRepository(ReadSample).find({ where: { ownerId: In(['A', 'B']) }, order: { id: 'ASC' } });
    expect(ours).toEqual(theirs);
    expect(ours[0]).toBeInstanceOf(ReadSample);
    expect(ours.map((s) => s.id)).toEqual(['s1', 's2', 's3']);
    expect(ours[1]).toMatchObject({ active: false, closedAt: at(5), tags: [], channels: ['WEB', 'STORE'] });
  });

  it('applies equality filters and the order asked', async () => {
    const rows = await rowsWhereIn(t.db, ReadSample, {
      property: 'id',
      values: ['s1', 's2', 's3', 'missing'],
      and: { active: true, note: null },
      orderBy: [['cents', 'ASC']],
    });
    expect(rows.map((s) => s.id)).toEqual(['s3', 's1']);
  });

  it('selects by a hand-written condition on the table, named parameters expanded', async () => {
    const rows = await selectEntities(
      t.db,
      ReadSample,
      (table) => `"id" IN (:...ids) OR "ownerId" IN (SELECT "ownerId" FROM ${table} WHERE "cents" < :below)`,
      { ids: ['s1'], below: 0 },
    );
    expect(rows.map((s) => s.id).sort()).toEqual(['s1', 's3']);
    expect(rows[0]).toBeInstanceOf(ReadSample);
  });

  it('hydrates two entities joined in one row, each column under its prefix', async () => {
    const table = tableOf(t.db, ReadSample);
    const raw = await runSql<Record<string, unknown>>(
      t.db,
      `SELECT ${entityColumns(t.db, ReadSample, 'a', 'a_')}, ${entityColumns(t.db, ReadSample, 'b', 'b_')} ` +
        `FROM ${table} a JOIN ${table} b ON b."ownerId" = a."ownerId" AND b."id" <> a."id" WHERE a."id" = :id`,
      { id: 's1' },
    );
    const [a] = hydrateRows(t.db, ReadSample, raw, 'a_');
    const [b] = hydrateRows(t.db, ReadSample, raw, 'b_');
    expect(a).toEqual(SAMPLES[0]);
    expect(b).toEqual(SAMPLES[1]);
    expect(b).toBeInstanceOf(ReadSample);
  });

  it('hydrates generated timestamps, timestamps without milliseconds, transformers and JSON as the repository does', async () => {
    const table = tableOf(t.db, ReadExtra);
    await t.db.getRepository(ReadExtra).insert([
      { id: 'e1', at: at(7), doubled: 21, payload: { a: 1 }, ratio: 0.25 },
      { id: 'e2', at: null, doubled: 0, payload: null, ratio: -3.5 },
    ]);
    // A timestamp as another writer may leave it: seconds only.
    await runSql(t.db, `UPDATE ${table} SET "at" = :at WHERE "id" = 'e2'`, {
      at: dialect === 'sqlite' ? '2025-01-01 09:08:07' : at(8),
    });
    const ours = await rowsWhereIn(t.db, ReadExtra, { property: 'id', values: ['e1', 'e2'], orderBy: [['id', 'ASC']] });
    const theirs = await t.db.getRepository(ReadExtra).find({ order: { id: 'ASC' } });
    expect(ours).toEqual(theirs);
    expect(ours[0]).toMatchObject({ at: at(7), doubled: 42, payload: { a: 1 }, ratio: 0.25 });
    expect(ours[0]!.createdAt).toBeInstanceOf(Date);
    expect(ours[1]).toMatchObject({ doubled: 0, payload: null, ratio: -3.5 });
    expect(ours[1]!.at!.toISOString()).toBe(dialect === 'sqlite' ? '2025-01-01T09:08:07.000Z' : at(8).toISOString());
  });

  it('reads nothing for no values', async () => {
    const spy = jest.spyOn(t.db.logger, 'logQuery');
    await expect(rowsWhereIn(t.db, ReadSample, { property: 'id', values: [] })).resolves.toEqual([]);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });
});

describe.each(DIALECTS)('insertRows on %s', (dialect) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await testDatabase(dialect, [ReadSample]);
  });
  afterAll(() => t?.close());

  it('writes every kind of column as the repository would, in one statement', async () => {
    const statements: string[] = [];
    const spy = jest.spyOn(t.db.logger, 'logQuery').mockImplementation((query: string) => void statements.push(query));
    try {
      await t.db.transaction((manager) => insertRows(manager, ReadSample, SAMPLES));
    } finally {
      spy.mockRestore();
    }
    expect(statements.filter((q) => /^INSERT/i.test(q))).toHaveLength(1);
    expect(await t.db.getRepository(ReadSample).find({ order: { id: 'ASC' } })).toEqual(SAMPLES);
  });

  it('gives only the properties named, under a prefix, to be part of a larger statement', async () => {
    const rows = [
      { id: 'p1', ownerId: 'C', cents: 1, active: true, at: at(9), tags: ['a'], channels: ['WEB'] },
      { id: 'p2', ownerId: 'C', cents: 2, active: false, at: at(10), tags: [], channels: ['APP'] },
    ];
    const properties = ['id', 'ownerId', 'cents', 'active', 'at', 'tags', 'channels'] as const;
    const statement = insertStatement(t.db, ReadSample, rows, { properties, prefix: 'x' });
    expect(Object.keys(statement.params).every((name) => name.startsWith('x'))).toBe(true);
    await runSql(t.db, statement.sql, statement.params);
    const read = await rowsWhereIn(t.db, ReadSample, { property: 'ownerId', values: ['C'], orderBy: [['id', 'ASC']] });
    expect(read.map((r) => ({ ...r }))).toEqual(rows.map((r) => ({ ...r, closedAt: null, note: null })));
  });
});
