import type { EventFilter, EventStore, RecordedEvent, Subscription } from '@cls/event-store';
import { Logger } from '@nestjs/common';

/** How often a follower without the lease (another replica holds it) tries to take it, or retries after a failure. */
const RETRY_MS = 5000;
const IDLE = Symbol('idle');

/** What a follower keeps of the log, on the replica holding its lease. */
export interface FollowedLog {
  /** Names it in warnings (« Versions des offres »). */
  readonly label: string;
  readonly filter?: EventFilter;
  /** The largest page handed to `keep`. */
  readonly pageSize: number;
  /** Whether this process follows the log, taking the lease when it is free. */
  lease(): Promise<boolean>;
  release(): Promise<void>;
  /** Up to where the log is kept. */
  checkpoint(): Promise<number>;
  /** Keeps a page of events and moves the checkpoint to `upTo` (the last one's, or where the log was caught up). */
  keep(events: readonly RecordedEvent[], upTo: number): Promise<void>;
}

/**
 * Follows the log from a checkpoint on the replica that holds a lease, and hands it over a page at
 * a time (up to `pageSize` events, or what has arrived): the keepers of what queries need ready
 * beside the projections (the offers' folds, the index of a log that cannot search itself). It
 * starts in the background; when the lease is held elsewhere, or the subscription fails, it tries
 * again every few seconds.
 */
export class LogFollower {
  #stopping = false;
  #subscription: Subscription | undefined;
  #running: Promise<void> | undefined;
  #wakeUp: (() => void) | undefined;
  /** The position up to which this follower has kept the log, and who waits for it to move. */
  #kept = 0;
  #waiting: Array<{ position: number; resolve: () => void }> = [];

  constructor(
    private readonly store: EventStore,
    private readonly log: FollowedLog,
  ) {}

  start(): void {
    this.#running ??= this.#run();
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wakeUp?.();
    await this.#subscription?.close();
    await this.#running;
    await this.log.release();
  }

  /** Resolves once this follower (holding the lease) has kept the log up to `position`. */
  waitFor(position: number): Promise<void> {
    if (this.#kept >= position) return Promise.resolve();
    return new Promise((resolve) => this.#waiting.push({ position, resolve }));
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      try {
        if (await this.log.lease()) await this.#follow();
      } catch (error) {
        if (!this.#stopping) new Logger(this.log.label).warn(`${this.log.label} : ${String(error)}`);
        await this.log.release();
      }
      if (!this.#stopping)
        await new Promise<void>((resolve) => {
          this.#wakeUp = resolve;
          setTimeout(resolve, RETRY_MS).unref();
        });
    }
  }

  /** Keeps the events after the checkpoint, a page at a time, until the subscription ends. */
  async #follow(): Promise<void> {
    this.#kept = await this.log.checkpoint();
    // Stopped while this started: no subscription left behind.
    if (this.#stopping) return;
    const subscription = this.store.subscribeAll({
      fromPosition: this.#kept,
      ...(this.log.filter ? { filter: this.log.filter } : {}),
    });
    this.#subscription = subscription;
    try {
      const messages = subscription[Symbol.asyncIterator]();
      const following = () => {
        const message = messages.next();
        // Awaited later, maybe after a page is kept: a failure meanwhile is not unhandled.
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
          await this.#keep(pending);
          pending = [];
          continue;
        }
        if (result.done) return;
        next = following();
        const message = result.value;
        if (message.kind === 'event') {
          pending.push(message.event);
          if (pending.length >= this.log.pageSize) {
            await this.#keep(pending);
            pending = [];
          }
          continue;
        }
        // Caught up: every event of the log up to that position is kept.
        await this.#keep(pending, message.position);
        pending = [];
      }
    } finally {
      await subscription.close();
    }
  }

  /** Hands these events over and moves the checkpoint past them (or to `upTo`). */
  async #keep(events: readonly RecordedEvent[], upTo?: number): Promise<void> {
    const checkpoint = upTo ?? events.at(-1)?.position;
    if (checkpoint === undefined) return;
    await this.log.keep(events, checkpoint);
    this.#kept = checkpoint;
    this.#waiting = this.#waiting.filter(({ position, resolve }) => {
      if (position > checkpoint) return true;
      resolve();
      return false;
    });
  }
}
