import type { OfferSummary } from '@cls/api';
import {
  endOfDay,
  heldAtEndOf,
  idOfStream,
  type OfferAsOf,
  OfferHistory,
  type OfferVersion,
  offerStreams,
} from '@cls/audit';
import { isOfferStale, type OfferKind } from '@cls/domain';
import type { EventStore, RecordedEvent } from '@cls/event-store';
import {
  type Bounds,
  type NearestQuery,
  OfferIndex,
  type OfferQueries,
  OfferQueriesUnion,
} from '@cls/offers';
import type { CurrentOffers, OfferFreshness, OfferIndexCache } from './offer-index-cache.js';

/** Offers folded between two yields to the event loop, when the history is built. */
const FOLD_CHUNK = 100;
/** Offer events read from the log a page at a time. */
const READ_PAGE = 5000;
/** Streams of changed offers read at once, when the history catches up. */
const STREAM_READS = 8;
/**
 * Offers folded again since the index of every version was built, beyond which it is built
 * anew: until then they are answered from a small index of their own beside it.
 */
const REBUILD_AFTER = 5000;

const EMPTY_DAY = new OfferIndex<OfferSummary>([]);

/** One version of an offer, where the index of every version puts it. */
interface VersionItem {
  id: string;
  kind: OfferKind;
  lon: number;
  lat: number;
  coverage: readonly string[];
  version: OfferVersion;
}

const EMPTY_VERSIONS = new OfferIndex<VersionItem>([]);

/** The offers' history folded up to a point of the log, and the indexes of all their versions. */
interface Folded {
  /** The offers read model's revision it covers (at least). */
  revision: number;
  /** The log position of the last offer event read. */
  position: number;
  /** When the first offer event happened: before its day, the directory was empty. */
  firstEventAt: number | undefined;
  /** Every version of every offer, when it was built. */
  versions: OfferIndex<VersionItem>;
  /** The offers folded again since (by id): their versions in `versions` no longer count. */
  changed: ReadonlySet<string>;
  /** The versions of the changed offers. */
  changedVersions: OfferIndex<VersionItem>;
}

/** A fold waiting for the one before it, or under way. */
interface FoldRun {
  revision: number;
  started: boolean;
  folded: Promise<Folded>;
}

/**
 * The open offers at the end of a past day (the portal's `?date=`), read from the log.
 *
 * The offers' events are folded once into every version of every offer, each with the
 * stretch of time it held, and one spatial index is built over all the versions: a day is
 * that index seen through « held at the end of this day » (`OfferIndex.where`), so a day
 * never asked costs no more than one asked before. When the offers move, only the events
 * after the last fold are read, and only the offers they touch are folded again (their
 * streams read whole: an event may be dated before the ones already folded) and answered
 * from a small index beside the big one, rebuilt past REBUILD_AFTER of them. One fold at
 * a time, shared by every reader who arrives before it starts, yielding between chunks.
 */
export class PastDayIndexes {
  readonly #history = new OfferHistory('occurred');
  #folded: Folded | undefined;
  /** The latest fold asked for: finished, running or waiting for the one before it. */
  #latest: FoldRun | undefined;
  /** One fold at a time: each waits for the one before. */
  #folding: Promise<unknown> = Promise.resolve();
  /** Version items, made once per version whatever the folds after it. */
  readonly #items = new WeakMap<OfferVersion, VersionItem>();
  /** Summaries shared by every day a version holds on, for one state of the current offers. */
  readonly #summaries = new WeakMap<CurrentOffers, WeakMap<OfferAsOf, OfferSummary>>();

  constructor(
    private readonly store: Pick<EventStore, 'readAll' | 'readStream'>,
    private readonly currentOffers: Pick<OfferIndexCache, 'current'>,
    private readonly freshness: OfferFreshness,
  ) {}

  /** The open offers at the end of `date` (YYYY-MM-DD, not after today: the schemas check it). */
  async at(date: string): Promise<OfferQueries<OfferSummary>> {
    const current = await this.currentOffers.current();
    const folded = await this.#foldedTo(current.revision);
    const limit = endOfDay(date);
    if (folded.firstEventAt === undefined || limit < folded.firstEventAt) return EMPTY_DAY;
    let shared = this.#summaries.get(current);
    if (!shared) {
      shared = new WeakMap();
      this.#summaries.set(current, shared);
    }
    // Never verified: shown as verified on the day asked, so kept for this day only.
    const own = new WeakMap<OfferAsOf, OfferSummary>();
    const summaries = shared;
    const held = (item: VersionItem) => heldAtEndOf(item.version, limit);
    const { changed } = folded;
    const versions =
      changed.size === 0
        ? folded.versions.where(held)
        : new OfferQueriesUnion(
            folded.versions.where((item) => held(item) && !changed.has(item.id)),
            folded.changedVersions.where(held),
          );
    return new MappedQueries(versions, ({ version: { offer } }) => {
      const cache = offer.verifiedOn === null ? own : summaries;
      let summary = cache.get(offer);
      if (!summary) {
        summary = this.#summary(current, offer, date);
        cache.set(offer, summary);
      }
      return summary;
    });
  }

