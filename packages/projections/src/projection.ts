import type { RecordedEvent } from '@cls/event-store';
import type { PoolClient } from '@cls/postgres';

/**
 * A read model fed by events. Its tables live in a PostgreSQL schema of their
 * own per version (`rm_<name>_v<version>`): bumping `version` builds the new
 * tables from position 0 beside the old ones, which readers keep using until
 * the new ones have caught up.
 */
export interface Projection {
  /** Lower-case letters, digits and `_`: it names the schema. */
  name: string;
  version: number;
  /** Event types it reads; the others pass it by. */
  handles: readonly string[];
  /** DDL of its tables, with `{schema}` standing for its schema. */
  schemaSql: string;
  apply(event: RecordedEvent, tx: ProjectionTransaction): Promise<void>;
}

/** What `apply` writes with: the runner's transaction, and the projection's schema. */
export interface ProjectionTransaction {
  client: PoolClient;
  /** Quoted schema name, to prefix tables: `${tx.schema}.actions`. */
  schema: string;
}

export const schemaOf = (projection: Pick<Projection, 'name' | 'version'>) =>
  `rm_${projection.name}_v${projection.version}`;
