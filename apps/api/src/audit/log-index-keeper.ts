import { canSearch, type EventSearch, type EventStore } from '@cls/event-store';
import { PostgresEventIndex } from '@cls/event-store/postgres';
import { AdvisoryLease, type Pool } from '@cls/postgres';
import type { BeforeApplicationShutdown, OnApplicationBootstrap, Provider } from '@nestjs/common';
import { PG_POOL } from '../database/database.module.js';
import { LogFollower } from '../database/log-follower.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';

/**
 * What the audit searches (its timeline, facets, causal chains): the log itself when its store
 * can search it (PostgreSQL), else the index LogIndexKeeper keeps of it in PostgreSQL (KurrentDB).
 */
export const EVENT_SEARCH = Symbol('EVENT_SEARCH');

/**
 * Keeps the index of a log that cannot search itself (KurrentDB) up to date: on the replica
 * holding its lease, it follows the log from the index's checkpoint and adds each page, the
 * checkpoint moving in the same transaction. With a PostgreSQL log it does nothing. The index
 * follows the log within a page's time; until its first catch-up the timeline shows what it holds.
 */
export class LogIndexKeeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly #follower: LogFollower | undefined;
  readonly #index: PostgresEventIndex | undefined;

  constructor(store: EventStore, pool: Pool, index: PostgresEventIndex) {
    if (canSearch(store)) return;
    this.#index = index;
    const lease = new AdvisoryLease(pool, 'event-index-lease');
    this.#follower = new LogFollower(store, {
      label: 'Index du journal',
      pageSize: 1000,
      lease: () => lease.take(),
      release: () => lease.release(),
      checkpoint: () => index.checkpoint(),
      keep: (events, upTo) => index.keep(events, upTo),
    });
  }

  onApplicationBootstrap(): void {
    this.#follower?.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.#follower?.stop();
  }

  /** Resolves once this keeper (holding the lease) has indexed the log up to `position`; at once when there is no index. */
  waitFor(position: number): Promise<void> {
    return this.#follower?.waitFor(position) ?? Promise.resolve();
  }

  /**
   * Whether the index holds the log up to `position` within `timeoutMs`, whichever replica keeps
   * it (its checkpoint is read from PostgreSQL): read-your-writes for the audit. True at once
   * when the log searches itself.
   */
  async caughtUp(position: number, timeoutMs: number): Promise<boolean> {
    if (!this.#index) return true;
    const deadline = Date.now() + timeoutMs;
    while ((await this.#index.checkpoint()) < position) {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return true;
  }
}

/** The audit's search, the index and its keeper, as Nest provides them. */
export const logSearchProviders: Provider[] = [
  {
    provide: PostgresEventIndex,
    inject: [PG_POOL],
    useFactory: (pool: Pool) => new PostgresEventIndex(pool),
  },
  {
    provide: EVENT_SEARCH,
    inject: [EVENT_STORE, PostgresEventIndex],
    useFactory: (store: EventStore, index: PostgresEventIndex): EventSearch =>
      canSearch(store) ? store : index,
  },
  {
    provide: LogIndexKeeper,
    inject: [EVENT_STORE, PG_POOL, PostgresEventIndex],
    useFactory: (store: EventStore, pool: Pool, index: PostgresEventIndex) =>
      new LogIndexKeeper(store, pool, index),
  },
];
