import type { OfferSummary } from '@cls/api';
import type { Bounds, LonLat, NearestQuery, Neighbour, OfferQueries } from '@cls/offers';

/**
 * What the portal's search and the exports ask of the directory of one day: today's (the
 * index in memory) or a past day's (read from the log, see PastDayOffers). Asynchronous, as a
 * past day is read from the database question by question.
 */
export interface DayOffers {
  inBounds(bounds: Bounds): Promise<OfferSummary[]>;
  /** Nearest first. */
  withinRadius(center: LonLat, radiusKm: number): Promise<Neighbour<OfferSummary>[]>;
  nearest(query: NearestQuery): Promise<Neighbour<OfferSummary>[]>;
  /** The CPTS covering this commune. */
  coveringCommune(insee: string): Promise<OfferSummary[]>;
  /** Every offer: nearest to `center` first when it is given. */
  all(center?: LonLat): Promise<OfferSummary[]>;
}

/** An index in memory (today's offers) as a day's directory. */
export function dayOfIndex(index: OfferQueries<OfferSummary>): DayOffers {
  return {
    inBounds: async (bounds) => index.inBounds(bounds),
    withinRadius: async (center, radiusKm) => index.withinRadius(center, radiusKm),
    nearest: async (query) => index.nearest(query),
    coveringCommune: async (insee) => index.coveringCommune(insee),
    all: async (center) =>
      center ? index.nearest({ ...center, limit: index.size }).map(({ item }) => item) : index.all(),
  };
}
