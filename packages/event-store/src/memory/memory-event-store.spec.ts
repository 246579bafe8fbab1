import { describeEventStore } from '../contract/describe-event-store.js';
import { MemoryEventStore } from './memory-event-store.js';

describeEventStore('memory', async ({ upcasters }) => {
  const store = new MemoryEventStore({ upcasters });
  return {
    store,
    // One process, one log: another handle is the same object.
    openAnother: async () => store,
    tamper: async (stream, revision, data) => store.tamper(stream, revision, (event) => ({ ...event, data })),
    dispose: () => store.close(),
  };
});
