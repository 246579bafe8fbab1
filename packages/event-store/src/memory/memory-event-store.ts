import { AppendPlanner, categoryOf, prepareAppend, type StreamHead } from '../append-plan.js';
import { AppendSignal } from '../append-signal.js';
import { facetsOf, matchesQuery } from '../event-search.js';
import { GENESIS_HASH, verifyEvents } from '../hash-chain.js';
import { matchesFilter, pollingSubscription } from '../subscription.js';
import type {
  AppendOptions,
  AppendResult,
  EventFacets,
  EventQuery,
  EventSearch,
  EventStore,
  NewEvent,
  ProjectableEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  VerifyAllOptions,
  VerifyResult,
} from '../types.js';
import { Upcasters } from '../upcasting.js';
import { selectStreamEvents } from './select-stream-events.js';

export interface MemoryEventStoreOptions {
  upcasters?: Upcasters;
  /** Store time (recordedAt) of each append: the system's clock by default, a fixed one in tests. */
  clock?: { now(): Date };
  /**
   * Ids of the events appended without one (a fresh UUID v7 by default), from
   * their command id and index in the append: a test log the same bytes every run.
   */
  eventId?: (commandId: string | undefined, index: number) => string;
}

/** In-process event store for unit tests of the command side: same contract, nothing persisted. */
export class MemoryEventStore implements EventStore, EventSearch {
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly commands = new Map<string, AppendResult>();
  private readonly signal = new AppendSignal();
  private readonly upcasters: Upcasters;

  constructor(private readonly options: MemoryEventStoreOptions = {}) {
    this.upcasters = options.upcasters ?? new Upcasters();
  }

  async append(stream: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const { eventId } = this.options;
    const identified = eventId
      ? events.map((event, index) => ({ ...event, id: event.id ?? eventId(options.commandId, index) }))
      : events;
    const prepared = prepareAppend(stream, identified, options);
    const heads = new Map<string, StreamHead>();
    const last = this.streams.get(stream)?.at(-1);
    if (last)
      heads.set(stream, { revision: last.revision, hash: last.metadata.hash, position: last.position });
    const lastOfLog = this.log.at(-1);
    const logHead = {
      position: this.log.length,
      globalHash: lastOfLog?.metadata.globalHash ?? GENESIS_HASH,
    };
    const recordedAt = (this.options.clock?.now() ?? new Date()).toISOString();
    const planner = new AppendPlanner(heads, this.commands, logHead, recordedAt);
    const outcome = planner.plan(prepared);
    if (outcome.kind === 'rejected') throw outcome.error;
    if (outcome.kind === 'duplicate') return outcome.result;
    const streamEvents = this.streams.get(stream) ?? [];
    for (const record of outcome.records) {
      this.log.push(record);
      streamEvents.push(record);
    }
    this.streams.set(stream, streamEvents);
    this.signal.notify();
    return outcome.result;
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return selectStreamEvents(this.streams.get(stream) ?? [], options).map((event) => this.toRead(event));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readLog(options);
  }

  /** Whole events: the memory holds them already. */
  async readForProjections(options: ReadAllOptions = {}): Promise<ProjectableEvent[]> {
    return this.readLog(options);
  }

  private readLog(options: ReadAllOptions): RecordedEvent[] {
    const from = options.fromPosition ?? 0;
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const page: RecordedEvent[] = [];
    // Positions are dense from 1: the event after `from` sits at index `from`.
    for (let index = from; index < this.log.length && page.length < limit; index += 1) {
      const event = this.log[index] as RecordedEvent;
      if (matchesFilter(event, options.filter, categoryOf(event.stream))) page.push(this.toRead(event));
    }
    return page;
  }

  async searchEvents(query: EventQuery): Promise<RecordedEvent[]> {
    const matches = matchesQuery(query);
    const backwards = query.direction === 'backwards';
    const found: RecordedEvent[] = [];
    for (let at = 0; at < this.log.length && found.length < query.limit; at += 1) {
      const event = this.log[backwards ? this.log.length - 1 - at : at] as RecordedEvent;
      if (matches(event)) found.push(this.toRead(event));
    }
    return found;
  }

  async eventFacets(): Promise<EventFacets> {
    return facetsOf(this.log);
  }

  subscribeAll(options?: SubscribeOptions): Subscription {
    return pollingSubscription(
      { readAll: (o) => this.readAll(o), appendSignal: this.signal, pollIntervalMs: 1000 },
      options,
    );
  }

  async headPosition(): Promise<number> {
    return this.log.at(-1)?.position ?? 0;
  }

  async streamRevision(stream: string): Promise<number | undefined> {
    return this.streams.get(stream)?.at(-1)?.revision;
  }

  async findCommand(commandId: string): Promise<AppendResult | undefined> {
    return this.commands.get(commandId);
  }

  async verifyStream(stream: string): Promise<VerifyResult> {
    return verifyEvents(this.streams.get(stream) ?? [], { densePositions: false });
  }

  async verifyAll(options: VerifyAllOptions = {}): Promise<VerifyResult> {
    return verifyEvents(this.log, { densePositions: true, wholeLog: true, ...options });
  }

  async close(): Promise<void> {}

  /** Test hook: alter a stored event in place, as someone with access to the storage could. */
  tamper(stream: string, revision: number, change: (event: RecordedEvent) => RecordedEvent): void {
    const events = this.streams.get(stream);
    const index = events?.findIndex((event) => event.revision === revision) ?? -1;
    if (!events || index < 0) throw new Error(`pas d'événement ${stream}@${revision}`);
    const original = events[index] as RecordedEvent;
    const altered = change(structuredClone(original));
    events[index] = altered;
    this.log[original.position - 1] = altered;
  }

  /** Stored events are never handed out: callers get copies, upcast to the latest version. */
  private toRead(event: RecordedEvent): RecordedEvent {
    return this.upcasters.upcast(structuredClone(event));
  }
}
