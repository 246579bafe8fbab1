import { type EventStore, MemoryEventStore } from '@cls/event-store';
import { describe, expect, it } from 'vitest';
import { ContractOfStream } from './contract-of.js';

const actor = { actor: { id: 'admin', role: 'admin' } };
const planned = (actionId: string, contractId: string) => ({
  type: 'ActionPlanned',
  data: { actionId, contractId, ficheCode: '1.1', code: '1.1-A1', title: 'Action', pilots: [], partners: [] },
});

function countingStore() {
  const store = new MemoryEventStore();
  let reads = 0;
  const counting: EventStore = Object.assign(Object.create(store) as EventStore, {
    readStream: (stream: string, options?: Parameters<EventStore['readStream']>[1]) => {
      reads += 1;
      return store.readStream(stream, options);
    },
  });
  return { store, counting, reads: () => reads };
}

describe('ContractOfStream', () => {
  it('reads a stream’s first event once: it never changes', async () => {
    const { store, counting, reads } = countingStore();
    await store.append('action-a1', [planned('a1', 'cls-1')], { ...actor, expectedRevision: 'no_stream' });
    const contracts = new ContractOfStream(counting);
    expect(await contracts.of('action-a1')).toBe('cls-1');
    expect(await contracts.of('action-a1')).toBe('cls-1');
    expect(reads()).toBe(1);
  });

  it('reads again a stream that had no event: it may have been created since', async () => {
    const { store, counting } = countingStore();
    const contracts = new ContractOfStream(counting);
    expect(await contracts.of('action-a2')).toBeUndefined();
    await store.append('action-a2', [planned('a2', 'cls-2')], { ...actor, expectedRevision: 'no_stream' });
    expect(await contracts.of('action-a2')).toBe('cls-2');
  });

  it('keeps at most its capacity, the oldest dropped', async () => {
    const { store, counting, reads } = countingStore();
    for (const id of ['a', 'b', 'c'])
      await store.append(`action-${id}`, [planned(id, `cls-${id}`)], {
        ...actor,
        expectedRevision: 'no_stream',
      });
    const contracts = new ContractOfStream(counting, 2);
    for (const id of ['a', 'b', 'c']) await contracts.of(`action-${id}`);
    expect(await contracts.of('action-a')).toBe('cls-a');
    expect(reads()).toBe(4);
  });
});
