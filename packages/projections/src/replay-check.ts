import type { EventStore, ReadAllOptions, RecordedEvent, Subscription } from '@cls/event-store';
import type { Pool } from '@cls/postgres';
import { type Projection, schemaOf } from './projection.js';
import { ProjectionRunner, schemaChecksum } from './runner.js';

export interface ReplayComparison {
  name: string;
  live: string;
  replayed: string;
  identical: boolean;
}

export interface ReplayCheckResult {
  /** The log position the live read models and their replay both stand at. */
  position: number;
  readModels: ReplayComparison[];
}

const SHADOW_PREFIX = 'replay_';

/** The log up to `position`, never live: what the shadow build reads. */
function logUpTo(store: EventStore, position: number): Pick<EventStore, 'readAll' | 'subscribeAll'> {
  return {
    readAll: async (options?: ReadAllOptions) =>
      (await store.readAll(options)).filter((event: RecordedEvent) => event.position <= position),
    subscribeAll: (): Subscription => ({
      close: async () => {},
      async *[Symbol.asyncIterator]() {},
    }),
  };
}

/**
 * Rebuilds every read model from position 0 into shadow tables (`rm_replay_…`)
 * and compares their checksums with the live ones, both at the same log
 * position: a difference means a projection is not a pure function of the log
 * (or its tables were changed by hand). The shadow tables are dropped after.
 */
export async function replayCheck(
  store: EventStore,
  pool: Pool,
  projections: Projection[],
): Promise<ReplayCheckResult> {
  await dropShadows(pool, projections);
  const live = await liveSnapshot(pool, projections);
  const shadows = projections.map((projection) => ({
    ...projection,
    name: `${SHADOW_PREFIX}${projection.name}`,
  }));
  const runner = new ProjectionRunner(logUpTo(store, live.position) as EventStore, pool, shadows, {
    batchSize: 1000,
    pollIntervalMs: 50,
  });
  try {
    await runner.start();
    if (live.position > 0 && !(await runner.waitFor(live.position, 10 * 60_000))) {
      throw new Error('vérification par rejeu : reconstruction interrompue');
    }
    await runner.stop();
    const readModels: ReplayComparison[] = [];
    for (const projection of projections) {
      const replayed = await schemaChecksum(
        pool,
        schemaOf({ ...projection, name: `${SHADOW_PREFIX}${projection.name}` }),
      );
      const current = live.checksums.get(projection.name) ?? '';
      readModels.push({ name: projection.name, live: current, replayed, identical: current === replayed });
    }
    return { position: live.position, readModels };
  } finally {
    await runner.stop().catch(() => {});
    await dropShadows(pool, projections);
  }
}

/**
 * The live read models' checksums in one snapshot, once they all stand at the
 * same position (they apply pages side by side: a moment apart at most).
 */
async function liveSnapshot(pool: Pool, projections: Projection[]) {
  for (let attempt = 0; ; attempt += 1) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const { rows } = await client.query<{ name: string; version: number; position: string }>(
        `SELECT name, version, position::text FROM projection_checkpoints WHERE status = 'live' AND name = ANY ($1)`,
        [projections.map((projection) => projection.name)],
      );
      const positions = new Set(rows.map((row) => row.position));
      if (rows.length === projections.length && positions.size === 1) {
        const checksums = new Map<string, string>();
        for (const row of rows) checksums.set(row.name, await schemaChecksum(client, schemaOf(row)));
        await client.query('COMMIT');
        return { position: Number(rows[0]?.position ?? 0), checksums };
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
    if (attempt >= 50)
      throw new Error('vérification par rejeu : les projections actives ne se rejoignent pas');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function dropShadows(pool: Pool, projections: Projection[]): Promise<void> {
  for (const projection of projections) {
    const name = `${SHADOW_PREFIX}${projection.name}`;
    await pool.query(`DROP SCHEMA IF EXISTS ${schemaOf({ name, version: projection.version })} CASCADE`);
    await pool.query('DELETE FROM projection_checkpoints WHERE name = $1', [name]);
  }
}
