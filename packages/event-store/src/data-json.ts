import { canonicalJson } from './canonical-json.js';
import type { RecordedEvent } from './types.js';

/**
 * The text each event read from a log had there: its data's canonical JSON, as it was
 * appended. Kept by event object (events are not changed in place), so a copy — an
 * upcast event, one whose data a reader replaced — has none and is written again.
 */
const read = new WeakMap<RecordedEvent, string>();

/** Records the text `event.data` was parsed from (an adapter, reading its log). */
export function keepDataJson(event: RecordedEvent, json: string): RecordedEvent {
  read.set(event, json);
  return event;
}

/**
 * An event's data as canonical JSON (the text the log holds and the hash chain covers):
 * the text read from the log when the event is as it was read — a read model copying
 * events' data need not serialise it again — else written now, the same.
 */
export function dataJson(event: RecordedEvent): string {
  return read.get(event) ?? canonicalJson(event.data, '$.data');
}
