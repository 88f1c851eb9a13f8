import type { Attribute } from '../entities/product';

export interface FacetSource {
  name: string;
  brand: string | null;
  description: string;
  categoryPath: readonly string[];
  attributes: readonly Attribute[];
  variants: readonly { sku: string; attributes: readonly Attribute[] }[];
}

export interface FacetRow {
  name: string;
  value: string;
}

/** Facet names are case-insensitive; `category` and `brand` are reserved for those fields. */
export function facetName(name: string): string {
  return name.trim().toLowerCase();
}

/** The facet values a product is found under: brand, every category of its path, every attribute. */
export function facetRows(product: FacetSource): FacetRow[] {
  const rows = new Map<string, FacetRow>();
  const add = (name: string, value: string | null | undefined) => {
    const n = facetName(name);
    const v = value?.trim();
    if (!n || !v || n.length > 100 || v.length > 200) return;
    rows.set(`${n}\u0000${v}`, { name: n, value: v });
  };
  add('brand', product.brand);
  product.categoryPath.forEach((c) => add('category', c));
  product.attributes.forEach((a) => add(a.name, a.value));
  product.variants.forEach((v) => v.attributes.forEach((a) => add(a.name, a.value)));
  return [...rows.values()];
}

/** The text full-text search looks at. */
export function searchText(product: FacetSource): string {
  return [
    product.name,
    product.brand ?? '',
    product.description,
    ...product.categoryPath,
    ...product.attributes.map((a) => a.value),
    ...product.variants.flatMap((v) => [v.sku, ...v.attributes.map((a) => a.value)]),
  ]
    .filter(Boolean)
    .join(' ');
}

/** Words of a shopper's query (letters and digits only), at most 8 of them. */
export function queryTerms(query: string | null | undefined): string[] {
  return (query ?? '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
}

/** FTS5 MATCH expression: every term, each as a prefix ("lin"* matches linen). */
export function fts5Query(terms: readonly string[]): string {
  return terms.map((t) => `"${t}"*`).join(' AND ');
}

/** PostgreSQL to_tsquery('simple', ...) expression: every term, each as a prefix. */
export function tsQuery(terms: readonly string[]): string {
  return terms.map((t) => `${t}:*`).join(' & ');
}

/** A price range filter value: "1000-5000", "-5000" or "1000-" (minor units). */
export function parsePriceRange(value: string): { min: number | null; max: number | null } | null {
  const m = /^\s*(\d*)\s*-\s*(\d*)\s*$/.exec(value);
  if (!m || (!m[1] && !m[2])) return null;
  return { min: m[1] ? Number(m[1]) : null, max: m[2] ? Number(m[2]) : null };
}

/**
 * A query that has text but no word in it (only punctuation or emoji): it finds nothing, rather
 * than every product as an empty query does.
 */
export function isWordless(query: string | null | undefined): boolean {
  return !!query?.trim() && queryTerms(query).length === 0;
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

/** FTS5 MATCH expression with corrections: each term as a prefix or any of its candidate words. */
export function fts5SpellingQuery(terms: readonly string[], candidates: readonly (readonly string[])[]): string {
  return terms
    .map((t, i) => {
      const words = [`"${t}"*`, ...(candidates[i] ?? []).map((c) => `"${c.replace(/"/g, '""')}"`)];
      return words.length > 1 ? `(${words.join(' OR ')})` : words[0];
    })
    .join(' AND ');
}
