import { DECIDER_OF_CATEGORY } from '@cls/domain';
import { type EventStore, MemoryEventStore } from '@cls/event-store';
import { describe, expect, it } from 'vitest';
import { foldStream, StreamStates } from './stream-states.js';

const contractDecider = DECIDER_OF_CATEGORY.get('contract');
const stream = 'contract-cls-test';

/** A store whose stream reads wait until `release`, each resolving with what the log held when it began. */
function heldReads(store: MemoryEventStore) {
  const held: Array<() => void> = [];
  let reads = 0;
  const reading: EventStore = Object.assign(Object.create(store) as EventStore, {
    readStream: async (name: string, options?: Parameters<EventStore['readStream']>[1]) => {
      reads += 1;
      const events = await store.readStream(name, options);
      await new Promise<void>((resolve) => held.push(resolve));
      return events;
    },
  });
  return {
    store: reading,
    reads: () => reads,
    async release() {
      // Let the reads that are asked meanwhile start, then release what waits.
      await new Promise((resolve) => setTimeout(resolve, 5));
      for (const resolve of held.splice(0)) resolve();
      await new Promise((resolve) => setTimeout(resolve, 5));
    },
  };
}

const drafted = {
  type: 'ContractDrafted',
  data: {
    contractId: 'cls-test',
    name: 'CLS de test',
    territory: { name: 'Territoire', epci: [], communes: [] },
    period: { start: 2024, end: 2029 },
    parties: [],
  },
};
const actor = { actor: { id: 'autre', role: 'admin' } };

describe('StreamStates: reads of a stream shared by concurrent commands', () => {
  it('shares one read among those who asked while it ran, never one begun before they asked', async () => {
    if (!contractDecider) throw new Error('décideur inconnu');
    const log = new MemoryEventStore();
    const held = heldReads(log);
    const states = new StreamStates();

    const first = foldStream(held.store, stream, contractDecider, states);
    // Appended by another process after the first read began: those who ask now must see it.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await log.append(stream, [drafted], { ...actor, expectedRevision: 'no_stream' });
    const second = foldStream(held.store, stream, contractDecider, states);
    const third = foldStream(held.store, stream, contractDecider, states);

    await held.release();
    expect((await first).revision).toBeUndefined();
    await held.release();
    const [secondFold, thirdFold] = await Promise.all([second, third]);
    expect(secondFold.revision).toBe(0);
    expect(thirdFold).toBe(secondFold);
    expect(held.reads()).toBe(2);
  });

  it('starts a new read once the shared ones are over', async () => {
    if (!contractDecider) throw new Error('décideur inconnu');
    const log = new MemoryEventStore();
    await log.append(stream, [drafted], { ...actor, expectedRevision: 'no_stream' });
    const held = heldReads(log);
    const states = new StreamStates();
    const first = foldStream(held.store, stream, contractDecider, states);
    await held.release();
    expect((await first).revision).toBe(0);
    const again = foldStream(held.store, stream, contractDecider, states);
    await held.release();
    expect((await again).revision).toBe(0);
    expect(held.reads()).toBe(2);
  });
});
