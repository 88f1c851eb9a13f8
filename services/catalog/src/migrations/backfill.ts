import type { QueryRunner } from 'typeorm';
import { variantMeasures } from '../domain/measures';
import { facetRows, searchText } from '../domain/search';

/**
 * Fills `product.searchText` and `product_facet` for products written before search existed
 * (used by the hand-written full-text migrations; later writes maintain both themselves).
 */
export async function backfillSearch(queryRunner: QueryRunner, dialect: 'postgres' | 'sqlite'): Promise<void> {
  const t = (name: string) => (dialect === 'postgres' ? `"catalog"."${name}"` : `"${name}"`);
  const p = (i: number) => (dialect === 'postgres' ? `$${i}` : '?');
  const products = (await queryRunner.query(
    `SELECT "id", "name", "description", "brand", "categoryPath", "attributes" FROM ${t('product')}`,
  )) as { id: string; name: string; description: string; brand: string | null; categoryPath: string; attributes: string }[];
  const variants = (await queryRunner.query(`SELECT "sku", "productId", "attributes" FROM ${t('product_variant')}`)) as {
    sku: string;
    productId: string;
    attributes: string;
  }[];
  for (const row of products) {
    const source = {
      name: row.name,
      brand: row.brand,
      description: row.description,
      categoryPath: JSON.parse(row.categoryPath) as string[],
      attributes: JSON.parse(row.attributes) as { name: string; value: string }[],
      variants: variants.filter((v) => v.productId === row.id).map((v) => ({ sku: v.sku, attributes: JSON.parse(v.attributes) })),
    };
    const text = searchText(source);
    await queryRunner.query(`UPDATE ${t('product')} SET "searchText" = ${p(1)} WHERE "id" = ${p(2)}`, [text, row.id]);
    for (const f of facetRows(source)) {
      await queryRunner.query(`INSERT INTO ${t('product_facet')} ("productId", "name", "value") VALUES (${p(1)}, ${p(2)}, ${p(3)})`, [
        row.id,
        f.name,
        f.value,
      ]);
    }
    if (dialect === 'sqlite') {
      await queryRunner.query(`INSERT INTO "product_fts" ("productId", "body") VALUES (?, ?)`, [row.id, text]);
    }
  }
}

/** Fills `product_measure` from the attributes of products written before measures existed. */
export async function backfillMeasures(queryRunner: QueryRunner, dialect: 'postgres' | 'sqlite'): Promise<void> {
  const t = (name: string) => (dialect === 'postgres' ? `"catalog"."${name}"` : `"${name}"`);
  const p = (i: number) => (dialect === 'postgres' ? `$${i}` : '?');
  const products = (await queryRunner.query(`SELECT "id", "attributes" FROM ${t('product')}`)) as { id: string; attributes: string }[];
  const variants = (await queryRunner.query(`SELECT "sku", "productId", "attributes" FROM ${t('product_variant')}`)) as {
    sku: string;
    productId: string;
    attributes: string;
  }[];
  for (const row of products) {
    const own = variants.filter((v) => v.productId === row.id).map((v) => ({ sku: v.sku, attributes: JSON.parse(v.attributes) }));
    for (const m of variantMeasures(JSON.parse(row.attributes), own)) {
      await queryRunner.query(
        `INSERT INTO ${t('product_measure')} ("sku", "name", "productId", "value", "unit", "dimension", "base") ` +
          `VALUES (${[1, 2, 3, 4, 5, 6, 7].map(p).join(', ')})`,
        [m.sku, m.name, row.id, m.value, m.unit, m.dimension, m.base],
      );
    }
  }
}
