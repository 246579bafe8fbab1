import type pg from 'pg';

export interface Migration {
  /** 1, 2, 3…: applied in order, each once. */
  version: number;
  name: string;
  sql: string;
}

// Every process that migrates takes this lock first, so two starting replicas
// cannot apply the same migration twice.
const MIGRATION_LOCK = 7_342_001;

/**
 * `migrate` on first use, shared by whoever asks meanwhile, and tried again on the next use when
 * it failed (the database was not reachable yet): a host starts without waiting for its database.
 */
export function migrateOnFirstUse(
  pool: pg.Pool,
  component: string,
  migrations: Migration[],
): () => Promise<void> {
  let ready: Promise<void> | undefined;
  return () => {
    ready ??= migrate(pool, component, migrations).then(
      () => {},
      (error: unknown) => {
        ready = undefined;
        throw error;
      },
    );
    return ready;
  };
}

/**
 * Applies the migrations of one component (`event-store`, `projections`…) that the
 * database has not seen yet, each in its own transaction, recorded in
 * `schema_migrations`. Already-applied versions are skipped.
 */
export async function migrate(pool: pg.Pool, component: string, migrations: Migration[]): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      component text NOT NULL,
      version integer NOT NULL,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (component, version)
    )`);
    const { rows } = await client.query<{ version: number }>(
      'SELECT version FROM schema_migrations WHERE component = $1',
      [component],
    );
    const applied = new Set(rows.map((row) => row.version));
    const newlyApplied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (component, version, name) VALUES ($1, $2, $3)', [
          component,
          migration.version,
          migration.name,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(
          `migration ${component} v${migration.version} (${migration.name}) : ${String(error)}`,
          {
            cause: error,
          },
        );
      }
      newlyApplied.push(migration.version);
    }
    return newlyApplied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}
