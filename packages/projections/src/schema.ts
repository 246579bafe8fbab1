import type { Migration } from '@cls/postgres';

/** Where each projection version stands: building (not yet caught up), live, or retired. */
export const projectionMigrations: Migration[] = [
  {
    version: 1,
    name: 'projection checkpoints',
    sql: `
      CREATE TABLE projection_checkpoints (
        name text NOT NULL,
        version integer NOT NULL,
        position bigint NOT NULL DEFAULT 0,
        status text NOT NULL CHECK (status IN ('building', 'live', 'retired')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (name, version)
      );
    `,
  },
  {
    version: 2,
    name: 'checkpoint guard',
    sql: `
      -- A page is applied only from the checkpoint its worker read: a worker that lost its lease
      -- (another replica took the projection over) fails instead of applying the page twice.
      CREATE FUNCTION projection_expect(p_name text, p_version integer, p_position bigint) RETURNS void
      LANGUAGE plpgsql AS $$
      DECLARE current bigint;
      BEGIN
        SELECT position INTO current FROM projection_checkpoints
         WHERE name = p_name AND version = p_version FOR UPDATE;
        IF current IS DISTINCT FROM p_position THEN
          RAISE EXCEPTION 'projection % v%: checkpoint at %, expected % (another worker applies it)',
            p_name, p_version, current, p_position USING ERRCODE = 'serialization_failure';
        END IF;
      END $$;
    `,
  },
];
