import type { EventStore, ReadAllOptions, Subscription } from '@cls/event-store';
import { inTransaction, type Pool } from '@cls/postgres';
import { type Projection, schemaOf } from './projection.js';
import { ProjectionRunner, type RunnerLog, schemaChecksum } from './runner.js';

export interface ReplayComparison {
  name: string;
  /** The log position the live read model and its replay both stand at. */
  position: number;
  live: string;
  replayed: string;
  identical: boolean;
}

export interface ReplayCheckResult {
  /** The furthest position a read model was compared at. */
  position: number;
  readModels: ReplayComparison[];
}

const SHADOW_PREFIX = 'replay_';

/** The log up to `position`, never live: what the shadow build reads. */
function logUpTo(store: EventStore, position: number): RunnerLog {
  return {
    readForProjections: async (options?: ReadAllOptions) =>
      (await store.readForProjections(options)).filter((event) => event.position <= position),
    headPosition: async () => Math.min(await store.headPosition(), position),
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
  // One check at a time, across replicas: the shadow tables have fixed names.
  const lock = await pool.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtext('cls-replay-check'))`);
    await dropShadows(pool, projections);
    const live = await liveSnapshot(pool, projections);
    const readModels: ReplayComparison[] = [];
    try {
      // Each read model replayed up to where its live version stands (one may lag behind another).
      for (const projection of projections) {
        const at = live.get(projection.name) ?? { position: 0, checksum: '' };
        const shadow = { ...projection, name: `${SHADOW_PREFIX}${projection.name}` };
        const runner = new ProjectionRunner(logUpTo(store, at.position), pool, [shadow], {
          batchSize: 1000,
          pollIntervalMs: 50,
        });
        try {
          await runner.start();
          if (at.position > 0 && !(await runner.waitFor(at.position, 10 * 60_000))) {
            throw new Error(`vérification par rejeu : reconstruction de ${projection.name} interrompue`);
          }
        } finally {
          await runner.stop();
        }
        const replayed = await schemaChecksum(pool, schemaOf(shadow));
        readModels.push({
          name: projection.name,
          position: at.position,
          live: at.checksum,
          replayed,
          identical: at.checksum === replayed,
        });
      }
    } finally {
      await dropShadows(pool, projections);
    }
    return { position: Math.max(0, ...readModels.map((model) => model.position)), readModels };
  } finally {
    await lock.query(`SELECT pg_advisory_unlock(hashtext('cls-replay-check'))`).catch(() => {});
    lock.release();
  }
}

/** Each live read model's position and checksum, read in one snapshot of the database. */
async function liveSnapshot(pool: Pool, projections: Projection[]) {
  return inTransaction(
    pool,
    async (client) => {
      const { rows } = await client.query<{ name: string; version: number; position: string }>(
        `SELECT name, version, position::text FROM projection_checkpoints WHERE status = 'live' AND name = ANY ($1)`,
        [projections.map((projection) => projection.name)],
      );
      const live = new Map<string, { position: number; checksum: string }>();
      for (const row of rows) {
        live.set(row.name, {
          position: Number(row.position),
          checksum: await schemaChecksum(client, schemaOf(row)),
        });
      }
      return live;
    },
    { readSnapshot: true },
  );
}

async function dropShadows(pool: Pool, projections: Projection[]): Promise<void> {
  for (const projection of projections) {
    const name = `${SHADOW_PREFIX}${projection.name}`;
    await pool.query(`DROP SCHEMA IF EXISTS ${schemaOf({ name, version: projection.version })} CASCADE`);
    await pool.query('DELETE FROM projection_checkpoints WHERE name = $1', [name]);
  }
}
