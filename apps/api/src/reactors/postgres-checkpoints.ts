import type { ReactorCheckpoints } from '@cls/commands';
import { migrate, type Pool, type PoolClient } from '@cls/postgres';

const migrations = [
  {
    version: 1,
    name: 'reactor checkpoints',
    sql: `
      -- Where each reactor stands in the log: the position of the last event it passed.
      CREATE TABLE reactor_checkpoints (
        name text PRIMARY KEY,
        position bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];

/** The lease's advisory lock: one process runs the reactors among those sharing the database. */
const LEASE = 'reactors-lease';

/**
 * The reactors' checkpoints in PostgreSQL, and their lease: a session-level
 * advisory lock held on a connection of its own. When the process or its
 * connection dies, the lock goes with it and another replica takes over.
 */
export class PostgresReactorCheckpoints implements ReactorCheckpoints {
  private ready: Promise<unknown> | undefined;
  private leaseClient: PoolClient | undefined;

  constructor(private readonly pool: Pool) {}

  private schema(): Promise<unknown> {
    this.ready ??= migrate(this.pool, 'reactors', migrations).catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  async lease(): Promise<boolean> {
    if (this.leaseClient) return true;
    await this.schema();
    const client = await this.pool.connect();
    try {
      const { rows } = await client.query<{ held: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS held',
        [LEASE],
      );
      if (rows[0]?.held !== true) {
        client.release();
        return false;
      }
    } catch (error) {
      client.release(true);
      throw error;
    }
    // A lost session loses its lock: asked for again at the next round.
    client.on('error', () => this.drop());
    this.leaseClient = client;
    return true;
  }

  async read(): Promise<ReadonlyMap<string, number>> {
    await this.schema();
    const { rows } = await this.pool.query<{ name: string; position: string }>(
      'SELECT name, position::text FROM reactor_checkpoints',
    );
    return new Map(rows.map((row) => [row.name, Number(row.position)]));
  }

  async write(positions: ReadonlyMap<string, number>): Promise<void> {
    await this.pool.query(
      `INSERT INTO reactor_checkpoints (name, position)
       SELECT * FROM unnest($1::text[], $2::bigint[])
       ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
      [[...positions.keys()], [...positions.values()]],
    );
  }

  async release(): Promise<void> {
    this.drop();
  }

  private drop(): void {
    // Destroyed, not returned to the pool: its session's lock ends with it.
    this.leaseClient?.release(true);
    this.leaseClient = undefined;
  }
}
