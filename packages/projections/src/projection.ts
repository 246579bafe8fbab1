import { type DomainEventOf, type EventType, isEventOf } from '@cls/domain';
import type { ProjectableEvent } from '@cls/event-store';

/** An event of one of `Types` as projections read it, its `data` typed as the domain wrote it. */
export type ProjectedEvent<Types extends readonly EventType[]> = ProjectableEvent & DomainEventOf<Types>;

/**
 * A read model fed by events, as it is written (see `defineProjection`). Its
 * tables live in a PostgreSQL schema of their own per version
 * (`rm_<name>_v<version>`): bumping `version` builds the new tables from
 * position 0 beside the old ones, which readers keep using until the new ones
 * have caught up.
 */
export interface ProjectionDefinition<Types extends readonly EventType[]> {
  /** Lower-case letters, digits and `_`: it names the schema. */
  name: string;
  version: number;
  /** Event types it reads; the others pass it by. `apply` receives these, typed. */
  handles: Types;
  /** DDL of its tables, with `{schema}` standing for its schema. */
  schemaSql: string;
  /**
   * Optional: DDL of the indexes only its queries use — no statement of `apply` or
   * `applyPage` finds rows through them, and none is unique (a constraint holds from
   * the first row). Tables built from position 0 get them once they have caught up
   * with the log: one build, not an update per row written.
   */
  queryIndexesSql?: string;
  /** Writes what the event changes, through `tx.execute` (statements run in order, in the page's transaction). */
  apply(event: ProjectedEvent<Types>, tx: ProjectionTransaction): void;
  /**
   * Optional: the page's events it handles, at once, so that a row changed
   * several times in the page is written once (see PageRows). Must leave the same
   * rows as `apply` event by event, whatever the page boundaries.
   */
  applyPage?(events: ProjectedEvent<Types>[], tx: ProjectionTransaction): void;
}

/** A read model as the runner drives it: any event of the log in, those it does not handle ignored. */
export interface Projection {
  name: string;
  version: number;
  handles: readonly string[];
  schemaSql: string;
  queryIndexesSql?: string;
  apply(event: ProjectableEvent, tx: ProjectionTransaction): void;
  applyPage?(events: ProjectableEvent[], tx: ProjectionTransaction): void;
}

/**
 * A projection whose `apply` and `applyPage` receive the events of the types it
 * handles, typed by the domain's catalogue (the types are inferred from `handles`):
 *   defineProjection({ name: 'users', handles: ['UserInvited', 'RoleGranted'], apply(event, tx) {
 *     if (event.type === 'UserInvited') event.data.email … } })
 */
export function defineProjection<const Types extends readonly EventType[]>(
  definition: ProjectionDefinition<Types>,
): Projection {
  const { name, version, handles, schemaSql, queryIndexesSql, apply, applyPage } = definition;
  const handled = (event: ProjectableEvent): event is ProjectedEvent<Types> => isEventOf(event, handles);
  return {
    name,
    version,
    handles,
    schemaSql,
    ...(queryIndexesSql && { queryIndexesSql }),
    apply: (event, tx) => {
      if (handled(event)) apply(event, tx);
    },
    ...(applyPage && { applyPage: (events, tx) => applyPage(events.filter(handled), tx) }),
  };
}

/**
 * What `apply` writes with. Statements are not sent one by one: the runner sends
 * a whole page of events' statements, with the checkpoints, in one round trip
 * and one transaction. A statement sees the effects of those before it.
 */
export interface ProjectionTransaction {
  /** Quoted schema name, to prefix tables: `${tx.schema}.actions`. */
  schema: string;
  execute(sql: string, parameters?: unknown[]): void;
  /**
   * Adds a row that no later statement of the page reads (a history line):
   * such rows are inserted together, one statement per table, after the others.
   */
  appendRow(table: string, row: Record<string, unknown>): void;
  /**
   * Rows given to a statement as a table of the projection: `$1` in
   * `INSERT … SELECT v.a, v.b FROM $1 AS v` (or `UPDATE … FROM $1 AS v`). `v` has every column of
   * `table`, typed as there; a column a row leaves out is NULL, a key that is no column is ignored
   * (as `jsonb_populate_recordset(NULL::table, …)`, but parsed by PostgreSQL in half the time).
   */
  rows(table: string, rows: readonly Record<string, unknown>[]): SqlFragment;
}

/** SQL written into a statement as it is, where its placeholder stands (see `ProjectionTransaction.rows`). */
export class SqlFragment {
  constructor(readonly sql: string) {}
}

/** A column of a read model's table, as the catalogue describes it. */
export interface TableColumn {
  name: string;
  /** As PostgreSQL writes it (`format_type`): `text`, `integer[]`, `jsonb`… */
  type: string;
  /** `pg_type.typcategory`: `A` for arrays. */
  category: string;
}

