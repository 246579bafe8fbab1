import { OFFER_KINDS, type OfferKind } from '@cls/domain';
import { around } from 'geokdbush';
import KDBush from 'kdbush';
import { EARTH_RADIUS_KM, haversineKm, type LonLat } from './geo/distance.js';

/** What the index needs of an offer. `coverage`: INSEE codes of the communes a CPTS covers. */
export interface IndexedOffer {
  id: string;
  kind: OfferKind;
  lon: number;
  lat: number;
  coverage?: readonly string[];
}

export interface NearestQuery extends LonLat {
  /** Only these kinds; all kinds when absent. */
  kinds?: readonly OfferKind[];
  limit: number;
  maxDistanceKm?: number;
}

export interface Neighbour<T> {
  item: T;
  distanceKm: number;
}

/** The questions the portal asks of its offers: an index, a view of one, or what maps one. */
export type OfferQueries<T> = {
  readonly size: number;
  all(): T[];
  nearest(query: NearestQuery): Neighbour<T>[];
  withinRadius(center: LonLat, radiusKm: number, kinds?: readonly OfferKind[]): Neighbour<T>[];
  inBounds(bounds: Bounds, kinds?: readonly OfferKind[]): T[];
  coveringCommune(insee: string): T[];
};

/** [west, south, east, north], in degrees. */
export type Bounds = readonly [number, number, number, number];

/**
 * geokdbush measures with a 6,371 km radius; this package with EARTH_RADIUS_KM. The same angle
 * is `km × 6371 / EARTH_RADIUS_KM` for geokdbush, widened a little so that rounding never
 * leaves out a point at the limit: the exact limit is applied again with haversineKm.
 */
const GEOKDBUSH_RADIUS_KM = 6371;
const toGeokdbushKm = (km: number) => (km * GEOKDBUSH_RADIUS_KM) / EARTH_RADIUS_KM + 1e-9 * (1 + km);

const byDistanceThenId = <T extends IndexedOffer>(a: Neighbour<T>, b: Neighbour<T>) =>
  a.distanceKm - b.distanceKm || compareIds(a.item.id, b.item.id);
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** What an index holds, shared by the views of it (`where`). */
interface IndexBase<T extends IndexedOffer> {
  items: readonly T[];
  tree: KDBush | undefined;
  byCommune: Map<string, T[]>;
}

/**
 * The offers of a map, indexed once for the portal's questions: the nearest ones, those within
 * a radius or a map view, those covering a commune. Distances are great-circle, in km.
 */
export class OfferIndex<T extends IndexedOffer> implements OfferQueries<T> {
  #base: IndexBase<T>;
  /** A view's filter (`where`): the offers it fails are not in the view. */
  #visible: ((item: T) => boolean) | undefined;
  #size: number | undefined;

  constructor(items: readonly T[]) {
    this.#base = indexBase(items);
  }

  /**
   * The same index seen through a filter, at no cost: no copy, no new tree (the offers of one day
   * among every version of them). Every question to the view is answered as an index built with
   * the offers that pass would answer it.
   */
  where(visible: (item: T) => boolean): OfferIndex<T> {
    const view = new OfferIndex<T>([]);
    view.#base = this.#base;
    const outer = this.#visible;
    view.#visible = outer ? (item) => outer(item) && visible(item) : visible;
    return view;
  }

  get size(): number {
    const visible = this.#visible;
    if (!visible) return this.#base.items.length;
    this.#size ??= this.#base.items.reduce((count, item) => (visible(item) ? count + 1 : count), 0);
    return this.#size;
  }

  /** Every offer of the index, in the order it was built with. */
  all(): T[] {
    const visible = this.#visible;
    return visible ? this.#base.items.filter((item) => visible(item)) : [...this.#base.items];
  }

