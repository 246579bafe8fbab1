import type { CaughtUp } from '@kurrent/kurrentdb-client';
import type { RecordedEvent, Subscription, SubscriptionMessage } from '../types.js';

/**
 * What the bridge needs of KurrentDB's `subscribeToAll`: a readable of its items (Node's
 * `Readable`, read through its async iterator, so that a slow consumer holds the server back)
 * that says once it has caught up with the history (`caughtUp`, KurrentDB 23.10 and newer).
 */
export interface CatchUpSource<Item> extends AsyncIterable<Item> {
  readonly readableLength: number;
  once(event: 'caughtUp', listener: (info: CaughtUp) => void): unknown;
  unsubscribe(): Promise<void>;
}

/**
 * A subscription of the port from a KurrentDB catch-up subscription: each item turned into the
 * events it carries (`convert`: none for a system event, a marker, one filtered out), and
 * `caught-up` said once, after every event received before the server said it, with the
 * position of the last event delivered (`after` when none was).
 *
 * The server's signal travels beside the items, not among them: it may arrive while items sent
 * before it still wait in the readable's buffer. So it is said only when nothing is buffered and
 * no item is ready.
 */
/** Settles once the work already queued (microtasks, I/O callbacks) has run. */
const idle = () => new Promise<'idle'>((resolve) => setImmediate(() => resolve('idle')));

export function catchUpSubscription<Item>(
  source: CatchUpSource<Item>,
  convert: (item: Item) => RecordedEvent[],
  after: number,
): Subscription {
  let signalled: () => void = () => {};
  const caughtUp = new Promise<'caught-up'>((resolve) => {
    signalled = () => resolve('caught-up');
  });
  source.once('caughtUp', () => signalled());
  const items = source[Symbol.asyncIterator]();
  let closed = false;

  async function* messages(): AsyncGenerator<SubscriptionMessage> {
    let position = after;
    let said = false;
    let next = items.next();
    while (!closed) {
      // An item already received wins the race: it is listed first.
      let step: IteratorResult<Item> | 'caught-up' | 'idle' = said
        ? await next
        : await Promise.race([next, caughtUp]);
      if (step === 'caught-up') {
        // Items still buffered, or one the readable is handing over (its promise settles within
        // the pending microtasks), come first.
        step = source.readableLength > 0 ? await next : await Promise.race([next, idle()]);
        if (step === 'idle') {
          said = true;
          yield { kind: 'caught-up', position };
          continue;
        }
      }
      if (step.done) return;
      next = items.next();
      for (const event of convert(step.value)) {
        position = event.position;
        yield { kind: 'event', event };
      }
    }
  }

  const iterator = messages();
  return {
    [Symbol.asyncIterator]: () => iterator,
    async close() {
      closed = true;
      await source.unsubscribe().catch(() => {});
      await iterator.return(undefined);
    },
  };
}
