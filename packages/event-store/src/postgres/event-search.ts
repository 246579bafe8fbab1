import type { EventQuery } from '../types.js';
import { EVENT_COLUMNS } from './rows.js';

/**
 * `query` as one statement over the `events` table: the same criteria as
 * `matchesQuery` (event-search.ts), each on an indexed column where one is.
 */
export function eventQuerySql(query: EventQuery): { text: string; values: unknown[] } {
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
    text: `SELECT ${EVENT_COLUMNS} FROM events ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
            ORDER BY position ${query.direction === 'backwards' ? 'DESC' : 'ASC'} LIMIT $${values.length}`,
    values,
  };
}

/** The facets' statements, ordered by code units (COLLATE "C") as the memory store orders them. */
export const FACETS_SQL = {
  categories: 'SELECT DISTINCT category COLLATE "C" AS category FROM events ORDER BY 1',
  types: 'SELECT DISTINCT type COLLATE "C" AS type FROM events ORDER BY 1',
  actors: `SELECT actor_id AS id, max(actor_role COLLATE "C") AS role, count(*)::int AS events FROM events
            GROUP BY actor_id ORDER BY count(*) DESC, actor_id COLLATE "C"`,
};
