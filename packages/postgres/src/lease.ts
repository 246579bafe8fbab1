import type pg from 'pg';

/**
 * A lease among the processes sharing a database: a session-level advisory lock held on a
 * connection of its own. When the process or its connection dies, the lock goes with it and
 * another process takes it at its next try.
 */
export class AdvisoryLease {
  #client: pg.PoolClient | undefined;

  constructor(
    private readonly pool: pg.Pool,
    /** Names the lock (hashed by PostgreSQL's `hashtext`). */
    private readonly name: string,
  ) {}

  /** Whether this process holds the lease, taking it when it is free. */
  async take(): Promise<boolean> {
    if (this.#client) return true;
    const client = await this.pool.connect();
    try {
      const { rows } = await client.query<{ held: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS held',
        [this.name],
      );
      if (rows[0]?.held !== true) {
        client.release();
        return false;
      }
    } catch (error) {
      client.release(true);
      throw error;
    }
    // A lost session loses its lock: taken again at the next try.
    client.on('error', () => void this.release());
    this.#client = client;
    return true;
  }

  /**
   * Gives the lease up: resolves once another process may take it. The lock is let go by name
   * first (a session told to end frees its locks a moment later, not at once), then its
   * connection is destroyed, not returned to the pool.
   */
  async release(): Promise<void> {
    const client = this.#client;
    if (!client) return;
    this.#client = undefined;
    try {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [this.name]);
    } catch {
      // A lost connection: its session, and the lock with it, is gone already.
    } finally {
      client.release(true);
    }
  }
}

/**
 * Runs `work` in a transaction on a connection of its own: committed when it resolves, rolled
 * back when it throws. `readSnapshot`: a read-only transaction whose reads all see one snapshot
 * of the database (REPEATABLE READ).
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  options: { readSnapshot?: boolean } = {},
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(options.readSnapshot ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
