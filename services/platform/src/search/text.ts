/**
 * The full-text search rules every service shares (catalog's products, CRM's help articles):
 * the words of a query, the match expressions of SQLite FTS5 and PostgreSQL `to_tsquery`, and
 * typo tolerance by edit distance over the index's vocabulary. Pure functions, no database.
 */

/** Words of a query (letters and digits only, lower case), at most 8 of them. */
export function queryTerms(query: string | null | undefined): string[] {
  return (query ?? '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
}

/**
 * A query that has text but no word in it (only punctuation or emoji): it finds nothing, rather
 * than everything as an empty query does.
 */
export function isWordless(query: string | null | undefined): boolean {
  return !!query?.trim() && queryTerms(query).length === 0;
}

/** FTS5 MATCH expression: every term, each as a prefix ("lin"* matches linen). */
export function fts5Query(terms: readonly string[]): string {
  return terms.map((t) => `"${t}"*`).join(' AND ');
}

/** PostgreSQL to_tsquery('simple', ...) expression: every term, each as a prefix. */
export function tsQuery(terms: readonly string[]): string {
  return terms.map((t) => `${t}:*`).join(' & ');
}

/** Fewer exact matches than this and search also tries the misspelt words (exact ones first). */
export const FEW_RESULTS = 3;

/** Typos tolerated in a query word: none under 4 letters, 1 up to 7, 2 from 8. */
export function typosAllowed(term: string): number {
  const length = [...term].length;
  return length < 4 ? 0 : length < 8 ? 1 : 2;
}

/**
 * Edit distance (optimal string alignment: insert, delete, substitute, swap two neighbours, each
 * 1), or `max + 1` as soon as it must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[t.length]!, max + 1);
}

/** Words of the index a misspelt term may have meant: within its typos, closest then most used first. */
export function spellingCandidates(
  term: string,
  vocabulary: readonly { term: string; documents: number }[],
  limit = 5,
): string[] {
  const max = typosAllowed(term);
  if (!max) return [];
  return vocabulary
    .filter((v) => v.term !== term)
    .map((v) => ({ ...v, distance: editDistance(term, v.term, max) }))
    .filter((v) => v.distance <= max)
    .sort((a, b) => a.distance - b.distance || b.documents - a.documents || a.term.localeCompare(b.term))
    .slice(0, limit)
    .map((v) => v.term);
}

/**
 * FTS5 MATCH expression with corrections: each term as a prefix or any of its candidate words,
 * the terms joined by `join` (AND: every word must be found; OR: any, ranked by how many).
 */
export function fts5SpellingQuery(
  terms: readonly string[],
  candidates: readonly (readonly string[])[],
  join: 'AND' | 'OR' = 'AND',
): string {
  return terms
    .map((t, i) => {
      const words = [`"${t}"*`, ...(candidates[i] ?? []).map((c) => `"${c.replace(/"/g, '""')}"`)];
      return words.length > 1 ? `(${words.join(' OR ')})` : words[0];
    })
    .join(` ${join} `);
}
