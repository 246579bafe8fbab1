import { inTransaction, type Migration, migrateOnFirstUse, type Pool } from '@cls/postgres';
import { categoryOf } from '../append-plan.js';
import type { EventFacets, EventQuery, EventSearch, EventStore, RecordedEvent } from '../types.js';
import { tableSearch } from './event-search.js';

const EVENT_INDEX_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'event index',
    sql: `
      -- Every event of a log that cannot search itself (KurrentDB), whole, with the columns of
      -- the events table, so that the audit searches it as it searches a PostgreSQL log.
      CREATE TABLE event_index (
        position bigint PRIMARY KEY,
        id uuid NOT NULL,
        stream text NOT NULL,
        category text NOT NULL,
        revision integer NOT NULL,
        type text NOT NULL,
        version integer NOT NULL,
        data json NOT NULL,
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        command_id text,
        correlation_id text,
        causation_id text,
        label text,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        global_hash char(64)
      );
      CREATE INDEX event_index_category_position ON event_index (category, position);
      CREATE INDEX event_index_type_position ON event_index (type, position);
      CREATE INDEX event_index_correlation ON event_index (correlation_id) WHERE correlation_id IS NOT NULL;
      CREATE INDEX event_index_command ON event_index (command_id) WHERE command_id IS NOT NULL;
      -- Up to where the index holds the log (one row).
      CREATE TABLE event_index_checkpoint (
        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        position bigint NOT NULL
      );
    `,
  },
];

/**
 * The index of a log that cannot search itself (KurrentDB, whose reads follow streams and
 * positions), kept in PostgreSQL beside the read models: the audit's timeline, facets and causal
 * chains read it as they read a PostgreSQL log (`EventSearch`). Its keeper follows the log and
 * hands each page to `keep` (apps/api, LogIndexKeeper).
 *
 * It holds the events as the log's subscription delivers them, upcast: after an upcaster is
 * added, empty both tables (`TRUNCATE event_index, event_index_checkpoint`) and the keeper fills
 * them again from the log's start.
 */
export class PostgresEventIndex implements EventSearch {
  readonly #search: EventSearch;
  /** Migrates on first use (again on the next one if the database was unreachable). */
  readonly ensureSchema: () => Promise<void>;

  constructor(private readonly pool: Pool) {
    this.ensureSchema = migrateOnFirstUse(pool, 'event-index', EVENT_INDEX_MIGRATIONS);
    this.#search = tableSearch(pool, 'event_index', this.ensureSchema, (event) => event);
  }

  /** The position up to which the index holds the log (0: nothing yet). */
  async checkpoint(): Promise<number> {
    await this.ensureSchema();
    const { rows } = await this.pool.query<{ position: string }>(
      'SELECT position FROM event_index_checkpoint',
    );
    return Number(rows[0]?.position ?? 0);
  }

  /**
   * Adds these events (those already there are left as they are) and moves the checkpoint to
   * `upTo`, in one transaction: a keeper killed in between leaves both as they were.
   */
  async keep(events: readonly RecordedEvent[], upTo: number): Promise<void> {
    await this.ensureSchema();
    await inTransaction(this.pool, async (client) => {
      if (events.length > 0)
        await client.query(
          `INSERT INTO event_index (position, id, stream, category, revision, type, version, data, actor_id,
             actor_role, command_id, correlation_id, causation_id, label, occurred_at, recorded_at, prev_hash,
             hash, global_hash)
           SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::text[], $7::int[],
             $8::json[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
             $15::timestamptz[], $16::timestamptz[], $17::text[], $18::text[], $19::text[])
           ON CONFLICT (position) DO NOTHING`,
          [
            events.map((event) => event.position),
            events.map((event) => event.id),
            events.map((event) => event.stream),
            events.map((event) => categoryOf(event.stream)),
            events.map((event) => event.revision),
            events.map((event) => event.type),
            events.map((event) => event.version),
            events.map((event) => JSON.stringify(event.data)),
            events.map((event) => event.metadata.actor.id),
            events.map((event) => event.metadata.actor.role),
            events.map((event) => event.metadata.commandId),
            events.map((event) => event.metadata.correlationId),
            events.map((event) => event.metadata.causationId),
            events.map((event) => event.metadata.label ?? null),
            events.map((event) => event.metadata.occurredAt),
            events.map((event) => event.metadata.recordedAt),
            events.map((event) => event.metadata.prevHash),
            events.map((event) => event.metadata.hash),
            events.map((event) => event.metadata.globalHash ?? null),
          ],
        );
      await client.query(
        `INSERT INTO event_index_checkpoint (position) VALUES ($1)
         ON CONFLICT (only_row) DO UPDATE SET position = GREATEST(event_index_checkpoint.position, EXCLUDED.position)`,
        [upTo],
      );
    });
  }

  /**
   * Adds what `store`'s log holds after the checkpoint, up to its head, a page at a time: a
   * catch-up without a subscription (the contract suite's fixtures; the platform's keeper
   * follows the log live instead).
   */
  async catchUp(store: EventStore, pageSize = 1000): Promise<this> {
    const head = await store.headPosition();
    for (let from = await this.checkpoint(); from < head; ) {
      const page = await store.readAll({ fromPosition: from, limit: pageSize });
      const upTo = page.length < pageSize ? head : (page.at(-1)?.position ?? head);
      await this.keep(page, upTo);
      from = upTo;
    }
    return this;
  }

  searchEvents(query: EventQuery): Promise<RecordedEvent[]> {
    return this.#search.searchEvents(query);
  }

  eventFacets(): Promise<EventFacets> {
    return this.#search.eventFacets();
  }
}
