import { randomUUID } from 'node:crypto';
import { dialectOf, DomainError, inTransaction, runSql, tableOf, type Channel } from '@omni/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { cleanHelpArticle, helpSearchText, publishedOn, type HelpArticleDraft } from '../domain/help';
import { SupportCaseMessage } from '../entities/case-message';
import { HelpArticle, HelpArticleStat } from '../entities/help-article';

export interface UpsertHelpArticleRequest extends HelpArticleDraft {
  /** The article to change; null: a new one. */
  id?: string | null;
  published: boolean;
  actor: string | null;
  /** Where a captured answer came from. */
  source?: { caseId: string; channel: Channel } | null;
}

/** PostgreSQL's table of each article's stored tsvector (not an entity: made by a migration). */
export function helpVectorTable(db: DataSource): string {
  const schema = db.getMetadata(HelpArticle).schema;
  return schema ? `${db.driver.escape(schema)}."help_article_vector"` : `"help_article_vector"`;
}

/**
 * Keeps the full-text index of an article current, inside the caller's transaction: PostgreSQL
 * stores its tsvector (title weight A, the rest B) in `help_article_vector`, SQLite mirrors title
 * and text into the FTS5 table `help_article_fts` (both created by migrations).
 */
async function indexForSearch(manager: EntityManager, article: HelpArticle, existed: boolean): Promise<void> {
  if (dialectOf(manager.connection) === 'postgres') {
    await manager.query(
      `INSERT INTO ${helpVectorTable(manager.connection)} ("articleId", "vector") ` +
        `VALUES ($1, setweight(to_tsvector('simple', $2), 'A') || setweight(to_tsvector('simple', $3), 'B')) ` +
        `ON CONFLICT ("articleId") DO UPDATE SET "vector" = excluded."vector"`,
      [article.id, article.title, article.searchText],
    );
    return;
  }
  if (existed) await manager.query(`DELETE FROM "help_article_fts" WHERE "articleId" = ?`, [article.id]);
  await manager.query(`INSERT INTO "help_article_fts" ("articleId", "title", "body") VALUES (?, ?, ?)`, [
    article.id,
    article.title,
    article.searchText,
  ]);
}

/** Writes an article (a new one, or `id`'s) with its search index, in one transaction. */
export async function upsertHelpArticle(db: DataSource, request: UpsertHelpArticleRequest): Promise<HelpArticle> {
  const clean = cleanHelpArticle(request);
  if ('code' in clean) throw new DomainError(clean.code, clean.message, clean.field);
  const id = request.id?.trim() || null;
  if (id != null && id.length > 36) throw new DomainError('UNKNOWN_ARTICLE', `no help article ${id}`, ['input', 'id']);
  return inTransaction(db, async (manager) => {
    const existing = id
      ? dialectOf(db) === 'postgres'
        ? await manager.findOne(HelpArticle, { where: { id }, lock: { mode: 'pessimistic_write' } })
        : await manager.findOneBy(HelpArticle, { id })
      : null;
    if (id && !existing) throw new DomainError('UNKNOWN_ARTICLE', `no help article ${id}`, ['input', 'id']);
    const now = new Date();
    const article = manager.create(HelpArticle, {
      ...(existing ?? { id: randomUUID(), createdAt: now, sourceCaseId: null, sourceChannel: null }),
      ...clean,
      ...(request.source ? { sourceCaseId: request.source.caseId, sourceChannel: request.source.channel } : {}),
      published: request.published,
      searchText: helpSearchText(clean),
      updatedBy: request.actor?.slice(0, 100) ?? null,
      updatedAt: now,
    });
    await manager.save(HelpArticle, article);
    await indexForSearch(manager, article, existing != null);
    return article;
  });
}

export interface CaptureHelpArticleRequest extends Omit<HelpArticleDraft, 'answer'> {
  /** The case message whose text becomes the answer (an agent's reply, usually). */
  messageId: string;
  /** The answer as edited for everyone; null: the message's text as it was. */
  answer?: string | null;
  published: boolean;
  actor: string | null;
}

/** Turns an answer given on one channel (a message of a case's thread) into an article for every channel. */
export async function captureHelpArticle(db: DataSource, request: CaptureHelpArticleRequest): Promise<HelpArticle> {
  const message =
    request.messageId.length <= 36 ? await db.manager.findOneBy(SupportCaseMessage, { id: request.messageId }) : null;
  if (!message) throw new DomainError('UNKNOWN_MESSAGE', `no case message ${request.messageId}`, ['input', 'messageId']);
  return upsertHelpArticle(db, {
    ...request,
    id: null,
    answer: request.answer ?? message.body,
    source: { caseId: message.caseId, channel: message.channel },
  });
}

export type HelpArticleUse = 'VIEW' | 'HELPFUL' | 'NOT_HELPFUL';

/**
 * Counts one view or "was this helpful" answer of a published article on a channel: one
 * statement that adds to the channel's counters (a row per article and channel, created by the
 * first use), so concurrent answers never lose a count.
 */
export async function recordHelpArticleUse(
  db: DataSource,
  request: { articleId: string; channel: Channel; use: HelpArticleUse; staff: boolean },
): Promise<HelpArticle> {
  const article = request.articleId.length <= 36 ? await db.manager.findOneBy(HelpArticle, { id: request.articleId }) : null;
  if (!article || (!request.staff && !publishedOn(article, request.channel))) {
    throw new DomainError('UNKNOWN_ARTICLE', `no help article ${request.articleId} on ${request.channel}`, [
      'input',
      'articleId',
    ]);
  }
  const table = tableOf(db, HelpArticleStat);
  const [views, helpful, notHelpful] = [request.use === 'VIEW', request.use === 'HELPFUL', request.use === 'NOT_HELPFUL'].map(
    (b) => (b ? 1 : 0),
  );
  await runSql(
    db,
    `INSERT INTO ${table} AS s ("articleId", "channel", "views", "helpful", "notHelpful") VALUES (:id, :channel, :views, :helpful, :notHelpful) ` +
      `ON CONFLICT ("articleId", "channel") DO UPDATE SET "views" = s."views" + excluded."views", ` +
      `"helpful" = s."helpful" + excluded."helpful", "notHelpful" = s."notHelpful" + excluded."notHelpful"`,
    { id: article.id, channel: request.channel, views, helpful, notHelpful },
  );
  return article;
}
