import { dialectOf, type Channel } from '@omni/platform';
import { GraphQLError } from 'graphql';
import { In, type DataSource } from 'typeorm';
import { facetName, fts5Query, parsePriceRange, queryTerms, tsQuery } from '../domain/search';
import { ChannelPrice, Product, ProductFacet, ProductVariant } from '../entities/product';
import { run, tableOf } from './sql';

export interface SearchRequest {
  query?: string | null;
  filters?: { name: string; values: string[] }[] | null;
  channel?: Channel | null;
  first: number;
  /** Decoded cursor: [name, id] of the last product seen. */
  after: unknown[] | null;
}

export interface FacetCount {
  name: string;
  values: { value: string; count: number }[];
}

export interface SearchResult {
  totalCount: number;
  facets: FacetCount[];
  nodes: Product[];
  hasNextPage: boolean;
}

export const MAX_FACET_VALUES = 50;

/**
 * Full-text query, facet filters (values of one facet are OR-ed, facets are AND-ed; `price`
 * takes ranges in minor units like "1000-5000" at the channel's price), facet counts over the
 * filtered set, and keyset pagination ordered by name then id (stable cursors). Four statements
 * whatever the page size: count, facets, page of ids, products.
 */
export async function searchProducts(db: DataSource, request: SearchRequest): Promise<SearchResult> {
  const product = tableOf(db, Product);
  const facet = tableOf(db, ProductFacet);
  const variant = tableOf(db, ProductVariant);
  const channelPrice = tableOf(db, ChannelPrice);
  const params: Record<string, unknown> = {};
  const where: string[] = [`EXISTS (SELECT 1 FROM ${variant} v0 WHERE v0."productId" = p."id" AND NOT v0."discontinued")`];

  const terms = queryTerms(request.query);
  if (terms.length) {
    if (dialectOf(db) === 'postgres') {
      where.push(`to_tsvector('simple', p."searchText") @@ to_tsquery('simple', :fts)`);
      params.fts = tsQuery(terms);
    } else {
      where.push(`p."id" IN (SELECT "productId" FROM "product_fts" WHERE "product_fts" MATCH :fts)`);
      params.fts = fts5Query(terms);
    }
  }

  (request.filters ?? []).forEach((filter, i) => {
    const name = facetName(filter.name);
    const values = [...new Set(filter.values.map((v) => v.trim()).filter(Boolean))];
    if (!values.length) return;
    if (name === 'price') {
      const ranges = values.map((value) => {
        const range = parsePriceRange(value);
        if (!range) {
          throw new GraphQLError(`price filter "${value}" is not a range of minor units like 1000-5000`, {
            extensions: { code: 'BAD_USER_INPUT' },
          });
        }
        return range;
      });
      const effective = request.channel ? `COALESCE(cp."priceCents", v."priceCents")` : `v."priceCents"`;
      const join = request.channel ? `LEFT JOIN ${channelPrice} cp ON cp."sku" = v."sku" AND cp."channel" = :pch` : '';
      if (request.channel) params.pch = request.channel;
      const bounds = ranges.map((r, j) => {
        const parts: string[] = [];
        if (r.min != null) {
          parts.push(`${effective} >= :pmin${i}_${j}`);
          params[`pmin${i}_${j}`] = r.min;
        }
        if (r.max != null) {
          parts.push(`${effective} <= :pmax${i}_${j}`);
          params[`pmax${i}_${j}`] = r.max;
        }
        return `(${parts.join(' AND ')})`;
      });
      where.push(
        `EXISTS (SELECT 1 FROM ${variant} v ${join} WHERE v."productId" = p."id" AND NOT v."discontinued" AND (${bounds.join(' OR ')}))`,
      );
      return;
    }
    where.push(
      `p."id" IN (SELECT f${i}."productId" FROM ${facet} f${i} WHERE f${i}."name" = :fn${i} AND f${i}."value" IN (:...fv${i}))`,
    );
    params[`fn${i}`] = name;
    params[`fv${i}`] = values;
  });

  const filtered = `FROM ${product} p WHERE ${where.join(' AND ')}`;
  const [countRow] = await run<{ count: string | number }>(db, `SELECT COUNT(*) AS "count" ${filtered}`, params);
  const facetRows = await run<{ name: string; value: string; count: string | number }>(
    db,
    `SELECT f."name" AS "name", f."value" AS "value", COUNT(*) AS "count" FROM ${facet} f ` +
      `WHERE f."productId" IN (SELECT p."id" ${filtered}) GROUP BY f."name", f."value"`,
    params,
  );

  const pageParams: Record<string, unknown> = { ...params, limit: request.first + 1 };
  let keyset = '';
  const [afterName, afterId] = request.after ?? [];
  if (typeof afterName === 'string' && typeof afterId === 'string') {
    keyset = ` AND (p."name" > :an OR (p."name" = :an AND p."id" > :ai))`;
    pageParams.an = afterName;
    pageParams.ai = afterId;
  }
  const ids =
    request.first === 0 && !keyset
      ? []
      : await run<{ id: string }>(
          db,
          `SELECT p."id" AS "id" ${filtered}${keyset} ORDER BY p."name", p."id" LIMIT :limit`,
          pageParams,
        );
  const hasNextPage = ids.length > request.first;
  const pageIds = ids.slice(0, request.first).map((r) => r.id);
  const loaded = pageIds.length ? await db.getRepository(Product).findBy({ id: In(pageIds) }) : [];
  const byId = new Map(loaded.map((p) => [p.id, p]));

  const facets = new Map<string, FacetCount>();
  for (const row of facetRows) {
    const entry = facets.get(row.name) ?? { name: row.name, values: [] };
    entry.values.push({ value: row.value, count: Number(row.count) });
    facets.set(row.name, entry);
  }
  for (const entry of facets.values()) {
    entry.values.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    entry.values.length = Math.min(entry.values.length, MAX_FACET_VALUES);
  }
  return {
    totalCount: Number(countRow?.count ?? 0),
    facets: [...facets.values()].sort((a, b) => a.name.localeCompare(b.name)),
    nodes: pageIds.map((id) => byId.get(id)!).filter(Boolean),
    hasNextPage,
  };
}
