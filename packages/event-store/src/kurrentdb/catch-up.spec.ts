import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent, SubscriptionMessage } from '../types.js';
import { catchUpSubscription } from './catch-up.js';

/** An item as KurrentDB would send it: here, just the position of the event it carries (0: a system event). */
type Item = { position: number };

/** A stand-in for `subscribeToAll`: an object-mode readable that can say `caughtUp`. */
function source() {
  const stream = new PassThrough({ objectMode: true });
  let unsubscribed = false;
  return Object.assign(stream, {
    unsubscribe: async () => {
      unsubscribed = true;
      stream.end();
    },
    caughtUp: () => (stream as EventEmitter).emit('caughtUp', {}),
    wasUnsubscribed: () => unsubscribed,
  });
}

const event = (position: number) =>
  ({ position, stream: `contract-${position}`, type: 'ContractSigned' }) as Pick<
    RecordedEvent,
    'position' | 'stream' | 'type'
  >;
const convert = (item: Item): RecordedEvent[] =>
  item.position === 0 ? [] : [event(item.position) as RecordedEvent];
const shown = (message: SubscriptionMessage) =>
  message.kind === 'event' ? message.event.position : `caught-up@${message.position}`;

async function take(iterator: AsyncIterator<SubscriptionMessage>, count: number) {
  const seen: Array<number | string> = [];
  while (seen.length < count) {
    const next = await iterator.next();
    if (next.done) break;
    seen.push(shown(next.value));
  }
  return seen;
}

describe('catchUpSubscription: KurrentDB’s catch-up subscription as the port’s', () => {
  it('says caught-up after every event received before the signal, even those still buffered', async () => {
    const items = source();
    const subscription = catchUpSubscription(items, convert, 10);
    const iterator = subscription[Symbol.asyncIterator]();
    for (const position of [11, 12, 13]) items.write({ position });
    items.caughtUp();
    expect(await take(iterator, 4)).toEqual([11, 12, 13, 'caught-up@13']);
    items.write({ position: 20 });
    expect(await take(iterator, 1)).toEqual([20]);
    await subscription.close();
  });

  it('says caught-up at the position it started from when the history holds nothing for it', async () => {
    const items = source();
    items.write({ position: 0 });
    const subscription = catchUpSubscription(items, convert, 42);
    const iterator = subscription[Symbol.asyncIterator]();
    setTimeout(() => items.caughtUp(), 20);
    expect(await take(iterator, 1)).toEqual(['caught-up@42']);
    await subscription.close();
  });

  it('says caught-up once, and only when the server says it', async () => {
    const items = source();
    const subscription = catchUpSubscription(items, convert, 0);
    const iterator = subscription[Symbol.asyncIterator]();
    items.write({ position: 1 });
    expect(await take(iterator, 1)).toEqual([1]);
    const pending = take(iterator, 3);
    await new Promise((resolve) => setTimeout(resolve, 20));
    items.caughtUp();
    await new Promise((resolve) => setTimeout(resolve, 20));
    items.caughtUp();
    items.write({ position: 2 });
    items.write({ position: 3 });
    expect(await pending).toEqual(['caught-up@1', 2, 3]);
    await subscription.close();
  });

  it('stops and unsubscribes on close', async () => {
    const items = source();
    const subscription = catchUpSubscription(items, convert, 0);
    const iterator = subscription[Symbol.asyncIterator]();
    items.write({ position: 1 });
    expect(await take(iterator, 1)).toEqual([1]);
    await subscription.close();
    expect(items.wasUnsubscribed()).toBe(true);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it('passes on the subscription’s failure', async () => {
    const items = source();
    const subscription = catchUpSubscription(items, convert, 0);
    const iterator = subscription[Symbol.asyncIterator]();
    items.destroy(new Error('connexion perdue'));
    await expect(iterator.next()).rejects.toThrow('connexion perdue');
  });
});
