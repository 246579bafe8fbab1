import type { AppendSignal } from './append-signal.js';
import type {
  ReadAllOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  SubscriptionMessage,
} from './types.js';

export interface PollingSource {
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  appendSignal: AppendSignal;
  /** Longest sleep without a signal (covers a notification lost on the way). */
  pollIntervalMs: number;
}

/**
 * Catch-up then live subscription over `readAll`: reads pages after the
 * checkpoint, says `caught-up` once the history is exhausted, then sleeps until
 * the store signals an append. Because stores only expose events in commit order
 * (no later position visible before an earlier one), the checkpoint never skips one.
 */
export function pollingSubscription(
  source: PollingSource,
  options: SubscribeOptions = {},
  pageSize = 1000,
): Subscription {
  const stop = new AbortController();
  let position = options.fromPosition ?? 0;

  async function* messages(): AsyncGenerator<SubscriptionMessage> {
    let caughtUp = false;
    while (!stop.signal.aborted) {
      const version = source.appendSignal.version;
      const page = await source.readAll({ fromPosition: position, limit: pageSize, filter: options.filter });
      for (const event of page) {
        if (stop.signal.aborted) return;
        position = event.position;
        yield { kind: 'event', event };
      }
      if (page.length < pageSize) {
        if (!caughtUp) {
          caughtUp = true;
          yield { kind: 'caught-up', position };
        }
        await source.appendSignal.waitForChange(version, source.pollIntervalMs, stop.signal);
      }
    }
  }

  const iterator = messages();
  return {
    [Symbol.asyncIterator]: () => iterator,
    async close() {
      stop.abort();
      await iterator.return(undefined);
    },
  };
}

/** Whether an event passes a subscription or readAll filter. */
export function matchesFilter(
  event: RecordedEvent,
  filter: ReadAllOptions['filter'],
  category: string,
): boolean {
  if (filter?.categories && !filter.categories.includes(category)) return false;
  if (filter?.eventTypes && !filter.eventTypes.includes(event.type)) return false;
  return true;
}
