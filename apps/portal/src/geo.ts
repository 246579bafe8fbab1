import type { Point } from './search/url-state.js';

/** west, south, east, north (WGS84), as the API takes an area. */
export type Bbox = [number, number, number, number];

const EARTH_RADIUS_KM = 6371.0088;
const radians = (degrees: number) => (degrees * Math.PI) / 180;
const degrees = (radians: number) => (radians * 180) / Math.PI;

/** Great-circle distance in km (haversine), as the API measures `distanceKm`. */
export function distanceKm(a: Point, b: Point): number {
  const dLat = radians(b.lat - a.lat);
  const dLon = radians(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The point at `km` from `from` heading `bearing` degrees (0 north, 90 east). */
function destination(from: Point, km: number, bearing: number): Point {
  const angle = km / EARTH_RADIUS_KM;
  const lat1 = radians(from.lat);
  const theta = radians(bearing);
  const lat2 = Math.asin(
    Math.sin(lat1) * Math.cos(angle) + Math.cos(lat1) * Math.sin(angle) * Math.cos(theta),
  );
  const lon2 =
    radians(from.lon) +
    Math.atan2(
      Math.sin(theta) * Math.sin(angle) * Math.cos(lat1),
      Math.cos(angle) - Math.sin(lat1) * Math.sin(lat2),
    );
  return { lon: degrees(lon2), lat: degrees(lat2) };
}

/** A ring of `steps` points `km` around `center`, closed, as a GeoJSON polygon's ring. */
export function circleRing(center: Point, km: number, steps = 64): Array<[number, number]> {
  const ring: Array<[number, number]> = [];
  for (let step = 0; step < steps; step += 1) {
    const point = destination(center, km, (step * 360) / steps);
    ring.push([point.lon, point.lat]);
  }
  ring.push(ring[0] as [number, number]);
  return ring;
}

/** The box around `km` of `center`. */
export function circleBbox(center: Point, km: number): Bbox {
  const north = destination(center, km, 0).lat;
  const south = destination(center, km, 180).lat;
  const east = destination(center, km, 90).lon;
  const west = destination(center, km, 270).lon;
  return [west, south, east, north];
}

/** The box around every position of a GeoJSON geometry collection; null when it has none. */
export function bboxOf(features: Array<{ geometry: unknown }>): Bbox | null {
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (coordinates: unknown): void => {
    if (!Array.isArray(coordinates)) return;
    if (typeof coordinates[0] === 'number' && typeof coordinates[1] === 'number') {
      box[0] = Math.min(box[0], coordinates[0]);
      box[1] = Math.min(box[1], coordinates[1]);
      box[2] = Math.max(box[2], coordinates[0]);
      box[3] = Math.max(box[3], coordinates[1]);
      return;
    }
    for (const child of coordinates) visit(child);
  };
  for (const feature of features) visit((feature.geometry as { coordinates?: unknown } | null)?.coordinates);
  return box[0] <= box[2] ? box : null;
}

/**
 * A map view as the API accepts it: inside WGS84's ranges (a zoomed-out view
 * spans more than the world) and rounded, so that a tiny pan does not refetch.
 */
export function normalizeBbox([west, south, east, north]: Bbox): Bbox {
  const clamp = (value: number, limit: number) =>
    Math.round(Math.max(-limit, Math.min(limit, value)) * 1e3) / 1e3;
  return [clamp(west, 180), clamp(south, 90), clamp(east, 180), clamp(north, 90)];
}

type Ring = number[][];

/** The rings of a Polygon or MultiPolygon geometry (nothing for other geometries). */
function ringsOf(geometry: unknown): Ring[] {
  const { type, coordinates } = (geometry ?? {}) as { type?: string; coordinates?: unknown };
  if (type === 'Polygon') return coordinates as Ring[];
  if (type === 'MultiPolygon') return (coordinates as Ring[][]).flat();
  return [];
}

/**
 * The outer border of adjacent polygons (a CPTS's or a contract's communes):
 * the edges only one of them has. Neighbouring communes share their vertices
 * exactly (one simplified topology), so an inner border is an edge seen twice.
 */
export function outerEdges(features: Array<{ geometry: unknown }>): Array<[number[], number[]]> {
  const edges = new Map<string, { edge: [number[], number[]]; count: number }>();
  for (const feature of features)
    for (const ring of ringsOf(feature.geometry))
      for (let index = 1; index < ring.length; index += 1) {
        const a = ring[index - 1] as number[];
        const b = ring[index] as number[];
        const key = [String(a), String(b)].sort().join('|');
        const seen = edges.get(key);
        if (seen) seen.count += 1;
        else edges.set(key, { edge: [a, b], count: 1 });
      }
  return [...edges.values()].filter(({ count }) => count === 1).map(({ edge }) => edge);
}
