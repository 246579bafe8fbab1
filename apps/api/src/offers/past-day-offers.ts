import type { OfferSummary } from '@cls/api';
import {
  endOfDay,
  heldAtEndOf,
  type OfferAsOf,
  OfferHistory,
  type OfferVersion,
  offerStreams,
} from '@cls/audit';
import { isOfferStale } from '@cls/domain';
import type { EventStore, RecordedEvent } from '@cls/event-store';
import { type Bounds, EARTH_RADIUS_KM, type LonLat, type NearestQuery, OfferIndex } from '@cls/offers';
import type { OfferArea, ReadModelQueries } from '@cls/projections';
import type { DayOffers } from './day-offers.js';
import {
  everyPage,
  foldOffers,
  type OfferFold,
  type OfferFolds,
  READ_PAGE,
  readOfferStreams,
  STREAMS_PER_QUERY,
} from './offer-folds.js';
import type { CurrentOffers, OfferFreshness, OfferIndexCache } from './offer-index-cache.js';

/** Offers folded between two yields to the event loop. */
const FOLD_CHUNK = 500;
/** Queries of offer streams under way at once, for one question. */
const QUERIES_AT_ONCE = 4;
/** The first radius a past day's nearest offers are looked for in; multiplied by 4 until enough are found. */
const FIRST_RADIUS_KM = 5;
/**
 * The most offers a question folds on its own (a department's view at national density holds
 * about 12,500): a wider view (a region, the country) is answered from every offer's history,
 * folded once and shared, so that many clients asking for wide views of many days cost one
 * fold, not one each (issue 13).
 */
const VIEW_FOLD_LIMIT = 20_000;
/** Offers whose fold is kept between questions (two department views at national density). */
const FOLDED_KEPT = 30_000;
/** How long every offer's history is kept after the last question that read it. */
const WHOLE_KEPT_MS = 60_000;
/** Questions folding their own offers at once: the others wait, so that memory stays bounded under a flood of them. */
const FOLDS_AT_ONCE = 2;
/** Half the Earth's circumference: a circle this wide holds every offer. */
const WHOLE_EARTH_KM = Math.PI * EARTH_RADIUS_KM;

/**
 * The open offers at the end of a past day (the portal's `?date=`), answered question by
 * question for a view from each offer's versions (OfferHistory, the audit's reading of an
 * offer's history: an event may be dated before those recorded earlier), and an index of those
 * open at the end of the day, with their position then.
 *
 * The versions are kept ready by OfferFoldsKeeper (OfferFolds): once its checkpoint has reached
 * the revision the read model has applied, a view's are read whole with the offers ever in it,
 * but for the offers whose version that holds now already held at the end of the day: those are
 * shown by the current offers' own summaries, their versions not read (most offers of a view,
 * most days: the first question of a view at national size parsed 10 MB of versions otherwise).
 * Otherwise the offers read model names the offers that may be in a view on some day (every
 * position each has had, every commune a CPTS has covered: `offersEverIn`), each takes its fold
 * kept for exactly its last event, and those without one have their streams read and folded
 * by the question.
 *
 * A question about the whole directory (no view) or a view of more than VIEW_FOLD_LIMIT offers,
 * or any question while the live read model is of a version that keeps no history (a newer one
 * being built beside it), is answered from every offer's history, folded once per revision of
 * the offers and shared by every question (many clients asking many days at once fold it
 * once: issue 13).
 */
export class PastDayOffers {
  /** Every offer's history, for questions about the whole directory: the fold of the latest revision asked. */
  #whole: Whole | undefined;
  /**
   * The summaries of the offers' states, for one state of the current offers (whose names they
   * show): the states of the shared history are the same objects whatever the day asked.
   */
  readonly #summaries = new WeakMap<CurrentOffers, WeakMap<OfferAsOf, OfferSummary>>();
  readonly #folds = new Turns(FOLDS_AT_ONCE);
  /** Offers folded for earlier questions, by id: their versions, and the last event that changed them then. */
  readonly #folded = new Map<string, { changedAt: number; versions: readonly OfferVersion[] }>();

