import { createPool } from '@cls/postgres';
import { eventHash, GENESIS_HASH, globalEventHash } from '../hash-chain.js';
import { PostgresEventStore } from '../postgres/postgres-event-store.js';
import type { RecordedEvent } from '../types.js';

/*
 * What someone with write access to the storage and this source code can do:
 * change the log as they like, then re-compute every hash so that each chain
 * holds again. Only a head signed before the change, or a copy of the log kept
 * elsewhere, tells. For the tests of tamper evidence, nothing else.
 */

/** The events in the order given, every per-stream and global hash computed anew. */
export function rechain(events: RecordedEvent[]): RecordedEvent[] {
  const streams = new Map<string, string>();
  let globalHash = GENESIS_HASH;
  return events.map((event) => {
    const prevHash = streams.get(event.stream) ?? GENESIS_HASH;
    const hash = eventHash({ ...event, metadata: { ...event.metadata, prevHash } });
    streams.set(event.stream, hash);
    globalHash = globalEventHash(globalHash, event.position, hash);
    return { ...event, metadata: { ...event.metadata, prevHash, hash, globalHash } };
  });
}

/**
 * Rewrites a PostgreSQL log as its administrator could: `change` gets every
 * stored event in position order and returns the log wanted (events removed,
 * edited, renumbered); the rows are then updated in place with every hash
 * re-computed (`rechain`), and the rows of removed events deleted.
 */
export async function forgePostgresLog(
  connectionString: string,
  change: (events: RecordedEvent[]) => RecordedEvent[],
): Promise<void> {
  const store = await PostgresEventStore.open({ connectionString });
  const events: RecordedEvent[] = [];
  try {
    for (let page = await store.readAll({ limit: 5000 }); page.length > 0; ) {
      events.push(...page);
      page = await store.readAll({ fromPosition: (page.at(-1) as RecordedEvent).position, limit: 5000 });
    }
  } finally {
    await store.close();
  }
  const forged = rechain(change(events));
  const pool = createPool(connectionString, { max: 1 });
  try {
    await pool.query('BEGIN');
    await pool.query('DELETE FROM events WHERE NOT (id = ANY ($1::uuid[]))', [
      forged.map((event) => event.id),
    ]);
    // Out of the way first, so that renumbering never meets a position still taken.
    await pool.query('UPDATE events SET position = -position');
    for (const event of forged) {
      await pool.query(
        `UPDATE events SET position = $2, revision = $3, data = $4::json, prev_hash = $5, hash = $6, global_hash = $7
          WHERE id = $1`,
        [
          event.id,
          event.position,
          event.revision,
          JSON.stringify(event.data),
          event.metadata.prevHash,
          event.metadata.hash,
          event.metadata.globalHash,
        ],
      );
    }
    await pool.query('COMMIT');
  } catch (error) {
    await pool.query('ROLLBACK');
    throw error;
  } finally {
    await pool.end();
  }
}
