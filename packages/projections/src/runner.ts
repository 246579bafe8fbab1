import { AppendSignal, type EventStore, type ProjectableEvent, type Subscription } from '@cls/event-store';
import { inTransaction, migrate, type Pool, type PoolClient } from '@cls/postgres';
import {
  bindLiterals,
  type Projection,
  quoteLiteral,
  rowsAsTable,
  SqlFragment,
  schemaOf,
  type TableColumn,
} from './projection.js';
import { projectionMigrations } from './schema.js';
import { WriteSlots } from './write-slots.js';

export interface ProjectionStatus {
  name: string;
  version: number;
  status: 'building' | 'live';
  /** Last global position applied (or passed by, for events it does not handle). */
  position: number;
  /** Events of the log it has not reached yet. */
  lag: number;
  /** This runner applies it (it holds its lease); otherwise another replica does. */
  appliedHere: boolean;
}

interface Tracked {
  projection: Projection;
  schema: string;
  position: number;
  status: 'building' | 'live';
  /** This runner holds the projection's lease: it applies the pages; others follow its checkpoint. */
  held: boolean;
  /**
   * The checkpoint as stored. `position` runs ahead of it over pages with no event
   * the projection handles: nothing to write, so their checkpoint is written later,
   * with the next page it handles or once the runner has caught up.
   */
  persisted: number;
  /** The columns of each of its tables (`schema.table`), for `tx.rows`. */
  tables: Map<string, TableColumn[]>;
  /** Built from position 0 without its query indexes: they are built once it has caught up. */
  indexesPending: boolean;
  /**
   * The last transaction dispatched that writes its checkpoint (its own page, or another's
   * carrying its pass), until it commits: its next one waits for it. A failed one stays until
   * the loop starts over from the checkpoints, failing the pages dispatched after it.
   */
  writing?: Promise<void>;
  /** How long its last transaction took (ms): the longest go first (see `WriteSlots`). */
  cost: number;
}

/** What the runner reads of the log. */
export type RunnerLog = Pick<EventStore, 'readForProjections' | 'subscribeAll' | 'headPosition'>;

export interface ProjectionRunnerOptions {
  /**
   * Connections of the pool its transactions may hold at once. By default the pool's size less
   * three: one for the session holding its leases, two left to the queries that share the pool
   * (the API's), even while a rebuild has a page waiting for every projection.
   */
  writers?: number;
  /** Events read and applied per transaction (500 by default). */
  batchSize?: number;
  /**
   * Events per transaction once a page came back full (the runner is behind: a
   * rebuild, a start after downtime), until it has caught up: fewer, larger
   * transactions (`batchSize` by default). Live pages stay `batchSize`.
   */
  catchUpBatchSize?: number;
  /** Longest sleep without an append signal. */
  pollIntervalMs?: number;
  /** Called when a batch fails (it is retried after `retryDelayMs`). */
  onError?: (error: unknown) => void;
  retryDelayMs?: number;
  /** How often a runner tries to take the leases it does not hold (another replica's, when it dies). */
  leaseRetryMs?: number;
}

/**
 * Feeds every projection from the log, in one loop: a page of events is read
 * once from the lowest checkpoint, and each projection applies the events past
 * its own checkpoint in a transaction that also moves that checkpoint — so each
 * event is applied exactly once, even if the process dies between two events. A projection whose version is new is built from position 0 into fresh
 * tables while readers keep the previous version; once caught up it goes live
 * and the old tables are dropped.
 */
export class ProjectionRunner {
  private readonly tracked: Tracked[] = [];
  /** The projections that handle each event type. */
  private readonly handlers = new Map<string, Tracked[]>();
  private readonly wake = new AppendSignal();
  private readonly progress = new AppendSignal();
  private head = 0;
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;
  private wakeUp: Subscription | undefined;
  private markStarted: () => void = () => {};
  /** The session holding this runner's leases (PostgreSQL advisory locks, freed if it dies). */
  private leaseClient: PoolClient | undefined;
  private leasesTriedAt = 0;
  private pagesSinceFlush = 0;
  /** The events the wake-up subscription delivered: all of those after `after`, in order. */
  private recent: { after: number; events: ProjectableEvent[] } = {
    after: Number.POSITIVE_INFINITY,
    events: [],
  };
  /** The next page, being read while the previous one is applied. */
  private ahead: { from: number; limit: number; page: Promise<ProjectableEvent[]> } | undefined;
  /**
   * While behind, the page dispatched last, whose transactions may still run: the next page
   * is dispatched before it has settled (see `applyPage`).
   */
  private inFlight: { last: number; settled: Promise<void> } | undefined;
  private readonly slots: WriteSlots;
  /** Resolves once the runner has started (its projections known): before that, `waitFor` has nothing to wait on. */
  readonly started = new Promise<void>((resolve) => {
    this.markStarted = resolve;
  });

