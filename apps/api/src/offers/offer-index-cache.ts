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
import { OfferIndex, type OfferQueries, OfferQueriesUnion } from '@cls/offers';
import type { OfferRow, ReadModelQueries } from '@cls/projections';
import { FreshRead } from './fresh-read.js';
import { LayeredMap } from './layered-map.js';

/** When an offer is « à vérifier », and what day it is. */
export interface OfferFreshness {
  /** An offer not verified for longer is shown « à vérifier » (OFFER_STALE_AFTER_DAYS). */
  staleAfterDays: number;
  /** Today, YYYY-MM-DD: the business day (Europe/Paris) unless a test pins it. */
  today?: () => string;
}

export const todayOf = (freshness: OfferFreshness): string => freshness.today?.() ?? businessDay();

/** An offer as the portal shows it, with its read model row. */
export interface OfferEntry {
  row: OfferRow;
  summary: OfferSummary;
}

/** The offers as the read model has them at one revision, on one day. */
export interface CurrentOffers {
  revision: number;
  /** The day `stale` was computed on. */
  today: string;
  /** Open offers, as the portal shows them. */
  index: OfferQueries<OfferSummary>;
  /** Every offer, closed ones too, with its read model row. */
  byId: ReadonlyMap<string, OfferEntry>;
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
 * times a second cost one build at a time, not one per revision.
 *
 * A build after the first, on the same day, reads only the rows an event changed since the
 * revision of the one before (their `changed_at`): those offers are answered from a small
 * index beside the last full one, which is built again from every row past REBUILD_AFTER
 * of them, and every new day (the « à vérifier » flags, and the contracts' and actions'
 * names of the links, which no offer event moves).
 */
export class OfferIndexCache {
  /** The build started last (perhaps still running), what it answers for. */
  #latest: { revision: number; today: string; offers: Promise<CurrentOffers> } | undefined;
  #running: Promise<CurrentOffers> | undefined;
  #next: Promise<CurrentOffers> | undefined;
  /** The last build that succeeded, what the next one updates. */
  #built: Built | undefined;
  readonly #revision: FreshRead<number>;

  constructor(
    private readonly queries: Pick<ReadModelQueries, 'offers' | 'offersChangedSince' | 'offersRevision'>,
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
    const last = this.#built;
    const changed =
      last && last.today === today && last.changed.size <= REBUILD_AFTER
        ? await this.queries.offersChangedSince(last.revision)
        : undefined;
    // Undefined: no last build to update, or the read model cannot tell what changed (an older version).
    const built =
      last && changed
        ? this.#updated(last, changed, revision)
        : this.#whole(await this.queries.offers(), revision, today);
    // Builds run one at a time, each after the one before: the last to succeed is the newest.
    this.#built = built;
    return built;
  }

  /** Every row read: one index of the open offers. */
  #whole(rows: OfferRow[], revision: number, today: string): Built {
    const byId = new Map<string, OfferEntry>();
    const open: OfferSummary[] = [];
    for (const row of rows) {
      const entry = this.#entry(row, today);
      if (!entry) continue;
      byId.set(row.id, entry);
      if (!row.closedOn) open.push(entry.summary);
    }
    const index = new OfferIndex(open);
    return { revision, today, index, byId, whole: { index, byId }, changed: new Map() };
  }

  /**
   * The rows changed since `last`: answered beside its whole index, in place of their older state,
   * and read through a layer over its whole map of offers (never copied: 700,000 entries at
   * national size).
   */
  #updated(last: Built, rows: OfferRow[], revision: number): Built {
    if (rows.length === 0) return { ...last, revision };
    const changed = new Map(last.changed);
    for (const row of rows) changed.set(row.id, this.#entry(row, last.today));
    const fresh: OfferSummary[] = [];
    for (const entry of changed.values()) if (entry && !entry.row.closedOn) fresh.push(entry.summary);
    const index = new OfferQueriesUnion(
      last.whole.index.where((offer) => !changed.has(offer.id)),
      new OfferIndex(fresh),
    );
    const byId = new LayeredMap(last.whole.byId, changed);
    return { revision, today: last.today, index, byId, whole: last.whole, changed };
  }

  /** An offer of a known kind as the portal shows it, with its row; none for another kind. */
  #entry(row: OfferRow, today: string): OfferEntry | undefined {
    if (!isOfferKind(row.kind)) return undefined;
    const stale = isOfferStale(row.verifiedOn, today, this.freshness.staleAfterDays);
    return { row, summary: summaryOf(row, row.kind, stale) };
  }
}

/** Offers changed since the last whole index, beyond which the next build reads every row. */
const REBUILD_AFTER = 5000;

/**
 * A build, with what the next one updates: the last whole build (its index and its offers) and
 * the offers changed since (undefined: no longer shown).
 */
interface Built extends CurrentOffers {
  whole: { index: OfferIndex<OfferSummary>; byId: ReadonlyMap<string, OfferEntry> };
  changed: ReadonlyMap<string, OfferEntry | undefined>;
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
