import { contractOperation, send, startTestSystem, type TestSystem } from './harness';

/** "Products that fit" through the gateway (ProductsThatFit): numeric attribute ranges, units converted, one variant meets them all. */
describe('products that fit', () => {
  let t: TestSystem;
  const ids: Record<string, string> = {};

  const upsert = async (name: string, attributes: [string, string][], variants: [string, [string, string][]][], id?: string) => {
    const pairs = (list: [string, string][]) => list.map(([n, value]) => ({ name: n, value }));
    const data = await send(t.client, 'UpsertProduct', {
      input: {
        id,
        name,
        categoryPath: ['Home', 'Furniture'],
        attributes: pairs(attributes),
        variants: variants.map(([sku, own]) => ({ sku, attributes: pairs(own), price: { cents: 9900, currency: 'USD' } })),
      },
    });
    expect(data.upsertProduct.userErrors).toEqual([]);
    ids[name] = data.upsertProduct.product.id;
  };
  const fit = async (ranges: Record<string, unknown>[], query?: string) => {
    const r = (await send(t.client, 'ProductsThatFit', { ranges, query, first: 20 })).searchProducts;
    const names = r.edges.map((e: any) => e.node.name);
    expect(r.totalCount).toBe(names.length);
    return names;
  };

  beforeAll(async () => {
    t = await startTestSystem();
    await upsert(
      'Compact Desk',
      [
        ['width', '80 cm'],
        ['depth', '50 cm'],
      ],
      [['CD-1', []]],
    );
    await upsert(
      'Wide Desk',
      [
        ['width', '1200 mm'],
        ['depth', '60cm'],
      ],
      [['WD-1', []]],
    );
    await upsert(
      'Imperial Shelf',
      [
        ['width', '31.5 in'],
        ['depth', '12 in'],
      ],
      [['IS-1', []]],
    ); // 80.01 cm
    await upsert(
      'Narrow Shelf',
      [['depth', '11"']],
      [
        ['NS-30', [['width', '30 in']]],
        [
          'NS-40',
          [
            ['width', '40 in'],
            ['height', '100 cm'],
          ],
        ],
      ],
    );
    await upsert(
      'Throw Pillow',
      [
        ['width', '45 cm'],
        ['weight', '500 g'],
        ['color', 'sand'],
      ],
      [['TP-1', []]],
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('finds products whose width is at most 80 cm, whatever unit the width is written in', async () => {
    expect(await fit([{ name: 'width', max: 80, unit: 'cm' }])).toEqual(['Compact Desk', 'Narrow Shelf', 'Throw Pillow']);
    expect(await fit([{ name: 'Width', max: 800, unit: 'mm' }])).toEqual(['Compact Desk', 'Narrow Shelf', 'Throw Pillow']);
    expect(await fit([{ name: 'width', min: 31.5, unit: 'in' }])).toEqual(['Imperial Shelf', 'Narrow Shelf', 'Wide Desk']);
    expect(await fit([{ name: 'width', min: 1, max: 1.2, unit: 'm' }])).toEqual(['Narrow Shelf', 'Wide Desk']);
    expect(await fit([{ name: 'weight', max: 2, unit: 'lb' }])).toEqual(['Throw Pillow']);
    expect(await fit([{ name: 'weight', max: 1, unit: 'lb' }])).toEqual([]); // 500 g is 1.1 lb
    expect(await fit([{ name: 'width', max: 80, unit: 'kg' }])).toEqual([]); // a width is no weight
  });

  it('needs one variant to meet every range, and combines with the text query', async () => {
    expect(
      await fit([
        { name: 'width', max: 80, unit: 'cm' },
        { name: 'depth', max: 30, unit: 'cm' },
      ]),
    ).toEqual(['Narrow Shelf']);
    expect(
      await fit([
        { name: 'width', min: 35, unit: 'in' },
        { name: 'depth', max: 30, unit: 'cm' },
      ]),
    ).toEqual(['Narrow Shelf']);
    // The narrow variant has no height; the one with a height is 40 in wide.
    expect(
      await fit([
        { name: 'width', max: 31, unit: 'in' },
        { name: 'height', max: 120, unit: 'cm' },
      ]),
    ).toEqual([]);
    expect(await fit([{ name: 'width', max: 1, unit: 'm' }], 'desk')).toEqual(['Compact Desk']);
  });

  it('follows product updates', async () => {
    await upsert(
      'Compact Desk',
      [
        ['width', '90 cm'],
        ['depth', '50 cm'],
      ],
      [['CD-1', []]],
      ids['Compact Desk'],
    );
    expect(await fit([{ name: 'width', max: 80, unit: 'cm' }])).toEqual(['Narrow Shelf', 'Throw Pillow']);
    await upsert(
      'Compact Desk',
      [
        ['width', '80 cm'],
        ['depth', '50 cm'],
      ],
      [['CD-1', []]],
      ids['Compact Desk'],
    );
  });

  it('refuses a unit it does not know and a range upside down', async () => {
    const refused = async (range: Record<string, unknown>) =>
      (await t.client.raw<any>(contractOperation('ProductsThatFit'), { ranges: [range] }, 'ProductsThatFit')).errors?.[0];
    expect(await refused({ name: 'width', max: 80, unit: 'parsec' })).toMatchObject({
      message: expect.stringContaining('parsec'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(await refused({ name: 'width', min: 90, max: 80, unit: 'cm' })).toMatchObject({
      message: expect.stringContaining('exceeds'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
