import { parseMeasure, rangeBounds, variantMeasures } from '../src/domain/measures';

describe('measures: numeric attributes with a unit', () => {
  it.each([
    ['80 cm', 80, 'cm', 'length', 800],
    ['80cm', 80, 'cm', 'length', 800],
    ['12,5 CM', 12.5, 'cm', 'length', 125],
    ['31.5 in', 31.5, 'in', 'length', 800.1],
    ['11"', 11, '"', 'length', 279.4],
    ['1.2 m', 1.2, 'm', 'length', 1200],
    ['500 g', 500, 'g', 'mass', 500],
    ['2 lb', 2, 'lb', 'mass', 907.18474],
  ])('reads %j', (value, number, unit, dimension, base) => {
    const m = parseMeasure(' Width ', value)!;
    expect(m).toMatchObject({ name: 'width', value: number, unit, dimension });
    expect(m.base).toBeCloseTo(base, 6);
  });

  it.each(['blue', 'M', '80', '80 parsec', 'about 80 cm', '-3 cm', '80 cm wide'])('reads no measure in %j', (value) => {
    expect(parseMeasure('width', value)).toBeNull();
  });

  it("gives each variant its own measures and the product's, its own winning", () => {
    const rows = variantMeasures(
      [
        { name: 'depth', value: '50 cm' },
        { name: 'width', value: '80 cm' },
        { name: 'color', value: 'oak' },
      ],
      [
        { sku: 'A', attributes: [] },
        { sku: 'B', attributes: [{ name: 'Width', value: '1 m' }] },
        { sku: 'C', attributes: [{ name: 'width', value: 'adjustable' }] },
      ],
    );
    expect(rows.map((r) => `${r.sku} ${r.name} ${r.base}`)).toEqual([
      'A depth 500',
      'A width 800',
      'B depth 500',
      'B width 1000',
      'C depth 500', // "adjustable" is no number: C has no width
    ]);
  });

  it('turns a range into inclusive bounds in millimetres or grams, or says what is wrong', () => {
    const bounds = rangeBounds({ name: 'Width', max: 80, unit: 'cm' });
    expect(bounds).toMatchObject({ name: 'width', dimension: 'length', min: null });
    expect(typeof bounds !== 'string' && bounds.max! >= 800 && bounds.max! < 800.001).toBe(true);
    expect(rangeBounds({ name: 'weight', min: 1, unit: 'kg' })).toMatchObject({ dimension: 'mass', max: null });
    expect(rangeBounds({ name: 'width', max: 80, unit: 'parsec' })).toMatch(/parsec/);
    expect(rangeBounds({ name: 'width', min: 90, max: 80, unit: 'cm' })).toMatch(/exceeds/);
    expect(rangeBounds({ name: 'width', max: Number.NaN, unit: 'cm' })).toMatch(/numbers/);
  });
});
