import { offerStreams } from '@cls/audit';
import type { EventStore, RecordedEvent } from '@cls/event-store';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { LogFollower } from '../database/log-follower.js';
import {
  foldOffers,
  type OfferFolds,
  READ_PAGE,
  readOfferStreams,
  STREAMS_PER_QUERY,
} from './offer-folds.js';

/**
 * Keeps every offer's fold ready in PostgreSQL (OfferFolds) as offers change, so that the
 * map of a past day does not read and fold the offers of a view when first asked. It follows
 * the offer events of the log from its checkpoint, on the replica holding its lease, a page
 * at a time (up to READ_PAGE events, or what has arrived: LogFollower): the offers a page touches
 * are folded again, from the page alone when it holds their streams from the first event (an
 * import), else from their streams read whole. It starts in the background: until it has
 * caught up, questions fold what is not ready, as they would without it.
 */
export class OfferFoldsKeeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly #follower: LogFollower;

  constructor(
    private readonly store: EventStore,
    private readonly folds: Pick<OfferFolds, 'lease' | 'release' | 'checkpoint' | 'keep'>,
  ) {
    this.#follower = new LogFollower(store, {
      label: 'Versions des offres',
      filter: { categories: ['offer'] },
      pageSize: READ_PAGE,
      lease: () => folds.lease(),
      release: () => folds.release(),
      checkpoint: () => folds.checkpoint(),
      keep: (events, upTo) => this.#fold(events, upTo),
    });
  }

  onApplicationBootstrap(): void {
    this.#follower.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.#follower.stop();
  }

  /** Resolves once this keeper (holding the lease) has folded every offer event up to `position`. */
  waitFor(position: number): Promise<void> {
    return this.#follower.waitFor(position);
  }

  /** Folds again the offers these events touch, and moves the checkpoint to `checkpoint`. */
  async #fold(events: readonly RecordedEvent[], checkpoint: number): Promise<void> {
    const streams = offerStreams(events);
    const unread: string[] = [];
    for (const [stream, page] of streams) {
      // The page holds the stream from its first event on: folded from the page (the fold of those events).
      if (!page.every((event, at) => event.revision === at)) {
        unread.push(stream);
        streams.delete(stream);
      }
    }
    for (let start = 0; start < unread.length; start += STREAMS_PER_QUERY)
      for (const [stream, read] of await readOfferStreams(
        this.store,
        unread.slice(start, start + STREAMS_PER_QUERY),
      ))
        streams.set(stream, read);
    await this.folds.keep(foldOffers(streams), checkpoint);
  }
}
