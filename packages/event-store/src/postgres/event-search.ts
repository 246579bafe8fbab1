import type pg from 'pg';
import type { EventFacets, EventQuery, EventSearch, RecordedEvent } from '../types.js';
import { EVENT_COLUMNS, type EventRow, ROW_TYPES, toRecordedEvent } from './rows.js';

/** A table with the columns of `events`: the log itself, or the index of another log (event-index.ts). */
export type EventTable = 'events' | 'event_index';

/**
 * `query` as one statement over `table`: the same criteria as `matchesQuery`
 * (event-search.ts), each on an indexed column where one is.
 */
export function eventQuerySql(
  query: EventQuery,
  table: EventTable = 'events',
): { text: string; values: unknown[] } {
  const conditions: string[] = [];
  const values: unknown[] = [];
  const where = (sql: string, value: unknown) => {
    values.push(value);
    conditions.push(sql.replace('?', `$${values.length}`));
  };
  if (query.streams !== undefined) where('stream = ANY (?::text[])', query.streams);
  if (query.category !== undefined) where('category = ?', query.category);
  if (query.type !== undefined) where('type = ?', query.type);
  if (query.actorId !== undefined) where('actor_id = ?', query.actorId);
  if (query.correlationId !== undefined) where('correlation_id = ?', query.correlationId);
  if (query.commandId !== undefined) where('command_id = ?', query.commandId);
  if (query.positions !== undefined) where('position = ANY (?::bigint[])', query.positions);
  for (const [column, range] of [
    ['occurred_at', query.occurredAt],
    ['recorded_at', query.recordedAt],
  ] as const) {
    if (range?.from !== undefined) where(`${column} >= ?`, range.from);
    if (range?.until !== undefined) where(`${column} < ?`, range.until);
  }
  if (query.beforePosition !== undefined) where('position < ?', query.beforePosition);
  values.push(Math.max(0, Math.floor(query.limit)));
  return {
    text: `SELECT ${EVENT_COLUMNS} FROM ${table} ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
            ORDER BY position ${query.direction === 'backwards' ? 'DESC' : 'ASC'} LIMIT $${values.length}`,
    values,
  };
}

/** The facets' statements, ordered by code units (COLLATE "C") as the memory store orders them. */
export const facetsSql = (table: EventTable) => ({
  categories: `SELECT DISTINCT category COLLATE "C" AS category FROM ${table} ORDER BY 1`,
  types: `SELECT DISTINCT type COLLATE "C" AS type FROM ${table} ORDER BY 1`,
  actors: `SELECT actor_id AS id, max(actor_role COLLATE "C") AS role, count(*)::int AS events FROM ${table}
            GROUP BY actor_id ORDER BY count(*) DESC, actor_id COLLATE "C"`,
});

/**
 * Filtered reads of `table` (see `EventSearch`), once `ready` has made sure it exists; each event
 * read goes through `read` (the store's upcasters).
 */
export function tableSearch(
  pool: pg.Pool,
  table: EventTable,
  ready: () => Promise<void>,
  read: (event: RecordedEvent) => RecordedEvent,
): EventSearch {
  const facets = facetsSql(table);
  return {
    async searchEvents(query: EventQuery): Promise<RecordedEvent[]> {
      await ready();
      const { text, values } = eventQuerySql(query, table);
      const { rows } = await pool.query<EventRow>({ text, values, types: ROW_TYPES, rowMode: 'array' });
      return rows.map((row) => read(toRecordedEvent(row)));
    },
    async eventFacets(): Promise<EventFacets> {
      await ready();
      const [categories, types, actors] = await Promise.all([
        pool.query<{ category: string }>(facets.categories),
        pool.query<{ type: string }>(facets.types),
        pool.query<EventFacets['actors'][number]>(facets.actors),
      ]);
      return {
        categories: categories.rows.map((row) => row.category),
        types: types.rows.map((row) => row.type),
        actors: actors.rows,
      };
    },
  };
}
