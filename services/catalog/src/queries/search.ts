import { dialectOf, fts5Vocabulary, type Channel } from '@omni/platform';
import { GraphQLError } from 'graphql';
import { In, type DataSource } from 'typeorm';
import {
  facetName,
  FEW_RESULTS,
  fts5Query,
  fts5SpellingQuery,
  isWordless,
  parsePriceRange,
  queryTerms,
  spellingCandidates,
  tsQuery,
  typosAllowed,
} from '../domain/search';
import { rangeBounds, type RangeFilter } from '../domain/measures';
import { ProductMeasure } from '../entities/measure';
import { ChannelPrice, Product, ProductFacet, ProductVariant } from '../entities/product';
import { run, tableOf } from './sql';

export interface SearchRequest {
  query?: string | null;
  filters?: { name: string; values: string[] }[] | null;
  /** Numeric attributes in a range, all met by one variant ("width" at most 80 cm). */
  ranges?: RangeFilter[] | null;
  channel?: Channel | null;
  first: number;
  /** Decoded cursor: [name, id] of the last product seen, or [rank, name, id] on the spelling fallback. */
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
  /** The sort key of each node, for its cursor: [name, id], or [rank, name, id] when misspelt words were matched. */
  keys: unknown[][];
  hasNextPage: boolean;
}

export const MAX_FACET_VALUES = 50;

/**
 * Full-text query, facet filters (values of one facet are OR-ed, facets are AND-ed; `price`
 * takes ranges in minor units like "1000-5000" at the channel's price), facet counts over the
 * filtered set, and keyset pagination ordered by name then id (stable cursors). Four statements
 * whatever the page size: count, facets, page of ids, products.
 *
 * Typo tolerance: when the words of the query match fewer than FEW_RESULTS products, search
 * also accepts each word misspelt (PostgreSQL: pg_trgm word similarity on `searchText`; SQLite:
 * the closest words of the FTS5 vocabulary by edit distance). Exact matches rank first (rank 0,
 * then the misspelt ones, rank 1), each by name then id; cursors then carry the rank. Only that
 * path costs more statements (a second count, and on SQLite a vocabulary read).
 */
