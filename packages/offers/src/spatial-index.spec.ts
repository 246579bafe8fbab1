import type { OfferKind } from '@cls/domain';
import { describe, expect, it } from 'vitest';
import { haversineKm, type LonLat } from './geo/distance.js';
import {
  type Bounds,
  countByKind,
  type IndexedOffer,
  OfferIndex,
  type OfferQueries,
  OfferQueriesUnion,
} from './spatial-index.js';

/** A seeded pseudo-random generator (mulberry32): the same points on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const KINDS: OfferKind[] = ['msp', 'cpts', 'cmp', 'hopital', 'pmi'];
const next = random(20261123);
const between = (low: number, high: number) => low + (high - low) * next();
const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;

/** 5,000 points over France, a few near the poles and the antimeridian, and exact duplicates (ties). */
function generatePoints(): IndexedOffer[] {
  const points: IndexedOffer[] = [];
  const add = (lon: number, lat: number) =>
    points.push({ id: `o${String(points.length).padStart(5, '0')}`, kind: pick(KINDS), lon, lat });
  for (let i = 0; i < 5000; i += 1) add(between(-5, 9.6), between(41.3, 51.1));
  for (let i = 0; i < 60; i += 1) add(between(-180, 180), between(84, 90));
  for (let i = 0; i < 60; i += 1) add(between(-180, 180), between(-90, -84));
  for (let i = 0; i < 80; i += 1) add(pick([between(178, 180), between(-180, -178)]), between(-20, 20));
  for (let i = 0; i < 200; i += 1) {
    const twin = pick(points);
    add(twin.lon, twin.lat);
  }
  // Shuffled so that ids are not in the order of the points.
  return points.map((point) => ({ ...point, id: `${point.id}-${Math.floor(next() * 1e6)}` })).reverse();
}

const points = generatePoints();
const index = new OfferIndex(points);

function queryPoint(): LonLat {
  const where = next();
  if (where < 0.7) return { lon: between(-5, 9.6), lat: between(41.3, 51.1) };
  if (where < 0.8) return { lon: between(-180, 180), lat: pick([between(80, 90), between(-90, -80)]) };
  if (where < 0.9) return { lon: pick([between(175, 180), between(-180, -175)]), lat: between(-25, 25) };
  // Exactly on a point, to exercise ties at distance zero.
  const on = pick(points);
  return { lon: on.lon, lat: on.lat };
}

const byDistanceThenId = (a: { id: string; d: number }, b: { id: string; d: number }) =>
  a.d - b.d || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function bruteForce(center: LonLat, kinds?: OfferKind[]) {
  return points
    .filter((point) => !kinds || kinds.includes(point.kind))
    .map((point) => ({ id: point.id, d: haversineKm(center, point) }))
    .sort(byDistanceThenId);
}

const randomKinds = (): OfferKind[] | undefined =>
  next() < 0.5 ? undefined : KINDS.filter(() => next() < 0.4);

