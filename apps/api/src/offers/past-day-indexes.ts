import type { OfferSummary } from '@cls/api';
import { endOfDay, type OfferAsOf, OfferHistory, offerStreams } from '@cls/audit';
import { isOfferStale } from '@cls/domain';
import type { EventStore, RecordedEvent } from '@cls/event-store';
import { OfferIndex } from '@cls/offers';
import type { CurrentOffers, OfferFreshness, OfferIndexCache } from './offer-index-cache.js';

/** How many past days' indexes are kept: the handful of dates a person compares. */
const PAST_DAYS_KEPT = 16;
/** Offers folded between two yields to the event loop, when the history is built. */
const FOLD_CHUNK = 100;
/** Offer events read from the log a page at a time. */
const READ_PAGE = 5000;

const EMPTY_INDEX = new OfferIndex<OfferSummary>([]);

/**
 * The past days at one revision of the offers: their history folded once, the indexes
 * of the last days asked, the summaries they share.
 */
interface PastDays {
  /** The offers read model's revision the history covers (at least). */
  revision: number;
  /** Whether its fold has begun reading the log (until then, it covers later revisions too). */
  started: boolean;
  history: Promise<OfferHistory>;
  /** The days asked last, least recently used first. */
  days: Map<string, OfferIndex<OfferSummary>>;
  /** The days being built: one build per day, whoever asks. */
  building: Map<string, Promise<OfferIndex<OfferSummary>>>;
  /** An offer's state as the portal shows it, the same object for every day it holds on. */
  summaries: WeakMap<OfferAsOf, OfferSummary>;
  /** The day `stale` was computed on. */
  today: string;
}

/**
 * The open offers at the end of a past day (the portal's `?date=`), read from the log,
 * at a bounded cost whoever asks and however often: the offers' events are read and
 * folded once per revision of the offers (one fold at a time, yielding to other requests
 * between chunks); a day is then a binary search per offer, built once however many ask
 * for it, one day at a time on its own turn of the event loop, and kept among the last
 * days asked. Before the first offer event, the directory was empty: no work.
 */
export class PastDayIndexes {
  /** The latest fold of the offers' history, finished, running or waiting for the one before it. */
  #past: PastDays | undefined;
  /** One fold of the history at a time: each waits for the one before. */
  #folding: Promise<unknown> = Promise.resolve();
  /** One past day's build at a time, each on its own turn of the event loop. */
  #dayBuilds: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Pick<EventStore, 'readAll'>,
    private readonly currentOffers: Pick<OfferIndexCache, 'current'>,
    private readonly freshness: OfferFreshness,
  ) {}

  /** The open offers at the end of `date` (YYYY-MM-DD, not after today: the schemas check it). */
  async at(date: string): Promise<OfferIndex<OfferSummary>> {
    const current = await this.currentOffers.current();
    const past = this.#pastDays(current.revision, current.today);
    const history = await past.history;
    if (past.today !== current.today) {
      past.today = current.today;
      past.days.clear();
      past.summaries = new WeakMap();
    }
    const kept = past.days.get(date);
    if (kept) {
      past.days.delete(date);
      past.days.set(date, kept);
      return kept;
    }
    const first = history.firstEventAt;
    if (first === undefined || endOfDay(date) < first) return EMPTY_INDEX;
    let building = past.building.get(date);
    if (!building) {
      building = this.#oneDayAtATime(() => {
        const index = new OfferIndex(
          history.at(date).map((offer) => this.#summary(past, current, offer, date)),
        );
        past.days.set(date, index);
        if (past.days.size > PAST_DAYS_KEPT) past.days.delete(past.days.keys().next().value as string);
        return index;
      });
      past.building.set(date, building);
      const done = () => past.building.delete(date);
      building.then(done, done);
    }
    return building;
  }

  /** Runs `build` after the builds before it, on a turn of the event loop of its own. */
  #oneDayAtATime<T>(build: () => T): Promise<T> {
    const result = this.#dayBuilds.then(
      () =>
        new Promise<T>((resolve, reject) =>
          setImmediate(() => {
            try {
              resolve(build());
            } catch (error) {
              reject(error);
            }
          }),
        ),
    );
    this.#dayBuilds = result.catch(() => undefined);
    return result;
  }

  /** The past days at this revision of the offers: a new fold only once the last one has begun. */
  #pastDays(revision: number, today: string): PastDays {
    const last = this.#past;
    if (last && (last.revision >= revision || !last.started)) {
      // A fold still waiting reads the log as it will be then: this revision too.
      last.revision = Math.max(last.revision, revision);
      return last;
    }
    const past: PastDays = {
      revision,
      started: false,
      history: this.#folding.then(() => {
        past.started = true;
        return this.#foldHistory();
      }),
      days: new Map(),
      building: new Map(),
      summaries: new WeakMap(),
      today,
    };
    this.#folding = past.history.catch(() => undefined);
    past.history.catch(() => {
      if (this.#past === past) this.#past = undefined;
    });
    this.#past = past;
    return past;
  }

  /** Every offer event, read once and folded into each offer's states (business time). */
  async #foldHistory(): Promise<OfferHistory> {
    const events: RecordedEvent[] = [];
    for (let from = 0; ; ) {
      const page = await this.store.readAll({
        fromPosition: from,
        limit: READ_PAGE,
        filter: { categories: ['offer'] },
      });
      events.push(...page);
      if (page.length < READ_PAGE) break;
      from = (page[page.length - 1] as RecordedEvent).position;
    }
    const history = new OfferHistory('occurred');
    let folded = 0;
    for (const [stream, streamEvents] of offerStreams(events)) {
      history.addStream(stream, streamEvents);
      folded += 1;
      if (folded % FOLD_CHUNK === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    return history;
  }

  /** An offer of a past day as the portal shows it. */
  #summary(past: PastDays, current: CurrentOffers, offer: OfferAsOf, date: string): OfferSummary {
    const shared = past.summaries.get(offer);
    if (shared) return shared;
    const linked = new Set(offer.links.map((link) => link.actionId));
    const summary: OfferSummary = {
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
      practitioner: current.byId.get(offer.offerId)?.summary.practitioner ?? null,
      practice: offer.practice,
      positionPrecision: offer.positionPrecision,
      emergency: offer.emergency,
      verifiedOn: offer.verifiedOn ?? date,
      stale: isOfferStale(offer.verifiedOn ?? undefined, past.today, this.freshness.staleAfterDays),
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
      support: (current.byId.get(offer.offerId)?.summary.support ?? []).filter((link) =>
        linked.has(link.actionId),
      ),
    };
    // Never verified: shown as verified on the day asked, so not shared between days.
    if (offer.verifiedOn !== null) past.summaries.set(offer, summary);
    return summary;
  }
}
