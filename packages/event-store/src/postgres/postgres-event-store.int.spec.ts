import { randomUUID } from 'node:crypto';
import { createPool } from '@cls/postgres';
import { createTestDatabase } from '@cls/testing';
import { describe, expect, inject, it } from 'vitest';
import { describeEventStore } from '../contract/describe-event-store.js';
import type { EventStore } from '../types.js';
import { Upcasters } from '../upcasting.js';
import { PostgresEventStore } from './postgres-event-store.js';

describeEventStore('PostgreSQL', async ({ upcasters }) => {
  const database = await createTestDatabase(inject('postgresServerUrl'));
  const open = () =>
    PostgresEventStore.open({ connectionString: database.url, upcasters, pollIntervalMs: 200 });
  const handles: EventStore[] = [await open()];
  return {
    store: handles[0] as EventStore,
    openAnother: async () => {
      const another = await open();
      handles.push(another);
      return another;
    },
    tamper: async (stream, revision, data) => {
      const pool = createPool(database.url, { max: 1 });
      try {
        const { rowCount } = await pool.query(
          'UPDATE events SET data = $3 WHERE stream = $1 AND revision = $2',
          [stream, revision, JSON.stringify(data)],
        );
        if (rowCount !== 1) throw new Error(`pas d'événement ${stream}@${revision}`);
      } finally {
        await pool.end();
      }
    },
    dispose: async () => {
      await Promise.all(handles.map((handle) => handle.close()));
      await database.drop();
    },
  };
});

describe('PostgreSQL event store, beyond the contract', () => {
  const actor = { id: 'admin', role: 'admin' };

  async function withStore(test: (store: PostgresEventStore, url: string) => Promise<void>) {
    const database = await createTestDatabase(inject('postgresServerUrl'));
    const store = await PostgresEventStore.open({
      connectionString: database.url,
      upcasters: new Upcasters(),
    });
    try {
      await test(store, database.url);
    } finally {
      await store.close();
      await database.drop();
    }
  }

  it('refuses only the append that breaks a constraint when appends are committed together', async () => {
    await withStore(async (store) => {
      const reused = randomUUID();
      await store.append('offer-1', [{ id: reused, type: 'OfferRegistered', data: {} }], { actor });
      const results = await Promise.allSettled([
        store.append('offer-2', [{ type: 'OfferRegistered', data: {} }], { actor }),
        store.append('offer-3', [{ id: reused, type: 'OfferRegistered', data: {} }], { actor }),
        store.append('offer-4', [{ type: 'OfferRegistered', data: {} }], { actor }),
      ]);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((await store.readAll()).map((event) => event.stream)).toEqual(['offer-1', 'offer-2', 'offer-4']);
      expect(await store.verifyAll()).toMatchObject({ ok: true, events: 3 });
    });
  });

  it('stores nothing of a batch whose second row fails inside the database, and keeps appending after', async () => {
    await withStore(async (store, url) => {
      const pool = createPool(url, { max: 1 });
      // A trigger standing for any failure inside the database (a disk full, a check…) after the first row.
      await pool.query(`
        CREATE FUNCTION refuse_second_row() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'panne simulée à la révision %', NEW.revision; END $$;
        CREATE TRIGGER refuse_second_row BEFORE INSERT ON events
          FOR EACH ROW WHEN (NEW.revision = 1 AND NEW.stream = 'action-broken') EXECUTE FUNCTION refuse_second_row();
      `);
      const batch = [0, 1, 2].map((n) => ({ type: 'ProgressReported', data: { n } }));
      await expect(store.append('action-broken', batch, { actor })).rejects.toThrow(
        /panne simulée à la révision 1/,
      );
      expect(await store.readStream('action-broken')).toEqual([]);
      expect(await store.streamRevision('action-broken')).toBeUndefined();
      // The next append, elsewhere, gets the next position: nothing was half-written.
      await store.append('action-sound', batch, { actor });
      expect((await store.readAll()).map((event) => [event.stream, event.position])).toEqual([
        ['action-sound', 1],
        ['action-sound', 2],
        ['action-sound', 3],
      ]);
      expect(await store.verifyAll()).toMatchObject({ ok: true, events: 3 });
      await pool.end();
    });
  });

  it('decides again on the log when the stream head it remembers is stale', async () => {
    await withStore(async (store, url) => {
      const other = await PostgresEventStore.open({ connectionString: url });
      try {
        await store.append('action-1', [{ type: 'ActionPlanned', data: {} }], { actor });
        await other.append('action-1', [{ type: 'ActionStarted', data: {} }], { actor });
        // `store` still believes the head is revision 0.
        await expect(
          store.append('action-1', [{ type: 'ProgressReported', data: {} }], { actor, expectedRevision: 0 }),
        ).rejects.toMatchObject({ name: 'WrongExpectedRevision', actualRevision: 1 });
        const commandId = randomUUID();
        const first = await store.append('action-1', [{ type: 'ProgressReported', data: {} }], {
          actor,
          commandId,
        });
        expect(first.nextExpectedRevision).toBe(2);
        expect(
          await other.append('action-1', [{ type: 'ProgressReported', data: {} }], { actor, commandId }),
        ).toEqual(first);
        expect(
          await store.append('action-1', [{ type: 'ProgressReported', data: {} }], { actor, commandId }),
        ).toEqual(first);
        expect(await store.verifyStream('action-1')).toMatchObject({ ok: true, events: 3 });
      } finally {
        await other.close();
      }
    });
  });

  it('reports a deleted event as a gap in the global order', async () => {
    await withStore(async (store, url) => {
      for (const n of [1, 2, 3])
        await store.append(`meeting-${n}`, [{ type: 'MeetingHeld', data: { n } }], { actor });
      const pool = createPool(url, { max: 1 });
      await pool.query(`DELETE FROM events WHERE stream = 'meeting-2'`);
      await pool.end();
      expect(await store.verifyAll()).toMatchObject({
        ok: false,
        brokenLink: {
          stream: 'meeting-3',
          position: 3,
          reason: expect.stringMatching(/positions 2 à 2 absentes/),
        },
      });
    });
  });

  it('keeps the schema when opened again, and reads what an earlier handle wrote', async () => {
    await withStore(async (store, url) => {
      await store.append('contract-1', [{ type: 'ContractDrafted', data: { title: 'CLS' } }], { actor });
      const again = await PostgresEventStore.open({ connectionString: url });
      try {
        expect((await again.readStream('contract-1')).map((event) => event.data)).toEqual([{ title: 'CLS' }]);
      } finally {
        await again.close();
      }
    });
  });
});
