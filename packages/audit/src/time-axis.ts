import type { RecordedEvent } from '@cls/event-store';

/**
 * Which clock an "as of" question reads: `occurred` is business time (when it
 * happened, as the command said), `recorded` is store time ("what the log knew
 * on that day").
 */
export type TimeAxis = 'occurred' | 'recorded';

export const TIME_AXIS_LABELS: Record<TimeAxis, string> = {
  occurred: 'date des faits',
  recorded: 'date d’enregistrement',
};

export interface AsOf {
  time: TimeAxis;
  /** A calendar day, YYYY-MM-DD: everything up to the end of that day (UTC). */
  date: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `date` is a real calendar day written YYYY-MM-DD. */
export function isDay(date: string): boolean {
  const match = DAY.exec(date);
  if (!match) return false;
  const parsed = new Date(`${date}T00:00:00.000Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

/** The last millisecond of a day (UTC), as epoch milliseconds; throws on a malformed day. */
export function endOfDay(date: string): number {
  if (!isDay(date)) throw new RangeError(`Date invalide « ${date} » : attendue au format AAAA-MM-JJ`);
  return Date.parse(`${date}T23:59:59.999Z`);
}

/** When the event happened on the chosen clock, as epoch milliseconds (NaN if unreadable). */
export function eventTime(event: RecordedEvent, time: TimeAxis): number {
  return Date.parse(time === 'occurred' ? event.metadata.occurredAt : event.metadata.recordedAt);
}

/**
 * A test "at or before the end of `date` on the chosen clock", for many events:
 * instants in the stores' canonical UTC form compare as text (no date parsing per
 * event); any other writing of an instant (an offset, no milliseconds) is parsed.
 */
export function onOrBefore(date: string, time: TimeAxis): (event: RecordedEvent) => boolean {
  const limit = endOfDay(date);
  const limitText = `${date}T23:59:59.999Z`;
  return (event) => {
    const at = time === 'occurred' ? event.metadata.occurredAt : event.metadata.recordedAt;
    // `2025-03-10T00:00:00.000Z`, as Date#toISOString writes it, sorts as text.
    if (
      at.length === 24 &&
      at.charCodeAt(10) === 84 &&
      at.charCodeAt(23) === 90 &&
      at.charCodeAt(19) === 46
    ) {
      return at <= limitText;
    }
    return Date.parse(at) <= limit;
  };
}

/** The day (YYYY-MM-DD, UTC) of the event on the chosen clock. */
export function eventDay(event: RecordedEvent, time: TimeAxis): string {
  const at = eventTime(event, time);
  return Number.isNaN(at) ? '' : new Date(at).toISOString().slice(0, 10);
}