export const schemaOf = (projection: Pick<Projection, 'name' | 'version'>) =>
  `rm_${projection.name}_v${projection.version}`;

/**
 * A string as an SQL literal, exactly as pg's `escapeLiteral` writes it (quotes
 * and backslashes doubled, ` E'…'` when there is a backslash), with the engine's
 * own search and replace instead of a loop adding one character at a time: a
 * page's statements carry megabytes of text.
 */
export function quoteLiteral(text: string): string {
  const quoted = `'${text.replaceAll("'", "''")}'`;
  return text.includes('\\') ? ` E${quoted.replaceAll('\\', '\\\\')}` : quoted;
}

/**
 * A parameter as an SQL literal, for statements batched in one simple query:
 * strings through PostgreSQL's own escaping, arrays as array literals, objects
 * as JSON text.
 */
export function sqlLiteral(value: unknown, quoteText: (text: string) => string): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof SqlFragment) return value.sql;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`nombre non fini dans une projection : ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return quoteText(value);
  if (value instanceof Date) return quoteText(value.toISOString());
  if (Array.isArray(value)) {
    const elements = value.map((element) =>
      typeof element === 'number'
        ? String(element)
        : `"${String(element).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`,
    );
    return quoteText(`{${elements.join(',')}}`);
  }
  return quoteText(JSON.stringify(value));
}

/**
 * `rows` as a sub-query with the columns of a table (see `ProjectionTransaction.rows`): each
 * column one text array, unnested together and cast to the column's type (`unnest` of arrays is
 * parsed far faster than a JSON array's objects). A value is written as a JSON array gives it to
 * `jsonb_populate_recordset`: JSON text for `json` and `jsonb` columns, an array literal for
 * array columns, the value's text otherwise.
 */
export function rowsAsTable(
  table: string,
  columns: readonly TableColumn[],
  rows: readonly Record<string, unknown>[],
  quoteText: (text: string) => string,
): string {
  const selected: string[] = [];
  const arrays: string[] = [];
  const names: string[] = [];
  for (const column of columns) {
    const { name, type } = column;
    // Quoted: a column may be named by a reserved word.
    const quoted = `"${name.replaceAll('"', '""')}"`;
    const json = type === 'json' || type === 'jsonb';
    const array = column.category === 'A';
    const where = `${table}.${name}`;
    // A plain loop adding to one string: this runs for every value of a rebuild.
    let literal = '{';
    let present = false;
    for (let index = 0; index < rows.length; index += 1) {
      if (index > 0) literal += ',';
      const value = (rows[index] as Record<string, unknown>)[name];
      if (value === null || value === undefined) {
        literal += 'NULL';
        continue;
      }
      present = true;
      literal += arrayElement(
        json
          ? JSON.stringify(value)
          : array && Array.isArray(value)
            ? arrayLiteral(value, where)
            : typeof value === 'string'
              ? value
              : scalarText(value, where),
      );
    }
    if (!present) {
      selected.push(`NULL::${type} AS ${quoted}`);
      continue;
    }
    arrays.push(`${quoteText(`${literal}}`)}::text[]`);
    names.push(quoted);
    selected.push(type === 'text' ? `u.${quoted}` : `u.${quoted}::${type} AS ${quoted}`);
  }
  if (arrays.length === 0) return `(SELECT ${selected.join(', ')} WHERE false)`;
  return `(SELECT ${selected.join(', ')} FROM unnest(${arrays.join(', ')}) AS u(${names.join(', ')}))`;
}

function scalarText(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`nombre non fini dans une projection (${where}) : ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

/** A PostgreSQL array literal: every element quoted, nested arrays as nested braces. */
function arrayLiteral(values: readonly unknown[], where: string): string {
  let literal = '{';
  for (let index = 0; index < values.length; index += 1) {
    if (index > 0) literal += ',';
    const value = values[index];
    literal +=
      value === null || value === undefined
        ? 'NULL'
        : Array.isArray(value)
          ? arrayLiteral(value, where)
          : typeof value === 'number' || typeof value === 'boolean'
            ? scalarText(value, where)
            : arrayElement(scalarText(value, where));
  }
  return `${literal}}`;
}

/** An element of an array literal, quoted: anything may be in it (commas, braces, `NULL`, spaces). */
function arrayElement(text: string): string {
  return text.includes('"') || text.includes('\\') ? `"${text.replace(/["\\]/g, '\\$&')}"` : `"${text}"`;
}

/** `$1`, `$2`… of a statement replaced by literals. */
export function bindLiterals(
  sql: string,
  parameters: unknown[],
  quoteText: (text: string) => string,
): string {
  return sql.replace(/\$(\d+)/g, (placeholder, index: string) => {
    const position = Number(index) - 1;
    if (position < 0 || position >= parameters.length) throw new Error(`paramètre ${placeholder} absent`);
    return sqlLiteral(parameters[position], quoteText);
  });
}
