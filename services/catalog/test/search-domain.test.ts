import { buyAgain, rankProducts } from '../src/domain/buy-again';
import { facetRows, fts5Query, parsePriceRange, queryTerms, tsQuery } from '../src/domain/search';

describe('search rules', () => {
  it('finds a product under its brand, every category and every product and variant attribute', () => {
    const rows = facetRows({
      name: 'Linen Shirt',
      brand: 'Coastline',
      description: '',
      categoryPath: ['Apparel', 'Shirts'],
      attributes: [{ name: 'Material', value: 'linen' }],
      variants: [
        {
          sku: 'A',
          attributes: [
            { name: 'color', value: 'white' },
            { name: 'size', value: 'M' },
          ],
        },
        {
          sku: 'B',
          attributes: [
            { name: 'color', value: 'white' },
            { name: 'size', value: 'L' },
          ],
        },
      ],
    });
    expect(rows.map((r) => `${r.name}=${r.value}`).sort()).toEqual(
      ['brand=Coastline', 'category=Apparel', 'category=Shirts', 'color=white', 'material=linen', 'size=L', 'size=M'].sort(),
    );
  });

  it('turns a shopper query into safe prefix queries for both engines', () => {
    expect(queryTerms('  Linen "shirt" OR-NOT * ')).toEqual(['linen', 'shirt', 'or', 'not']);
    expect(fts5Query(['linen', 'sh'])).toBe('"linen"* AND "sh"*');
    expect(tsQuery(['linen', 'sh'])).toBe('linen:* & sh:*');
  });

  it('reads price ranges in minor units', () => {
    expect(parsePriceRange('1000-5000')).toEqual({ min: 1000, max: 5000 });
    expect(parsePriceRange('-5000')).toEqual({ min: null, max: 5000 });
    expect(parsePriceRange('1000-')).toEqual({ min: 1000, max: null });
    expect(parsePriceRange('cheap')).toBeNull();
  });
});

describe('buy again', () => {
  const day = (d: string) => new Date(`${d}T10:00:00Z`);
  it('predicts the next purchase from the average interval, for SKUs bought in two or more orders', () => {
    const items = buyAgain([
      { sku: 'COFFEE', orderId: 'o1', purchasedAt: day('2026-01-01'), quantity: 1 },
      { sku: 'COFFEE', orderId: 'o2', purchasedAt: day('2026-01-31'), quantity: 1 },
      { sku: 'COFFEE', orderId: 'o3', purchasedAt: day('2026-03-02'), quantity: 2 },
      { sku: 'COFFEE', orderId: 'o3', purchasedAt: day('2026-03-02'), quantity: 1 },
      { sku: 'MUG', orderId: 'o1', purchasedAt: day('2026-01-01'), quantity: 1 },
    ]);
    expect(items).toEqual([
      {
        sku: 'COFFEE',
        timesBought: 3,
        lastPurchasedAt: day('2026-03-02'),
        averageIntervalDays: 30,
        nextPurchaseOn: '2026-04-01',
      },
    ]);
  });

  it('ranks by score and leaves out what the customer owns', () => {
    expect(
      rankProducts(
        new Map([
          ['a', 1],
          ['b', 5],
          ['c', 5],
          ['d', 9],
        ]),
        new Set(['d']),
        2,
      ),
    ).toEqual(['b', 'c']);
  });
});
