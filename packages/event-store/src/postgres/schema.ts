import type { Migration } from '@cls/postgres';

/** Key of the transaction-level advisory lock that serialises appends across processes. */
export const APPEND_LOCK = 7_342_002;

/**
 * One table holds the log. Positions are assigned by the writer holding the
 * append lock (see postgres-event-store.ts), so they are dense — 1, 2, 3… — and a
 * deleted row shows up as a gap when the log is verified.
 * `data` is `json`, not `jsonb`: the text is kept exactly as hashed.
 */
export const eventStoreMigrations: Migration[] = [
  {
    version: 1,
    name: 'events table',
    sql: `
      CREATE TABLE events (
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
        command_index integer,
        correlation_id text,
        causation_id text,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        CONSTRAINT events_stream_revision UNIQUE (stream, revision),
        CONSTRAINT events_id UNIQUE (id),
        CONSTRAINT events_command UNIQUE (command_id, command_index)
      );
      CREATE INDEX events_category_position ON events (category, position);
      CREATE INDEX events_type_position ON events (type, position);
    `,
  },
  {
    version: 2,
    name: 'global hash chain',
    // The same link as globalEventHash (hash-chain.ts), computed once over the
    // existing rows in position order, under the append lock so that no append
    // lands half-way; every later row gets its global hash from the appender.
    sql: `
      ALTER TABLE events ADD COLUMN global_hash char(64);
      DO $$
      DECLARE
        previous text := repeat('0', 64);
        event record;
      BEGIN
        PERFORM pg_advisory_xact_lock(${APPEND_LOCK});
        FOR event IN SELECT position, hash FROM events ORDER BY position LOOP
          previous := encode(sha256(convert_to(previous || ':' || event.position || ':' || event.hash, 'UTF8')), 'hex');
          UPDATE events SET global_hash = previous WHERE position = event.position;
        END LOOP;
      END $$;
      ALTER TABLE events ALTER COLUMN global_hash SET NOT NULL;
    `,
  },
  {
    version: 3,
    name: 'client label of a request',
    // What a client called its request (x-cls-correlation-id); the correlation id is the server's.
    sql: 'ALTER TABLE events ADD COLUMN label text;',
  },
];

/** LISTEN/NOTIFY channel announcing the last position of each committed append. */
export const APPEND_CHANNEL = 'cls_events_appended';
