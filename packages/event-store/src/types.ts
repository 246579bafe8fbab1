/**
 * The EventStore port: what the command side, the projections and the audit need
 * from the log, whatever stores it (memory, PostgreSQL, KurrentDB).
 *
 * Streams are named `<category>-<id>` (`contract-…`, `action-…`). Revisions count
 * the events of one stream from 0; positions order every event of the log from 1.
 */

/** Who did it: carried by every event for the audit. */
export interface Actor {
  id: string;
  role: string;
}

export interface EventMetadata {
  actor: Actor;
  /** Idempotency key: a command appended twice is stored once. */
  commandId: string | null;
  correlationId: string | null;
  causationId: string | null;
  /**
   * What the client called the request, as it said it (`x-cls-correlation-id`):
   * kept for the audit, never trusted as the correlation id. Absent when none.
   */
  label?: string;
  /** Business time: when it happened (may be in the past). ISO 8601. */
  occurredAt: string;
  /** Store time: when the log recorded it. ISO 8601. */
  recordedAt: string;
  /** Hash of the previous event of the stream (64 zeros for the first one). */
  prevHash: string;
  /** sha256(prevHash + canonical JSON of this event without its hashes). */
  hash: string;
  /**
   * The chain over the whole log: sha256 of the previous event's global hash (64 zeros
   * before the first event), this event's position and its hash (see `globalEventHash`).
   * Deleting, inserting, reordering or renumbering events anywhere changes every global
   * hash after it. Absent where the server assigns positions (KurrentDB): there the
   * chain is computed over the log's order when it is verified or exported.
   */
  globalHash?: string;
}

export interface RecordedEvent<Data = unknown> {
  /** UUID v7. */
  id: string;
  stream: string;
  revision: number;
  position: number;
  type: string;
  /** Schema version of `data`, after upcasting. */
  version: number;
  data: Data;
  metadata: EventMetadata;
}

/**
 * What a projection reads of an event: its place in the log, its payload, who and
 * when; not its hashes nor its command ids, which only the audit reads. A rebuild
 * reads the whole log, and those were about half of each event's columns.
 */
export interface ProjectableEvent<Data = unknown>
  extends Pick<RecordedEvent<Data>, 'stream' | 'revision' | 'position' | 'type' | 'version' | 'data'> {
  metadata: Pick<EventMetadata, 'occurredAt' | 'recordedAt'> & { actor: Pick<Actor, 'id'> };
}

export interface NewEvent<Data = unknown> {
  type: string;
  data: Data;
  /** Schema version of `data`; 1 when omitted. */
  version?: number;
  /** Business time; the recording time when omitted. */
  occurredAt?: Date | string;
  /** UUID; a fresh UUID v7 when omitted. */
  id?: string;
}

/**
 * What the caller believes about the stream before appending:
 * `any` (no check), `no_stream` (must be empty), `exists` (must have events),
 * or the revision of its last event.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'exists' | number;

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
  actor: Actor;
  commandId?: string;
  correlationId?: string;
  causationId?: string;
  /** The client's own name for the request (see EventMetadata.label). */
  label?: string;
}

export interface AppendResult {
  stream: string;
  /** Revision of the last event of the stream after the append. -1: still empty. */
  nextExpectedRevision: number;
  /** Global position of the last event appended (or of the stream's last event for an empty append). */
  position: number;
}

export type ReadDirection = 'forwards' | 'backwards';

/** A point in time: what was true at `date` in business time, or what the log knew then. */
export type AsOf = { recordedAt: Date } | { occurredAt: Date };

export interface ReadStreamOptions {
  direction?: ReadDirection;
  /** Inclusive: where reading starts (the end of the stream when backwards and omitted). */
  fromRevision?: number;
  /** Inclusive bound on the other side. */
  toRevision?: number;
  maxCount?: number;
  asOf?: AsOf;
}

export interface EventFilter {
  /** Stream categories (`contract` for `contract-…`). */
  categories?: string[];
  eventTypes?: string[];
}

