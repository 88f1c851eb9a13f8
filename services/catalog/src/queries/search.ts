import { dialectOf, fts5Vocabulary, type Channel } from '@omni/platform';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
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
import { ChannelPrice, ProductFacet, ProductVariant } from '../entities/product';
import { matching, type SearchResult } from './search-statement';
import { tableOf } from './sql';

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

export { MAX_FACET_VALUES, type FacetCount, type SearchResult } from './search-statement';

/**
 * Full-text query, facet filters (values of one facet are OR-ed, facets are AND-ed; `price`
 * takes ranges in minor units like "1000-5000" at the channel's price), facet counts over the
 * filtered set, and keyset pagination ordered by name then id (stable cursors). One statement
 * whatever the page size (count, facets and the page's products, see `matching`).
 *
 * Typo tolerance: when the words of the query match fewer than FEW_RESULTS products, search
 * also accepts each word misspelt (PostgreSQL: pg_trgm word similarity on `searchText`; SQLite:
 * the closest words of the FTS5 vocabulary by edit distance). Exact matches rank first (rank 0,
 * then the misspelt ones, rank 1), each by name then id; cursors then carry the rank. On
 * PostgreSQL that is the same statement; on SQLite that path costs two more (a vocabulary read,
 * the search again).
 */
export async function searchProducts(db: DataSource, request: SearchRequest): Promise<SearchResult> {
  if (isWordless(request.query)) return { totalCount: 0, facets: [], nodes: [], keys: [], hasNextPage: false };
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

  const spellingCursor = request.after?.length === 3;
  const base = { where, exact, params, first: request.first, after: request.after };
  // PostgreSQL matches the misspelt words in the same statement, only when the exact ones find few.
  if (dialectOf(db) === 'postgres') {
    return matching(db, { ...base, misspelt: postgresSpelling(terms, params), alwaysMisspelt: spellingCursor });
  }
  // SQLite reads the index's vocabulary for them first, so only once the exact words found few.
  const found = spellingCursor ? null : await matching(db, { ...base, misspelt: null, alwaysMisspelt: false });
  if (found && found.totalCount >= FEW_RESULTS) return found;
  const misspelt = await fts5Spelling(db, terms, params);
  if (misspelt) return matching(db, { ...base, misspelt, alwaysMisspelt: true });
  return found ?? matching(db, { ...base, misspelt: null, alwaysMisspelt: false });
}

/**
 * PostgreSQL: the query's words, each matched exactly (as a prefix) or misspelt; null when no
 * word may be misspelt (all too short). `%>`: a stretch of searchText is similar to the word
 * (pg_trgm.word_similarity_threshold, 0.6 by default), answered by the trigram index product_search_trgm.
 */
function postgresSpelling(terms: string[], params: Record<string, unknown>): string | null {
  if (!terms.some((t) => typosAllowed(t) > 0)) return null;
  return `(${terms
    .map((t, i) => {
      params[`ts${i}`] = `${t}:*`;
      params[`tw${i}`] = t;
      const word = `to_tsvector('simple', p."searchText") @@ to_tsquery('simple', :ts${i})`;
      return typosAllowed(t) ? `(${word} OR p."searchText" %> :tw${i})` : word;
    })
    .join(' AND ')})`;
}

/**
 * SQLite: the products whose words are the query's or close ones from the vocabulary of the FTS5
 * index (product_fts_vocab, one row per word); null when no word may be misspelt or none is close.
 */
async function fts5Spelling(db: DataSource, terms: string[], params: Record<string, unknown>): Promise<string | null> {
  if (!terms.some((t) => typosAllowed(t) > 0)) return null;
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
