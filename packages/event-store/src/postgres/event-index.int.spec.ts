import { createPool } from '@cls/postgres';
import { createTestDatabase } from '@cls/testing';
import { inject } from 'vitest';
import { describeEventStore, withoutSearch } from '../contract/describe-event-store.js';
import { MemoryEventStore } from '../memory/memory-event-store.js';
import { PostgresEventIndex } from './event-index.js';

// A log that cannot search itself, as KurrentDB's (here the memory store with its search hidden):
// the whole contract, its search tests answered by the PostgreSQL index the platform keeps of it.
describeEventStore('memory without search, through its PostgreSQL index', async ({ upcasters }) => {
  const store = new MemoryEventStore({ upcasters });
  const database = await createTestDatabase(inject('postgresServerUrl'));
  const pool = createPool(database.url, { max: 2 });
  const index = new PostgresEventIndex(pool);
  return {
    store: withoutSearch(store),
    openAnother: async () => withoutSearch(store),
    tamper: async (stream, revision, data) => store.tamper(stream, revision, (event) => ({ ...event, data })),
    index: () => index.catchUp(store),
    dispose: async () => {
      await store.close();
      await pool.end();
      await database.drop();
    },
  };
});
