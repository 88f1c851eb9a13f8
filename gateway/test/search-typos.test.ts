import { dialectOf } from '@omni/platform';
import { countStatements, send, startTestSystem, type TestSystem } from './harness';

/** Typo-tolerant search through the gateway (SearchProducts), on SQLite and PostgreSQL alike. */
describe('search tolerates typos', () => {
  let t: TestSystem;

  const upsert = async (name: string, brand: string, colors: string[]) => {
    const data = await send(t.client, 'UpsertProduct', {
      input: {
        name,
        brand,
        categoryPath: ['Apparel', 'Knitwear'],
        variants: colors.map((color) => ({
          sku: `${name}-${color}`.toUpperCase().replace(/\W+/g, '-'),
          attributes: [{ name: 'color', value: color }],
          price: { cents: 5900, currency: 'USD' },
        })),
      },
    });
    expect(data.upsertProduct.userErrors).toEqual([]);
  };
  const search = async (variables: Record<string, unknown>) => (await send(t.client, 'SearchProducts', variables)).searchProducts;
  const names = (r: any) => r.edges.map((e: any) => e.node.name);

  beforeAll(async () => {
    t = await startTestSystem();
    await upsert('Merino Sweater', 'Northknit', ['grey', 'navy']);
    await upsert('Cable Sweater', 'Northknit', ['cream']);
    await upsert('Zip Hoodie', 'Sweatrite', ['grey']); // "sweatr" is the start of its brand: an exact match
    await upsert('Canvas Tote', 'Harbor', ['natural']);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('finds the sweater for "sweatr", exact matches first, with facets and cursors over the whole result', async () => {
    const first = await search({ query: 'sweatr', first: 2 });
    expect(first.totalCount).toBe(3);
    // The exact (prefix) match ranks before the misspelt ones, whatever their names.
    expect(names(first)).toEqual(['Zip Hoodie', 'Cable Sweater']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const brand = first.facets.find((f: any) => f.name === 'brand');
    expect(brand.values).toEqual([
      { value: 'Northknit', count: 2 },
      { value: 'Sweatrite', count: 1 },
    ]);

    const rest = await search({ query: 'sweatr', first: 2, after: first.pageInfo.endCursor });
    expect(names(rest)).toEqual(['Merino Sweater']);
    expect(rest.pageInfo.hasNextPage).toBe(false);

    const grey = await search({ query: 'sweatr', filters: [{ name: 'color', values: ['grey'] }] });
    expect(names(grey)).toEqual(['Zip Hoodie', 'Merino Sweater']);
    expect(grey.facets.find((f: any) => f.name === 'color').values).toEqual(
      expect.arrayContaining([
        { value: 'grey', count: 2 },
        { value: 'navy', count: 1 },
      ]),
    );
  });

  it('puts the exact spelling first and keeps misspelt words of several terms together', async () => {
    const exact = await search({ query: 'sweater' });
    expect(names(exact).slice(0, 2)).toEqual(['Cable Sweater', 'Merino Sweater']);
    expect(names(await search({ query: 'merino sweatr' }))).toEqual(['Merino Sweater']);
    expect(names(await search({ query: 'merrino' }))).toEqual(['Merino Sweater']);
    expect((await search({ query: 'xylophone' })).totalCount).toBe(0);
  });

  it('runs the same statements when the exact words find enough, on SQLite two more when they do not', async () => {
    const statements = async (variables: Record<string, unknown>) => {
      const counter = countStatements(t.system.services.get('catalog')!.db);
      try {
        await search({ ...variables, first: 10 });
        return counter.count();
      } finally {
        counter.stop();
      }
    };
    expect((await search({ query: 'knitwer' })).totalCount).toBe(4); // every product is Knitwear
    const browse = await statements({});
    expect(await statements({ query: 'knitwear' })).toBe(browse); // 4 exact matches: no fallback
    const misspelt = await statements({ query: 'knitwer' });
    // PostgreSQL looks for misspelt words in the same statement; SQLite reads its index's vocabulary, then searches again.
    expect(misspelt).toBe(dialectOf(t.system.services.get('catalog')!.db) === 'postgres' ? browse : browse + 2);
  });

  it('finds nothing for a query of punctuation or emoji, and everything for no query', async () => {
    for (const query of ['!!!', '🧶', '¿?', '— …']) {
      const r = await search({ query });
      expect({ query, totalCount: r.totalCount, edges: r.edges, facets: r.facets }).toEqual({
        query,
        totalCount: 0,
        edges: [],
        facets: [],
      });
    }
    expect((await search({ query: '  ' })).totalCount).toBe(4);
    expect((await search({})).totalCount).toBe(4);
  });
});
