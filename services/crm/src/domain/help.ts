import { hasControlCharacters, queryTerms, type Channel } from '@omni/platform';

/** Column limits of a help article, checked before anything is written. */
export const HELP_LIMITS = {
  title: 200,
  answer: 10_000,
  tags: 20,
  tag: 50,
  productIds: 50,
  productId: 36,
  categories: 20,
  category: 100,
} as const;

export interface HelpArticleDraft {
  title: string;
  answer: string;
  tags?: readonly string[] | null;
  productIds?: readonly string[] | null;
  categories?: readonly string[] | null;
  channels?: readonly Channel[] | null;
}

export interface CleanHelpArticle {
  title: string;
  answer: string;
  /** Lower case, unique, in the order given. */
  tags: string[];
  productIds: string[];
  categories: string[];
  /** Unique; empty: published on every channel. */
  channels: Channel[];
}

/** What is wrong with a draft: a stable code and the input field it concerns. */
export interface HelpDraftProblem {
  code: string;
  message: string;
  field: string[];
}

function cleanList(
  values: readonly string[] | null | undefined,
  rule: { max: number; each: number; code: string; name: string; lower?: boolean },
): string[] | HelpDraftProblem {
  const out: string[] = [];
  for (const [i, raw] of (values ?? []).entries()) {
    const value = rule.lower ? raw.trim().toLowerCase() : raw.trim();
    // Stored as a comma-separated list: a comma would split one value in two.
    if (!value || value.length > rule.each || hasControlCharacters(value, 'line-breaks') || value.includes(',')) {
      return {
        code: rule.code,
        message: `each of ${rule.name} is 1 to ${rule.each} characters of text, without commas`,
        field: ['input', rule.name, String(i)],
      };
    }
    if (!out.includes(value)) out.push(value);
  }
  if (out.length > rule.max) return { code: rule.code, message: `at most ${rule.max} ${rule.name}`, field: ['input', rule.name] };
  return out;
}

/**
 * A draft trimmed and checked against the columns it goes to: title 1 to 200 characters, answer
 * 1 to 10,000 (line breaks allowed, no other control characters or null bytes), at most 20 tags
 * of 50 characters (lower-cased), 50 product ids, 20 categories of 100, none with a comma.
 */
export function cleanHelpArticle(draft: HelpArticleDraft): CleanHelpArticle | HelpDraftProblem {
  const title = draft.title.trim();
  if (!title || title.length > HELP_LIMITS.title || hasControlCharacters(title, 'line-breaks') || /[\r\n]/.test(title)) {
    return {
      code: 'INVALID_TITLE',
      message: `a title is one line of 1 to ${HELP_LIMITS.title} characters`,
      field: ['input', 'title'],
    };
  }
  const answer = draft.answer.trim();
  if (!answer || answer.length > HELP_LIMITS.answer || hasControlCharacters(answer, 'line-breaks')) {
    return {
      code: 'INVALID_ANSWER',
      message: `an answer is 1 to ${HELP_LIMITS.answer} characters of text`,
      field: ['input', 'answer'],
    };
  }
  const tags = cleanList(draft.tags, {
    max: HELP_LIMITS.tags,
    each: HELP_LIMITS.tag,
    code: 'INVALID_TAG',
    name: 'tags',
    lower: true,
  });
  if (!Array.isArray(tags)) return tags;
  const productIds = cleanList(draft.productIds, {
    max: HELP_LIMITS.productIds,
    each: HELP_LIMITS.productId,
    code: 'INVALID_PRODUCT',
    name: 'productIds',
  });
  if (!Array.isArray(productIds)) return productIds;
  const categories = cleanList(draft.categories, {
    max: HELP_LIMITS.categories,
    each: HELP_LIMITS.category,
    code: 'INVALID_CATEGORY',
    name: 'categories',
  });
  if (!Array.isArray(categories)) return categories;
  const channels = [...new Set(draft.channels ?? [])];
  return { title, answer, tags, productIds, categories, channels };
}

/** The text an article is found by: its title, tags, categories and answer. */
export function helpSearchText(article: Pick<CleanHelpArticle, 'title' | 'answer' | 'tags' | 'categories'>): string {
  return [article.title, ...article.tags, ...article.categories, article.answer].join('\n');
}

/**
 * Words too common to tell articles apart. A question is asked in a sentence ("how do I return
 * my order?"): only its other words are looked for.
 */
const STOP_WORDS = new Set(
  (
    'a an and are as at be by can could do does for from get got has have how i if in into is it its me my no not of on or our ' +
    'please so that the their them then there this to too was we what when where which who why will with would you your'
  ).split(' '),
);

/**
 * The words of a help question worth looking for: its words without the common ones (all of
 * them when nothing else is left, so "how to" still finds something).
 */
export function helpQueryTerms(query: string | null | undefined): string[] {
  const terms = queryTerms(query);
  const meaningful = terms.filter((t) => !STOP_WORDS.has(t));
  return meaningful.length ? [...new Set(meaningful)] : terms;
}

/** Whether an article is shown on a channel: published, and on that channel (no channels listed: on every one). */
export function publishedOn(article: { published: boolean; channels: readonly Channel[] }, channel: Channel | null): boolean {
  return article.published && (channel == null || article.channels.length === 0 || article.channels.includes(channel));
}

/** Share of "was this helpful" answers that said yes, 0 to 1; null before anyone answered. */
export function helpfulRate(helpful: number, notHelpful: number): number | null {
  const total = helpful + notHelpful;
  return total === 0 ? null : helpful / total;
}