  constructor(
    private readonly store: RunnerLog,
    private readonly pool: Pool,
    private readonly projections: Projection[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.slots = new WriteSlots(options.writers ?? Math.max(1, (pool.options.max ?? 10) - 3));
  }

  /** Creates what is missing (registry, schemas of new versions) and starts the loop. */
  async start(): Promise<void> {
    await migrate(this.pool, 'projections', projectionMigrations);
    for (const projection of this.projections) {
      const tracked = await this.prepare(projection);
      this.tracked.push(tracked);
      for (const type of projection.handles)
        this.handlers.set(type, [...(this.handlers.get(type) ?? []), tracked]);
    }
    await this.takeLeases();
    await this.listen();
    this.loop = this.run();
    this.markStarted();
  }

  /** Stops after the batch in flight; what it committed stays. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.wakeUp?.close();
    await this.loop;
    this.dropLeases();
  }

  /** The projections this runner applies (the others are applied by another replica). */
  held(): string[] {
    return this.tracked.filter((tracked) => tracked.held).map((tracked) => tracked.projection.name);
  }

  /**
   * One PostgreSQL advisory lock per projection version, on a session of its own:
   * among replicas sharing the database, one applies each projection; when its
   * process or connection dies, the lock goes with it and another takes over.
   */
  private async takeLeases(): Promise<void> {
    this.leasesTriedAt = Date.now();
    const wanted = this.tracked.filter((tracked) => !tracked.held);
    if (wanted.length === 0) return;
    try {
      if (!this.leaseClient) {
        const client = await this.pool.connect();
        // A lost session loses its locks: stop applying until they are taken again.
        client.on('error', () => this.dropLeases());
        this.leaseClient = client;
      }
      for (const tracked of wanted) {
        const { rows } = await this.leaseClient.query<{ held: boolean }>(
          'SELECT pg_try_advisory_lock(hashtext($1)) AS held',
          [`projection-lease:${tracked.projection.name}:v${tracked.projection.version}`],
        );
        if (rows[0]?.held) {
          tracked.held = true;
          // Where the previous holder stopped.
          await this.restoreStored([tracked]);
        }
      }
    } catch (error) {
      this.dropLeases();
      this.options.onError?.(error);
    }
  }

  private dropLeases(): void {
    for (const tracked of this.tracked) tracked.held = false;
    // Destroyed, not returned to the pool: its session locks end with it.
    this.leaseClient?.release(true);
    this.leaseClient = undefined;
  }

  /** These projections start again from their stored checkpoints (a lease taken, a write refused). */
  private async restoreStored(tracked: Tracked[]): Promise<void> {
    for (const each of tracked) each.position = each.persisted = await this.checkpointOf(each);
  }

  private async checkpointOf(tracked: Tracked): Promise<number> {
    const { rows } = await this.pool.query<{ position: string; status: 'building' | 'live' }>(
      'SELECT position::text, status FROM projection_checkpoints WHERE name = $1 AND version = $2',
      [tracked.projection.name, tracked.projection.version],
    );
    if (rows[0]) tracked.status = rows[0].status === 'live' ? 'live' : tracked.status;
    return Number(rows[0]?.position ?? tracked.position);
  }

  /** Projections applied by another replica: their positions as its commits leave them. */
  private async followOthers(): Promise<void> {
    let moved = false;
    for (const tracked of this.tracked.filter((candidate) => !candidate.held)) {
      const position = await this.checkpointOf(tracked);
      if (position !== tracked.position) moved = true;
      tracked.position = position;
      tracked.persisted = position;
    }
    if (moved) this.progress.notify();
  }

  status(): ProjectionStatus[] {
    return this.tracked.map((tracked) => ({
      name: tracked.projection.name,
      version: tracked.projection.version,
      status: tracked.status,
      position: tracked.position,
      lag: Math.max(0, this.head - tracked.position),
      appliedHere: tracked.held,
    }));
  }

  /**
   * Read-your-writes: resolves true once every projection has passed `position`
   * (the position a command returned), false if that takes longer than `timeoutMs`.
   */
  async waitFor(position: number, timeoutMs = 2000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    // Before it has started, the runner knows no projection: none would be waited on.
    let timer: NodeJS.Timeout | undefined;
    const started = await Promise.race([
      this.started.then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (!started) return false;
    this.head = Math.max(this.head, position);
    this.wake.notify();
    while (this.tracked.some((tracked) => tracked.position < position)) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      await this.progress.waitForChange(this.progress.version, remaining, this.stopping.signal);
      if (this.stopping.signal.aborted) return false;
    }
    return true;
  }

  private async prepare(projection: Projection): Promise<Tracked> {
    const schema = schemaOf(projection);
    return inTransaction(this.pool, async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`projection:${projection.name}`]);
      const { rows } = await client.query<{
        position: string;
        status: 'building' | 'live';
        indexes_pending: boolean;
      }>(
        'SELECT position::text, status, indexes_pending FROM projection_checkpoints WHERE name = $1 AND version = $2',
        [projection.name, projection.version],
      );
      let row = rows[0];
      if (!row) {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.query(`CREATE SCHEMA ${schema}`);
        await client.query(projection.schemaSql.replaceAll('{schema}', schema));
        const live = await client.query(
          'SELECT 1 FROM projection_checkpoints WHERE name = $1 AND status = $2',
          [projection.name, 'live'],
        );
        // The first version of a projection is live at once (empty is what is true);
        // a later one stays `building` behind the live one until it catches up.
        // Its query indexes wait until it has caught up: a rebuild would update them for every row.
        row = {
          position: '0',
          status: live.rowCount ? 'building' : 'live',
          indexes_pending: projection.queryIndexesSql !== undefined,
        };
        await client.query(
          `INSERT INTO projection_checkpoints (name, version, position, status, indexes_pending)
           VALUES ($1, $2, 0, $3, $4)`,
          [projection.name, projection.version, row.status, row.indexes_pending],
        );
      }
      return {
        projection,
        schema,
        position: Number(row.position),
        status: row.status,
        held: false,
        persisted: Number(row.position),
        tables: await tablesOf(client, schema),
        indexesPending: row.indexes_pending,
        cost: 0,
      };
    });
  }

  /**
   * Any append wakes the loop (and tells how far the log goes, for the lag). The
   * subscription starts at the log's head, not at the checkpoints: a rebuild reads
   * the log once, in its own pages. The events it delivers are kept (`recent`):
   * once caught up, they are the next page, not read again.
   */
  private async listen(): Promise<void> {
    const from = await this.store.headPosition();
    this.head = Math.max(this.head, from);
    this.recent = { after: from, events: [] };
    this.wakeUp = this.store.subscribeAll({ fromPosition: from });
    const subscription = this.wakeUp;
    const limit = this.options.batchSize ?? 500;
    void (async () => {
      try {
        for await (const message of subscription) {
          if (message.kind === 'event') {
            // Every event after `after`, in order; the oldest let go past a page's worth.
            const recent = this.recent;
            recent.events.push(message.event);
            if (recent.events.length > limit) {
              recent.after = (recent.events.shift() as ProjectableEvent).position;
            }
          }
          this.head = Math.max(
            this.head,
            message.kind === 'event' ? message.event.position : message.position,
          );
          this.wake.notify();
        }
      } catch (error) {
        this.options.onError?.(error);
      }
    })();
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    const catchUpBatchSize = Math.max(batchSize, this.options.catchUpBatchSize ?? batchSize);
    /** The last page came back full: more is waiting, read it in larger pages. */
    let behind = false;
    while (!this.stopping.signal.aborted) {
      const version = this.wake.version;
      let page: ProjectableEvent[] = [];
      const limit: number = behind ? catchUpBatchSize : batchSize;
      behind = false;
      try {
        if (Date.now() - this.leasesTriedAt >= (this.options.leaseRetryMs ?? 2000)) {
          // A lease taken adds a projection behind the page in flight.
          await this.settlePages();
          await this.takeLeases();
        }
        const held = this.tracked.filter((tracked) => tracked.held);
        if (held.length > 0) {
          const from = this.inFlight?.last ?? Math.min(...held.map((tracked) => tracked.position));
          page = await this.readPage(from, limit);
          // A full page means more to read: the next one is read while this one is applied.
          behind = page.length === limit;
          if (behind) this.readAhead(page, catchUpBatchSize);
          else {
            await this.settlePages();
            // Caught up once this page is applied: its query indexes first, so that waiting for
            // the page's position waits for them too.
            await this.buildQueryIndexes();
          }
          if (page.length > 0) {
            const settled = this.applyPage(page);
            if (behind) {
              // Behind: this page's transactions start as the last page's end, projection by
              // projection; the loop goes on once the last page has settled.
              const previous = this.inFlight;
              this.inFlight = { last: (page[page.length - 1] as ProjectableEvent).position, settled };
              await previous?.settled;
            } else await settled;
          }
          if (!behind || ++this.pagesSinceFlush >= 20) {
            await this.settlePages();
            await this.persistPassedPages();
          }
          if (!behind) await this.goLiveWhenCaughtUp();
        }
        await this.followOthers();
      } catch (error) {
        this.ahead = undefined;
        // Every transaction dispatched has ended before the pages are read again from the checkpoints.
        await this.settlePages().catch(() => {});
        for (const tracked of this.tracked) tracked.writing = undefined;
        this.options.onError?.(error);
        await this.wake.waitForChange(
          this.wake.version,
          this.options.retryDelayMs ?? 1000,
          this.stopping.signal,
        );
        continue;
      }
      if (!behind) {
        // Following another replica's projections: look again soon while they are behind the log.
        const following = this.tracked.some((tracked) => !tracked.held && tracked.position < this.head);
        const wait = following ? 25 : (this.options.pollIntervalMs ?? 1000);
        await this.wake.waitForChange(version, wait, this.stopping.signal);
      }
    }
    // Stopped behind the log: what was dispatched commits (or fails) before `stop` resolves.
    await this.settlePages().catch((error) => this.options.onError?.(error));
  }

  /** Waits for the page in flight, if any, to settle: then no transaction of this runner runs. */
  private async settlePages(): Promise<void> {
    const inFlight = this.inFlight;
    this.inFlight = undefined;
    await inFlight?.settled;
  }

  /**
   * The page from `from`: the one read ahead if it starts there, or the events the
   * subscription delivered after it (every one, in order), else read now.
   */
  private async readPage(from: number, limit: number): Promise<ProjectableEvent[]> {
    const ahead = this.ahead;
    this.ahead = undefined;
    if (ahead && ahead.from === from && ahead.limit === limit) return ahead.page;
    const { after, events } = this.recent;
    if (after <= from && (events.at(-1)?.position ?? 0) > from) {
      const start = events.findIndex((event) => event.position > from);
      return events.slice(start, start + limit);
    }
    return this.store.readForProjections({ fromPosition: from, limit });
  }

  /**
   * Starts reading the page after `page` (where every projection applying it
   * will stand once it is applied); used only if the next page starts there.
   */
  private readAhead(page: ProjectableEvent[], limit: number): void {
    const from = (page[page.length - 1] as ProjectableEvent).position;
    const read = this.store.readForProjections({ fromPosition: from, limit });
    // Its failure is the next read's: not an unhandled rejection meanwhile.
    read.catch(() => {});
    this.ahead = { from, limit, page: read };
  }

  /**
   * Writes the checkpoints of the projections that passed pages with nothing to
   * apply, in one statement (each still guarded: only from the position stored, or none).
   */
  private async persistPassedPages(): Promise<void> {
    this.pagesSinceFlush = 0;
    const passed = this.tracked.filter((tracked) => tracked.held && tracked.persisted < tracked.position);
    if (passed.length === 0) return;
    const pass = passStatement(passed, quoteLiteral);
    try {
      await this.pool.query(pass.sql);
      pass.stored();
    } catch (error) {
      await this.restoreStored(passed);
      throw error;
    }
  }

  /**
   * Every projection behind `last` applies the page, each in its own transaction, side by
   * side; the checkpoints of those that only passed it go with the first of them. Each
   * transaction starts once the one before it that writes the same checkpoint has committed
   * (`writing`), so a page can be dispatched while the last one is still being applied: a
   * projection done with it starts the next while the others finish. Settles once every
   * transaction of the page has ended; rejects with the first failure.
   */
  private applyPage(page: ProjectableEvent[]): Promise<void> {
    const last = (page[page.length - 1] as ProjectableEvent).position;
    // Each projection's events of the page, past its checkpoint, in one pass over the page.
    const handledBy = new Map<Tracked, ProjectableEvent[]>();
    for (const event of page) {
      for (const tracked of this.handlers.get(event.type) ?? []) {
        if (!tracked.held || event.position <= tracked.position) continue;
        const events = handledBy.get(tracked);
        if (events) events.push(event);
        else handledBy.set(tracked, [event]);
      }
    }
    const applying = this.tracked.filter((tracked) => handledBy.has(tracked));
    const dispatched: Promise<void>[] = [];
    /** `write` once `tracked`'s transaction before it has committed; its transaction until it settles. */
    const after = (tracked: Tracked, write: () => Promise<void> | void) => {
      const chained = (tracked.writing ?? Promise.resolve()).then(write);
      tracked.writing = chained;
      // A failed one stays: the projection's later pages fail with it, until the loop starts over.
      chained.then(
        () => this.writtenBy(tracked, chained),
        () => {},
      );
      dispatched.push(chained);
      return chained;
    };
    for (const tracked of this.tracked) {
      if (!tracked.held || tracked.position >= last || handledBy.has(tracked)) continue;
      // Nothing to write: the page is passed in memory (see `persisted`), once its last page is.
      const pass = () => {
        tracked.position = Math.max(tracked.position, last);
      };
      if (tracked.writing) after(tracked, pass);
      else pass();
    }
    // Those applying the page move their own checkpoint; those passed with nothing in flight go
    // with the first of them, and their next transaction waits for it.
    const passed = this.tracked.filter(
      (tracked) =>
        tracked.held && !tracked.writing && tracked.persisted < tracked.position && !handledBy.has(tracked),
    );
    for (const [index, tracked] of applying.entries()) {
      const carried = index === 0 ? passed : [];
      // Its statements built now, while its last page may still be being written.
      let statements: () => string;
      try {
        const built = this.pageStatements(tracked, handledBy.get(tracked) ?? [], last);
        statements = () => built;
      } catch (error) {
        statements = () => {
          throw error;
        };
      }
      const transaction = after(tracked, () => this.writePage(tracked, statements(), last, carried));
      // Their next transaction waits for this one, whether it commits or not.
      for (const each of carried) after(each, () => transaction.then(noop, noop));
    }
    return allEnded(dispatched).finally(() => {
      this.head = Math.max(this.head, last);
      this.progress.notify();
    });
  }

  /** `tracked`'s transaction `settled` has ended: if it was its last, none is in flight. */
  private writtenBy(tracked: Tracked, settled: Promise<void>): void {
    if (tracked.writing === settled) tracked.writing = undefined;
  }

  /**
   * The projection's statements for the page, as literals, then the move of its checkpoint to
   * `last`: built from the events alone, so before the page before has been written.
   */
  private pageStatements(tracked: Tracked, events: ProjectableEvent[], last: number): string {
    const quoteText = quoteLiteral;
    const statements: string[] = [];
    // Rows appended by the projection, per table and columns: one INSERT each, reading them as
    // a table (`tx.rows`): one literal per column to quote and to parse, not one per value.
    const appended = new Map<string, { table: string; columns: string[]; rows: Record<string, unknown>[] }>();
    const rows = (table: string, list: readonly Record<string, unknown>[]) => {
      const columns = tracked.tables.get(table);
      if (!columns) throw new Error(`projection ${tracked.projection.name} : table ${table} inconnue`);
      return new SqlFragment(rowsAsTable(table, columns, list, quoteText));
    };
    const tx = {
      schema: tracked.schema,
      execute: (sql: string, parameters: unknown[] = []) => {
        statements.push(bindLiterals(sql, parameters, quoteText));
      },
      appendRow: (table: string, row: Record<string, unknown>) => {
        const columns = Object.keys(row);
        const key = `${table}(${columns.join(',')})`;
        const batch = appended.get(key) ?? { table, columns, rows: [] };
        batch.rows.push(row);
        appended.set(key, batch);
      },
      rows,
    };
    if (tracked.projection.applyPage) tracked.projection.applyPage(events, tx);
    else for (const event of events) tracked.projection.apply(event, tx);
    for (const batch of appended.values()) {
      statements.push(
        `INSERT INTO ${batch.table} (${batch.columns.join(', ')})
         SELECT ${batch.columns.map((column) => `v.${column}`).join(', ')} FROM ${rows(batch.table, batch.rows).sql} AS v`,
      );
    }
    statements.push(
      bindLiterals(
        'UPDATE projection_checkpoints SET position = $3, updated_at = now() WHERE name = $1 AND version = $2',
        [tracked.projection.name, tracked.projection.version, last],
        quoteText,
      ),
    );
    return statements.join(';\n');
  }

  /**
   * One transaction and one round trip: the page's `statements` (moving the checkpoint to
   * `last`), only from the checkpoint as stored, and the checkpoints of the projections that
   * `passed` pages (`projections_pass`). Its commit does not wait for the disk: a read model
   * lost in a crash loses its checkpoint with it, and is rebuilt from the log.
   */
  private async writePage(
    tracked: Tracked,
    statements: string,
    last: number,
    passed: Tracked[],
  ): Promise<void> {
    await this.slots.hold(tracked.cost, () => this.writeTransaction(tracked, statements, last, passed));
  }

  private async writeTransaction(
    tracked: Tracked,
    statements: string,
    last: number,
    passed: Tracked[],
  ): Promise<void> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      const started = performance.now();
      const expect = bindLiterals(
        'SELECT projection_expect($1, $2, $3)',
        [tracked.projection.name, tracked.projection.version, tracked.persisted],
        quoteLiteral,
      );
      // Moved as they stand now: a projection passes only pages it is not applying.
      const pass = passed.length > 0 ? passStatement(passed, quoteLiteral) : undefined;
      await client.query(
        `BEGIN;\nSET LOCAL synchronous_commit = off;\n${expect};\n${statements};\n${pass ? `${pass.sql};\n` : ''}COMMIT`,
      );
      tracked.position = last;
      tracked.persisted = last;
      tracked.cost = performance.now() - started;
      pass?.stored();
    } catch (error) {
      broken = !(await client.query('ROLLBACK').then(
        () => true,
        () => false,
      ));
      // Another worker moved the checkpoint (a lease changed hands): start again from where it is.
      if ((error as { code?: string }).code === '40001') await this.restoreStored([tracked, ...passed]);
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /**
   * The query indexes of the projections built from position 0, now that they have
   * caught up: each in a transaction that also records them built (unless another
   * replica, which held the lease before, already did).
   */
  private async buildQueryIndexes(): Promise<void> {
    const pending = this.tracked.filter((candidate) => candidate.held && candidate.indexesPending);
    // Side by side, each projection's in its own transaction (on the writers' connections).
    await allEnded(pending.map((tracked) => this.slots.hold(0, () => this.buildIndexesOf(tracked))));
  }

  private async buildIndexesOf(tracked: Tracked): Promise<void> {
    const { name, version, queryIndexesSql = '' } = tracked.projection;
    await inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ indexes_pending: boolean }>(
        'SELECT indexes_pending FROM projection_checkpoints WHERE name = $1 AND version = $2 FOR UPDATE',
        [name, version],
      );
      if (!rows[0]?.indexes_pending) return;
      await client.query(queryIndexesSql.replaceAll('{schema}', tracked.schema));
      await client.query(
        'UPDATE projection_checkpoints SET indexes_pending = false WHERE name = $1 AND version = $2',
        [name, version],
      );
    });
    tracked.indexesPending = false;
  }

  /** A version built behind a live one takes over once it has read the whole log. */
  private async goLiveWhenCaughtUp(): Promise<void> {
    for (const tracked of this.tracked.filter(
      (candidate) => candidate.held && candidate.status === 'building',
    )) {
      await inTransaction(this.pool, async (client) => {
        const retired = await client.query<{ version: number }>(
          `UPDATE projection_checkpoints SET status = 'retired', updated_at = now()
            WHERE name = $1 AND version <> $2 AND status <> 'retired' RETURNING version`,
          [tracked.projection.name, tracked.projection.version],
        );
        await client.query(
          `UPDATE projection_checkpoints SET status = 'live', updated_at = now() WHERE name = $1 AND version = $2`,
          [tracked.projection.name, tracked.projection.version],
        );
        for (const { version } of retired.rows) {
          await client.query(
            `DROP SCHEMA IF EXISTS ${schemaOf({ name: tracked.projection.name, version })} CASCADE`,
          );
        }
      });
      tracked.status = 'live';
    }
  }
}

