import pg from 'pg';
import type { RecordedEvent } from '../types.js';

/**
 * The columns of a RecordedEvent. The two dates are read as UTC timestamps without
 * zone, whatever the session's time zone, so that `isoTimestamp` turns their text
 * into the ISO string the hash covers without building a Date per value.
 */
export const EVENT_COLUMNS = `position, id, stream, revision, type, version, data, actor_id, actor_role,
  command_id, correlation_id, causation_id, label, occurred_at AT TIME ZONE 'UTC' AS occurred_at,
  recorded_at AT TIME ZONE 'UTC' AS recorded_at, prev_hash, hash, global_hash`;

export interface EventRow {
  position: string;
  id: string;
  stream: string;
  revision: number;
  type: string;
  version: number;
  data: unknown;
  actor_id: string;
  actor_role: string;
  command_id: string | null;
  correlation_id: string | null;
  causation_id: string | null;
  label: string | null;
  /** ISO 8601 in UTC with milliseconds, as `Date.prototype.toISOString` writes it. */
  occurred_at: string;
  recorded_at: string;
  prev_hash: string;
  hash: string;
  global_hash: string;
}

const TIMESTAMP_OID = 1114;
const TIMESTAMPTZ_OID = 1184;
const UTC_TIMESTAMP = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?$/;
const parseTimestamptz = pg.types.getTypeParser(TIMESTAMPTZ_OID);

/**
 * `2026-12-04 03:17:17.12` (a UTC `timestamp`, as PostgreSQL writes it with the ISO
 * date style) → `2026-12-04T03:17:17.120Z`: the string `new Date(…).toISOString()`
 * gives, digits past the millisecond dropped as a Date drops them. Anything else
 * (a year past 9999, before Christ) goes through pg's own parser and a Date.
 */
export function isoTimestamp(text: string): string {
  const match = UTC_TIMESTAMP.exec(text);
  if (!match) return new Date(parseTimestamptz(text.replace(/( BC)?$/, '+00$1')) as Date).toISOString();
  const fraction = match[3] ?? '';
  return `${match[1]}T${match[2]}.${`${fraction}000`.slice(0, 3)}Z`;
}

/** Type parsers of the store's reads: pg's own, but the UTC timestamps as ISO strings. */
export const ROW_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === TIMESTAMP_OID && format !== 'binary'
      ? isoTimestamp
      : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

const statementNames = new Map<string, string>();

/**
 * A name for a statement's text, the same for the same text: pg prepares a named
 * statement once per connection and then only binds it, where an unnamed one is
 * parsed and planned on every call.
 */
export function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `cls-events-${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return name;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    stream: row.stream,
    revision: row.revision,
    position: Number(row.position),
    type: row.type,
    version: row.version,
    data: row.data,
    metadata: {
      actor: { id: row.actor_id, role: row.actor_role },
      commandId: row.command_id,
      correlationId: row.correlation_id,
      causationId: row.causation_id,
      ...(row.label === null ? {} : { label: row.label }),
      occurredAt: row.occurred_at,
      recordedAt: row.recorded_at,
      prevHash: row.prev_hash,
      hash: row.hash,
      globalHash: row.global_hash,
    },
  };
}
