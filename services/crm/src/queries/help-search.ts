import {
  dialectOf,
  FEW_RESULTS,
  fts5Vocabulary,
  fts5SpellingQuery,
  isWordless,
  runSql,
  spellingCandidates,
  tableOf,
  typosAllowed,
  type Channel,
} from '@omni/platform';
import { In, type DataSource } from 'typeorm';
import { helpVectorTable } from '../commands/help-articles';
import { helpQueryTerms } from '../domain/help';
import { HelpArticle } from '../entities/help-article';

export interface HelpSearchRequest {
  query: string;
  /** Only articles shown on this channel (published on it, or on every channel); null: any channel. */
  channel: Channel | null;
  /** Only articles about this catalog product (`productIds`); null: any. */
  productId?: string | null;
  /** Only articles about this catalog category (`categories`, exact); null: any. */
  category?: string | null;
  /** Drafts too (staff). */
  includeUnpublished: boolean;
  first: number;
  /** How many results the previous pages held. */
  offset: number;
}

export interface HelpSearchResult {
  totalCount: number;
  nodes: HelpArticle[];
  hasNextPage: boolean;
}

/**
 * Help articles for a question, best first. The question's words (common ones dropped) are
 * looked for as prefixes in the title, tags, categories and answer; an article matching more of
 * them, or in its title, ranks higher (SQLite: FTS5 bm25 with the title weighted 4 to 1;
 * PostgreSQL: ts_rank over each article's stored tsvector, the title as weight A). When fewer than FEW_RESULTS articles match,
 * misspelt words count too: the closest words of the articles' vocabulary by edit distance (the
 * FTS5 vocabulary table on SQLite, ts_stat on PostgreSQL), ranked after every exact match. An empty query
 * lists the articles, most recently changed first. Three statements (count, ranked page, rows),
 * two more on the typo path.
 */