export interface ReadAllOptions {
  /** Exclusive: the events after this position. 0 or omitted: from the start. */
  fromPosition?: number;
  limit?: number;
  filter?: EventFilter;
}

/** Instants on one of the event's clocks: `from` inclusive, `until` exclusive. */
export interface TimeRange {
  from?: Date;
  until?: Date;
}

/**
 * A filtered read of the whole log, for the audit (its timeline, an event's
 * causal chain, the events behind a figure): every criterion given must hold.
 */
export interface EventQuery {
  /** Only these streams (a contract's, say); an empty list matches nothing. */
  streams?: string[];
  /** Stream category (`contract` for `contract-…`). */
  category?: string;
  type?: string;
  actorId?: string;
  correlationId?: string;
  commandId?: string;
  /** Only these global positions. */
  positions?: number[];
  /** Business time (`metadata.occurredAt`). */
  occurredAt?: TimeRange;
  /** Store time (`metadata.recordedAt`). */
  recordedAt?: TimeRange;
  /** Exclusive: only events before this position (the cursor of a page read backwards). */
  beforePosition?: number;
  /** In log order (`forwards`, the default) or newest first. */
  direction?: ReadDirection;
  /** At most this many events, the first ones in `direction`. */
  limit: number;
}

/** What the events of a log can be filtered on. */
export interface EventFacets {
  categories: string[];
  types: string[];
  /** Each actor with its role (the greatest, when it had several) and how many events it appended. */
  actors: Array<{ id: string; role: string; events: number }>;
}

/**
 * Filtered reads of the whole log, which only a store that indexes its events
 * answers (PostgreSQL, memory; not KurrentDB, whose reads follow streams and
 * positions): see `canSearch`.
 */
export interface EventSearch {
  searchEvents(query: EventQuery): Promise<RecordedEvent[]>;
  eventFacets(): Promise<EventFacets>;
}

export interface SubscribeOptions {
  /** Exclusive, as a checkpoint: the events after this position. */
  fromPosition?: number;
  filter?: EventFilter;
}

export type SubscriptionMessage =
  | { kind: 'event'; event: RecordedEvent }
  /** Sent once, when history is exhausted: from now on, events are live. */
  | { kind: 'caught-up'; position: number };

export interface Subscription extends AsyncIterable<SubscriptionMessage> {
  close(): Promise<void>;
}

/** Where the whole log stands: its last event's position and global hash (0 and 64 zeros when empty). */
export interface LogHead {
  position: number;
  globalHash: string;
}

export type VerifyResult =
  | { ok: true; streams: number; events: number; head?: LogHead }
  | { ok: false; brokenLink: BrokenLink; streams: number; events: number };

export interface VerifyAllOptions {
  /**
   * Heads the log had earlier (signed at earlier checks): the global chain computed
   * now must pass through each of them, or the history before it was rewritten.
   */
  knownHeads?: LogHead[];
}

export interface BrokenLink {
  stream: string;
  revision: number;
  position: number;
  reason: string;
}

export interface EventStore {
  append(stream: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** `readAll` with what projections read of each event only (a store may give more). */
  readForProjections(options?: ReadAllOptions): Promise<ProjectableEvent[]>;
  subscribeAll(options?: SubscribeOptions): Subscription;
  /** Position of the log's last event; 0 when the log is empty. */
  headPosition(): Promise<number>;
  /** Revision of the stream's last event; undefined when the stream has none. */
  streamRevision(stream: string): Promise<number | undefined>;
  /**
   * The result of the append that stored this command id, if one did: lets the
   * command side answer a retry with the first result before deciding anew.
   */
  findCommand(commandId: string): Promise<AppendResult | undefined>;
  /** Re-computes the hash chain of one stream. */
  verifyStream(stream: string): Promise<VerifyResult>;
  /**
   * Re-computes every stream's chain, the global chain (the result's `head`) and
   * checks the global order, and that the log still passes through `knownHeads`.
   */
  verifyAll(options?: VerifyAllOptions): Promise<VerifyResult>;
  close(): Promise<void>;
}
