import type { Attribute } from '../entities/product';

/**
 * Numeric attributes with a unit ("width" = "80 cm"), so search can ask for products that fit
 * ("width at most 80 cm"). Values are kept as written and in the base unit of their dimension
 * (millimetres, grams), so a range in inches finds a width written in centimetres.
 */
export type Dimension = 'length' | 'mass';

const UNITS: Record<string, { dimension: Dimension; base: number }> = {
  mm: { dimension: 'length', base: 1 },
  cm: { dimension: 'length', base: 10 },
  m: { dimension: 'length', base: 1000 },
  in: { dimension: 'length', base: 25.4 },
  inch: { dimension: 'length', base: 25.4 },
  inches: { dimension: 'length', base: 25.4 },
  '"': { dimension: 'length', base: 25.4 },
  ft: { dimension: 'length', base: 304.8 },
  g: { dimension: 'mass', base: 1 },
  kg: { dimension: 'mass', base: 1000 },
  lb: { dimension: 'mass', base: 453.59237 },
  lbs: { dimension: 'mass', base: 453.59237 },
  oz: { dimension: 'mass', base: 28.349523125 },
};

/** A unit's dimension and size in the base unit (mm, g); null for a unit not known. */
export function unitOf(unit: string): { dimension: Dimension; base: number } | null {
  return UNITS[unit.trim().toLowerCase()] ?? null;
}

export interface Measure {
  name: string;
  value: number;
  unit: string;
  dimension: Dimension;
  /** The value in the dimension's base unit (mm, g). */
  base: number;
}

/** "80 cm", "80cm", "31.5 in", "12,5 cm", `32"`: a number and a known unit; anything else is no measure. */
export function parseMeasure(name: string, value: string): Measure | null {
  const m = /^\s*(\d+(?:[.,]\d+)?)\s*([a-zA-Z]+|")\s*$/.exec(value);
  if (!m) return null;
  const unit = unitOf(m[2]!);
  if (!unit) return null;
  const number = Number(m[1]!.replace(',', '.'));
  return {
    name: name.trim().toLowerCase(),
    value: number,
    unit: m[2]!.toLowerCase(),
    dimension: unit.dimension,
    base: number * unit.base,
  };
}

/**
 * The measures of each variant: its own attributes, and the product's for names the variant does
 * not set (a sofa's depth holds for every color).
 */
export function variantMeasures(
  productAttributes: readonly Attribute[],
  variants: readonly { sku: string; attributes: readonly Attribute[] }[],
): (Measure & { sku: string })[] {
  const rows: (Measure & { sku: string })[] = [];
  for (const variant of variants) {
    const byName = new Map<string, Measure>();
    for (const a of productAttributes) {
      const measure = parseMeasure(a.name, a.value);
      if (measure) byName.set(measure.name, measure);
    }
    for (const a of variant.attributes) {
      const measure = parseMeasure(a.name, a.value);
      if (measure) byName.set(measure.name, measure);
      else byName.delete(a.name.trim().toLowerCase());
    }
    for (const measure of byName.values())
      if (measure.name && measure.name.length <= 100) rows.push({ sku: variant.sku, ...measure });
  }
  return rows;
}

export interface RangeFilter {
  name: string;
  min?: number | null;
  max?: number | null;
  unit: string;
}

/** Rounding slack when comparing base values (a millionth of a millimetre or gram). */
const SLACK = 1e-6;

/**
 * A range as bounds in the base unit, inclusive; a string naming what is wrong when the unit is
 * not known, a bound is not a finite number or min exceeds max.
 */
export function rangeBounds(
  range: RangeFilter,
): { name: string; dimension: Dimension; min: number | null; max: number | null } | string {
  const unit = unitOf(range.unit);
  if (!unit) return `unit "${range.unit}" is not one of ${Object.keys(UNITS).join(', ')}`;
  const bounds = [range.min, range.max];
  if (bounds.some((b) => b != null && !Number.isFinite(b))) return 'min and max are numbers';
  if (range.min != null && range.max != null && range.min > range.max) return `min ${range.min} exceeds max ${range.max}`;
  return {
    name: range.name.trim().toLowerCase(),
    dimension: unit.dimension,
    min: range.min == null ? null : range.min * unit.base - SLACK,
    max: range.max == null ? null : range.max * unit.base + SLACK,
  };
}
