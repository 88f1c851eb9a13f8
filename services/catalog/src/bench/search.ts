/**
 * Search benchmark: seeds 20,000 variants (5,000 products x 4) into a fresh catalog database and
 * times `searchProducts` with two facet filters (color and size), without a text query, with one,
 * with a misspelt one (the spelling fallback), and with measure ranges (products that fit).
 *
 *   pnpm exec tsc -b services/catalog && node services/catalog/dist/bench/search.js
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node services/catalog/dist/bench/search.js
 *
 * On PostgreSQL it creates a scratch database next to the one named and drops it afterwards.
 */
import 'reflect-metadata';
import { Channel, openDatabase, PLATFORM_ENTITIES } from '@omni/platform';
import { DataSource } from 'typeorm';
import { upsertProduct, type ProductDraft } from '../commands/upsert-product';
import { catalogService } from '../index';
import { searchProducts, type SearchRequest } from '../queries/search';

const PRODUCTS = 5_000;
const VARIANTS_PER_PRODUCT = 4;
const RUNS = 30;
const COLORS = ['black', 'white', 'blue', 'red', 'green', 'grey', 'navy', 'beige'];
const SIZES = ['XS', 'S', 'M', 'L', 'XL'];
const BRANDS = Array.from({ length: 25 }, (_, i) => `Brand${i}`);
const CATEGORIES = [
  ['Apparel', 'Shirts'],
  ['Apparel', 'Jackets'],
  ['Apparel', 'Trousers'],
  ['Footwear', 'Sneakers'],
  ['Accessories', 'Bags'],
];
const WORDS = [
  'linen',
  'cotton',
  'wool',
  'denim',
  'classic',
  'slim',
  'relaxed',
  'summer',
  'winter',
  'organic',
  'stretch',
  'oxford',
];

let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

function draft(i: number): ProductDraft {
  const category = pick(CATEGORIES);
  const colors = [pick(COLORS), pick(COLORS)];
  const sizes = [pick(SIZES), pick(SIZES)];
  return {
    name: `${pick(WORDS)} ${pick(WORDS)} ${category[1]} ${i}`,
    brand: pick(BRANDS),
    description: `A ${pick(WORDS)} piece in ${pick(WORDS)} fabric.`,
    categoryPath: category,
    attributes: [{ name: 'material', value: pick(WORDS) }],
    variants: Array.from({ length: VARIANTS_PER_PRODUCT }, (_, v) => ({
      sku: `P${i}-V${v}`,
      attributes: [
        { name: 'color', value: colors[v % 2]! },
        { name: 'size', value: sizes[Math.floor(v / 2)]! },
      ],
      price: { cents: 1000 + Math.floor(random() * 20_000), currency: 'USD' },
    })),
  };
}

async function time(db: DataSource, label: string, request: SearchRequest): Promise<void> {
  for (let i = 0; i < 3; i++) await searchProducts(db, request);
  const ms: number[] = [];
  let total = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    total = (await searchProducts(db, request)).totalCount;
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const p = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!.toFixed(1);
  process.stdout.write(`${label}: ${total} products match; median ${p(0.5)} ms, p95 ${p(0.95)} ms over ${RUNS} runs\n`);
}

async function main(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL;
  let url: string | undefined;
  let admin: DataSource | null = null;
  const scratch = `omni_bench_${process.pid}`;
  if (adminUrl) {
    admin = await new DataSource({ type: 'postgres', url: adminUrl }).initialize();
    await admin.query(`CREATE DATABASE ${scratch}`);
    const u = new URL(adminUrl);
    u.pathname = `/${scratch}`;
    url = u.toString();
  }
  const db = await openDatabase({
    service: 'catalog',
    entities: [...catalogService.entities, ...PLATFORM_ENTITIES],
    migrations: catalogService.migrations,
    url,
    dataDir: ':memory:',
  });
  try {
    const seeding = Date.now();
    const seeded: { id: string; draft: ProductDraft }[] = [];
    for (let i = 0; i < PRODUCTS; i++) {
      const d = draft(i);
      seeded.push({ id: (await upsertProduct(db, d, Channel.WEB)).id, draft: d });
    }
    if (url) await db.query('ANALYZE');
    process.stdout.write(
      `${url ? 'postgresql' : 'sqlite'}: seeded ${PRODUCTS * VARIANTS_PER_PRODUCT} variants (${PRODUCTS} products) in ${((Date.now() - seeding) / 1000).toFixed(1)} s\n`,
    );
    const filters = [
      { name: 'color', values: ['blue'] },
      { name: 'size', values: ['M'] },
    ];
    await time(db, 'two facet filters (color=blue, size=M), first 20, WEB', {
      filters,
      channel: Channel.WEB,
      first: 20,
      after: null,
    });
    await time(db, 'text "linen" + two facet filters, first 20, WEB', {
      query: 'linen',
      filters,
      channel: Channel.WEB,
      first: 20,
      after: null,
    });
    // Misspelt: the exact words find nothing, so the spelling fallback answers (exact matches first).
    await time(db, 'text "linnen" (misspelt) + two facet filters, first 20, WEB', {
      query: 'linnen',
      filters,
      channel: Channel.WEB,
      first: 20,
      after: null,
    });

    // Products that fit: every product gets a width (40 to 160 cm, a third written in inches) and
    // a depth, then a width of at most 80 cm and a depth of at most 50 cm are asked in centimetres.
    for (const [i, { id, draft: d }] of seeded.entries()) {
      const width = 40 + Math.floor(random() * 120);
      const attributes = [
        ...(d.attributes ?? []),
        { name: 'width', value: i % 3 ? `${width} cm` : `${(width / 2.54).toFixed(1)} in` },
        { name: 'depth', value: `${30 + Math.floor(random() * 50)} cm` },
      ];
      await upsertProduct(db, { ...d, id, attributes }, Channel.WEB);
    }
    if (url) await db.query('ANALYZE');
    await time(db, 'width <= 80 cm and depth <= 50 cm + two facet filters, first 20, WEB', {
      filters,
      ranges: [
        { name: 'width', max: 80, unit: 'cm' },
        { name: 'depth', max: 50, unit: 'cm' },
      ],
      channel: Channel.WEB,
      first: 20,
      after: null,
    });
  } finally {
    await db.destroy();
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
      await admin.destroy();
    }
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
