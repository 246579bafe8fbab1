import { contractNamedBy, isEventOf } from '@cls/domain';
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

/**
 * The streams of one contract with their events in revision order, in the order
 * the streams appear in the log (position of their first event): `contract-<id>`,
 * the action, convention, meeting and evaluation streams whose first event names
 * the contract, and the offers linked to the contract or to one of its actions.
 */
export function contractScope(
  events: readonly RecordedEvent[],
  contractId: string,
): Map<string, RecordedEvent[]> {
  const contractStream = `contract-${contractId}`;
  // Streams are decided on their first event (revision 0): another contract's are
  // not kept, which matters when the log holds many contracts. Events seen before
  // their stream's first one (a log given out of order) wait for it.
  const owned = new Map<string, boolean>();
  const kept = new Map<string, RecordedEvent[]>();
  const keep = (event: RecordedEvent) => {
    const stream = kept.get(event.stream);
    if (stream) stream.push(event);
    else kept.set(event.stream, [event]);
  };
  const waiting = new Map<string, RecordedEvent[]>();
  const offerLinks: Array<{ stream: string; actionId: string; contractId: string }> = [];
  for (const event of events) {
    const stream = event.stream;
    // Offers are read in a second pass, once their links are known.
    if (isEventOf(event, ['OfferLinkedToAction'])) {
      offerLinks.push({ stream, actionId: event.data.actionId, contractId: event.data.contractId });
      continue;
    }
    const decided = owned.get(stream);
    if (decided === true) keep(event);
    if (decided !== undefined) continue;
    if (stream === contractStream) {
      owned.set(stream, true);
      keep(event);
      continue;
    }
    if (!CONTRACT_OWNED.has(categoryOfStream(stream))) {
      owned.set(stream, false);
      continue;
    }
    if (event.revision === 0) {
      const mine = contractNamedBy(event) === contractId;
      owned.set(stream, mine);
      const early = waiting.get(stream);
      waiting.delete(stream);
      if (mine) {
        keep(event);
        for (const before of early ?? []) keep(before);
      }
    } else {
      const early = waiting.get(stream);
      if (early) early.push(event);
      else waiting.set(stream, [event]);
    }
  }

  const actions = new Set<string>();
  for (const [stream, streamEvents] of kept) {
    inRevisionOrder(streamEvents);
    if (categoryOfStream(stream) === 'action') actions.add(idOfStream(stream));
  }
  // Offers: those linked to the contract or to one of its actions, read whole in a second pass.
  const linked = new Set(
    offerLinks
      .filter((link) => link.contractId === contractId || actions.has(link.actionId))
      .map((link) => link.stream),
  );
  if (linked.size > 0) {
    for (const event of events) if (linked.has(event.stream)) keep(event);
    for (const stream of linked) inRevisionOrder(kept.get(stream) as RecordedEvent[]);
  }
  // Map order is insertion order: re-insert by first position so that callers see the log's order.
  return new Map(
    [...kept].sort(([, a], [, b]) => (a[0] as RecordedEvent).position - (b[0] as RecordedEvent).position),
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
export function streamsOfContract(events: readonly RecordedEvent[], contractId: string): string[] {
  return [...contractScope(events, contractId).keys()];
}

/** Every event of the contract's streams, by global position. */
export function eventsOfContract(events: readonly RecordedEvent[], contractId: string): RecordedEvent[] {
  return [...contractScope(events, contractId).values()].flat().sort((a, b) => a.position - b.position);
}