const noop = () => {};

/** Resolves once every one of `promises` has ended; rejects then with the first failure. */
async function allEnded(promises: Promise<void>[]): Promise<void> {
  const failure = (await Promise.allSettled(promises)).find((outcome) => outcome.status === 'rejected');
  if (failure) throw failure.reason;
}

/**
 * The statement that moves the checkpoints of projections that passed pages with nothing to
 * apply, from where they are stored to where they stand now, each only from there, or none
 * (`projections_pass`, migration 3); `stored()` records them as stored once it is committed.
 */
function passStatement(passed: Tracked[], quoteText: (text: string) => string) {
  const moves = passed.map((tracked) => ({ tracked, to: tracked.position }));
  return {
    sql: bindLiterals(
      'SELECT projections_pass($1::text[], $2::integer[], $3::bigint[], $4::bigint[])',
      [
        passed.map((tracked) => tracked.projection.name),
        passed.map((tracked) => tracked.projection.version),
        passed.map((tracked) => tracked.persisted),
        moves.map(({ to }) => to),
      ],
      quoteText,
    ),
    stored: () => {
      for (const { tracked, to } of moves) tracked.persisted = Math.max(tracked.persisted, to);
    },
  };
}

/** The columns of every table of a schema, in order, by `schema.table`. */
export async function tablesOf(client: PoolClient, schema: string): Promise<Map<string, TableColumn[]>> {
  const { rows } = await client.query<TableColumn & { table: string }>(
    `SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            t.typcategory AS category
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_type t ON t.oid = a.atttypid
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY c.relname, a.attnum`,
    [schema],
  );
  const tables = new Map<string, TableColumn[]>();
  for (const { table, name, type, category } of rows) {
    const columns = tables.get(`${schema}.${table}`) ?? [];
    columns.push({ name, type, category });
    tables.set(`${schema}.${table}`, columns);
  }
  return tables;
}