// 200 brute-force queries each: seconds alone, more beside the whole suite on two cores.
describe('OfferIndex against a brute-force haversine', { timeout: 90_000 }, () => {
  it('finds the same k nearest, in the same order, with or without kinds and a distance limit', () => {
    for (let q = 0; q < 200; q += 1) {
      const center = queryPoint();
      const kinds = randomKinds();
      const limit = pick([1, 2, 5, 10, 50, 300]);
      const maxDistanceKm = next() < 0.3 ? between(1, 500) : undefined;
      const expected = bruteForce(center, kinds)
        .filter((found) => maxDistanceKm === undefined || found.d <= maxDistanceKm)
        .slice(0, limit);
      const found = index.nearest({ ...center, kinds, limit, maxDistanceKm });
      expect(
        found.map((neighbour) => neighbour.item.id),
        JSON.stringify({ center, kinds, limit }),
      ).toEqual(expected.map((e) => e.id));
      expect(found.map((neighbour) => neighbour.distanceKm)).toEqual(expected.map((e) => e.d));
    }
  });

  it('finds the same points within a radius', () => {
    for (let q = 0; q < 200; q += 1) {
      const center = queryPoint();
      const kinds = randomKinds();
      const radiusKm = pick([0, 0.5, 5, 30, 120, 800, 3000]);
      const expected = bruteForce(center, kinds).filter((found) => found.d <= radiusKm);
      const found = index.withinRadius(center, radiusKm, kinds);
      expect(found.map((neighbour) => neighbour.item.id)).toEqual(expected.map((e) => e.id));
    }
  });

  it('finds the same points in a box', () => {
    for (let q = 0; q < 200; q += 1) {
      const kinds = randomKinds();
      const west = between(-180, 180);
      const south = between(-90, 90);
      const bounds: Bounds = [
        west,
        south,
        Math.min(180, west + between(0, 40)),
        Math.min(90, south + between(0, 20)),
      ];
      const expected = points
        .filter((p) => p.lon >= bounds[0] && p.lon <= bounds[2] && p.lat >= bounds[1] && p.lat <= bounds[3])
        .filter((p) => !kinds || kinds.includes(p.kind))
        .map((p) => p.id)
        .sort();
      expect(index.inBounds(bounds, kinds).map((p) => p.id)).toEqual(expected);
    }
  });

  it('reads a box across the antimeridian as its two halves', () => {
    const expected = points
      .filter((p) => (p.lon >= 178.5 || p.lon <= -178.5) && p.lat >= -10 && p.lat <= 10)
      .map((p) => p.id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(index.inBounds([178.5, -10, -178.5, 10]).map((p) => p.id)).toEqual(expected);
    expect(index.inBounds([10, 50, 0, 40])).toEqual([]);
  });
});

/** Asks both 100 random questions (nearest, within a radius, in a box) and expects the same answers. */
function expectSameAnswers(tested: OfferQueries<IndexedOffer>, reference: OfferIndex<IndexedOffer>): void {
  for (let q = 0; q < 100; q += 1) {
    const center = queryPoint();
    const kinds = randomKinds();
    const limit = pick([1, 5, 10, 300]);
    expect(tested.nearest({ ...center, kinds, limit })).toEqual(
      reference.nearest({ ...center, kinds, limit }),
    );
    const radiusKm = pick([5, 120, 3000]);
    expect(tested.withinRadius(center, radiusKm, kinds)).toEqual(
      reference.withinRadius(center, radiusKm, kinds),
    );
    const west = between(-10, 10);
    const south = between(40, 50);
    const bounds: Bounds = [west, south, west + between(0, 10), south + between(0, 5)];
    expect(tested.inBounds(bounds, kinds)).toEqual(reference.inBounds(bounds, kinds));
  }
}

describe('OfferIndex.where, a view through a filter', { timeout: 90_000 }, () => {
  // A third of the points, as if the others were other days' versions of the offers.
  const kept = (point: IndexedOffer) => point.id.charCodeAt(point.id.length - 1) % 3 === 0;
  const view = index.where(kept);
  const built = new OfferIndex(points.filter(kept));

  it('answers every question as an index built with the offers that pass', () => {
    expect(view.size).toBe(built.size);
    expect(view.size).toBeLessThan(index.size);
    expect(view.all()).toEqual(built.all());
    expectSameAnswers(view, built);
  });

  it('filters the communes a CPTS covers, and a view of a view passes both filters', () => {
    const covering = new OfferIndex([
      { id: 'c1', kind: 'cpts', lon: 3.5, lat: 43.6, coverage: ['34079'] },
      { id: 'c2', kind: 'cpts', lon: 3.6, lat: 43.6, coverage: ['34079'] },
      { id: 'c3', kind: 'cpts', lon: 3.7, lat: 43.6, coverage: ['34079'] },
    ]);
    const notFirst = covering.where((offer) => offer.id !== 'c1');
    expect(notFirst.coveringCommune('34079').map((offer) => offer.id)).toEqual(['c2', 'c3']);
    const onlySecond = notFirst.where((offer) => offer.id !== 'c3');
    expect(onlySecond.coveringCommune('34079').map((offer) => offer.id)).toEqual(['c2']);
    expect(onlySecond.nearest({ lon: 3.7, lat: 43.6, limit: 3 }).map((n) => n.item.id)).toEqual(['c2']);
    expect(covering.size).toBe(3);
  });
});

describe('OfferQueriesUnion, two indexes answered as one', { timeout: 90_000 }, () => {
  // A few points apart, as the offers changed since an index was built.
  const changed = (point: IndexedOffer) => point.id.charCodeAt(point.id.length - 2) % 7 === 0;
  const union = new OfferQueriesUnion(
    new OfferIndex(points.filter((point) => !changed(point))),
    new OfferIndex(points.filter(changed)),
  );
  const byId = (offers: IndexedOffer[]) => offers.map((offer) => offer.id).sort();

  it('answers every question as one index of all the offers', () => {
    expect(points.filter(changed).length).toBeGreaterThan(100);
    expect(union.size).toBe(index.size);
    expect(byId(union.all())).toEqual(byId(index.all()));
    expectSameAnswers(union, index);
  });
});

describe('OfferIndex', () => {
  const offers = [
    { id: 'b', kind: 'msp', lon: 3.87, lat: 43.61 },
    { id: 'a', kind: 'msp', lon: 3.87, lat: 43.61 },
    { id: 'c', kind: 'cpts', lon: 3.5, lat: 43.6, coverage: ['34079', '34013', '34079'] },
    { id: 'd', kind: 'cpts', lon: 3.2, lat: 43.3, coverage: ['34032'] },
  ] satisfies IndexedOffer[];
  const small = new OfferIndex(offers);

  it('breaks ties by id and keeps the distance it measured', () => {
    const found = small.nearest({ lon: 3.87, lat: 43.61, limit: 2 });
    expect(found.map((n) => [n.item.id, n.distanceKm])).toEqual([
      ['a', 0],
      ['b', 0],
    ]);
    expect(small.nearest({ lon: 3.87, lat: 43.61, limit: 1, kinds: ['cpts'] })[0]?.item.id).toBe('c');
    expect(
      small.nearest({ lon: 3.87, lat: 43.61, limit: 5, maxDistanceKm: 1 }).map((n) => n.item.id),
    ).toEqual(['a', 'b']);
  });

  it('gives the offers covering a commune', () => {
    expect(small.coveringCommune('34079').map((o) => o.id)).toEqual(['c']);
    expect(small.coveringCommune('34032').map((o) => o.id)).toEqual(['d']);
    expect(small.coveringCommune('11069')).toEqual([]);
  });

  it('answers nothing when empty, or to a meaningless query', () => {
    const empty = new OfferIndex<IndexedOffer>([]);
    expect([empty.size, small.size]).toEqual([0, 4]);
    expect(empty.nearest({ lon: 3, lat: 43, limit: 3 })).toEqual([]);
    expect(empty.withinRadius({ lon: 3, lat: 43 }, 10)).toEqual([]);
    expect(empty.inBounds([-180, -90, 180, 90])).toEqual([]);
    expect(small.nearest({ lon: 3, lat: 43, limit: 0 })).toEqual([]);
    expect(small.withinRadius({ lon: 3, lat: 43 }, -1)).toEqual([]);
    expect(small.inBounds([0, 50, 10, 40])).toEqual([]);
  });

  it('refuses an offer without valid coordinates', () => {
    expect(() => new OfferIndex([{ id: 'x', kind: 'msp', lon: Number.NaN, lat: 43 }])).toThrow(
      'Index des offres : coordonnées invalides pour l’offre x (NaN, 43)',
    );
  });

  // Its speed is measured by bench/offers, not asserted here (absolute times never gate the suite).
  it('answers over 100,000 offers as a brute force would, coverage included', () => {
    const many: IndexedOffer[] = Array.from({ length: 100_000 }, (_, i) => ({
      id: `m${i}`,
      kind: pick(KINDS),
      lon: between(-5, 9.6),
      lat: between(41.3, 51.1),
      ...(i % 100 === 0 ? { coverage: [`34${String(i % 1000).padStart(3, '0')}`] } : {}),
    }));
    const built = new OfferIndex(many);
    for (let q = 0; q < 10; q += 1) {
      const center = { lon: between(-5, 9.6), lat: between(41.3, 51.1) };
      // The 10 smallest of 100,000 distances, kept in order as they come (a full sort is slower).
      const expected: Array<{ id: string; d: number }> = [];
      for (const offer of many) {
        const found = { id: offer.id, d: haversineKm(center, offer) };
        const last = expected[9];
        if (last && byDistanceThenId(found, last) >= 0) continue;
        let at = expected.length;
        while (at > 0 && byDistanceThenId(found, expected[at - 1] as typeof found) < 0) at -= 1;
        expected.splice(at, 0, found);
        if (expected.length > 10) expected.pop();
      }
      expect(built.nearest({ ...center, limit: 10 }).map(({ item }) => item.id)).toEqual(
        expected.map((e) => e.id),
      );
    }
    const covering = many.filter((offer) => offer.coverage?.includes('34000')).map((offer) => offer.id);
    expect(covering).toHaveLength(100);
    expect(
      built
        .coveringCommune('34000')
        .map((offer) => offer.id)
        .sort(),
    ).toEqual(covering.sort());
  });
});

describe('countByKind', () => {
  it('counts each kind, every kind listed', () => {
    const counts = countByKind([{ kind: 'msp' }, { kind: 'msp' }, { kind: 'cmp' }]);
    expect(counts.msp).toBe(2);
    expect(counts.cmp).toBe(1);
    expect(counts.hopital).toBe(0);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(3);
  });
});
