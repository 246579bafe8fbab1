import type { RecordedEvent } from '@cls/event-store';

/** Categories whose streams name their contract in their first event. */
const CONTRACT_OWNED = new Set(['action', 'convention', 'meeting', 'evaluation']);

/** `contract` for `contract-cls-coeur-herault-2024`: ids may hold dashes, categories do not. */
export function categoryOfStream(stream: string): string {
  const dash = stream.indexOf('-');
  return dash > 0 ? stream.slice(0, dash) : '';
}

/** The id part of a stream name. */
export const idOfStream = (stream: string): string => stream.slice(stream.indexOf('-') + 1);

const contractIdOf = (event: RecordedEvent): unknown =>
  (event.data as { contractId?: unknown } | null)?.contractId;

/**
 * The streams of one contract with their events in revision order, in the order
 * the streams appear in the log (position of their first event): `contract-<id>`,
 * the action, convention, meeting and evaluation streams whose first event names
 * the contract, and the offers linked to the contract or to one of its actions.
 * Events are read in the order given; the log gives them by position.
 */
export function contractScope(
  events: Iterable<RecordedEvent>,
  contractId: string,
): Map<string, RecordedEvent[]> {
  const contractStream = `contract-${contractId}`;
  const candidates = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const category = categoryOfStream(event.stream);
    if (event.stream !== contractStream && !CONTRACT_OWNED.has(category) && category !== 'offer') continue;
    const stream = candidates.get(event.stream);
    if (stream) stream.push(event);
    else candidates.set(event.stream, [event]);
  }

  const scope = new Map<string, RecordedEvent[]>();
  const actions = new Set<string>();
  for (const [stream, streamEvents] of candidates) {
    inRevisionOrder(streamEvents);
    const category = categoryOfStream(stream);
    if (stream === contractStream) {
      scope.set(stream, streamEvents);
    } else if (
      CONTRACT_OWNED.has(category) &&
      contractIdOf(streamEvents[0] as RecordedEvent) === contractId
    ) {
      scope.set(stream, streamEvents);
      if (category === 'action') actions.add(idOfStream(stream));
    }
  }
  for (const [stream, streamEvents] of candidates) {
    if (categoryOfStream(stream) !== 'offer') continue;
    const linked = streamEvents.some((event) => {
      if (event.type !== 'OfferLinkedToAction') return false;
      const data = event.data as { actionId?: string; contractId?: string };
      return data.contractId === contractId || (data.actionId !== undefined && actions.has(data.actionId));
    });
    if (linked) scope.set(stream, streamEvents);
  }
  // Map order is insertion order: re-insert by first position so that callers see the log's order.
  return new Map(
    [...scope].sort(([, a], [, b]) => (a[0] as RecordedEvent).position - (b[0] as RecordedEvent).position),
  );
}

/** Sorts one stream's events by revision, in place, when the caller gave them out of order. */
function inRevisionOrder(streamEvents: RecordedEvent[]): void {
  for (let index = 1; index < streamEvents.length; index += 1) {
    if (
      (streamEvents[index] as RecordedEvent).revision < (streamEvents[index - 1] as RecordedEvent).revision
    ) {
      streamEvents.sort((a, b) => a.revision - b.revision);
      return;
    }
  }
}

/**
 * Which streams belong to a contract: `contract-<id>`, every action, convention,
 * meeting and evaluation stream whose first event names it, and the offers linked
 * to it or to one of its actions (OfferLinkedToAction). In the log's order.
 */
export function streamsOfContract(events: Iterable<RecordedEvent>, contractId: string): string[] {
  return [...contractScope(events, contractId).keys()];
}

/** Every event of the contract's streams, by global position. */
export function eventsOfContract(events: Iterable<RecordedEvent>, contractId: string): RecordedEvent[] {
  return [...contractScope(events, contractId).values()].flat().sort((a, b) => a.position - b.position);
}
