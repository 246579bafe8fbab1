import type { Migration } from '@cls/postgres';

/** Key of the transaction-level advisory lock that serialises appends across processes. */
export const APPEND_LOCK = 7_342_002;

/** A chained batch that nothing is chained after, in one statement: the rows' 20 column arrays, then the head below. */
export const APPEND_ALONE_SQL = `SELECT events_append_alone($1::bigint[], $2::uuid[], $3::text[], $4::text[],
  $5::integer[], $6::text[], $7::integer[], $8::json[], $9::text[], $10::text[], $11::text[], $12::integer[],
  $13::text[], $14::text[], $15::text[], $16::timestamptz[], $17::timestamptz[], $18::char(64)[], $19::char(64)[],
  $20::char(64)[], $21::bigint, $22::char(64))`;

/** LISTEN/NOTIFY channel announcing the last position of each committed append. */
export const APPEND_CHANNEL = 'cls_events_appended';

/**
 * Class of the transaction-level advisory locks that order chained batches: the
 * transaction writing up to position p holds (POSITION_LOCK, p mod 2³¹) until it
 * ends, and the batch chained after it waits for that lock before checking that
 * row (events_follow). Two positions 2³¹ apart share a lock: one waits for
 * nothing, never for the wrong answer.
 */
export const POSITION_LOCK = 7_342_003;

/**
 * Opens a chained batch's transaction and takes the lock of its last position, held
 * until it ends: one simple query, so that the caller knows when the lock is held.
 */
export function beginAtPosition(lastPosition: number): string {
  if (!Number.isSafeInteger(lastPosition) || lastPosition < 1)
    throw new Error(`position invalide : ${lastPosition}`);
  return `BEGIN; SELECT pg_advisory_xact_lock(${POSITION_LOCK}, ${lastPosition % 2 ** 31})`;
}

/**
 * After the insert: waits for the batch below ($1: the position it ends with, $2:
 * its global hash), refuses to follow another, and announces the batch's last
 * position ($3) to listeners once committed.
 */
export const FOLLOW_SQL = `SELECT events_follow($1::bigint, $2::char(64)), pg_notify('${APPEND_CHANNEL}', $3::text)`;

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
  {
    version: 4,
    name: 'chained batches',
    // VOLATILE: the check after the wait reads with a snapshot taken after it, so it
    // sees the batch below once that one has committed. A batch that rolled back, or
    // a row another process wrote there, refuses the one chained to it.
    sql: `
      CREATE FUNCTION events_follow(head_position bigint, head_global_hash char(64)) RETURNS void
      LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        IF head_position = 0 THEN RETURN; END IF;
        PERFORM pg_advisory_xact_lock_shared(${POSITION_LOCK}, (head_position % 2147483648)::integer);
        IF NOT EXISTS (SELECT 1 FROM events WHERE position = head_position AND global_hash = head_global_hash) THEN
          RAISE EXCEPTION 'le journal ne finit plus en position % par l''empreinte attendue', head_position
            USING ERRCODE = 'CLS01';
        END IF;
      END $$;
    `,
  },
  {
    version: 5,
    name: 'command ids indexed only where there is one',
    // NULLs never collide in a unique index: the rows appended without a command id
    // wrote an entry there that no lookup and no constraint ever used.
    sql: `
      ALTER TABLE events DROP CONSTRAINT events_command;
      CREATE UNIQUE INDEX events_command ON events (command_id, command_index) WHERE command_id IS NOT NULL;
    `,
  },
  {
    version: 6,
    name: 'a chained batch in one statement',
    // The same steps as a chained batch's transaction (lock of its last position,
    // insert, events_follow, notification), for a batch that nothing is chained
    // after: one statement in its own transaction, one answer instead of four.
    sql: `
      CREATE FUNCTION events_append_alone(
        p_position bigint[], p_id uuid[], p_stream text[], p_category text[], p_revision integer[],
        p_type text[], p_version integer[], p_data json[], p_actor_id text[], p_actor_role text[],
        p_command_id text[], p_command_index integer[], p_correlation_id text[], p_causation_id text[],
        p_label text[], p_occurred_at timestamptz[], p_recorded_at timestamptz[], p_prev_hash char(64)[],
        p_hash char(64)[], p_global_hash char(64)[], head_position bigint, head_global_hash char(64)
      ) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        last_position bigint := p_position[array_upper(p_position, 1)];
      BEGIN
        PERFORM pg_advisory_xact_lock(${POSITION_LOCK}, (last_position % 2147483648)::integer);
        INSERT INTO events (position, id, stream, category, revision, type, version, data, actor_id, actor_role,
            command_id, command_index, correlation_id, causation_id, label, occurred_at, recorded_at, prev_hash,
            hash, global_hash)
          SELECT * FROM unnest(p_position, p_id, p_stream, p_category, p_revision, p_type, p_version, p_data,
            p_actor_id, p_actor_role, p_command_id, p_command_index, p_correlation_id, p_causation_id, p_label,
            p_occurred_at, p_recorded_at, p_prev_hash, p_hash, p_global_hash);
        PERFORM events_follow(head_position, head_global_hash);
        PERFORM pg_notify('${APPEND_CHANNEL}', last_position::text);
      END $$;
    `,
  },
];
