import type { Commune } from '../communes.js';

/**
 * The place names of the portal's offline basemap: communes ranked by population, shown
 * from a zoom that grows as the commune gets smaller (big towns first, villages only
 * close up), and the departments' names at the zooms that show whole departments.
 * The map itself drops any label that would overlap another, the most populated first.
 */

/** From which zoom a commune's name is shown, by population (INSEE, population municipale). */
export const COMMUNE_LABEL_ZOOMS: readonly { minPopulation: number; zoom: number }[] = [
  // Montpellier, Besançon, Béziers, Narbonne, Carcassonne, Sète: seen from the whole region.
  { minPopulation: 40_000, zoom: 6 },
  // Agde, Périgueux, Bergerac, Lunel, Montbéliard…
  { minPopulation: 15_000, zoom: 7 },
  // The towns a resident steers by: Clermont-l'Hérault, Pézenas, Lodève…
  { minPopulation: 5_000, zoom: 8 },
  { minPopulation: 1_500, zoom: 9 },
  { minPopulation: 300, zoom: 10 },
  // Hamlet-sized communes: only when the map shows a few villages around.
  { minPopulation: 0, zoom: 11 },
];

/** Department names are shown up to this zoom (excluded): beyond it a department fills the screen. */
export const DEPARTEMENT_LABEL_MAX_ZOOM = 9;

export function communeLabelMinZoom(population: number): number {
  const band = COMMUNE_LABEL_ZOOMS.find(({ minPopulation }) => population >= minPopulation);
  return band?.zoom ?? 11;
}

export interface CommuneLabel {
  kind: 'commune';
  name: string;
  insee: string;
  population: number;
  /** 1 for the most populated commune: the order in which the map places names when they collide. */
  rank: number;
  minzoom: number;
  lon: number;
  lat: number;
}

export interface DepartementLabel {
  kind: 'departement';
  name: string;
  code: string;
  lon: number;
  lat: number;
}

/** Every commune's label, most populated first (ties by name, so that the order never changes). */
export function communeLabels(communes: readonly Commune[]): CommuneLabel[] {
  return [...communes]
    .sort((a, b) => b.population - a.population || a.name.localeCompare(b.name, 'fr'))
    .map((commune, index) => ({
      kind: 'commune',
      name: commune.name,
      insee: commune.insee,
      population: commune.population,
      rank: index + 1,
      minzoom: communeLabelMinZoom(commune.population),
      lon: commune.lon,
      lat: commune.lat,
    }));
}

type Ring = readonly (readonly number[])[];
type PolygonCoordinates = readonly Ring[];
export interface AreaGeometry {
  type: string;
  coordinates: unknown;
}
export interface DepartementFeature {
  properties: { code?: unknown; nom?: unknown } | null;
  geometry: AreaGeometry | null;
}

/** Each department's name at a point well inside it (its largest part, away from its borders). */
export function departementLabels(features: readonly DepartementFeature[]): DepartementLabel[] {
  return features.flatMap((feature) => {
    const name = feature.properties?.nom;
    const code = feature.properties?.code;
    const polygon = feature.geometry ? largestPolygon(feature.geometry) : undefined;
    if (typeof name !== 'string' || typeof code !== 'string' || !polygon) return [];
    const [lon, lat] = labelPoint(polygon);
    return [{ kind: 'departement' as const, name, code, lon: round(lon), lat: round(lat) }];
  });
}

const round = (value: number) => Math.round(value * 1e4) / 1e4;

function largestPolygon(geometry: AreaGeometry): PolygonCoordinates | undefined {
  const polygons =
    geometry.type === 'Polygon'
      ? [geometry.coordinates as PolygonCoordinates]
      : geometry.type === 'MultiPolygon'
        ? (geometry.coordinates as PolygonCoordinates[])
        : [];
  let largest: PolygonCoordinates | undefined;
  let largestArea = -1;
  for (const polygon of polygons) {
    const area = Math.abs(ringArea(polygon[0] ?? []));
    if (area > largestArea) {
      largest = polygon;
      largestArea = area;
    }
  }
  return largest;
}

function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    sum += xj * yi - xi * yj;
  }
  return sum / 2;
}

function insideRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function distanceToSegment(x: number, y: number, a: readonly number[], b: readonly number[]): number {
  const [ax = 0, ay = 0] = a;
  const [bx = 0, by = 0] = b;
  const dx = bx - ax;
  const dy = by - ay;
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / length));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** How far inside the polygon a point is (negative outside it, or inside one of its holes). */
function depth(x: number, y: number, polygon: PolygonCoordinates): number {
  const [outer = [], ...holes] = polygon;
  const inside = insideRing(x, y, outer) && !holes.some((hole) => insideRing(x, y, hole));
  let nearest = Number.POSITIVE_INFINITY;
  for (const ring of polygon)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
      nearest = Math.min(nearest, distanceToSegment(x, y, ring[j] ?? [], ring[i] ?? []));
  return inside ? nearest : -nearest;
}

/**
 * A point inside the polygon, as far from its border as a grid search finds (the
 * « pole of inaccessibility », approximately): a name there stays inside the area,
 * where a centroid may fall outside a crescent-shaped department.
 */
export function labelPoint(polygon: PolygonCoordinates, steps = 24): [number, number] {
  const outer = polygon[0] ?? [];
  const xs = outer.map((point) => point[0] ?? 0);
  const ys = outer.map((point) => point[1] ?? 0);
  let minX = Math.min(...xs);
  let maxX = Math.max(...xs);
  let minY = Math.min(...ys);
  let maxY = Math.max(...ys);
  let best: [number, number] = [(minX + maxX) / 2, (minY + maxY) / 2];
  let bestDepth = depth(best[0], best[1], polygon);
  // A coarse grid over the whole shape, then a finer one around the best cell, twice.
  for (let pass = 0; pass < 3; pass++) {
    const stepX = (maxX - minX) / steps;
    const stepY = (maxY - minY) / steps;
    for (let i = 0; i <= steps; i++)
      for (let j = 0; j <= steps; j++) {
        const x = minX + i * stepX;
        const y = minY + j * stepY;
        const d = depth(x, y, polygon);
        if (d > bestDepth) {
          best = [x, y];
          bestDepth = d;
        }
      }
    [minX, maxX, minY, maxY] = [best[0] - stepX, best[0] + stepX, best[1] - stepY, best[1] + stepY];
  }
  return best;
}
