import { distanceKm, isCoordinate } from '@omni/platform';
import { availableUnits } from '../src/domain/stock';

describe('availableUnits', () => {
  it('is on hand less reserved less safety stock', () => {
    expect(availableUnits({ onHand: 10, reserved: 3, safetyStock: 2 })).toBe(5);
    expect(availableUnits({ onHand: 10, reserved: 0, safetyStock: 0 })).toBe(10);
    expect(availableUnits({ onHand: 7, reserved: 7, safetyStock: 0 })).toBe(0);
  });

  it('is never negative, even when reservations or safety stock exceed what is on hand', () => {
    expect(availableUnits({ onHand: 2, reserved: 5, safetyStock: 0 })).toBe(0);
    expect(availableUnits({ onHand: 5, reserved: 3, safetyStock: 4 })).toBe(0);
    expect(availableUnits({ onHand: 0, reserved: 0, safetyStock: 1 })).toBe(0);
  });

  it('drops by one for each further unit reserved', () => {
    const before = availableUnits({ onHand: 20, reserved: 4, safetyStock: 3 });
    expect(availableUnits({ onHand: 20, reserved: 5, safetyStock: 3 })).toBe(before - 1);
  });
});

describe('distanceKm', () => {
  const london = { lat: 51.5074, lng: -0.1278 };
  const paris = { lat: 48.8566, lng: 2.3522 };
  const newYork = { lat: 40.7128, lng: -74.006 };
  const losAngeles = { lat: 34.0522, lng: -118.2437 };
  const sydney = { lat: -33.8688, lng: 151.2093 };

  it.each([
    ['London', london, 'Paris', paris, 343.6],
    ['New York', newYork, 'Los Angeles', losAngeles, 3936],
    ['London', london, 'New York', newYork, 5570],
    ['London', london, 'Sydney', sydney, 16994],
  ])('%s to %s is about the published great-circle distance', (_a, a, _b, b, km) => {
    const d = distanceKm(a, b);
    expect(Math.abs(d - km) / km).toBeLessThan(0.005);
  });

  it('is zero for the same point and symmetric', () => {
    expect(distanceKm(paris, paris)).toBe(0);
    expect(distanceKm(london, paris)).toBeCloseTo(distanceKm(paris, london), 9);
  });

  it('takes the short way across the antimeridian', () => {
    const d = distanceKm({ lat: 0, lng: 179.5 }, { lat: 0, lng: -179.5 });
    expect(d).toBeGreaterThan(110);
    expect(d).toBeLessThan(112);
  });

  it('is about 111 km per degree of latitude', () => {
    expect(distanceKm({ lat: 10, lng: 20 }, { lat: 11, lng: 20 })).toBeCloseTo(111.2, 0);
  });

  it("is half the earth's circumference between antipodes, and never more", () => {
    const d = distanceKm({ lat: 90, lng: 0 }, { lat: -90, lng: 0 });
    expect(d).toBeGreaterThan(20_000);
    expect(d).toBeLessThan(20_040);
    expect(Number.isFinite(distanceKm({ lat: 0, lng: 0 }, { lat: 0, lng: 180 }))).toBe(true);
  });
});

describe('isCoordinate', () => {
  it.each([
    [0, 0],
    [51.5074, -0.1278],
    [90, 180],
    [-90, -180],
    [-33.8688, 151.2093],
  ])('accepts lat %d, lng %d', (lat, lng) => {
    expect(isCoordinate(lat, lng)).toBe(true);
  });

  it.each([
    [90.0001, 0],
    [-90.0001, 0],
    [0, 180.0001],
    [0, -180.0001],
    [Number.NaN, 0],
    [0, Number.NaN],
    [Number.POSITIVE_INFINITY, 0],
    [0, Number.NEGATIVE_INFINITY],
  ])('rejects lat %d, lng %d', (lat, lng) => {
    expect(isCoordinate(lat, lng)).toBe(false);
  });
});
