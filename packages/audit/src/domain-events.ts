import { type DomainEventOf, type EventType, isEventOf } from '@cls/domain';
import type { RecordedEvent } from '@cls/event-store';

/** A stored event with its domain type: what a decider folds, and where it is in the log. */
export type Located<Event> = RecordedEvent & Event;

/**
 * The events of one stream of the types `known` lists (its decider's: a type it
 * does not know, newer or another context's, has no branch in `evolve`), typed
 * as the decider reads them. The stored events themselves, not copies: a
 * snapshot of a large contract should not allocate an object per event.
 */
export function domainEvents<const Types extends readonly EventType[]>(
  stream: readonly RecordedEvent[],
  known: Types,
): Located<DomainEventOf<Types>>[] {
  return stream.filter((event) => isEventOf(event, known));
}
