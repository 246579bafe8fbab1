import { createPool } from '@cls/postgres';
import { createTestDatabase } from '@cls/testing';
import { inject } from 'vitest';
import { describeEventStore } from '../contract/describe-event-store.js';
import { PostgresEventIndex } from '../postgres/event-index.js';
import { KurrentDBEventStore } from './kurrentdb-event-store.js';

// No KurrentDB server can be had on the CI machines of this project (no registry serves its
// image): the suite runs wherever KURRENTDB_URL points to one (see infra/kurrentdb/README.md).
const url = process.env.KURRENTDB_URL;
const skipped = url
  ? undefined
  : 'KURRENTDB_URL is not set: no KurrentDB server to run the contract suite against';
if (skipped) console.log(`[event-store] KurrentDB contract suite skipped: ${skipped}.`);

describeEventStore(
  'KurrentDB',
  async ({ upcasters }) => {
    const connectionString = url as string;
    const handles = [new KurrentDBEventStore({ connectionString, upcasters })];
    // One server serves every test: the suite writes to fresh stream names and
    // reads $all only from positions it has just written.
    const store = handles[0] as KurrentDBEventStore;
    // The audit searches a KurrentDB log through its index in PostgreSQL (PostgresEventIndex).
    const database = await createTestDatabase(inject('postgresServerUrl'));
    const pool = createPool(database.url, { max: 2 });
    const index = new PostgresEventIndex(pool);
    return {
      store,
      openAnother: async () => {
        const another = new KurrentDBEventStore({ connectionString, upcasters });
        handles.push(another);
        return another;
      },
      tamper: (stream, revision) => store.truncateBefore(stream, revision),
      index: () => index.catchUp(store),
      dispose: async () => {
        await Promise.all(handles.map((handle) => handle.close()));
        await pool.end();
        await database.drop();
      },
    };
  },
  skipped,
);
