import type { ReactorCheckpoints } from '@cls/commands';
import { AdvisoryLease, migrateOnFirstUse, type Pool } from '@cls/postgres';

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

/**
 * The reactors' checkpoints in PostgreSQL, and their lease (AdvisoryLease): one
 * process runs the reactors among those sharing the database; when it or its
 * connection dies, another replica takes over.
 */
export class PostgresReactorCheckpoints implements ReactorCheckpoints {
  private readonly schema: () => Promise<void>;
  private readonly leaseLock: AdvisoryLease;

  constructor(private readonly pool: Pool) {
    this.leaseLock = new AdvisoryLease(pool, 'reactors-lease');
    this.schema = migrateOnFirstUse(pool, 'reactors', migrations);
  }

  async lease(): Promise<boolean> {
    await this.schema();
    return this.leaseLock.take();
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

  release(): Promise<void> {
    return this.leaseLock.release();
  }
}
