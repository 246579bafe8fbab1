import type pg from 'pg';
import type { ProjectableEvent, RecordedEvent } from '../types.js';

/**
 * The columns of a RecordedEvent. The two dates are read as UTC timestamps without
 * zone, whatever the session's time zone, so that `isoTimestamp` turns their text
 * into the ISO string the hash covers without building a Date per value.
 */
export const EVENT_COLUMNS = `position, id, stream, revision, type, version, data, actor_id, actor_role,
  command_id, correlation_id, causation_id, label, occurred_at AT TIME ZONE 'UTC' AS occurred_at,
  recorded_at AT TIME ZONE 'UTC' AS recorded_at, prev_hash, hash, global_hash`;

/**
 * A row of EVENT_COLUMNS, read as an array (pg's `rowMode: 'array'`): no object with
 * named properties is built per row only to be copied into a RecordedEvent.
 */
export type EventRow = [
  position: string,
  id: string,
  stream: string,
  revision: number,
  type: string,
  version: number,
  data: unknown,
  actorId: string,
  actorRole: string,
  commandId: string | null,
  correlationId: string | null,
  causationId: string | null,
  label: string | null,
  /** ISO 8601 in UTC with milliseconds, as `Date.prototype.toISOString` writes it. */
  occurredAt: string,
  recordedAt: string,
  prevHash: string,
  hash: string,
  /** Null in an index of a log whose server assigns positions (event-index.ts). */
  globalHash: string | null,
];

/** The columns of a ProjectableEvent: what projections read of each event (see `readForProjections`). */
export const PROJECTABLE_COLUMNS = `position, stream, revision, type, version, data, actor_id,
  occurred_at AT TIME ZONE 'UTC' AS occurred_at, recorded_at AT TIME ZONE 'UTC' AS recorded_at`;

/** A row of PROJECTABLE_COLUMNS, read as an array. */
export type ProjectableRow = [
  position: string,
  stream: string,
  revision: number,
  type: string,
  version: number,
  data: unknown,
  actorId: string,
  occurredAt: string,
  recordedAt: string,
];

const INT4_OID = 23;
const JSON_OID = 114;
const TIMESTAMP_OID = 1114;
const UTC_TIMESTAMP = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?$/;
/** The same, with a year of any length and an era. */
const ANY_UTC_TIMESTAMP = /^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?( BC)?$/;

/** The milliseconds of a fraction of a second as PostgreSQL writes it (1 to 6 digits). */
const milliseconds = (fraction = '') => `${fraction}000`.slice(0, 3);

/**
 * `2026-12-04 03:17:17.12` (a UTC `timestamp`, as PostgreSQL writes it with the ISO
 * date style) → `2026-12-04T03:17:17.120Z`: the string `new Date(…).toISOString()`
 * gives, digits past the millisecond dropped as a Date drops them. Anything else
 * (a year past 9999, before Christ) goes through a Date.
 */
export function isoTimestamp(text: string): string {
  const match = UTC_TIMESTAMP.exec(text);
  if (match) return `${match[1]}T${match[2]}.${milliseconds(match[3])}Z`;
  const parts = ANY_UTC_TIMESTAMP.exec(text);
  if (!parts) throw new RangeError(`horodatage illisible : ${text}`);
  const [, year, month, day, hours, minutes, seconds, fraction, era] = parts;
  const date = new Date(0);
  // 1 BC is the year 0 of the proleptic calendar; setUTCFullYear takes years below 100 as they are.
  date.setUTCFullYear(era ? 1 - Number(year) : Number(year), Number(month) - 1, Number(day));
  date.setUTCHours(Number(hours), Number(minutes), Number(seconds), Number(milliseconds(fraction)));
  return date.toISOString();
}

/**
 * Type parsers of the store's reads, its own whatever `pg.types` holds: those are one
 * registry for the whole process, and a library loaded beside the store may change them
 * (Emmett's driver turns every `json` big integer and long numeric string into a BigInt,
 * which the hash chain cannot serialise). An integer, a `json`, a UTC timestamp as its
 * ISO string; every other column (bigint positions included) as PostgreSQL's text.
 */
const PARSERS = new Map<number, (text: string) => unknown>([
  [INT4_OID, Number],
  [JSON_OID, (text) => JSON.parse(text)],
  [TIMESTAMP_OID, isoTimestamp],
]);
const asText = (text: string) => text;

export const ROW_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number) => PARSERS.get(oid) ?? asText) as pg.CustomTypesConfig['getTypeParser'],
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
  const label = row[12];
  return {
    id: row[1],
    stream: row[2],
    revision: row[3],
    position: Number(row[0]),
    type: row[4],
    version: row[5],
    data: row[6],
    metadata: {
      actor: { id: row[7], role: row[8] },
      commandId: row[9],
      correlationId: row[10],
      causationId: row[11],
      ...(label === null ? {} : { label }),
      occurredAt: row[13],
      recordedAt: row[14],
      prevHash: row[15],
      hash: row[16],
      ...(row[17] === null ? {} : { globalHash: row[17] }),
    },
  };
}

export function toProjectableEvent(row: ProjectableRow): ProjectableEvent {
  return {
    stream: row[1],
    revision: row[2],
    position: Number(row[0]),
    type: row[3],
    version: row[4],
    data: row[5],
    metadata: { actor: { id: row[6] }, occurredAt: row[7], recordedAt: row[8] },
  };
}
