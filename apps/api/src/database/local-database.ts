import { join } from 'node:path';
import { createPool, probeDatabase, withDatabase } from '@cls/postgres';
import { type RunningPostgres, startEmbeddedPostgres } from '@cls/postgres/embedded';
import type { Env } from '../config/env.js';

export interface OpenedDatabase {
  url: string;
  /** Set when this process started the embedded server (and must stop it). */
  embedded?: RunningPostgres;
  /** For the start-up banner. */
  description: string;
}

/**
 * DATABASE_URL when set, once it answers (an error saying it does not, otherwise). Otherwise the embedded PostgreSQL kept under DATA_DIR:
 * reused when it already answers on EMBEDDED_PG_PORT (`pnpm demo:load` while
 * `npm start` runs), started (and initialised on first run) when not; with a
 * `cls` database created if missing.
 */
export async function openDatabase(env: Env): Promise<OpenedDatabase> {
  if (env.DATABASE_URL) {
    // Said at once: the application would otherwise start and wait on a pool that never connects.
    const pool = createPool(env.DATABASE_URL, { max: 1 });
    const probe = await probeDatabase(pool, 10_000);
    await pool.end().catch(() => {});
    if (!probe.up)
      throw new Error(`Base de données injoignable (DATABASE_URL) : ${probe.error ?? 'pas de réponse'}`);
    return { url: env.DATABASE_URL, description: 'DATABASE_URL' };
  }

  const dataDir = join(env.DATA_DIR, 'postgres');
  const serverUrl = `postgres://postgres:postgres@127.0.0.1:${env.EMBEDDED_PG_PORT}/postgres`;
  const probe = createPool(serverUrl, { max: 1 });
  const running = (await probeDatabase(probe, 1000)).up;
  await probe.end();

  const embedded = running
    ? undefined
    : await startEmbeddedPostgres({ dataDir, port: env.EMBEDDED_PG_PORT, persistent: true });
  const admin = createPool(serverUrl, { max: 1 });
  try {
    const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'cls'`);
    if (!rowCount) await admin.query('CREATE DATABASE cls');
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(serverUrl, 'cls'),
    ...(embedded ? { embedded } : {}),
    description: `PostgreSQL embarqué, données dans ${dataDir} (port ${env.EMBEDDED_PG_PORT})`,
  };
}