  /** The history folded up to this revision of the offers: a new fold only once the last one has begun. */
  #foldedTo(revision: number): Promise<Folded> {
    const folded = this.#folded;
    if (folded && folded.revision >= revision) return Promise.resolve(folded);
    const latest = this.#latest;
    if (latest && (latest.revision >= revision || !latest.started)) {
      // A fold still waiting reads the log as it will be then: this revision too.
      latest.revision = Math.max(latest.revision, revision);
      return latest.folded;
    }
    const run: FoldRun = {
      revision,
      started: false,
      folded: this.#folding.then(async () => {
        run.started = true;
        const next = await this.#foldMore(run.revision);
        this.#folded = next;
        return next;
      }),
    };
    this.#folding = run.folded.catch(() => undefined);
    run.folded.catch(() => {
      if (this.#latest === run) this.#latest = undefined;
    });
    this.#latest = run;
    return run.folded;
  }

  /**
   * Reads the offer events after the last fold and folds again the offers they touch: the
   * whole stream of each, read again unless the new events begin it. A fold that fails
   * leaves the last one standing; the next reads from where that one stopped.
   */
  async #foldMore(revision: number): Promise<Folded> {
    const before = this.#folded;
    const from = before?.position ?? 0;
    const events: RecordedEvent[] = [];
    for (let after = from; ; ) {
      const page = await this.store.readAll({
        fromPosition: after,
        limit: READ_PAGE,
        filter: { categories: ['offer'] },
      });
      events.push(...page);
      if (page.length < READ_PAGE) break;
      after = (page[page.length - 1] as RecordedEvent).position;
    }
    const position = events.at(-1)?.position ?? from;
    if (before && events.length === 0) return { ...before, revision, position };

    const streams = [...offerStreams(events)];
    let folded = 0;
    for (let start = 0; start < streams.length; start += STREAM_READS) {
      const batch = streams.slice(start, start + STREAM_READS);
      const whole = await Promise.all(
        batch.map(async ([stream, fresh]) => ({
          stream,
          // The new events hold the whole stream when they begin it; otherwise it is read again.
          events: fresh[0]?.revision === 0 ? fresh : await this.store.readStream(stream),
        })),
      );
      for (const { stream, events } of whole) this.#history.addStream(stream, events);
      folded += batch.length;
      if (folded % FOLD_CHUNK < STREAM_READS) await new Promise((resolve) => setImmediate(resolve));
    }
    const firstEventAt = this.#history.firstEventAt;
    const changed = new Set(before?.changed);
    for (const [stream] of streams) changed.add(idOfStream(stream));
    if (!before || changed.size > REBUILD_AFTER) {
      const items = this.#history.versions().map((version) => this.#item(version));
      return {
        revision,
        position,
        firstEventAt,
        versions: new OfferIndex(items),
        changed: new Set(),
        changedVersions: EMPTY_VERSIONS,
      };
    }
    const changedItems = [...changed].flatMap((offerId) =>
      this.#history.versionsOf(offerId).map((version) => this.#item(version)),
    );
    return {
      revision,
      position,
      firstEventAt,
      versions: before.versions,
      changed,
      changedVersions: new OfferIndex(changedItems),
    };
  }

  #item(version: OfferVersion): VersionItem {
    let item = this.#items.get(version);
    if (!item) {
      const { offer } = version;
      item = {
        id: offer.offerId,
        kind: offer.kind,
        lon: offer.position.lon,
        lat: offer.position.lat,
        coverage: offer.coverage,
        version,
      };
      this.#items.set(version, item);
    }
    return item;
  }

  /** An offer of a past day as the portal shows it. */
  #summary(current: CurrentOffers, offer: OfferAsOf, date: string): OfferSummary {
    const linked = new Set(offer.links.map((link) => link.actionId));
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
      practitioner: current.byId.get(offer.offerId)?.summary.practitioner ?? null,
      practice: offer.practice,
      positionPrecision: offer.positionPrecision,
      emergency: offer.emergency,
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
      support: (current.byId.get(offer.offerId)?.summary.support ?? []).filter((link) =>
        linked.has(link.actionId),
      ),
    };
  }
}

/** The answers of one index, each item mapped (the same item to the same object, if `map` keeps it so). */
class MappedQueries<S, T> implements OfferQueries<T> {
  constructor(
    private readonly source: OfferQueries<S>,
    private readonly map: (item: S) => T,
  ) {}

  get size(): number {
    return this.source.size;
  }

  all(): T[] {
    return this.source.all().map(this.map);
  }

  nearest(query: NearestQuery) {
    return this.source.nearest(query).map(({ item, distanceKm }) => ({ item: this.map(item), distanceKm }));
  }

  withinRadius(center: { lon: number; lat: number }, radiusKm: number, kinds?: readonly OfferKind[]) {
    return this.source
      .withinRadius(center, radiusKm, kinds)
      .map(({ item, distanceKm }) => ({ item: this.map(item), distanceKm }));
  }

  inBounds(bounds: Bounds, kinds?: readonly OfferKind[]): T[] {
    return this.source.inBounds(bounds, kinds).map(this.map);
  }

  coveringCommune(insee: string): T[] {
    return this.source.coveringCommune(insee).map(this.map);
  }
}
