import { eventTypeFilter, type Filter, streamNameFilter } from '@kurrent/kurrentdb-client';
import type { EventFilter } from '../types.js';

/** `names` as alternatives of a .NET regular expression; none: a pattern that matches nothing. */
const alternatives = (names: readonly string[]) =>
  names.length > 0 ? names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') : '(?!)';

/** Our streams only: not KurrentDB's system streams (`$…`), not the command markers (`_command-…`). */
export const ourStreams = (): Filter => streamNameFilter({ regex: '^[^$_]' });

/**
 * What KurrentDB filters itself, on the server, of a read or subscription of `$all`: one filter
 * per request, on stream names or on event types.
 * - Categories: stream names `^(contract|offer)-`, which leaves out system streams and markers too.
 * - Event types alone: `^(ActionStarted|…)$`; the client then skips system streams and markers.
 * - Both: the categories on the server, the types in the client (`matchesFilter`).
 * - Neither: our streams only.
 */
export function serverFilter(filter: EventFilter | undefined): Filter {
  if (filter?.categories) return streamNameFilter({ regex: `^(${alternatives(filter.categories)})-` });
  if (filter?.eventTypes) return eventTypeFilter({ regex: `^(${alternatives(filter.eventTypes)})$` });
  return ourStreams();
}