/** The schema readers should query for a projection: its live version. */
export async function liveSchema(pool: Pool, name: string): Promise<string | undefined> {
  const { rows } = await pool.query<{ version: number }>(
    `SELECT version FROM projection_checkpoints WHERE name = $1 AND status = 'live' ORDER BY version DESC LIMIT 1`,
    [name],
  );
  const version = rows[0]?.version;
  return version === undefined ? undefined : schemaOf({ name, version });
}

/** md5 of every row of every table of a projection's live schema: equal read models, equal checksums. */
export async function readModelChecksum(pool: Pool, name: string): Promise<string> {
  const schema = await liveSchema(pool, name);
  if (!schema) throw new Error(`projection ${name} : aucune version active`);
  return schemaChecksum(pool, schema);
}

/** md5 of every row of every table of a schema, table by table (through `pool` or one client's snapshot). */
export async function schemaChecksum(
  db: Pick<Pool, 'query'> | Pick<PoolClient, 'query'>,
  schema: string,
): Promise<string> {
  const { rows: tables } = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
    [schema],
  );
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const { rows } = await db.query<{ digest: string | null }>(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM ${schema}."${table_name}" t`,
    );
    parts.push(`${table_name}:${rows[0]?.digest}`);
  }
  return parts.join(';');
}
