import type { OfferSummary } from '@cls/api';
import {
  businessDay,
  isOfferAccess,
  isOfferKind,
  isOfferPublic,
  isOfferService,
  isOfferStale,
  type OfferKind,
} from '@cls/domain';
import { OfferIndex } from '@cls/offers';
import type { OfferRow, ReadModelQueries } from '@cls/projections';
import { FreshRead } from './fresh-read.js';

/** When an offer is « à vérifier », and what day it is. */
export interface OfferFreshness {
  /** An offer not verified for longer is shown « à vérifier » (OFFER_STALE_AFTER_DAYS). */
  staleAfterDays: number;
  /** Today, YYYY-MM-DD: the business day (Europe/Paris) unless a test pins it. */
  today?: () => string;
}

export const todayOf = (freshness: OfferFreshness): string => freshness.today?.() ?? businessDay();

/** The offers as the read model has them at one revision, on one day. */
export interface CurrentOffers {
  revision: number;
  /** The day `stale` was computed on. */
  today: string;
  /** Open offers, as the portal shows them. */
  index: OfferIndex<OfferSummary>;
  /** Every offer, closed ones too, with its read model row. */
  byId: Map<string, { row: OfferRow; summary: OfferSummary }>;
}

/**
 * The spatial index of the open offers, built from the offers read model and kept
 * until an offer event moves the read model's revision (one cheap query tells) or the
 * day changes (an offer turns « à vérifier » at midnight). Concurrent readers share one build,
 * and the revision query too (a FreshRead: never one started before the reader asked).
 *
 * A reader is answered by a build of the day whose revision is at least the one it read.
 * While a build runs, readers who need a newer one share a single next build, started
 * when the running one ends and reading the revision again then: offers registered many
 * times a second cost one build at a time, not one per revision, each reading every row.
 */
export class OfferIndexCache {
  /** The build started last (perhaps still running), what it answers for. */
  #latest: { revision: number; today: string; offers: Promise<CurrentOffers> } | undefined;
  #running: Promise<CurrentOffers> | undefined;
  #next: Promise<CurrentOffers> | undefined;
  readonly #revision: FreshRead<number>;

  constructor(
    private readonly queries: Pick<ReadModelQueries, 'offers' | 'offersRevision'>,
    private readonly freshness: OfferFreshness,
  ) {
    this.#revision = new FreshRead(() => this.queries.offersRevision());
  }

  async current(): Promise<CurrentOffers> {
    const revision = await this.#revision.get();
    const today = todayOf(this.freshness);
    const latest = this.#latest;
    if (latest && latest.today === today && latest.revision >= revision) return latest.offers;
    const running = this.#running;
    if (!running) return this.#start(revision, today);
    if (!this.#next) {
      const started = async () => {
        this.#next = undefined;
        // Read again: at least what every reader waiting here saw, as they all asked before now.
        return this.#start(await this.queries.offersRevision(), todayOf(this.freshness));
      };
      this.#next = running.then(started, started);
    }
    return this.#next;
  }

  #start(revision: number, today: string): Promise<CurrentOffers> {
    const building = this.#build(revision, today);
    this.#latest = { revision, today, offers: building };
    this.#running = building;
    const ended = () => {
      if (this.#running === building) this.#running = undefined;
    };
    building.then(ended, () => {
      ended();
      if (this.#latest?.offers === building) this.#latest = undefined;
    });
    return building;
  }

  async #build(revision: number, today: string): Promise<CurrentOffers> {
    const rows = await this.queries.offers();
    const byId = new Map<string, { row: OfferRow; summary: OfferSummary }>();
    const open: OfferSummary[] = [];
    for (const row of rows) {
      if (!isOfferKind(row.kind)) continue;
      const summary = summaryOf(
        row,
        row.kind,
        isOfferStale(row.verifiedOn, today, this.freshness.staleAfterDays),
      );
      byId.set(row.id, { row, summary });
      if (!row.closedOn) open.push(summary);
    }
    return { revision, today, index: new OfferIndex(open), byId };
  }
}

function summaryOf(row: OfferRow, kind: OfferKind, stale: boolean): OfferSummary {
  return {
    id: row.id,
    finess: row.finess,
    name: row.name,
    kind,
    address: row.addressLine,
    postcode: row.postcode,
    commune: row.communeName,
    communeInsee: row.communeInsee,
    phone: row.phone,
    lon: row.lon,
    lat: row.lat,
    source: row.source,
    rpps: row.rpps,
    practitioner: row.practitioner?.name ?? null,
    practice: row.practice,
    positionPrecision: row.positionPrecision,
    emergency: row.emergency,
    verifiedOn: row.verifiedOn,
    stale,
    coverage: row.coverage,
    support: row.links,
    openingHours: row.openingHours,
    publics: (row.publics ?? []).filter(isOfferPublic),
    access: (row.access ?? []).filter(isOfferAccess),
    languages: row.languages ?? [],
    services: (row.services ?? []).filter(isOfferService),
    wheelchair: row.wheelchair,
    teleconsultation: row.teleconsultation,
    appointmentUrl: row.appointmentUrl,
  };
}
