import type { Pool } from '@cls/postgres';
import type { QueryResultRow } from 'pg';
import { liveSchema } from './runner.js';

/** How long a query trusts the live schema it found: a rebuild swaps versions underneath. */
const SCHEMA_CACHED_MS = 1000;

/**
 * The tables of one read model's live version, for its queries: `query` gets
 * the schema (`rm_<name>_v<version>`) to prefix them with.
 */
export class LiveTables {
  private cached: { schema: string; until: number } | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly projection: string,
  ) {}

  async schema(): Promise<string> {
    if (this.cached && this.cached.until > Date.now()) return this.cached.schema;
    const schema = await liveSchema(this.pool, this.projection);
    if (!schema) {
      throw new Error(`lecture impossible : la projection ${this.projection} n'est pas encore construite`);
    }
    this.cached = { schema, until: Date.now() + SCHEMA_CACHED_MS };
    return schema;
  }

  /** The rows of `sql(schema)`, e.g. `(schema) => \`SELECT … FROM ${schema}.actions\``. */
  async query<Row extends QueryResultRow>(
    sql: (schema: string) => string,
    parameters?: unknown[],
  ): Promise<Row[]> {
    const schema = await this.schema();
    return (await this.pool.query<Row>(sql(schema), parameters)).rows;
  }
}
