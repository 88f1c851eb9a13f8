import type { Attribute } from '../entities/product';

// The generic full-text rules (terms, match expressions, typo tolerance) live in the platform,
// shared with CRM's help articles.
export {
  editDistance,
  FEW_RESULTS,
  fts5Query,
  fts5SpellingQuery,
  isWordless,
  queryTerms,
  spellingCandidates,
  tsQuery,
  typosAllowed,
} from '@omni/platform';

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

/** A price range filter value: "1000-5000", "-5000" or "1000-" (minor units). */
export function parsePriceRange(value: string): { min: number | null; max: number | null } | null {
  const m = /^\s*(\d*)\s*-\s*(\d*)\s*$/.exec(value);
  if (!m || (!m[1] && !m[2])) return null;
  return { min: m[1] ? Number(m[1]) : null, max: m[2] ? Number(m[2]) : null };
}