  /** The `limit` nearest offers, nearest first (ties by id), within maxDistanceKm when given. */
  nearest(query: NearestQuery): Neighbour<T>[] {
    const tree = this.#base.tree;
    if (!tree || !(query.limit > 0)) return [];
    const predicate = this.#predicate(query.kinds);
    const maxDistance = query.maxDistanceKm === undefined ? undefined : toGeokdbushKm(query.maxDistanceKm);
    const first = this.#neighbours(
      around(tree, query.lon, query.lat, query.limit, maxDistance, predicate),
      query,
    );
    if (first.length < query.limit)
      return this.#keepWithin(first, query.maxDistanceKm).sort(byDistanceThenId);
    // geokdbush ranks by its own rounding, and cuts ties anyhow: take again every point as close
    // as the farthest one found, then rank them all by haversineKm and id.
    const farthest = first.reduce((max, neighbour) => Math.max(max, neighbour.distanceKm), 0);
    const candidates = this.#neighbours(
      around(tree, query.lon, query.lat, Number.POSITIVE_INFINITY, toGeokdbushKm(farthest), predicate),
      query,
    );
    return this.#keepWithin(candidates, query.maxDistanceKm).sort(byDistanceThenId).slice(0, query.limit);
  }

  /** Offers within `radiusKm` of `center`, nearest first (ties by id). */
  withinRadius(center: LonLat, radiusKm: number, kinds?: readonly OfferKind[]): Neighbour<T>[] {
    const tree = this.#base.tree;
    if (!tree || !(radiusKm >= 0)) return [];
    const ids = around(
      tree,
      center.lon,
      center.lat,
      Number.POSITIVE_INFINITY,
      toGeokdbushKm(radiusKm),
      this.#predicate(kinds),
    );
    return this.#keepWithin(this.#neighbours(ids, center), radiusKm).sort(byDistanceThenId);
  }

  /**
   * Offers inside [west, south, east, north], by id. A view across the antimeridian has
   * west > east: it is read as the two boxes on either side.
   */
  inBounds(bounds: Bounds, kinds?: readonly OfferKind[]): T[] {
    const tree = this.#base.tree;
    const [west, south, east, north] = bounds;
    if (!tree || !(south <= north) || ![west, south, east, north].every(Number.isFinite)) return [];
    const ids =
      west <= east
        ? tree.range(west, south, east, north)
        : [...tree.range(west, south, 180, north), ...tree.range(-180, south, east, north)];
    const predicate = this.#predicate(kinds);
    return [...new Set(ids)]
      .filter((id) => !predicate || predicate(id))
      .map((id) => this.#base.items[id] as T)
      .sort((a, b) => compareIds(a.id, b.id));
  }

  /** Offers whose coverage includes the commune (CPTS), by id. */
  coveringCommune(insee: string): T[] {
    const visible = this.#visible;
    const covering = this.#base.byCommune.get(insee) ?? [];
    return (visible ? covering.filter((item) => visible(item)) : [...covering]).sort((a, b) =>
      compareIds(a.id, b.id),
    );
  }

  #predicate(kinds: readonly OfferKind[] | undefined): ((id: number) => boolean) | undefined {
    const { items } = this.#base;
    const visible = this.#visible;
    const wanted = kinds ? new Set(kinds) : undefined;
    if (!wanted) return visible && ((id) => visible(items[id] as T));
    return (id) => {
      const item = items[id] as T;
      return wanted.has(item.kind) && (!visible || visible(item));
    };
  }

  #neighbours(ids: number[], from: LonLat): Neighbour<T>[] {
    return ids.map((id) => {
      const item = this.#base.items[id] as T;
      return { item, distanceKm: haversineKm(from, item) };
    });
  }

  #keepWithin(neighbours: Neighbour<T>[], maxDistanceKm: number | undefined): Neighbour<T>[] {
    return maxDistanceKm === undefined
      ? neighbours
      : neighbours.filter((neighbour) => neighbour.distanceKm <= maxDistanceKm);
  }
}

/**
 * Two sets of offers answered as one (an index and the few offers changed since it was built):
 * each question asked of both, the answers merged in the order one index would give them.
 * `all()` gives the first's offers then the second's.
 */
export class OfferQueriesUnion<T extends IndexedOffer> implements OfferQueries<T> {
  constructor(
    private readonly first: OfferQueries<T>,
    private readonly second: OfferQueries<T>,
  ) {}

  get size(): number {
    return this.first.size + this.second.size;
  }

  all(): T[] {
    return [...this.first.all(), ...this.second.all()];
  }

  nearest(query: NearestQuery): Neighbour<T>[] {
    return [...this.first.nearest(query), ...this.second.nearest(query)]
      .sort(byDistanceThenId)
      .slice(0, Math.max(0, query.limit));
  }

  withinRadius(center: LonLat, radiusKm: number, kinds?: readonly OfferKind[]): Neighbour<T>[] {
    return [
      ...this.first.withinRadius(center, radiusKm, kinds),
      ...this.second.withinRadius(center, radiusKm, kinds),
    ].sort(byDistanceThenId);
  }

  inBounds(bounds: Bounds, kinds?: readonly OfferKind[]): T[] {
    return [...this.first.inBounds(bounds, kinds), ...this.second.inBounds(bounds, kinds)].sort((a, b) =>
      compareIds(a.id, b.id),
    );
  }

  coveringCommune(insee: string): T[] {
    return [...this.first.coveringCommune(insee), ...this.second.coveringCommune(insee)].sort((a, b) =>
      compareIds(a.id, b.id),
    );
  }
}

/** The items, their tree and the CPTS by commune they cover; checks every position. */
function indexBase<T extends IndexedOffer>(source: readonly T[]): IndexBase<T> {
  const items = [...source];
  const byCommune = new Map<string, T[]>();
  for (const item of items) {
    if (
      !Number.isFinite(item.lon) ||
      !Number.isFinite(item.lat) ||
      Math.abs(item.lon) > 180 ||
      Math.abs(item.lat) > 90
    ) {
      throw new Error(
        `Index des offres : coordonnées invalides pour l’offre ${item.id} (${item.lon}, ${item.lat})`,
      );
    }
    if (!item.coverage?.length) continue;
    for (const insee of new Set(item.coverage)) {
      const covering = byCommune.get(insee);
      if (covering) covering.push(item);
      else byCommune.set(insee, [item]);
    }
  }
  // No tree for no offers: every question to an empty index is answered with nothing.
  if (items.length === 0) return { items, tree: undefined, byCommune };
  const tree = new KDBush(items.length);
  for (const item of items) tree.add(item.lon, item.lat);
  return { items, tree: tree.finish(), byCommune };
}

/** How many offers of each kind, every kind listed (0 when none): for the portal's filter badges. */
export function countByKind(items: Iterable<{ kind: OfferKind }>): Record<OfferKind, number> {
  const counts = Object.fromEntries(OFFER_KINDS.map((kind) => [kind, 0])) as Record<OfferKind, number>;
  for (const { kind } of items) counts[kind] += 1;
  return counts;
}
