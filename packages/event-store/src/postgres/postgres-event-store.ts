import { createPool, migrateOnFirstUse, type Pool, type PoolClient } from '@cls/postgres';
import pg from 'pg';
import {
  type AppendOutcome,
  AppendPlanner,
  categoryOf,
  type PreparedAppend,
  prepareAppend,
  type StreamHead,
} from '../append-plan.js';
import { AppendSignal } from '../append-signal.js';
import { EventStoreError } from '../errors.js';
import { GENESIS_HASH, verifyEvents } from '../hash-chain.js';
import { matchesFilter, pollingSubscription } from '../subscription.js';
import type {
  AppendOptions,
  AppendResult,
  EventFacets,
  EventFilter,
  EventQuery,
  EventSearch,
  EventStore,
  LogHead,
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
import { tableSearch } from './event-search.js';
import {
  EVENT_COLUMNS,
  PROJECTABLE_COLUMNS,
  ROW_TYPES,
  statementName,
  toProjectableEvent,
  toRecordedEvent,
} from './rows.js';
import {
  APPEND_ALONE_SQL,
  APPEND_CHANNEL,
  APPEND_LOCK,
  beginAtPosition,
  eventStoreMigrations,
  FOLLOW_SQL,
} from './schema.js';
import { StreamHeadCache } from './stream-head-cache.js';

export interface PostgresEventStoreOptions {
  connectionString: string;
  upcasters?: Upcasters;
  poolSize?: number;
  /** Longest a subscription sleeps without a notification. */
  pollIntervalMs?: number;
  /** Most appends committed together in one transaction. */
  maxAppendsPerCommit?: number;
  /** Most chained transactions in flight at once, each on its own connection (2). */
  maxCommitsInFlight?: number;
}

interface PendingAppend {
  prepared: PreparedAppend;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/**
 * The event store on PostgreSQL.
 *
 * Appends are group-committed: the appends that arrive while transactions are in
 * flight queue up and go together in the next one. Positions are dense, each row's
 * global hash chains it to the row before it, and no reader can see a position
 * before the ones below it are committed, so a subscription that follows positions
 * never skips an event. Two ways to write:
 *
 * - decided on the log: the transaction takes a transaction-level advisory lock,
 *   reads the heads of the streams it touches, the command ids and the last
 *   position, decides every append in order (idempotency, expected revision, hash
 *   chain: see AppendPlanner), inserts the accepted events and commits;
 * - chained: when the process knows the log's head and the heads of the streams
 *   (from its own appends and reads), it decides the batch on them and sends it at
 *   once, in one round trip, while up to `maxCommitsInFlight` earlier batches are
 *   still committing on other connections — each chained to the head the batch
 *   before it will leave. The database is the judge: the unique constraints refuse
 *   a position, a stream revision or a command id taken already, and `events_follow`
 *   (schema.ts) waits for the transaction that writes the row below the batch to end,
 *   then refuses the batch unless that row is there with the global hash it was
 *   chained to. A refused batch (another process appended, a remembered head was
 *   stale, the batch before it failed) wrote nothing: it is decided again on the log.
 */
export class PostgresEventStore implements EventStore, EventSearch {
  private readonly queue: PendingAppend[] = [];
  private flushing: Promise<void> | undefined;
  /** Wakes the flush loop when an append arrives while it waits for a commit. */
  private arrived: (() => void) | undefined;
  /**
   * Each subscription's wake-up, with its filter: this process's appends wake only those
   * their events pass (a filtered subscription would read the log for nothing); another
   * process's, known only by position, wake them all.
   */
  private readonly wakeUps = new Set<{ signal: AppendSignal; filter: EventFilter | undefined }>();
  /** Last known committed head of recently used streams: lets most appends be chained. */
  private readonly heads = new StreamHeadCache(10_000);
  /**
   * The log's last position and global hash as this process last wrote or read them:
   * the next rows chain to it. Forgotten when another process announces a later
   * position, or when a chained batch is refused.
   */
  private logHead: LogHead | undefined;
  /** While chained batches are in flight: the head the last of them leaves, and the stream heads they leave. */
  private plannedHead: LogHead | undefined;
  private readonly plannedHeads = new Map<string, StreamHead>();
  private chainedInFlight = 0;
  /**
   * The last position this process's appends woke its subscriptions for: the database's
   * announcement of the same append (or of an earlier one) would only wake them again
   * to read nothing new.
   */
  private signalledUpTo = 0;
  /**
   * The last position announced while appends of this process were in flight, most often
   * one of them: woken for once they have settled, if they did not reach it.
   */
  private announcedInFlight = 0;
  private readonly subscriptions = new Set<Subscription>();
  private listener: pg.Client | undefined;
  private closed = false;
  private readonly search: EventSearch;
  /**
   * The schema brought up to date on first use (and tried again on the next use if the database
   * was not reachable), so a host can start while its database is still coming up.
   */
  private readonly ensureSchema: () => Promise<void>;

  private constructor(
    private readonly pool: Pool,
    private readonly options: PostgresEventStoreOptions,
    private readonly upcasters: Upcasters,
  ) {
    this.ensureSchema = migrateOnFirstUse(pool, 'event-store', eventStoreMigrations);
    this.search = tableSearch(pool, 'events', this.ensureSchema, (event) => upcasters.upcast(event));
  }

  /** Connects and brings the schema up to date before returning. */
  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const store = PostgresEventStore.connect(options);
    try {
      await store.ensureSchema();
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  /**
   * Returns at once; the schema is brought up to date on first use (and tried
   * again on the next use if the database was not reachable), so a host can start
   * while its database is still coming up.
   */
  static connect(options: PostgresEventStoreOptions): PostgresEventStore {
    const pool = createPool(options.connectionString, {
      max: options.poolSize ?? 10,
      applicationName: 'cls-event-store',
      // An append's statements go out together, in one round trip (see pipelined).
      pipeline: true,
    });
    return new PostgresEventStore(pool, options, options.upcasters ?? new Upcasters());
  }

  async append(stream: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (this.closed) throw new EventStoreError('event store fermé');
    const prepared = prepareAppend(stream, events, options);
    return new Promise((resolve, reject) => {
      this.queue.push({ prepared, resolve, reject });
      this.arrived?.();
      this.flushing ??= this.flush();
    });
  }

  /**
   * Sends the queued appends: chained batches while the heads are known (up to
   * `maxCommitsInFlight` at once, the queue split evenly between the free slots),
   * otherwise one batch decided on the log once nothing is in flight. A refused
   * chained batch, and every batch chained after it, go back to the head of the
   * queue in their order, to be decided on the log.
   */
  private async flush(): Promise<void> {
    const max = this.options.maxAppendsPerCommit ?? 256;
    const slots = Math.max(1, this.options.maxCommitsInFlight ?? 2);
    const inFlight: Promise<PendingAppend[] | undefined>[] = [];
    // A batch sent alone (one statement) is one that nothing may be chained after.
    let alone: Promise<unknown> | undefined;
    try {
      for (;;) {
        let needsTheLog = false;
        while (this.queue.length > 0 && inFlight.length < slots && !alone) {
          const size = Math.min(max, Math.ceil(this.queue.length / (slots - inFlight.length)));
          const batch = this.queue.splice(0, size);
          const planned = this.planOnKnownHeads(batch);
          if (!planned) {
            this.queue.unshift(...batch);
            needsTheLog = true;
            break;
          }
          // Nothing in flight, nothing left behind (one writer, a quiet moment): one statement.
          const sentAlone = inFlight.length === 0 && this.queue.length === 0;
          const chained = this.writeChained(batch, planned, sentAlone);
          inFlight.push(chained.refused);
          if (sentAlone) {
            const settled = chained.refused.finally(() => {
              if (alone === settled) alone = undefined;
            });
            alone = settled;
          }
          // The next batch may wait for this one's lock only once it is held.
          else await chained.locked;
        }
        const oldest = inFlight[0];
        if (!oldest) {
          if (this.queue.length === 0) return;
          await this.commit(this.queue.splice(0, max));
          continue;
        }
        const room = !needsTheLog && inFlight.length < slots && !alone;
        const settled = await Promise.race([
          oldest.then(() => true),
          ...(room ? [new Promise<false>((resolve) => (this.arrived = () => resolve(false)))] : []),
        ]);
        this.arrived = undefined;
        if (!settled) continue;
        inFlight.shift();
        const refused = await oldest;
        if (!refused) continue;
        // Every batch chained after a refused one is refused too: wait for them all.
        const again = [refused];
        for (let next = inFlight.shift(); next; next = inFlight.shift()) {
          const alsoRefused = await next;
          if (alsoRefused) again.push(alsoRefused);
        }
        this.forgetPlans(again.flat());
        this.queue.unshift(...again.flat());
      }
    } finally {
      this.flushing = undefined;
      if (this.announcedInFlight > this.signalledUpTo) this.wakeEverySubscription();
      this.announcedInFlight = 0;
    }
  }

  /** One transaction decided on the log for a batch of appends; each append is settled on its own. */
  private async commit(batch: PendingAppend[]): Promise<void> {
    let client: PoolClient;
    try {
      await this.ensureSchema();
      client = await this.pool.connect();
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    let outcomes: AppendOutcome[] | undefined;
    let failure: unknown;
    let connectionLost = false;
    try {
      outcomes = await this.decideUnderLock(client, batch);
    } catch (error) {
      failure = error;
      connectionLost = !(await client.query('ROLLBACK').then(
        () => true,
        () => false,
      ));
    }
    client.release(connectionLost);

    if (outcomes) {
      this.settle(batch, outcomes);
    } else if (batch.length > 1 && !connectionLost) {
      // One bad append (say, a reused event id) must not fail its neighbours:
      // commit them one by one, so that only the guilty one is refused.
      for (const pending of batch) await this.commit([pending]);
    } else if (!connectionLost && isChainConflict(failure) && batch[0]) {
      // A chained batch of another process took the positions read under the lock
      // before it committed: decide again on the log as it is now.
      await this.commit(batch);
    } else {
      // With the connection lost during COMMIT the outcome is unknown: the caller
      // retries with the same command id and gets the first result if it landed.
      for (const pending of batch) pending.reject(failure);
    }
  }

  private settle(batch: PendingAppend[], outcomes: AppendOutcome[]): void {
    outcomes.forEach((outcome, index) => {
      const pending = batch[index] as PendingAppend;
      if (outcome.kind === 'rejected') pending.reject(outcome.error);
      else pending.resolve(outcome.result);
    });
    // In position order: the batch's appends are numbered one after the other.
    const records = outcomes.flatMap((outcome) => (outcome.kind === 'appended' ? outcome.records : []));
    const last = records.at(-1);
    if (last) {
      this.signalledUpTo = Math.max(this.signalledUpTo, last.position);
      for (const { signal, filter } of this.wakeUps) {
        if (!filter || records.some((record) => matchesFilter(record, filter, categoryOf(record.stream))))
          signal.notify();
      }
    }
  }

  /**
   * Decides the batch on the heads this process knows (the log's and the streams',
   * after the batches still in flight), when it knows every stream involved.
   * Undefined when it does not, when those heads would refuse an append (only the
   * log itself may refuse one), or when an append writes nothing to check. The
   * batch's heads become the known ones for the next batch.
   */
  private planOnKnownHeads(batch: PendingAppend[]) {
    const logHead = this.plannedHead ?? this.logHead;
    if (!logHead) return undefined;
    const heads = new Map<string, StreamHead>();
    for (const { prepared } of batch) {
      if (heads.has(prepared.stream)) continue;
      const head = this.plannedHeads.get(prepared.stream) ?? this.heads.get(prepared.stream);
      if (head) heads.set(prepared.stream, head);
      else if (prepared.expectedRevision !== 'no_stream' && prepared.expectedRevision !== -1)
        return undefined;
    }
    const planner = new AppendPlanner(heads, new Map(), logHead, new Date().toISOString());
    const outcomes = batch.map((pending) => planner.plan(pending.prepared));
    if (outcomes.some((outcome) => outcome.kind !== 'appended' || outcome.records.length === 0))
      return undefined;
    const to = planner.logHead as LogHead;
    this.plannedHead = to;
    this.chainedInFlight += 1;
    for (const [stream, head] of heads) this.plannedHeads.set(stream, head);
    return { outcomes, from: logHead, to };
  }

  /**
   * One round trip on a connection of its own: take the lock of the batch's last
   * position (the next batch waits for it), insert, wait for the batch below and
   * check the row it ends with (`events_follow`), announce, commit. `locked` settles
   * once the lock is held; `refused` gives the batch back when nothing was written
   * and it is to be decided on the log, or undefined once it is settled.
   */
  private writeChained(
    batch: PendingAppend[],
    planned: { outcomes: AppendOutcome[]; from: LogHead; to: LogHead },
    alone: boolean,
  ): { locked: Promise<unknown>; refused: Promise<PendingAppend[] | undefined> } {
    const { outcomes, from, to } = planned;
    const client = this.ensureSchema().then(() => this.pool.connect());
    const statements = client.then((connected) =>
      pipelinedEach(
        connected,
        alone
          ? [
              {
                name: 'cls-append-alone',
                text: APPEND_ALONE_SQL,
                values: [...this.columnsOf(batch, outcomes), from.position, from.globalHash],
              },
            ]
          : [
              { text: beginAtPosition(to.position) },
              { name: 'cls-append-rows', text: INSERT_SQL, values: this.columnsOf(batch, outcomes) },
              {
                name: 'cls-append-follow',
                text: FOLLOW_SQL,
                values: [from.position, from.globalHash, String(to.position)],
              },
              { text: 'COMMIT' },
            ],
      ),
    );
    const locked = statements.then((each) => each[0]).catch(() => undefined);
    const refused = (async () => {
      try {
        return await this.sendChained(batch, outcomes, to, client, statements);
      } finally {
        this.chainedInFlight -= 1;
        if (this.chainedInFlight === 0) {
          this.plannedHead = undefined;
          this.plannedHeads.clear();
        }
      }
    })();
    return { locked, refused };
  }

  /** Awaits a chained batch's answers: settles it, or gives it back to be decided on the log. */
  private async sendChained(
    batch: PendingAppend[],
    outcomes: AppendOutcome[],
    to: LogHead,
    client: Promise<PoolClient>,
    statements: Promise<Promise<pg.QueryResult>[]>,
  ): Promise<PendingAppend[] | undefined> {
    let connected: PoolClient;
    try {
      connected = await client;
    } catch {
      // No connection: nothing was sent, the log decides (and reports the failure).
      return batch;
    }
    let each: Promise<pg.QueryResult>[];
    try {
      each = await statements;
    } catch {
      // Nothing was sent: the log decides, and reports what failed here if it fails there too.
      connected.release();
      return batch;
    }
    const settled = await Promise.allSettled(each);
    const failure = settled.find((result) => result.status === 'rejected');
    if (!failure) {
      connected.release();
      this.rememberHeads(outcomes, to);
      this.settle(batch, outcomes);
      return undefined;
    }
    // A failed statement failed those after it and COMMIT rolled back: nothing was written.
    const lost = !(await connected.query('ROLLBACK').then(
      () => true,
      () => false,
    ));
    connected.release(lost);
    if (!lost) return batch;
    // Lost during COMMIT, the outcome is unknown: the caller retries with its command id.
    this.forgetPlans(batch);
    for (const pending of batch) pending.reject(failure.reason);
    return undefined;
  }

  /** After a refused batch: the heads this process believed are not to be trusted. */
  private forgetPlans(batch: PendingAppend[]): void {
    this.logHead = undefined;
    this.plannedHead = undefined;
    this.plannedHeads.clear();
    for (const pending of batch) this.heads.delete(pending.prepared.stream);
  }

  /** Two round trips: lock and read the heads and command ids involved, then decide, insert, commit. */
  private async decideUnderLock(client: PoolClient, batch: PendingAppend[]): Promise<AppendOutcome[]> {
    const streams = [...new Set(batch.map((pending) => pending.prepared.stream))];
    const commandIds = [...new Set(batch.flatMap((pending) => pending.prepared.options.commandId ?? []))];

    // One round trip: open, lock, and read what the decisions depend on.
    const [, , last, headRows, commandRows] = await pipelined(client, [
      { text: 'BEGIN' },
      { name: 'cls-append-lock', text: LOCK_SQL },
      { name: 'cls-append-log-head', text: LOG_HEAD_SQL },
      { name: 'cls-append-stream-heads', text: STREAM_HEADS_SQL, values: [streams] },
      ...(commandIds.length > 0
        ? [{ name: 'cls-append-known-commands', text: KNOWN_COMMANDS_SQL, values: [commandIds] }]
        : []),
    ]);

    const heads = new Map<string, StreamHead>(
      (
        headRows as pg.QueryResult<{ stream: string; revision: number; hash: string; position: string }>
      ).rows.map((row) => [
        row.stream,
        { revision: row.revision, hash: row.hash, position: Number(row.position) },
      ]),
    );
    const known = new Map<string, AppendResult>(
      (
        (commandRows?.rows ?? []) as {
          command_id: string;
          stream: string;
          revision: number;
          position: string;
        }[]
      ).map((row) => [
        row.command_id,
        { stream: row.stream, nextExpectedRevision: row.revision, position: Number(row.position) },
      ]),
    );
    const lastRow = (last as pg.QueryResult<{ last: string; global_hash: string }>).rows[0];
    const logHead: LogHead = lastRow
      ? { position: Number(lastRow.last), globalHash: lastRow.global_hash }
      : { position: 0, globalHash: GENESIS_HASH };
    const planner = new AppendPlanner(heads, known, logHead, new Date().toISOString());
    const outcomes = batch.map((pending) => planner.plan(pending.prepared));

    if (!outcomes.some((outcome) => outcome.kind === 'appended' && outcome.records.length > 0)) {
      await client.query('COMMIT');
      this.logHead = logHead;
      return outcomes;
    }
    // Second and last round trip: write, announce, commit. The notification is
    // delivered to listeners only once the transaction has committed.
    await pipelined(client, [
      { name: 'cls-append-rows', text: INSERT_SQL, values: this.columnsOf(batch, outcomes) },
      { name: 'cls-append-notify', text: NOTIFY_LAST_SQL },
      { text: 'COMMIT' },
    ]);
    this.rememberHeads(outcomes, planner.logHead as LogHead);
    return outcomes;
  }

  /** The accepted appends' records, one array per column, in INSERT_COLUMNS order. */
  private columnsOf(batch: PendingAppend[], outcomes: AppendOutcome[]): unknown[][] {
    const columns: unknown[][] = Array.from({ length: COLUMN_COUNT }, () => []);
    outcomes.forEach((outcome, index) => {
      if (outcome.kind !== 'appended') return;
      const { prepared } = batch[index] as PendingAppend;
      outcome.records.forEach((record, eventIndex) => {
        const event = prepared.events[eventIndex];
        if (!event) throw new Error('événement préparé introuvable');
        const { metadata } = record;
        const row = [
          record.position,
          record.id,
          record.stream,
          prepared.category,
          record.revision,
          record.type,
          record.version,
          event.dataJson,
          metadata.actor.id,
          metadata.actor.role,
          metadata.commandId,
          metadata.commandId === null ? null : eventIndex,
          metadata.correlationId,
          metadata.causationId,
          metadata.label ?? null,
          metadata.occurredAt,
          metadata.recordedAt,
          metadata.prevHash,
          metadata.hash,
          metadata.globalHash ?? null,
        ];
        for (const [column, value] of row.entries()) columns[column]?.push(value);
      });
    });
    return columns;
  }

  /** Heads left by a committed batch; batches may land out of order, the heads only move forward. */
  private rememberHeads(outcomes: AppendOutcome[], logHead: LogHead): void {
    if (!this.logHead || this.logHead.position < logHead.position) this.logHead = logHead;
    for (const outcome of outcomes) {
      const last = outcome.kind === 'appended' ? outcome.records.at(-1) : undefined;
      if (!last) continue;
      const known = this.heads.get(last.stream);
      if (known && known.position > last.position) continue;
      this.heads.set(last.stream, {
        revision: last.revision,
        hash: last.metadata.hash,
        position: last.position,
      });
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return (await this.readStreamStored(stream, options)).map((event) => this.upcasters.upcast(event));
  }

  private async readStreamStored(stream: string, options: ReadStreamOptions): Promise<RecordedEvent[]> {
    await this.ensureSchema();
    const backwards = options.direction === 'backwards';
    const conditions = ['stream = $1'];
    const parameters: unknown[] = [stream];
    const bound = (sql: string, value: unknown) => {
      parameters.push(value);
      conditions.push(sql.replace('?', `$${parameters.length}`));
    };
    if (options.fromRevision !== undefined)
      bound(backwards ? 'revision <= ?' : 'revision >= ?', options.fromRevision);
    if (options.toRevision !== undefined)
      bound(backwards ? 'revision >= ?' : 'revision <= ?', options.toRevision);
    if (options.asOf) {
      if ('recordedAt' in options.asOf) bound('recorded_at <= ?', options.asOf.recordedAt);
      else bound('occurred_at <= ?', options.asOf.occurredAt);
    }
    const limit = options.maxCount === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(options.maxCount))}`;
    const text = `SELECT ${EVENT_COLUMNS} FROM events WHERE ${conditions.join(' AND ')}
       ORDER BY revision ${backwards ? 'DESC' : 'ASC'}${limit}`;
    const events = await this.select(text, parameters, toRecordedEvent);
    // A read that reached the end of the stream tells its head: the command side
    // reads a stream just before appending to it.
    const last = events.at(-1);
    if (
      last &&
      !backwards &&
      options.toRevision === undefined &&
      !options.asOf &&
      options.maxCount === undefined
    ) {
      this.heads.set(stream, { revision: last.revision, hash: last.metadata.hash, position: last.position });
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return (await this.readAllStored(options)).map((event) => this.upcasters.upcast(event));
  }

  /** Fewer columns than `readAll`: a rebuild reads the whole log, and parses every column it reads. */
  async readForProjections(options: ReadAllOptions = {}): Promise<ProjectableEvent[]> {
    const { text, values } = await this.readAllQuery(PROJECTABLE_COLUMNS, options);
    const events = await this.select(text, values, toProjectableEvent);
    return events.map((event) => this.upcasters.upcast(event));
  }

  private async readAllStored(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const { text, values } = await this.readAllQuery(EVENT_COLUMNS, options);
    return this.select(text, values, toRecordedEvent);
  }

  /** The read of the log after a position, these columns of each event. */
  private async readAllQuery(columns: string, options: ReadAllOptions) {
    await this.ensureSchema();
    const parameters: unknown[] = [options.fromPosition ?? 0];
    const conditions = ['position > $1'];
    if (options.filter?.categories) {
      parameters.push(options.filter.categories);
      conditions.push(`category = ANY($${parameters.length})`);
    }
    if (options.filter?.eventTypes) {
      parameters.push(options.filter.eventTypes);
      conditions.push(`type = ANY($${parameters.length})`);
    }
    parameters.push(options.limit ?? 1000);
    const text = `SELECT ${columns} FROM events WHERE ${conditions.join(' AND ')} ORDER BY position LIMIT $${parameters.length}`;
    return { text, values: parameters };
  }

  /** A read of events, as a prepared statement named by its text, rows as arrays. */
  private async select<Row extends unknown[], Event>(
    text: string,
    parameters: unknown[],
    toEvent: (row: Row) => Event,
  ): Promise<Event[]> {
    const { rows } = await this.pool.query<Row>({
      name: statementName(text),
      text,
      values: parameters,
      types: ROW_TYPES,
      rowMode: 'array',
    });
    return rows.map(toEvent);
  }

  searchEvents(query: EventQuery): Promise<RecordedEvent[]> {
    return this.search.searchEvents(query);
  }

  eventFacets(): Promise<EventFacets> {
    return this.search.eventFacets();
  }

  subscribeAll(options?: SubscribeOptions): Subscription {
    this.listen();
    const wakeUp = { signal: new AppendSignal(), filter: options?.filter };
    const subscription = pollingSubscription(
      {
        readAll: (page) => this.readAll(page),
        appendSignal: wakeUp.signal,
        pollIntervalMs: this.options.pollIntervalMs ?? 1000,
      },
      options,
    );
    this.wakeUps.add(wakeUp);
    this.subscriptions.add(subscription);
    return {
      [Symbol.asyncIterator]: () => subscription[Symbol.asyncIterator](),
      close: async () => {
        this.wakeUps.delete(wakeUp);
        this.subscriptions.delete(subscription);
        await subscription.close();
      },
    };
  }

  private wakeEverySubscription(): void {
    for (const { signal } of this.wakeUps) signal.notify();
  }

  /** Wakes local subscriptions when another process appends (best effort: polling covers gaps). */
  private listen(): void {
    if (this.listener || this.closed) return;
    const listener = new pg.Client({ connectionString: this.options.connectionString });
    this.listener = listener;
    const reset = () => {
      if (this.listener === listener) this.listener = undefined;
      listener.end().catch(() => {});
    };
    listener.on('notification', (message) => {
      const position = Number(message.payload);
      // A later position than this process wrote: another process appended, the head moved.
      const known = this.plannedHead ?? this.logHead;
      if (known && position > known.position) {
        this.logHead = undefined;
        this.plannedHead = undefined;
      }
      // Its own append, already announced here: positions commit in order, so
      // the subscriptions woken then read everything up to it.
      if (position <= this.signalledUpTo) return;
      // Most likely an append in flight here, whose settling wakes them: decided once the flush ends.
      if (this.flushing) {
        this.announcedInFlight = Math.max(this.announcedInFlight, position);
        return;
      }
      this.wakeEverySubscription();
    });
    listener.on('error', reset);
    listener
      .connect()
      .then(() => listener.query(`LISTEN ${APPEND_CHANNEL}`))
      .catch(reset);
  }

  async headPosition(): Promise<number> {
    await this.ensureSchema();
    const { rows } = await this.pool.query<{ position: string }>(
      'SELECT coalesce(max(position), 0)::text AS position FROM events',
    );
    return Number(rows[0]?.position ?? 0);
  }

  async streamRevision(stream: string): Promise<number | undefined> {
    await this.ensureSchema();
    const { rows } = await this.pool.query<{ revision: number }>(
      'SELECT revision FROM events WHERE stream = $1 ORDER BY revision DESC LIMIT 1',
      [stream],
    );
    return rows[0]?.revision;
  }

  async findCommand(commandId: string): Promise<AppendResult | undefined> {
    await this.ensureSchema();
    const { rows } = await this.pool.query<{ stream: string; revision: number; position: string }>(
      `SELECT stream, max(revision) AS revision, max(position)::text AS position
         FROM events WHERE command_id = $1 GROUP BY stream`,
      [commandId],
    );
    const row = rows[0];
    return row
      ? { stream: row.stream, nextExpectedRevision: row.revision, position: Number(row.position) }
      : undefined;
  }

  async verifyStream(stream: string): Promise<VerifyResult> {
    return verifyEvents(await this.readStreamStored(stream, {}), { densePositions: false });
  }

  async verifyAll(options: VerifyAllOptions = {}): Promise<VerifyResult> {
    return verifyEvents(this.pagesOfStoredEvents(), { densePositions: true, wholeLog: true, ...options });
  }

  private async *pagesOfStoredEvents(): AsyncGenerator<RecordedEvent> {
    let fromPosition = 0;
    for (;;) {
      const page = await this.readAllStored({ fromPosition, limit: 5000 });
      yield* page;
      if (page.length < 5000) return;
      fromPosition = (page[page.length - 1] as RecordedEvent).position;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flushing;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.listener?.end().catch(() => {});
    this.listener = undefined;
    await this.pool.end();
  }
}

const UNIQUE_VIOLATION = '23505';

const INSERT_COLUMNS = `position, id, stream, category, revision, type, version, data, actor_id, actor_role,
  command_id, command_index, correlation_id, causation_id, label, occurred_at, recorded_at, prev_hash, hash, global_hash`;
const COLUMN_COUNT = 20;

/** The rows, one bound array per column (INSERT_COLUMNS order): parsed and planned once per connection. */
const UNNEST_ROWS = `SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::text[], $5::integer[], $6::text[],
  $7::integer[], $8::json[], $9::text[], $10::text[], $11::text[], $12::integer[], $13::text[], $14::text[],
  $15::text[], $16::timestamptz[], $17::timestamptz[], $18::char(64)[], $19::char(64)[], $20::char(64)[])`;

const INSERT_SQL = `INSERT INTO events (${INSERT_COLUMNS}) ${UNNEST_ROWS}`;

const LOCK_SQL = `SELECT pg_advisory_xact_lock(${APPEND_LOCK})`;

// Ordered by the column, not by its text (which would put 9 after 10).
const LOG_HEAD_SQL =
  'SELECT position::text AS last, global_hash FROM events ORDER BY events.position DESC LIMIT 1';

const STREAM_HEADS_SQL = `SELECT s.stream, e.revision, e.hash, e.position::text AS position
  FROM unnest($1::text[]) AS s(stream)
  CROSS JOIN LATERAL (
    SELECT revision, hash, position FROM events WHERE events.stream = s.stream
    ORDER BY revision DESC LIMIT 1) e`;

const KNOWN_COMMANDS_SQL = `SELECT command_id, stream, max(revision) AS revision, max(position)::text AS position
  FROM events WHERE command_id = ANY($1::text[]) GROUP BY command_id, stream`;

const NOTIFY_LAST_SQL = `SELECT pg_notify('${APPEND_CHANNEL}', (SELECT max(position)::text FROM events))`;

/** The statements sent at once on a pipelining connection, each answer apart. */
async function pipelinedEach(
  client: PoolClient,
  statements: pg.QueryConfig[],
): Promise<Promise<pg.QueryResult>[]> {
  const each = statements.map((statement) => client.query(statement));
  // Each answer is awaited by the caller; none may go unhandled meanwhile.
  for (const answer of each) answer.catch(() => {});
  return each;
}

/**
 * pg writes each protocol message apart (a statement is four: bind, describe,
 * execute, sync), one system call each; with the socket corked while the
 * statements are queued, the whole pipeline leaves in one write.
 */
function corked<T>(client: PoolClient, queue: () => T): T {
  const socket = client instanceof pg.Client ? client.connection.stream : undefined;
  socket?.cork();
  try {
    return queue();
  } finally {
    socket?.uncork();
  }
}

/** A chained batch of another process took a position this transaction read as free. */
function isChainConflict(error: unknown): boolean {
  const { code, constraint } = error as { code?: string; constraint?: string };
  return code === UNIQUE_VIOLATION && constraint === 'events_pkey';
}

/**
 * Sends the statements at once on a pipelining connection (one round trip) and
 * waits for every answer; throws the first failure. In a transaction, a failed
 * statement makes the ones after it fail too and COMMIT roll back.
 */
async function pipelined(
  client: PoolClient,
  statements: pg.QueryConfig[],
): Promise<(pg.QueryResult | undefined)[]> {
  const settled = await Promise.allSettled(
    corked(client, () => statements.map((statement) => client.query(statement))),
  );
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
  return settled.map((result) => (result.status === 'fulfilled' ? result.value : undefined));
}
