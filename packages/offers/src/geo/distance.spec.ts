import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_KM, haversineKm } from './distance.js';

describe('haversineKm', () => {
  it('is zero between a point and itself', () => {
    expect(haversineKm({ lon: 3.88, lat: 43.61 }, { lon: 3.88, lat: 43.61 })).toBe(0);
  });

  it('measures one degree of meridian as 2πR/360', () => {
    expect(haversineKm({ lon: 3, lat: 45 }, { lon: 3, lat: 46 })).toBeCloseTo(
      (2 * Math.PI * EARTH_RADIUS_KM) / 360,
      9,
    );
  });

  it('gives Montpellier–Béziers about 61 km, whichever way', () => {
    const montpellier = { lon: 3.8767, lat: 43.6108 };
    const beziers = { lon: 3.2158, lat: 43.3442 };
    const there = haversineKm(montpellier, beziers);
    expect(there).toBeGreaterThan(60.5);
    expect(there).toBeLessThan(61.5);
    expect(haversineKm(beziers, montpellier)).toBeCloseTo(there, 9);
  });

  it('measures a quarter of a great circle as πR/2', () => {
    expect(haversineKm({ lon: 0, lat: 0 }, { lon: 0, lat: 90 })).toBeCloseTo(
      (Math.PI * EARTH_RADIUS_KM) / 2,
      6,
    );
    expect(haversineKm({ lon: -45, lat: 0 }, { lon: 45, lat: 0 })).toBeCloseTo(
      (Math.PI * EARTH_RADIUS_KM) / 2,
      6,
    );
  });

  it('goes the short way across the antimeridian and stays finite between antipodes', () => {
    expect(haversineKm({ lon: 179.5, lat: 0 }, { lon: -179.5, lat: 0 })).toBeCloseTo(
      (2 * Math.PI * EARTH_RADIUS_KM) / 360,
      6,
    );
    expect(haversineKm({ lon: 0, lat: 0 }, { lon: 180, lat: 0 })).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 6);
  });
});