  constructor(
    private readonly store: EventStore,
    private readonly queries: Pick<ReadModelQueries, 'offersEverIn'>,
    private readonly currentOffers: Pick<OfferIndexCache, 'current'>,
    private readonly freshness: OfferFreshness,
    /** The offers' folds kept ready (OfferFoldsKeeper); none: every question folds what it reads. */
    private readonly folds: Pick<OfferFolds, 'everIn' | 'stored'> | undefined,
    private readonly options: {
      /** Beyond this many offers in a view, it is answered from the shared history (VIEW_FOLD_LIMIT). */
      foldLimit?: number;
      /** How long every offer's history is kept after its last question (WHOLE_KEPT_MS). */
      keepWholeMs?: number;
      /** Offers whose fold is kept between questions (FOLDED_KEPT). */
      foldedKept?: number;
    } = {},
  ) {}

  /** The directory at the end of `date` (YYYY-MM-DD, not after today: the schemas check it). */
  at(date: string): DayOffers {
    /** The offers of the day among those that may be in `area`, as the portal shows them. */
    const offersIn = async (area: OfferArea) => {
      // The current offers (for their names) read while the offers of the area are.
      const reading = this.currentOffers.current();
      const [current, { held, asNow }] = await Promise.all([reading, this.#offersIn(area, date, reading)]);
      let shared = this.#summaries.get(current);
      if (!shared) {
        shared = new WeakMap();
        this.#summaries.set(current, shared);
      }
      const summaries = shared;
      const shown = held.map((offer) => {
        // An offer never verified reads as verified on the day asked: its summary is of this day only.
        if (offer.verifiedOn === null) return this.#summary(current, offer, date);
        let summary = summaries.get(offer);
        if (!summary) {
          summary = this.#summary(current, offer, date);
          summaries.set(offer, summary);
        }
        return summary;
      });
      // Those shown as they are now: the current offers' own summaries.
      for (const summary of asNow) shown.push(summary);
      return shown;
    };
    const dayIn = async (area: OfferArea) => new OfferIndex(await offersIn(area));
    const nearest = async (query: NearestQuery) => {
      // Wider and wider circles, until one holds enough offers or holds them all: the offers
      // within the circle inscribed in the box searched are all known, those beyond may not be.
      for (let radiusKm = FIRST_RADIUS_KM; ; radiusKm *= 4) {
        const whole = radiusKm >= WHOLE_EARTH_KM;
        const day = await dayIn(whole ? 'anywhere' : { bounds: boundsAround(query, radiusKm) });
        const maxDistanceKm = whole
          ? query.maxDistanceKm
          : Math.min(radiusKm, query.maxDistanceKm ?? radiusKm);
        const found = day.nearest({ ...query, ...(maxDistanceKm === undefined ? {} : { maxDistanceKm }) });
        const complete = whole || (query.maxDistanceKm !== undefined && query.maxDistanceKm <= radiusKm);
        if (found.length >= query.limit || complete) return found;
      }
    };
    return {
      inBounds: async (bounds) => (await dayIn({ bounds })).inBounds(bounds),
      withinRadius: async (center, radiusKm) =>
        (await dayIn({ bounds: boundsAround(center, radiusKm) })).withinRadius(center, radiusKm),
      nearest,
      coveringCommune: async (insee) => (await dayIn({ covering: insee })).coveringCommune(insee),
      all: async (center) => {
        const offers = await offersIn('anywhere');
        if (!center) return offers;
        const day = new OfferIndex(offers);
        return day.nearest({ ...center, limit: day.size }).map(({ item }) => item);
      },
    };
  }

  /**
   * The offers open at the end of `date` among those that may be in `area`: the folds kept
   * ready (OfferFoldsKeeper), their streams folded for those not ready (FOLDS_AT_ONCE questions
   * at a time; an offer folded for an earlier question and not changed since is not read
   * again), or every offer's history (for the whole directory, a wide
   * view, or while the read model keeps no history), folded once for this revision of the offers
   * and shared.
   */
  async #offersIn(area: OfferArea, date: string, current: Promise<CurrentOffers>): Promise<DayHeld> {
    const { folds } = this;
    if (folds && area !== 'anywhere' && 'bounds' in area) {
      const ready = await this.#folds.run(() => this.#foldsIn(folds, area.bounds, date, current));
      if (ready) return ready;
    }
    const candidates = area === 'anywhere' ? undefined : await this.queries.offersEverIn(area);
    if (!candidates || candidates.length > (this.options.foldLimit ?? VIEW_FOLD_LIMIT)) {
      const history = await this.#everyOffer((await current).revision);
      return {
        held: candidates
          ? heldAt(
              candidates.map(({ id }) => history.versionsOf(id)),
              date,
            )
          : history.at(date),
        asNow: [],
      };
    }
    return this.#folds.run(async () => {
      // Taken before any is let go below: keeping the new folds may let go of some of these.
      const kept = candidates.map(({ id, changedAt }) => {
        const folded = this.#folded.get(id);
        return folded?.changedAt === changedAt ? folded.versions : undefined;
      });
      const missing = candidates.filter((_, at) => kept[at] === undefined);
      // The folds kept ready for exactly these events; the offers without one are folded here.
      const ready = (await this.folds?.stored(missing)) ?? new Map<string, readonly OfferVersion[]>();
      const folded = await this.#fold(missing.filter(({ id }) => !ready.has(id)).map(({ id }) => id));
      for (const { id, changedAt } of missing) {
        const versions = ready.get(id);
        if (versions) this.#keepFolded(id, changedAt, versions);
      }
      for (const { offerId, changedAt, versions } of folded) {
        this.#keepFolded(offerId, changedAt, versions);
        ready.set(offerId, versions);
      }
      return {
        held: heldAt(
          candidates.map(({ id }, at) => kept[at] ?? ready.get(id) ?? []),
          date,
        ),
        asNow: [],
      };
    });
  }

  /**
   * The offers open at the end of `date` among the folds of every offer ever in `bounds`, read
   * in one query (without the versions of those kept from earlier questions): when the keeper
   * has folded every offer event the read model has applied (else undefined: the offers are
   * looked up in the read model and their folds by their last event), and the view holds no
   * more than the fold limit (else undefined: a wide view is answered from the shared history).
   */
  async #foldsIn(
    folds: Pick<OfferFolds, 'everIn' | 'stored'>,
    bounds: Bounds,
    date: string,
    current: Promise<CurrentOffers>,
  ): Promise<DayHeld | undefined> {
    const limit = this.options.foldLimit ?? VIEW_FOLD_LIMIT;
    // Those kept from earlier questions that were ever in the view, taken before any is let go below.
    const [west, south, east, north] = bounds;
    const known = new Map<string, { changedAt: number; versions: readonly OfferVersion[] }>();
    for (const [id, folded] of this.#folded)
      if (
        folded.versions.some(({ offer: { position } }) => {
          const { lon, lat } = position;
          return west <= lon && lon <= east && south <= lat && lat <= north;
        })
      )
        known.set(id, folded);
    // The offers shown on the day as they are now come from the current offers, already summarised.
    const now = await current;
    const ready = await folds.everIn(
      bounds,
      limit + 1,
      [...known].map(([id, { changedAt }]) => ({ id, changedAt })),
      { endOfDay: endOfDay(date), revision: now.revision },
    );
    if (!ready || ready.checkpoint < now.revision || ready.folds.length > limit) return undefined;
    const asNow: OfferSummary[] = [];
    /** Shown as they are now by the folds, not by the current offers (closed there, or of a kind the portal does not show): read whole. */
    const unlike: Array<{ id: string; changedAt: number }> = [];
    const versionsOfEach: Array<readonly OfferVersion[]> = [];
    for (const { offerId, changedAt, versions, asNow: shownAsNow } of ready.folds) {
      if (shownAsNow) {
        const entry = now.byId.get(offerId);
        if (entry && !entry.row.closedOn) asNow.push(entry.summary);
        else unlike.push({ id: offerId, changedAt });
      } else if (versions) {
        this.#keepFolded(offerId, changedAt, versions);
        versionsOfEach.push(versions);
      } else versionsOfEach.push(known.get(offerId)?.versions ?? []);
    }
    const stored = await folds.stored(unlike);
    // Folded again in between (the keeper moved on): the offers are looked up another way.
    if (stored.size < unlike.length) return undefined;
    for (const versions of stored.values()) versionsOfEach.push(versions);
    return { held: heldAt(versionsOfEach, date), asNow };
  }

  /**
   * Keeps an offer's versions as a fold of its stream gave them, while the last event that changed
   * it is `changedAt`: FOLDED_KEPT offers at most, the least recently folded let go first.
   */
  #keepFolded(offerId: string, changedAt: number, versions: readonly OfferVersion[]): void {
    this.#folded.delete(offerId);
    this.#folded.set(offerId, { changedAt, versions });
    const most = this.options.foldedKept ?? FOLDED_KEPT;
    if (this.#folded.size <= most) return;
    for (const oldest of this.#folded.keys()) {
      this.#folded.delete(oldest);
      if (this.#folded.size <= most) break;
    }
  }

  /**
   * Every offer's history, folded from the log at least up to this revision of the offers read
   * model: one fold at a time, shared by every question that arrives before the next revision.
   */
  #everyOffer(revision: number): Promise<OfferHistory> {
    const whole = this.#whole;
    if (whole && whole.revision >= revision) {
      this.#keep(whole);
      return whole.history;
    }
    const history = (whole?.history ?? Promise.resolve())
      .catch(() => undefined)
      .then(async () => {
        const folded = new OfferHistory('occurred');
        await foldInto(folded, await this.#everyOfferStream());
        return folded;
      });
    const next: Whole = { revision, history, release: undefined };
    this.#whole = next;
    history.then(
      () => this.#keep(next),
      () => {
        if (this.#whole === next) this.#whole = undefined;
      },
    );
    return history;
  }

  /**
   * Keeps every offer's history for `keepWholeMs` more: questions close together share it, and
   * its memory (gigabytes at national size) is given back once they stop.
   */
  #keep(whole: Whole): void {
    clearTimeout(whole.release);
    whole.release = setTimeout(() => {
      if (this.#whole === whole) this.#whole = undefined;
    }, this.options.keepWholeMs ?? WHOLE_KEPT_MS);
    whole.release.unref();
  }

  /**
   * These offers' folds, keyed by the last event of each read: their streams read
   * STREAMS_PER_QUERY at a time, QUERIES_AT_ONCE queries at once, each batch folded as it
   * arrives while the next ones are read.
   */
  async #fold(offerIds: readonly string[]): Promise<OfferFold[]> {
    // `offer-<id>`, as idOfStream reads it.
    const streams = offerIds.map((id) => `offer-${id}`);
    const batches: string[][] = [];
    for (let start = 0; start < streams.length; start += STREAMS_PER_QUERY)
      batches.push(streams.slice(start, start + STREAMS_PER_QUERY));
    const folds: OfferFold[] = [];
    let next = 0;
    const reader = async () => {
      for (let batch = batches[next++]; batch; batch = batches[next++])
        folds.push(...foldOffers(await readOfferStreams(this.store, batch)));
    };
    await Promise.all(Array.from({ length: Math.min(QUERIES_AT_ONCE, batches.length) }, reader));
    return folds;
  }

  /** Every offer event of the log, by stream. */
  async #everyOfferStream(): Promise<Map<string, RecordedEvent[]>> {
    return offerStreams(
      await everyPage((last) =>
        this.store.readAll({
          fromPosition: last?.position ?? 0,
          limit: READ_PAGE,
          filter: { categories: ['offer'] },
        }),
      ),
    );
  }

  /** An offer of a past day as the portal shows it. */
  #summary(current: CurrentOffers, offer: OfferAsOf, date: string): OfferSummary {
    const now = current.byId.get(offer.offerId)?.summary;
    return {
      id: offer.offerId,
      finess: offer.finess,
      name: offer.name,
      kind: offer.kind,
      address: offer.address.line,
      postcode: offer.address.postcode,
      commune: offer.address.communeName,
      communeInsee: offer.address.communeInsee,
      phone: offer.phone,
      lon: offer.position.lon,
      lat: offer.position.lat,
      source: offer.source,
      rpps: offer.rpps,
      // The practitioner's name as it reads now (sealed in the log, opened in the current index).
      practitioner: now?.practitioner ?? null,
      practice: offer.practice,
      positionPrecision: offer.positionPrecision,
      emergency: offer.emergency,
      // Never verified: shown as verified on the day asked.
      verifiedOn: offer.verifiedOn ?? date,
      stale: isOfferStale(offer.verifiedOn ?? undefined, current.today, this.freshness.staleAfterDays),
      coverage: offer.coverage,
      openingHours: offer.openingHours,
      publics: offer.publics,
      access: offer.access,
      languages: offer.languages,
      services: offer.services,
      wheelchair: offer.wheelchair,
      teleconsultation: offer.teleconsultation,
      appointmentUrl: offer.appointmentUrl,
      // Names of contracts and actions as the read models have them now.
      support: (now?.support ?? []).filter((link) =>
        offer.links.some(({ actionId }) => actionId === link.actionId),
      ),
    };
  }
}

