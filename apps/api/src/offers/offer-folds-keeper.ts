import { offerStreams } from '@cls/audit';
import type { EventStore, RecordedEvent, Subscription } from '@cls/event-store';
import { type BeforeApplicationShutdown, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  foldOffers,
  type OfferFolds,
  READ_PAGE,
  readOfferStreams,
  STREAMS_PER_QUERY,
} from './offer-folds.js';

/** How often a keeper without the lease (another replica holds it) tries to take it, or retries after a failure. */
const RETRY_MS = 5000;
const IDLE = Symbol('idle');

/**
 * Keeps every offer's fold ready in PostgreSQL (OfferFolds) as offers change, so that the
 * map of a past day does not read and fold the offers of a view when first asked. It follows
 * the offer events of the log from its checkpoint, on the replica holding its lease, a page
 * at a time (up to READ_PAGE events, or what has arrived): the offers a page touches are
 * folded again, from the page alone when it holds their streams from the first event (an
 * import), else from their streams read whole. It starts in the background: until it has
 * caught up, questions fold what is not ready, as they would without it.
 */
export class OfferFoldsKeeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  #stopping = false;
  #subscription: Subscription | undefined;
  #running: Promise<void> | undefined;
  #wakeUp: (() => void) | undefined;
  /** The position up to which this keeper has folded every offer event, and who waits for it to move. */
  #folded = 0;
  #waiting: Array<{ position: number; resolve: () => void }> = [];

  constructor(
    private readonly store: EventStore,
    private readonly folds: Pick<OfferFolds, 'lease' | 'release' | 'checkpoint' | 'keep'>,
  ) {}

  onApplicationBootstrap(): void {
    this.#running = this.#run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.#stopping = true;
    this.#wakeUp?.();
    await this.#subscription?.close();
    await this.#running;
    await this.folds.release();
  }

  /** Resolves once this keeper (holding the lease) has folded every offer event up to `position`. */
  waitFor(position: number): Promise<void> {
    if (this.#folded >= position) return Promise.resolve();
    return new Promise((resolve) => this.#waiting.push({ position, resolve }));
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      try {
        if (await this.folds.lease()) await this.#follow();
      } catch (error) {
        if (!this.#stopping) new Logger('OfferFolds').warn(`Versions des offres : ${String(error)}`);
        await this.folds.release();
      }
      if (!this.#stopping)
        await new Promise<void>((resolve) => {
          this.#wakeUp = resolve;
          setTimeout(resolve, RETRY_MS).unref();
        });
    }
  }

  /** Folds the offer events after the checkpoint, a page at a time, until the subscription ends. */
  async #follow(): Promise<void> {
    this.#folded = await this.folds.checkpoint();
    // Stopped while this started: no subscription left behind.
    if (this.#stopping) return;
    const subscription = this.store.subscribeAll({
      fromPosition: this.#folded,
      filter: { categories: ['offer'] },
    });
    this.#subscription = subscription;
    try {
      const messages = subscription[Symbol.asyncIterator]();
      const following = () => {
        const message = messages.next();
        // Awaited later, maybe after a page is folded: a failure meanwhile is not unhandled.
        message.catch(() => {});
        return message;
      };
      let pending: RecordedEvent[] = [];
      let next = following();
      for (;;) {
        // Events already delivered come before setImmediate: a page is what has arrived.
        const result =
          pending.length === 0
            ? await next
            : await Promise.race([next, new Promise<typeof IDLE>((resolve) => setImmediate(resolve, IDLE))]);
        if (result === IDLE || (result.done === true && pending.length > 0)) {
          await this.#fold(pending);
          pending = [];
          continue;
        }
        if (result.done) return;
        next = following();
        const message = result.value;
        if (message.kind === 'event') {
          pending.push(message.event);
          if (pending.length >= READ_PAGE) {
            await this.#fold(pending);
            pending = [];
          }
          continue;
        }
        // Caught up: every offer event of the log up to that position is folded.
        await this.#fold(pending, message.position);
        pending = [];
      }
    } finally {
      await subscription.close();
    }
  }

  /** Folds again the offers these events touch, and moves the checkpoint past them (or to `upTo`). */
  async #fold(events: readonly RecordedEvent[], upTo?: number): Promise<void> {
    const checkpoint = upTo ?? events.at(-1)?.position;
    if (checkpoint === undefined) return;
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
    this.#folded = checkpoint;
    this.#waiting = this.#waiting.filter(({ position, resolve }) => {
      if (position > checkpoint) return true;
      resolve();
      return false;
    });
  }
}
