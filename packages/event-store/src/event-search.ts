import { categoryOf } from './append-plan.js';
import type { EventFacets, EventQuery, EventSearch, EventStore, RecordedEvent, TimeRange } from './types.js';

/** Whether this store answers filtered reads of the whole log (PostgreSQL and memory do; KurrentDB does not). */
export function canSearch(store: EventStore): store is EventStore & EventSearch {
  const candidate = store as EventStore & Partial<EventSearch>;
  return typeof candidate.searchEvents === 'function' && typeof candidate.eventFacets === 'function';
}

const within = (at: string, range: TimeRange | undefined): boolean => {
  if (!range) return true;
  const time = Date.parse(at);
  return (
    (range.from === undefined || time >= range.from.getTime()) &&
    (range.until === undefined || time < range.until.getTime())
  );
};

/**
 * `query`'s criteria as a test of one event: what a store that keeps its log in
 * memory filters with. The PostgreSQL adapter says the same in SQL (postgres/event-search.ts).
 */
export function matchesQuery(query: EventQuery): (event: RecordedEvent) => boolean {
  const streams = query.streams && new Set(query.streams);
  const positions = query.positions && new Set(query.positions);
  return (event) =>
    (streams === undefined || streams.has(event.stream)) &&
    (query.category === undefined || categoryOf(event.stream) === query.category) &&
    (query.type === undefined || event.type === query.type) &&
    (query.actorId === undefined || event.metadata.actor.id === query.actorId) &&
    (query.correlationId === undefined || event.metadata.correlationId === query.correlationId) &&
    (query.commandId === undefined || event.metadata.commandId === query.commandId) &&
    (positions === undefined || positions.has(event.position)) &&
    (query.beforePosition === undefined || event.position < query.beforePosition) &&
    within(event.metadata.occurredAt, query.occurredAt) &&
    within(event.metadata.recordedAt, query.recordedAt);
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The facets of a log held in memory, in the order the PostgreSQL adapter gives them. */
export function facetsOf(log: Iterable<RecordedEvent>): EventFacets {
  const categories = new Set<string>();
  const types = new Set<string>();
  const actors = new Map<string, { id: string; role: string; events: number }>();
  for (const event of log) {
    categories.add(categoryOf(event.stream));
    types.add(event.type);
    const { id, role } = event.metadata.actor;
    const actor = actors.get(id) ?? { id, role, events: 0 };
    actor.events += 1;
    if (role > actor.role) actor.role = role;
    actors.set(id, actor);
  }
  return {
    categories: [...categories].sort(byCodeUnits),
    types: [...types].sort(byCodeUnits),
    actors: [...actors.values()].sort((a, b) => b.events - a.events || byCodeUnits(a.id, b.id)),
  };
}
