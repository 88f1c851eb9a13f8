import { Channel, decodeCursor, dialectOf, encodeCursor, type ServiceContext } from '@omni/platform';
import type { DataSource } from 'typeorm';
import { upsertProduct } from '../src/commands/upsert-product';
import { ChannelPrice } from '../src/entities/product';
import { catalogService } from '../src/index';
import { channelPricesBySku, variantsByProduct } from '../src/loaders';
import { searchProducts, type SearchRequest } from '../src/queries/search';
import { DIALECTS, serviceDatabase, statementsOf } from '../../platform/test/databases';

describe.each(DIALECTS)('search reads on %s', (dialect) => {
  let db: DataSource;
  let close: () => Promise<void>;
  const ids: Record<string, string> = {};

  const product = async (name: string, brand: string, skus: [string, string][]) => {
    const created = await upsertProduct(
      db,
      {
        name,
        brand,
        categoryPath: ['Apparel', 'Knitwear'],
        variants: skus.map(([sku, color]) => ({
          sku,
          attributes: [{ name: 'color', value: color }],
          price: { cents: 5900, currency: 'USD' },
        })),
      },
      null,
    );
    ids[name] = created.id;
  };
  const search = (request: Partial<SearchRequest>) => searchProducts(db, { first: 10, after: null, ...request });
  const names = (r: Awaited<ReturnType<typeof search>>) => r.nodes.map((p) => p.name);

  beforeAll(async () => {
    ({ db, close } = await serviceDatabase(catalogService, dialect));
    await product('Merino Sweater', 'Northknit', [
      ['MS-GREY', 'grey'],
      ['MS-NAVY', 'navy'],
    ]);
    await product('Cable Sweater', 'Northknit', [['CS-CREAM', 'cream']]);
    await product('Fisherman Sweater', 'Northknit', [['FS-GREY', 'grey']]);
    await product('Zip Hoodie', 'Sweatrite', [['ZH-GREY', 'grey']]);
    await db.getRepository(ChannelPrice).insert({ sku: 'MS-GREY', channel: Channel.WEB, priceCents: 6500, currency: 'USD' });
  });
  afterAll(() => close?.());

  it('counts, facets and pages the products found in one statement', async () => {
    let first!: Awaited<ReturnType<typeof search>>;
    expect(await statementsOf(db, async () => (first = await search({ query: 'sweater', first: 2 })))).toBe(1);
    expect(first.totalCount).toBe(3);
    expect(names(first)).toEqual(['Cable Sweater', 'Fisherman Sweater']);
    expect(first.keys).toEqual([
      ['Cable Sweater', ids['Cable Sweater']],
      ['Fisherman Sweater', ids['Fisherman Sweater']],
    ]);
    expect(first.hasNextPage).toBe(true);
    expect(first.facets.find((f) => f.name === 'color')!.values).toEqual([
      { value: 'grey', count: 2 },
      { value: 'cream', count: 1 },
      { value: 'navy', count: 1 },
    ]);
    const after = decodeCursor(encodeCursor(first.keys[1]!));
    const rest = await search({ query: 'sweater', first: 2, after });
    expect(names(rest)).toEqual(['Merino Sweater']);
    expect(rest).toMatchObject({ totalCount: 3, hasNextPage: false });

    const grey = await search({ filters: [{ name: 'color', values: ['grey'] }], first: 0 });
    expect(grey).toMatchObject({ totalCount: 3, nodes: [], hasNextPage: false });
    expect(grey.facets.find((f) => f.name === 'brand')!.values).toEqual([
      { value: 'Northknit', count: 2 },
      { value: 'Sweatrite', count: 1 },
    ]);
  });

  it('looks for misspelt words only when the exact ones find few: in the same statement on PostgreSQL', async () => {
    let found!: Awaited<ReturnType<typeof search>>;
    const statements = await statementsOf(db, async () => (found = await search({ query: 'sweatr', first: 2 })));
    // SQLite reads its index's vocabulary, then searches again.
    expect(statements).toBe(dialectOf(db) === 'postgres' ? 1 : 3);
    expect(found.totalCount).toBe(4);
    expect(names(found)).toEqual(['Zip Hoodie', 'Cable Sweater']); // the exact (prefix) match first
    expect(found.keys[0]).toEqual([0, 'Zip Hoodie', ids['Zip Hoodie']]);
    const rest = await search({ query: 'sweatr', first: 5, after: found.keys[1]! });
    expect(names(rest)).toEqual(['Fisherman Sweater', 'Merino Sweater']);
    expect(rest.keys.map((k) => k[0])).toEqual([1, 1]);

    // Three exact matches are enough: no misspelt ones are looked for, and cursors carry no rank.
    const exact = await search({ query: 'sweater' });
    expect(exact.keys.every((k) => k.length === 2)).toBe(true);
    expect(names(exact)).not.toContain('Zip Hoodie');
  });

  it('reads a product’s variants with their channel prices in one statement', async () => {
    const ctx = { db, loaders: new Map() } as unknown as ServiceContext;
    const statements = await statementsOf(db, async () => {
      const [merino, cable] = await Promise.all([
        variantsByProduct(ctx).load(ids['Merino Sweater']!),
        variantsByProduct(ctx).load(ids['Cable Sweater']!),
      ]);
      expect(merino!.map((v) => v.sku)).toEqual(['MS-GREY', 'MS-NAVY']);
      expect(cable!.map((v) => v.sku)).toEqual(['CS-CREAM']);
      expect(await channelPricesBySku(ctx).load('MS-GREY')).toEqual([
        expect.objectContaining({ sku: 'MS-GREY', channel: Channel.WEB, priceCents: 6500, currency: 'USD' }),
      ]);
      expect(await channelPricesBySku(ctx).load('MS-NAVY')).toEqual([]);
    });
    expect(statements).toBe(1);
  });
});
