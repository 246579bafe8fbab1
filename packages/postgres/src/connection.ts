import pg from 'pg';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

/** A pool that reports idle-client errors instead of crashing the process. */
export function createPool(
  connectionString: string,
  options: {
    max?: number;
    applicationName?: string;
    /** Send a client's queries without waiting for the answer to the one before (pg's pipeline mode). */
    pipeline?: boolean;
  } = {},
): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'cls-platform',
    pipeline: options.pipeline ?? false,
  });
  // A server restart kills idle connections; the pool replaces them on next use.
  pool.on('error', () => {});
  // It also kills the connections checked out at that moment: their queries fail (the caller
  // sees it), and the 'error' event they emit besides must not end the process.
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

/** Same server, another database: used to create and drop databases. */
export function withDatabase(connectionString: string, database: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

export interface DatabaseProbe {
  up: boolean;
  latencyMs: number;
  serverVersion?: string;
  error?: string;
}

/** Round-trips one query, bounded in time, for health checks. */
export async function probeDatabase(pool: pg.Pool, timeoutMs = 2000): Promise<DatabaseProbe> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = await Promise.race([
      pool.query<{ server_version: string }>('SHOW server_version'),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`pas de réponse en ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return {
      up: true,
      latencyMs: Math.round(performance.now() - started),
      serverVersion: result.rows[0]?.server_version,
    };
  } catch (error) {
    return {
      up: false,
      latencyMs: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}
