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
];
