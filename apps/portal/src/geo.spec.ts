import { describe, expect, it } from 'vitest';
import { bboxOf, circleBbox, circleRing, distanceKm, normalizeBbox, outerEdges } from './geo.js';

const clermont = { lon: 3.4312, lat: 43.6275 };
const lodeve = { lon: 3.3195, lat: 43.7316 };

describe('geometry for the map and the cards', () => {
  it('measures great-circle distances in km', () => {
    expect(distanceKm(clermont, clermont)).toBe(0);
    // Clermont-l'Hérault to Lodève: about 14.6 km as the crow flies.
    expect(distanceKm(clermont, lodeve)).toBeCloseTo(14.6, 0);
  });

  it('draws a closed ring at the radius, inside its box', () => {
    const ring = circleRing(clermont, 10, 32);
    expect(ring).toHaveLength(33);
    expect(ring[0]).toEqual(ring[32]);
    for (const [lon, lat] of ring) expect(distanceKm(clermont, { lon, lat })).toBeCloseTo(10, 6);
    const [west, south, east, north] = circleBbox(clermont, 10);
    expect(north - south).toBeCloseTo((20 / 6371.0088) * (180 / Math.PI), 6);
    expect(west).toBeLessThan(clermont.lon);
    expect(east).toBeGreaterThan(clermont.lon);
  });

  it('boxes the positions of features, nested or not', () => {
    expect(
      bboxOf([
        { geometry: { type: 'Point', coordinates: [3, 43] } },
        {
          geometry: {
            type: 'MultiPolygon',
            coordinates: [
              [
                [
                  [2, 44],
                  [4, 42.5],
                  [3, 44.5],
                ],
              ],
            ],
          },
        },
      ]),
    ).toEqual([2, 42.5, 4, 44.5]);
    expect(bboxOf([])).toBeNull();
  });

  it('keeps a map view within WGS84 and rounds it', () => {
    expect(normalizeBbox([-190.12345, -91, 3.123456, 43.98765])).toEqual([-180, -90, 3.123, 43.988]);
  });

  it('outlines adjacent polygons by the edges only one of them has', () => {
    // Two unit squares side by side share the edge x = 1: the outline is the 6 other edges.
    const square = (x: number) => ({
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [x, 0],
            [x + 1, 0],
            [x + 1, 1],
            [x, 1],
            [x, 0],
          ],
        ],
      },
    });
    const edges = outerEdges([square(0), square(1)]);
    expect(edges).toHaveLength(6);
    expect(edges.some(([a, b]) => a[0] === 1 && b[0] === 1)).toBe(false);
    expect(outerEdges([{ geometry: { type: 'Point', coordinates: [0, 0] } }])).toEqual([]);
  });
});
