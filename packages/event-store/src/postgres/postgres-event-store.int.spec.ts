import { randomUUID } from 'node:crypto';
import { createPool } from '@cls/postgres';
import { createTestDatabase } from '@cls/testing';
import pg from 'pg';
import { describe, expect, inject, it, vi } from 'vitest';
import { describeEventStore } from '../contract/describe-event-store.js';
import { forgePostgresLog, rechain } from '../contract/forgery.js';
import type { EventStore, RecordedEvent } from '../types.js';
import { Upcasters } from '../upcasting.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { APPEND_CHANNEL, APPEND_LOCK } from './schema.js';

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

  it('refuses a batch chained to one that failed: both are decided again on the log, no gap', async () => {
    await withStore(async (store, url) => {
      const pool = createPool(url, { max: 1 });
      await pool.query(`
        CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'panne simulée sur %', NEW.stream; END $$;
        CREATE TRIGGER refuse_poison BEFORE INSERT ON events
          FOR EACH ROW WHEN (NEW.type = 'Poison') EXECUTE FUNCTION refuse_poison();
      `);
      await pool.end();
      // The store now knows the log's head and the streams' heads: the next appends are chained.
      await store.append('offer-1', [{ type: 'OfferRegistered', data: {} }], { actor });
      await store.append('offer-2', [{ type: 'OfferRegistered', data: {} }], { actor });
      // offer-3 goes alone (nothing in flight); the three others queue behind it, then leave as two
      // batches in flight at once, the second chained to the head the first (with the poison) leaves.
      const results = await Promise.allSettled([
        store.append('offer-3', [{ type: 'OfferRegistered', data: {} }], { actor }),
        store.append('offer-1', [{ type: 'Poison', data: {} }], { actor, expectedRevision: 0 }),
        store.append('offer-2', [{ type: 'OfferUpdated', data: {} }], { actor, expectedRevision: 0 }),
        store.append('offer-2', [{ type: 'OfferUpdated', data: {} }], { actor, expectedRevision: 1 }),
      ]);
      expect(results.map((result) => result.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      expect(results[1]).toMatchObject({
        reason: { message: expect.stringMatching(/panne simulée sur offer-1/) },
      });
      expect([results[0], results[2], results[3]]).toMatchObject([
        { value: { stream: 'offer-3', nextExpectedRevision: 0, position: 3 } },
        { value: { stream: 'offer-2', nextExpectedRevision: 1, position: 4 } },
        { value: { stream: 'offer-2', nextExpectedRevision: 2, position: 5 } },
      ]);
      // Alone, refused inside the database: nothing written, the next append follows on.
      await expect(store.append('offer-3', [{ type: 'Poison', data: {} }], { actor })).rejects.toThrow(
        /panne simulée sur offer-3/,
      );
      await store.append('offer-3', [{ type: 'OfferUpdated', data: {} }], { actor, expectedRevision: 0 });
      expect((await store.readAll()).map((event) => [event.stream, event.position, event.type])).toEqual([
        ['offer-1', 1, 'OfferRegistered'],
        ['offer-2', 2, 'OfferRegistered'],
        ['offer-3', 3, 'OfferRegistered'],
        ['offer-2', 4, 'OfferUpdated'],
        ['offer-2', 5, 'OfferUpdated'],
        ['offer-3', 6, 'OfferUpdated'],
      ]);
      expect(await store.verifyAll()).toMatchObject({ ok: true, events: 6, head: { position: 6 } });
    });
  });

  it('follows only the row it was chained to (events_follow)', async () => {
    await withStore(async (store, url) => {
      const head = await store.append('meeting-1', [{ type: 'MeetingHeld', data: {} }], { actor });
      const [event] = await store.readStream('meeting-1');
      const pool = createPool(url, { max: 1 });
      try {
        await expect(
          pool.query('SELECT events_follow($1, $2)', [head.position, event?.metadata.globalHash]),
        ).resolves.toBeDefined();
        await expect(
          pool.query('SELECT events_follow($1, $2)', [head.position, 'f'.repeat(64)]),
        ).rejects.toThrow(/ne finit plus en position 1/);
        await expect(
          pool.query('SELECT events_follow($1, $2)', [head.position + 1, event?.metadata.globalHash]),
        ).rejects.toThrow(/ne finit plus en position 2/);
      } finally {
        await pool.end();
      }
    });
  });

  it('two processes appending to the same streams at once: every acknowledged event once, chains whole', async () => {
    await withStore(async (store, url) => {
      const other = await PostgresEventStore.open({ connectionString: url, maxCommitsInFlight: 3 });
      try {
        const streams = ['action-1', 'action-2', 'action-3'];
        for (const stream of streams) {
          await store.append(stream, [{ type: 'ActionPlanned', data: {} }], { actor });
          await other.readStream(stream);
        }
        const acknowledged: Array<{ stream: string; position: number; id: string }> = [];
        const writer = (handle: PostgresEventStore, name: string) =>
          Promise.all(
            Array.from({ length: 12 }, async (_, writerIndex) => {
              for (let n = 0; n < 8; n += 1) {
                const stream = streams[(writerIndex + n) % streams.length] as string;
                const id = randomUUID();
                const result = await handle.append(
                  stream,
                  [{ id, type: 'ProgressReported', data: { name, writerIndex, n } }],
                  { actor, commandId: randomUUID() },
                );
                acknowledged.push({ stream, position: result.position, id });
              }
            }),
          );
        await Promise.all([writer(store, 'a'), writer(other, 'b')]);
        const log = await store.readAll({ limit: 10_000 });
        expect(log).toHaveLength(3 + 2 * 12 * 8);
        expect(log.map((event) => event.position)).toEqual(log.map((_, index) => index + 1));
        const byId = new Map(log.map((event) => [event.id, event]));
        for (const { stream, position, id } of acknowledged)
          expect(byId.get(id)).toMatchObject({ stream, position });
        for (const stream of streams) {
          const events = await other.readStream(stream);
          expect(events.map((event) => event.revision)).toEqual(events.map((_, index) => index));
          expect(await store.verifyStream(stream)).toMatchObject({ ok: true });
        }
        expect(await other.verifyAll()).toMatchObject({ ok: true, events: log.length });
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

  it('wakes a subscription once for its own append, and at once for another process’s', async () => {
    const database = await createTestDatabase(inject('postgresServerUrl'));
    // No polling within the test: only the announcements wake the subscription.
    const open = () => PostgresEventStore.open({ connectionString: database.url, pollIntervalMs: 60_000 });
    const store = await open();
    const other = await open();
    const subscription = store.subscribeAll();
    try {
      const iterator = subscription[Symbol.asyncIterator]();
      expect((await iterator.next()).value).toEqual({ kind: 'caught-up', position: 0 });
      const reads = vi.spyOn(store, 'readAll');
      await store.append('action-1', [{ type: 'ActionPlanned', data: {} }], { actor });
      expect((await iterator.next()).value).toMatchObject({ kind: 'event', event: { position: 1 } });
      // The database announces that append too, on the store's listening connection, often
      // after the subscription has read it (as here, sent again once it has): it must not
      // send the subscription to read the log again for nothing.
      const next = iterator.next();
      const announcer = createPool(database.url, { max: 1 });
      await announcer.query('SELECT pg_notify($1, $2)', [APPEND_CHANNEL, '1']);
      await announcer.end();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(reads).toHaveBeenCalledTimes(1);
      await other.append('action-2', [{ type: 'ActionPlanned', data: {} }], { actor });
      expect((await next).value).toMatchObject({ kind: 'event', event: { stream: 'action-2' } });
    } finally {
      await subscription.close();
      await Promise.all([store.close(), other.close()]);
      await database.drop();
    }
  });

  it('wakes a filtered subscription only for its own appends that pass the filter', async () => {
    const database = await createTestDatabase(inject('postgresServerUrl'));
    const store = await PostgresEventStore.open({ connectionString: database.url, pollIntervalMs: 60_000 });
    const subscription = store.subscribeAll({ filter: { eventTypes: ['ActionStarted'] } });
    try {
      const iterator = subscription[Symbol.asyncIterator]();
      expect((await iterator.next()).value).toEqual({ kind: 'caught-up', position: 0 });
      const next = iterator.next();
      const reads = vi.spyOn(store, 'readAll');
      await store.append('action-1', [{ type: 'ActionPlanned', data: {} }], { actor });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(reads).not.toHaveBeenCalled();
      await store.append('action-1', [{ type: 'ActionStarted', data: {} }], { actor });
      expect((await next).value).toMatchObject({
        kind: 'event',
        event: { type: 'ActionStarted', position: 2 },
      });
      expect(reads).toHaveBeenCalledTimes(1);
    } finally {
      await subscription.close();
      await store.close();
      await database.drop();
    }
  });

  it('wakes a subscription for an announcement that came while its own append was in flight, and failed', async () => {
    const database = await createTestDatabase(inject('postgresServerUrl'));
    const store = await PostgresEventStore.open({ connectionString: database.url, pollIntervalMs: 60_000 });
    const subscription = store.subscribeAll();
    const blocker = createPool(database.url, { max: 1 });
    try {
      const iterator = subscription[Symbol.asyncIterator]();
      expect((await iterator.next()).value).toEqual({ kind: 'caught-up', position: 0 });
      const next = iterator.next();
      const reads = vi.spyOn(store, 'readAll');
      // The append waits for the log's lock; meanwhile another process announces position 1.
      await blocker.query('SELECT pg_advisory_lock($1)', [APPEND_LOCK]);
      const refused = store.append('action-1', [{ type: 'ActionStarted', data: {} }], {
        actor,
        expectedRevision: 3,
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await blocker.query('SELECT pg_notify($1, $2)', [APPEND_CHANNEL, '1']);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(reads).not.toHaveBeenCalled();
      await blocker.query('SELECT pg_advisory_unlock($1)', [APPEND_LOCK]);
      await expect(refused).rejects.toThrow();
      // Its append was refused and announced nothing: the subscription still reads for position 1.
      await vi.waitFor(() => expect(reads).toHaveBeenCalled());
      await store.append('action-1', [{ type: 'ActionPlanned', data: {} }], { actor });
      expect((await next).value).toMatchObject({ kind: 'event', event: { position: 1 } });
    } finally {
      await blocker.end();
      await subscription.close();
      await store.close();
      await database.drop();
    }
  });

  it('chains its rows to those another process appended in between', async () => {
    await withStore(async (store, url) => {
      const other = await PostgresEventStore.open({ connectionString: url });
      try {
        await store.append('action-1', [{ type: 'ActionPlanned', data: {} }], { actor });
        await other.append('action-2', [{ type: 'ActionPlanned', data: {} }], { actor });
        // `store` remembers the log's head at position 1: its next rows must chain to position 2.
        await store.append('action-1', [{ type: 'ActionStarted', data: {} }], { actor });
        await other.append('action-2', [{ type: 'ActionStarted', data: {} }], { actor });
        const events = await store.readAll();
        expect(events.map((event) => [event.stream, event.position])).toEqual([
          ['action-1', 1],
          ['action-2', 2],
          ['action-1', 3],
          ['action-2', 4],
        ]);
        expect(events.every((event) => /^[0-9a-f]{64}$/.test(event.metadata.globalHash ?? ''))).toBe(true);
        expect(await store.verifyAll()).toMatchObject({ ok: true, events: 4, head: { position: 4 } });
      } finally {
        await other.close();
      }
    });
  });

  it('computes the global chain of a log written before it existed (migration 2)', async () => {
    await withStore(async (store, url) => {
      for (const n of [1, 2, 3])
        await store.append(`meeting-${n % 2}`, [{ type: 'MeetingHeld', data: { n } }], { actor });
      const before = await store.verifyAll();
      const pool = createPool(url, { max: 1 });
      await pool.query(`ALTER TABLE events DROP COLUMN global_hash;
        DELETE FROM schema_migrations WHERE component = 'event-store' AND version = 2`);
      await pool.end();
      const migrated = await PostgresEventStore.open({ connectionString: url });
      try {
        expect(await migrated.verifyAll()).toEqual(before);
        await migrated.append('meeting-1', [{ type: 'MeetingHeld', data: { n: 4 } }], { actor });
        expect(await migrated.verifyAll()).toMatchObject({ ok: true, events: 4 });
      } finally {
        await migrated.close();
      }
    });
  });

  describe('a database administrator rewriting history', () => {
    /** Six events, meeting-2 ending at position 4: the log and its head, verified intact. */
    async function sixEvents(store: PostgresEventStore) {
      for (const n of [1, 2, 3])
        await store.append(`meeting-${n}`, [{ type: 'MeetingHeld', data: { n } }], { actor });
      await store.append('meeting-2', [{ type: 'DecisionFollowedUp', data: { n: 2 } }], { actor });
      for (const n of [4, 5])
        await store.append(`meeting-${n}`, [{ type: 'MeetingHeld', data: { n } }], { actor });
      const verdict = await store.verifyAll();
      if (!verdict.ok || !verdict.head) throw new Error('journal intact attendu');
      return verdict.head;
    }
    const withoutLastOfMeeting2 = (events: RecordedEvent[]) =>
      events
        .filter((event) => !(event.stream === 'meeting-2' && event.revision === 1))
        .map((event, index) => ({ ...event, position: index + 1 }));

    it('deletes the last event of a stream and renumbers the positions after it: the global chain breaks', async () => {
      await withStore(async (store, url) => {
        await sixEvents(store);
        const pool = createPool(url, { max: 1 });
        await pool.query(`DELETE FROM events WHERE stream = 'meeting-2' AND revision = 1`);
        await pool.query('UPDATE events SET position = position - 1 WHERE position > 4');
        await pool.end();
        expect(await store.verifyAll()).toMatchObject({
          ok: false,
          brokenLink: { stream: 'meeting-4', position: 4, reason: expect.stringMatching(/hash global/) },
        });
      });
    });

    it('also re-computes every hash after it: only a head known from before tells', async () => {
      await withStore(async (store, url) => {
        const head = await sixEvents(store);
        await forgePostgresLog(url, withoutLastOfMeeting2);
        expect(await store.verifyAll()).toMatchObject({ ok: true, events: 5 });
        expect(await store.verifyAll({ knownHeads: [head] })).toMatchObject({
          ok: false,
          brokenLink: {
            stream: 'meeting-5',
            position: 5,
            reason: expect.stringMatching(/s’arrête en position 5, avant la tête signée en position 6/),
          },
        });
      });
    });

    it('edits an event and re-computes its stream’s hashes, then the global chain too: only a known head tells', async () => {
      await withStore(async (store, url) => {
        const head = await sixEvents(store);
        const edit = (events: RecordedEvent[]) =>
          events.map((event) =>
            event.stream === 'meeting-2' && event.revision === 0 ? { ...event, data: { n: 20 } } : event,
          );
        // Its stream's hashes only: the global chain still holds the old hashes.
        const [original] = await store.readStream('meeting-2');
        const [edited] = rechain(edit([original as RecordedEvent]));
        const pool = createPool(url, { max: 1 });
        await pool.query(
          `UPDATE events SET data = '{"n":20}', hash = $1 WHERE stream = 'meeting-2' AND revision = 0`,
          [edited?.metadata.hash],
        );
        await pool.end();
        const second = await store.verifyAll();
        expect(second).toMatchObject({ ok: false, brokenLink: { stream: 'meeting-2', revision: 0 } });

        // Every hash: each chain holds on its own, the head known from before does not.
        await forgePostgresLog(url, edit);
        expect(await store.verifyAll()).toMatchObject({ ok: true, events: 6 });
        expect(await store.verifyAll({ knownHeads: [head] })).toMatchObject({
          ok: false,
          brokenLink: {
            position: 6,
            reason: expect.stringMatching(
              /chaîne globale différente de la tête signée en position 6 : journal réécrit avant la position 6/,
            ),
          },
        });
      });
    });
  });

  it('reads back the dates it was given whatever the time zone of the database’s sessions', async () => {
    await withStore(async (_store, url) => {
      const pool = createPool(url, { max: 1 });
      const { rows } = await pool.query<{ database: string }>('SELECT current_database() AS database');
      // +13:45 in December: a date read in the session's zone would come back shifted.
      await pool.query(`ALTER DATABASE "${rows[0]?.database}" SET timezone TO 'Pacific/Chatham'`);
      await pool.end();
      const reopened = await PostgresEventStore.open({ connectionString: url });
      try {
        const dates = ['2024-12-31T23:59:59.999Z', '2019-07-01T00:00:00.000Z', '1999-12-31T10:15:00.500Z'];
        await reopened.append(
          'meeting-dates',
          dates.map((occurredAt) => ({ type: 'MeetingHeld', data: {}, occurredAt })),
          { actor },
        );
        const read = await reopened.readStream('meeting-dates');
        expect(read.map((event) => event.metadata.occurredAt)).toEqual(dates);
        expect((await reopened.readAll()).map((event) => event.metadata.occurredAt)).toEqual(dates);
        expect(
          read.every((event) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(event.metadata.recordedAt)),
        ).toBe(true);
        expect(await reopened.verifyAll()).toMatchObject({ ok: true, events: 3 });
      } finally {
        await reopened.close();
      }
    });
  });

  it('reads its events the same when another library changed pg’s global type parsers', async () => {
    // Emmett's PostgreSQL driver (dumbo) does this on its first use: bigint as BigInt, and
    // json through a reviver that turns long numeric strings and big integers into BigInts.
    const reviver = (_key: string, value: unknown) =>
      (typeof value === 'number' && !Number.isSafeInteger(value) && Number.isInteger(value)) ||
      (typeof value === 'string' && /^\d{16,}$/.test(value))
        ? BigInt(value)
        : value;
    const saved = [20, 114].map((oid) => [oid, pg.types.getTypeParser(oid)] as const);
    await withStore(async (store) => {
      const data = { reference: '12345678901234567890', count: 2 ** 60 };
      await store.append('action-typed', [{ type: 'ActionStarted', data }], { actor });
      pg.types.setTypeParser(20, (text: string) => BigInt(text));
      pg.types.setTypeParser(114, (text: string) => JSON.parse(text, reviver));
      try {
        const [event] = await store.readStream('action-typed');
        expect(event?.data).toEqual(data);
        expect(typeof event?.position).toBe('number');
        expect((await store.readAll())[0]?.data).toEqual(data);
        expect(await store.verifyAll()).toMatchObject({ ok: true, events: 1 });
      } finally {
        for (const [oid, parser] of saved) pg.types.setTypeParser(oid, parser);
      }
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