export async function searchHelpArticles(db: DataSource, request: HelpSearchRequest): Promise<HelpSearchResult> {
  if (isWordless(request.query)) return { totalCount: 0, nodes: [], hasNextPage: false };
  const article = tableOf(db, HelpArticle);
  const postgres = dialectOf(db) === 'postgres';
  const params: Record<string, unknown> = { limit: request.first + 1, offset: request.offset };
  const where: string[] = [];
  if (!request.includeUnpublished) where.push(`h."published" = :published`);
  params.published = true;
  if (request.channel) {
    where.push(`(h."channels" = '' OR (',' || h."channels" || ',') LIKE :channel)`);
    params.channel = `%,${request.channel},%`;
  }
  // Lists are stored comma-separated (no value holds a comma): one value is `,value,` in `,list,`.
  const member = (column: string, name: string, value: string) => {
    where.push(`(',' || h."${column}" || ',') LIKE :${name} ESCAPE '\\'`);
    params[name] = `%,${value.replace(/[\\%_]/g, '\\$&')},%`;
  };
  if (request.productId) member('productIds', 'productId', request.productId);
  if (request.category) member('categories', 'category', request.category);
  const terms = helpQueryTerms(request.query);
  const visible = where.length ? where.join(' AND ') : '1 = 1';
  const count = async (from: string, condition: string) => {
    const [row] = await runSql<{ count: string | number }>(
      db,
      `SELECT COUNT(*) AS "count" FROM ${from} WHERE ${condition}`,
      params,
    );
    return Number(row?.count ?? 0);
  };

  let totalCount: number;
  let page: { id: string }[];
  if (!terms.length) {
    totalCount = await count(`${article} h`, visible);
    page = await runSql<{ id: string }>(
      db,
      `SELECT h."id" AS "id" FROM ${article} h WHERE ${visible} ORDER BY h."updatedAt" DESC, h."id" LIMIT :limit OFFSET :offset`,
      params,
    );
  } else if (postgres) {
    // Each article's stored tsvector (title weight A, the rest B), GIN-indexed: help_article_vector.
    const vectors = `${article} h JOIN ${helpVectorTable(db)} v ON v."articleId" = h."id"`;
    params.fts = terms.map((t) => `${t}:*`).join(' | ');
    const exact = `v."vector" @@ to_tsquery('simple', :fts)`;
    totalCount = await count(vectors, `${visible} AND ${exact}`);
    let matched = exact;
    let order = `ts_rank(v."vector", to_tsquery('simple', :fts)) DESC`;
    if (totalCount < FEW_RESULTS && terms.some((t) => typosAllowed(t))) {
      // The words of every article (ts_stat over the stored vectors), then the same edit-distance
      // candidates as on SQLite: a swap of two letters is one typo here too.
      const vocabulary = await postgresVocabulary(db, terms);
      const candidates = terms.map((t) => spellingCandidates(t, vocabulary));
      if (candidates.some((c) => c.length)) {
        params.fuzzy = terms
          .map((t, i) => [`${t}:*`, ...candidates[i]!.map((c) => `'${c.replace(/'/g, "''")}'`)].join(' | '))
          .map((alternatives) => `(${alternatives})`)
          .join(' | ');
        matched = `v."vector" @@ to_tsquery('simple', :fuzzy)`;
        order = `(CASE WHEN ${exact} THEN 0 ELSE 1 END), ts_rank(v."vector", to_tsquery('simple', :fuzzy)) DESC`;
        totalCount = await count(vectors, `${visible} AND ${matched}`);
      }
    }
    page = await runSql<{ id: string }>(
      db,
      `SELECT h."id" AS "id" FROM ${vectors} WHERE ${visible} AND ${matched} ORDER BY ${order}, h."title", h."id" LIMIT :limit OFFSET :offset`,
      params,
    );
  } else {
    // bm25 over (articleId, title, body): the title weighs 4, the rest 1; lower is better.
    const matches = (expression: string) =>
      `(SELECT "articleId", bm25("help_article_fts", 0.0, 4.0, 1.0) AS "score" FROM "help_article_fts" WHERE "help_article_fts" MATCH ${expression})`;
    params.fts = terms.map((t) => `"${t}"*`).join(' OR ');
    totalCount = await count(`${article} h JOIN ${matches(':fts')} m ON m."articleId" = h."id"`, visible);
    let source = matches(':fts');
    let order = `m."score"`;
    if (totalCount < FEW_RESULTS && terms.some((t) => typosAllowed(t))) {
      const vocabulary = await fts5Vocabulary(db, 'help_article_fts_vocab', terms);
      const candidates = terms.map((t) => spellingCandidates(t, vocabulary));
      if (candidates.some((c) => c.length)) {
        params.fuzzy = fts5SpellingQuery(terms, candidates, 'OR');
        source = matches(':fuzzy');
        order = `(CASE WHEN h."id" IN (SELECT "articleId" FROM "help_article_fts" WHERE "help_article_fts" MATCH :fts) THEN 0 ELSE 1 END), m."score"`;
        totalCount = await count(`${article} h JOIN ${source} m ON m."articleId" = h."id"`, visible);
      }
    }
    page = await runSql<{ id: string }>(
      db,
      `SELECT h."id" AS "id" FROM ${article} h JOIN ${source} m ON m."articleId" = h."id" WHERE ${visible} ` +
        `ORDER BY ${order}, h."title", h."id" LIMIT :limit OFFSET :offset`,
      params,
    );
  }
  const hasNextPage = page.length > request.first;
  const ids = page.slice(0, request.first).map((r) => r.id);
  const rows = ids.length ? await db.getRepository(HelpArticle).findBy({ id: In(ids) }) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { totalCount, nodes: ids.map((id) => byId.get(id)).filter((r): r is HelpArticle => r != null), hasNextPage };
}

/**
 * The words of the articles' text with how many articles hold each (PostgreSQL's ts_stat over
 * their stored tsvectors), of a length the query's misspelt words can reach. It reads every
 * article's vector: fine for a knowledge base (hundreds to thousands of articles), and only asked
 * when fewer than FEW_RESULTS articles match exactly.
 */
async function postgresVocabulary(db: DataSource, terms: readonly string[]): Promise<{ term: string; documents: number }[]> {
  const lengths = terms.filter((t) => typosAllowed(t)).map((t) => [...t].length);
  const source = `SELECT "vector" FROM ${helpVectorTable(db)}`.replace(/'/g, "''");
  const rows = await runSql<{ term: string; documents: string | number }>(
    db,
    `SELECT "word" AS "term", "ndoc" AS "documents" FROM ts_stat('${source}') ` +
      `WHERE length("word") BETWEEN :shortest AND :longest${terms.some((t) => /\d/.test(t)) ? '' : ` AND "word" !~ '[0-9]'`}`,
    { shortest: Math.min(...lengths) - 2, longest: Math.max(...lengths) + 2 },
  );
  return rows.map((r) => ({ term: r.term, documents: Number(r.documents) }));
}
