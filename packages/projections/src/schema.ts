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
  {
    version: 3,
    name: 'checkpoints passed together',
    sql: `
      -- The checkpoints of projections that passed events they do not handle, moved in one
      -- statement (one plan, cached), each only from the position its worker read, or none.
      -- Its commit does not wait for the disk: what a crash loses is passed again.
      CREATE FUNCTION projections_pass(p_names text[], p_versions integer[], p_from bigint[], p_to bigint[])
      RETURNS void LANGUAGE plpgsql AS $$
      DECLARE moved integer;
      BEGIN
        PERFORM set_config('synchronous_commit', 'off', true);
        UPDATE projection_checkpoints AS c SET position = v.position_to, updated_at = now()
          FROM unnest(p_names, p_versions, p_from, p_to) AS v(name, version, position_from, position_to)
         WHERE c.name = v.name AND c.version = v.version AND c.position = v.position_from;
        GET DIAGNOSTICS moved = ROW_COUNT;
        IF moved <> cardinality(p_names) THEN
          RAISE EXCEPTION 'projections: % of % checkpoints where their worker read them (another worker applies them)',
            moved, cardinality(p_names) USING ERRCODE = 'serialization_failure';
        END IF;
      END $$;
    `,
  },
  {
    version: 4,
    name: 'query indexes built once caught up',
    sql: `
      -- Tables built from position 0 leave out the indexes only queries use (queryIndexesSql):
      -- they are built once the projection has caught up with the log.
      ALTER TABLE projection_checkpoints ADD COLUMN indexes_pending boolean NOT NULL DEFAULT false;
    `,
  },
];
