import type { Migration } from '@cls/postgres';

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
];

/** Key of the transaction-level advisory lock that serialises appends across processes. */
export const APPEND_LOCK = 7_342_002;

/** LISTEN/NOTIFY channel announcing the last position of each committed append. */
export const APPEND_CHANNEL = 'cls_events_appended';
