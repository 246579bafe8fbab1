import {
  type AllStreamResolvedEvent,
  type AppendStreamRequest,
  type AppendStreamState,
  BACKWARDS,
  END,
  FORWARDS,
  jsonEvent,
  KurrentDBClient,
  NO_STREAM,
  type ResolvedEvent,
  START,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import {
  AppendPlanner,
  categoryOf,
  type PreparedAppend,
  prepareAppend,
  type StreamHead,
} from '../append-plan.js';
import { EventStoreError } from '../errors.js';
import { verifyEvents } from '../hash-chain.js';
import { selectStreamEvents } from '../memory/select-stream-events.js';
import { matchesFilter } from '../subscription.js';
import type {
  AppendOptions,
  AppendResult,
  EventMetadata,
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
import { catchUpSubscription } from './catch-up.js';
import { ourStreams, serverFilter } from './server-filter.js';

export interface KurrentDBEventStoreOptions {
  /** e.g. `kurrentdb://localhost:2113?tls=false`, or a cluster's `kurrentdb+discover://…`. */
  connectionString: string;
  upcasters?: Upcasters;
}

/** What this adapter keeps in KurrentDB's event metadata (the payload stays the event's data). */
interface StoredMetadata extends Omit<EventMetadata, 'hash'> {
  hash: string;
  version: number;
}

/**
 * Idempotency marker of a command: a one-event stream per command id, written in
 * the same atomic multi-stream append as the command's events with `no_stream`,
 * so a second append of the same command fails on the marker, not on the data.
 * The leading underscore keeps it out of the domain's `<category>-<id>` names.
 */
const commandStream = (commandId: string) => `_command-${commandId}`;

/**
 * The event store on KurrentDB (EventStoreDB). Positions are KurrentDB's commit
 * positions in `$all` (increasing, not dense). Requires KurrentDB 25.1 or newer
 * for atomic multi-stream appends. Hashes, actor and times travel in the event
 * metadata; the global order is KurrentDB's own.
 *
 * The global hash chain is not stored here: a position is known only once the
 * server has written the event, and appends are not serialised by a lock of ours.
 * Events carry no `globalHash`; `verifyAll` computes the chain over `$all`'s order
 * (its `head` is what the platform signs), and so does the offline verifier over
 * an export's order.
 */
export class KurrentDBEventStore implements EventStore {
  private readonly client: KurrentDBClient;
  private readonly upcasters: Upcasters;
  /** Open subscriptions, ended by close(). */
  private readonly subscriptions = new Set<Subscription>();

  constructor(private readonly options: KurrentDBEventStoreOptions) {
    this.client = KurrentDBClient.connectionString(options.connectionString);
    this.upcasters = options.upcasters ?? new Upcasters();
  }

  async append(stream: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const prepared = prepareAppend(stream, events, options);
    for (let attempt = 0; ; attempt += 1) {
      const known = options.commandId === undefined ? undefined : await this.findCommand(options.commandId);
      if (known) return known;
      const head = await this.head(stream);
      const heads = new Map<string, StreamHead>(head ? [[stream, head]] : []);
      // Positions are the server's: the records carry no global hash (see the class comment).
      const planner = new AppendPlanner(heads, new Map(), { nextPosition: 0 }, new Date().toISOString());
      const outcome = planner.plan(prepared);
      if (outcome.kind === 'rejected') throw outcome.error;
      if (outcome.kind === 'duplicate' || outcome.records.length === 0) return outcome.result;
      try {
        return await this.write(prepared, outcome.records, head);
      } catch (error) {
        // Someone appended between our read and our write: decide again on the new head.
        if (!(error instanceof WrongExpectedVersionError) || attempt >= 20) throw error;
      }
    }
  }

  private async write(prepared: PreparedAppend, records: RecordedEvent[], head: StreamHead | undefined) {
    const expectedState: AppendStreamState = head ? BigInt(head.revision) : NO_STREAM;
    const data = records.map((record) =>
      jsonEvent({
        id: record.id,
        type: record.type,
        data: record.data as Record<string, unknown>,
        metadata: { ...record.metadata, version: record.version } satisfies StoredMetadata,
      }),
    );
    const requests: AppendStreamRequest[] = [{ streamName: prepared.stream, events: data, expectedState }];
    const commandId = prepared.options.commandId;
    if (commandId !== undefined) {
      requests.push({
        streamName: commandStream(commandId),
        events: [jsonEvent({ type: 'CommandRecorded', data: { stream: prepared.stream } })],
        expectedState: NO_STREAM,
      });
    }
    await this.client.multiStreamAppend(requests);
    const last = records[records.length - 1] as RecordedEvent;
    const [stored] = await this.readStream(prepared.stream, { fromRevision: last.revision, maxCount: 1 });
    return { stream: prepared.stream, nextExpectedRevision: last.revision, position: stored?.position ?? 0 };
  }

  async findCommand(commandId: string): Promise<AppendResult | undefined> {
    const [marker] = await this.collect(this.client.readStream(commandStream(commandId), { maxCount: 1 }));
    const stream = (marker?.event?.data as { stream?: string } | undefined)?.stream;
    if (!stream) return undefined;
    const mine = (await this.readStreamStored(stream, {})).filter(
      (event) => event.metadata.commandId === commandId,
    );
    const last = mine.at(-1);
    return last ? { stream, nextExpectedRevision: last.revision, position: last.position } : undefined;
  }

  private async head(stream: string): Promise<StreamHead | undefined> {
    const [last] = await this.readStreamStored(stream, { direction: 'backwards', maxCount: 1 });
    return last ? { revision: last.revision, hash: last.metadata.hash, position: last.position } : undefined;
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return (await this.readStreamStored(stream, options)).map((event) => this.upcasters.upcast(event));
  }

  private async readStreamStored(stream: string, options: ReadStreamOptions): Promise<RecordedEvent[]> {
    const resolved = await this.collect(
      this.client.readStream(stream, {
        direction: options.direction === 'backwards' ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision === undefined ? undefined : BigInt(options.fromRevision),
        maxCount: options.asOf || options.toRevision !== undefined ? undefined : options.maxCount,
      }),
    );
    const events = resolved.flatMap((item) => this.fromKurrent(item));
    // The bounds KurrentDB cannot apply (upper revision, as-of) are applied here.
    const forwards = options.direction === 'backwards' ? [...events].reverse() : events;
    return selectStreamEvents(forwards, options);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return (await this.readAllStored(options)).map((event) => this.upcasters.upcast(event));
  }

  /** The whole events: KurrentDB sends each event's metadata as one document. */
  readForProjections(options: ReadAllOptions = {}): Promise<ProjectableEvent[]> {
    return this.readAll(options);
  }

  private async readAllStored(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const after = options.fromPosition ?? 0;
    const limit = options.limit ?? 1000;
    const page: RecordedEvent[] = [];
    const position = after === 0 ? START : { commit: BigInt(after), prepare: BigInt(after) };
    const filter = serverFilter(options.filter);
    for await (const item of this.client.readAll({ fromPosition: position, filter })) {
      page.push(...this.ours(item, after, options));
      if (page.length >= limit) break;
    }
    return page.slice(0, limit);
  }

  /**
   * `$all` after `fromPosition`, history then live, filtered on the server (see serverFilter):
   * KurrentDB pushes each event as it is written and says when the history is exhausted.
   */
  subscribeAll(options: SubscribeOptions = {}): Subscription {
    const after = options.fromPosition ?? 0;
    const source = this.client.subscribeToAll({
      fromPosition: after === 0 ? START : { commit: BigInt(after), prepare: BigInt(after) },
      filter: serverFilter(options.filter),
    });
    const subscription = catchUpSubscription(
      source,
      (item) => this.ours(item, after, options).map((event) => this.upcasters.upcast(event)),
      after,
    );
    this.subscriptions.add(subscription);
    return {
      [Symbol.asyncIterator]: () => subscription[Symbol.asyncIterator](),
      close: async () => {
        this.subscriptions.delete(subscription);
        await subscription.close();
      },
    };
  }

  /** An item's event when it is ours, after `after` and within the filter the server could not apply whole. */
  private ours(item: AllStreamResolvedEvent, after: number, options: ReadAllOptions): RecordedEvent[] {
    return this.fromKurrent(item).filter(
      (event) => event.position > after && matchesFilter(event, options.filter, categoryOf(event.stream)),
    );
  }

  async headPosition(): Promise<number> {
    const last = this.client.readAll({
      direction: BACKWARDS,
      fromPosition: END,
      maxCount: 1,
      filter: ourStreams(),
    });
    for await (const item of last) {
      const [event] = this.fromKurrent(item);
      if (event) return event.position;
    }
    return 0;
  }

  async streamRevision(stream: string): Promise<number | undefined> {
    return (await this.head(stream))?.revision;
  }

  async verifyStream(stream: string): Promise<VerifyResult> {
    return verifyEvents(await this.readStreamStored(stream, {}), { densePositions: false });
  }

  /** Streams `$all` through the check: memory holds each stream's head, not the log. */
  async verifyAll(options: VerifyAllOptions = {}): Promise<VerifyResult> {
    return verifyEvents(this.allStored(), { densePositions: false, wholeLog: true, ...options });
  }

  /** Every event of ours in `$all`, in its order, as stored (no upcasting: the hashes cover it). */
  private async *allStored(): AsyncGenerator<RecordedEvent> {
    for await (const item of this.client.readAll({ fromPosition: START, filter: ourStreams() }))
      yield* this.fromKurrent(item);
  }

  /** Test hook: hide a stream's events before `revision`, as someone with admin rights could. */
  async truncateBefore(stream: string, revision: number): Promise<void> {
    await this.client.setStreamMetadata(stream, { truncateBefore: revision });
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  private async collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
    const items: T[] = [];
    try {
      for await (const item of iterable) items.push(item);
    } catch (error) {
      if ((error as { type?: string }).type === 'stream-not-found') return [];
      throw error;
    }
    return items;
  }

  /** Our events only: system events, link events and command markers are skipped. */
  private fromKurrent(item: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent[] {
    const event = item.event;
    if (!event?.isJson || event.streamId.startsWith('$') || event.streamId.startsWith('_')) return [];
    const stored = event.metadata as unknown as StoredMetadata | undefined;
    if (!stored?.hash) return [];
    const { version, ...metadata } = stored;
    if (!event.position)
      throw new EventStoreError(`position inconnue pour ${event.streamId}@${event.revision}`);
    return [
      {
        id: event.id,
        stream: event.streamId,
        revision: Number(event.revision),
        position: Number(event.position.commit),
        type: event.type,
        version,
        data: event.data,
        metadata,
      },
    ];
  }
}