/**
 * The offers of a past day: those read from their versions (the version held then), and those
 * shown as the current offers show them (`asNow`: the version that holds now held then).
 */
interface DayHeld {
  held: OfferAsOf[];
  asNow: OfferSummary[];
}

/** The offers open at the end of `date`, as they were then: of each offer, the version held then. */
function heldAt(versionsOfEach: ReadonlyArray<readonly OfferVersion[]>, date: string): OfferAsOf[] {
  const limit = endOfDay(date);
  const offers: OfferAsOf[] = [];
  for (const versions of versionsOfEach) {
    const held = versions.find((version) => heldAtEndOf(version, limit));
    if (held) offers.push(held.offer);
  }
  return offers;
}

/** At most `size` tasks at once; the others wait their turn, in order. */
class Turns {
  #free: number;
  readonly #waiting: Array<() => void> = [];

  constructor(size: number) {
    this.#free = size;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free -= 1;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free += 1;
    }
  }
}

/** Every offer's history, folded for a revision of the offers, and when it is let go. */
interface Whole {
  revision: number;
  history: Promise<OfferHistory>;
  release: NodeJS.Timeout | undefined;
}

/** Folds these streams into `history`, yielding to the event loop between chunks (the API keeps answering). */
async function foldInto(
  history: OfferHistory,
  streams: ReadonlyMap<string, readonly RecordedEvent[]>,
): Promise<void> {
  let folded = 0;
  for (const [stream, events] of streams) {
    history.addStream(stream, events);
    folded += 1;
    if (folded % FOLD_CHUNK === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A box that holds the whole circle of `radiusKm` around `center` (every longitude near a pole). */
export function boundsAround(center: LonLat, radiusKm: number): Bounds {
  const degrees = (radiusKm / EARTH_RADIUS_KM) * (180 / Math.PI);
  const south = Math.max(-90, center.lat - degrees);
  const north = Math.min(90, center.lat + degrees);
  const widest = Math.max(Math.abs(south), Math.abs(north));
  if (widest >= 89.9 || degrees >= 90) return [-180, south, 180, north];
  const across = degrees / Math.cos((widest * Math.PI) / 180);
  return [Math.max(-180, center.lon - across), south, Math.min(180, center.lon + across), north];
}