export async function searchProducts(db: DataSource, request: SearchRequest): Promise<SearchResult> {
  if (isWordless(request.query)) return { totalCount: 0, facets: [], nodes: [], keys: [], hasNextPage: false };
  const product = tableOf(db, Product);
  const facet = tableOf(db, ProductFacet);
  const variant = tableOf(db, ProductVariant);
  const channelPrice = tableOf(db, ChannelPrice);
  const params: Record<string, unknown> = {};
  const where: string[] = [`EXISTS (SELECT 1 FROM ${variant} v0 WHERE v0."productId" = p."id" AND NOT v0."discontinued")`];

  const terms = queryTerms(request.query);
  let exact = '';
  if (terms.length) {
    if (dialectOf(db) === 'postgres') {
      exact = `to_tsvector('simple', p."searchText") @@ to_tsquery('simple', :fts)`;
      params.fts = tsQuery(terms);
    } else {
      exact = `p."id" IN (SELECT "productId" FROM "product_fts" WHERE "product_fts" MATCH :fts)`;
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

  const fits = rangeCondition(db, request.ranges ?? [], params);
  if (fits) where.push(fits);

  const count = async (text: string) => {
    const sql = `SELECT COUNT(*) AS "count" FROM ${product} p WHERE ${[...where, ...(text ? [text] : [])].join(' AND ')}`;
    const [row] = await run<{ count: string | number }>(db, sql, params);
    return Number(row?.count ?? 0);
  };
  const spellingCursor = request.after?.length === 3;
  let text = exact;
  let rank = '';
  let totalCount = spellingCursor ? null : await count(exact);
  if (terms.length && (totalCount === null || totalCount < FEW_RESULTS)) {
    const misspelt = await spellingCondition(db, terms, params);
    if (misspelt) {
      text = `(${exact} OR ${misspelt})`;
      rank = `(CASE WHEN ${exact} THEN 0 ELSE 1 END)`;
      totalCount = await count(text);
    }
  }
  totalCount ??= await count(exact);
  if (text) where.push(text);

  const filtered = `FROM ${product} p WHERE ${where.join(' AND ')}`;
  const facetRows = await run<{ name: string; value: string; count: string | number }>(
    db,
    `SELECT f."name" AS "name", f."value" AS "value", COUNT(*) AS "count" FROM ${facet} f ` +
      `WHERE f."productId" IN (SELECT p."id" ${filtered}) GROUP BY f."name", f."value"`,
    params,
  );

  const pageParams: Record<string, unknown> = { ...params, limit: request.first + 1 };
  let keyset = '';
  const [afterName, afterId] = (request.after ?? []).slice(-2);
  if (typeof afterName === 'string' && typeof afterId === 'string') {
    keyset = ` AND (p."name" > :an OR (p."name" = :an AND p."id" > :ai))`;
    pageParams.an = afterName;
    pageParams.ai = afterId;
    const afterRank = request.after![0];
    if (rank && spellingCursor && (afterRank === 0 || afterRank === 1)) {
      keyset = ` AND (${rank} > :ar OR (${rank} = :ar${keyset}))`;
      pageParams.ar = afterRank;
    }
  }
  const ids =
    request.first === 0 && !keyset
      ? []
      : await run<{ id: string; rank?: string | number }>(
          db,
          `SELECT p."id" AS "id"${rank ? `, ${rank} AS "rank"` : ''} ${filtered}${keyset} ` +
            `ORDER BY ${rank ? `${rank}, ` : ''}p."name", p."id" LIMIT :limit`,
          pageParams,
        );
  const hasNextPage = ids.length > request.first;
  const page = ids.slice(0, request.first);
  const pageIds = page.map((r) => r.id);
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
  const found = page.filter((r) => byId.has(r.id));
  return {
    totalCount,
    facets: [...facets.values()].sort((a, b) => a.name.localeCompare(b.name)),
    nodes: found.map((r) => byId.get(r.id)!),
    keys: found.map((r) => {
      const p = byId.get(r.id)!;
      return rank ? [Number(r.rank), p.name, p.id] : [p.name, p.id];
    }),
    hasNextPage,
  };
}

/**
 * The query's words, each matched exactly (as a prefix) or misspelt; null when no word may be
 * misspelt (all too short) or, on SQLite, the vocabulary holds no close word.
 */
async function spellingCondition(db: DataSource, terms: string[], params: Record<string, unknown>): Promise<string | null> {
  if (!terms.some((t) => typosAllowed(t) > 0)) return null;
  if (dialectOf(db) === 'postgres') {
    // `%>`: a stretch of searchText is similar to the word (pg_trgm.word_similarity_threshold,
    // 0.6 by default), answered by the trigram index product_search_trgm.
    return `(${terms
      .map((t, i) => {
        params[`ts${i}`] = `${t}:*`;
        params[`tw${i}`] = t;
        const word = `to_tsvector('simple', p."searchText") @@ to_tsquery('simple', :ts${i})`;
        return typosAllowed(t) ? `(${word} OR p."searchText" %> :tw${i})` : word;
      })
      .join(' AND ')})`;
  }
  // The vocabulary of the FTS5 index (product_fts_vocab, one row per word).
  const vocabulary = await fts5Vocabulary(db, 'product_fts_vocab', terms);
  const candidates = terms.map((t) => spellingCandidates(t, vocabulary));
  if (!candidates.some((c) => c.length)) return null;
  params.fuzzy = fts5SpellingQuery(terms, candidates);
  return `p."id" IN (SELECT "productId" FROM "product_fts" WHERE "product_fts" MATCH :fuzzy)`;
}

/**
 * Products with a variant (not discontinued) whose measures meet every range: its `name`
 * measured in the range's dimension, converted to mm or g, within min and max (inclusive).
 */
function rangeCondition(db: DataSource, ranges: RangeFilter[], params: Record<string, unknown>): string | null {
  if (!ranges.length) return null;
  const variant = tableOf(db, ProductVariant);
  const measure = tableOf(db, ProductMeasure);
  const checks = ranges.map((range, i) => {
    const bounds = rangeBounds(range);
    if (typeof bounds === 'string') {
      throw new GraphQLError(`range on "${range.name}": ${bounds}`, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    const parts = [`m${i}."sku" = vr."sku"`, `m${i}."name" = :rn${i}`, `m${i}."dimension" = :rd${i}`];
    params[`rn${i}`] = bounds.name;
    params[`rd${i}`] = bounds.dimension;
    if (bounds.min != null) {
      parts.push(`m${i}."base" >= :rmin${i}`);
      params[`rmin${i}`] = bounds.min;
    }
    if (bounds.max != null) {
      parts.push(`m${i}."base" <= :rmax${i}`);
      params[`rmax${i}`] = bounds.max;
    }
    return `EXISTS (SELECT 1 FROM ${measure} m${i} WHERE ${parts.join(' AND ')})`;
  });
  return `EXISTS (SELECT 1 FROM ${variant} vr WHERE vr."productId" = p."id" AND NOT vr."discontinued" AND ${checks.join(' AND ')})`;
}
