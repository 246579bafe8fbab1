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
 */
export class OfferIndexCache {
  #current: Promise<CurrentOffers> | undefined;
  #key = '';
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
    const key = `${revision}@${today}`;
    if (!this.#current || key !== this.#key) {
      const building = this.#build(revision, today);
      this.#current = building;
      this.#key = key;
      building.catch(() => {
        if (this.#current === building) this.#current = undefined;
      });
    }
    return this.#current;
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
