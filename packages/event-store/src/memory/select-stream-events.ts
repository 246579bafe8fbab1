import type { ReadStreamOptions, RecordedEvent } from '../types.js';

/** Applies readStream's options to a stream's events held in revision order. */
export function selectStreamEvents(events: RecordedEvent[], options: ReadStreamOptions): RecordedEvent[] {
  const backwards = options.direction === 'backwards';
  const low = backwards ? (options.toRevision ?? 0) : (options.fromRevision ?? 0);
  const high = backwards
    ? (options.fromRevision ?? Number.POSITIVE_INFINITY)
    : (options.toRevision ?? Number.POSITIVE_INFINITY);
  const asOf = options.asOf;
  const selected = events.filter((event) => {
    if (event.revision < low || event.revision > high) return false;
    if (!asOf) return true;
    return 'recordedAt' in asOf
      ? new Date(event.metadata.recordedAt) <= asOf.recordedAt
      : new Date(event.metadata.occurredAt) <= asOf.occurredAt;
  });
  if (backwards) selected.reverse();
  return selected.slice(0, options.maxCount ?? selected.length);
}
