import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createPool, type RunningPostgres, startEmbeddedPostgres, withDatabase } from '@cls/postgres';
import { createApp } from './app.js';
import { parseEnv } from './config/env.js';

const parsed = parseEnv(process.env);
if (!parsed.ok) {
  console.error(parsed.message);
  process.exit(1);
}
const env = parsed.env;
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

let embedded: RunningPostgres | undefined;
let stopping = false;

try {
  const databaseUrl = env.DATABASE_URL ?? (await startLocalDatabase());
  const { app, webApps } = await createApp({ env, databaseUrl, version });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, async () => {
      stopping = true;
      console.log('\nArrêt de la plateforme…');
      await app.close();
      await embedded?.stop();
      process.exit(0);
    });
  }
  await app.listen(env.PORT, env.HOST).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'EADDRINUSE'
      ? new Error(`Le port ${env.PORT} est déjà utilisé : arrêtez l'autre programme ou choisissez PORT=…`)
      : error;
  });

  const base = `http://${env.HOST === '127.0.0.1' || env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}`;
  const served = new Set(webApps.map((webApp) => webApp.mount));
  console.log(
    [
      '',
      `Plateforme CLS ${version} démarrée`,
      served.has('/') ? `  Portail public    ${base}/` : '  Portail public    non construit (pnpm build)',
      served.has('/admin')
        ? `  Administration    ${base}/admin`
        : '  Administration    non construite (pnpm build)',
      `  API tRPC          ${base}/trpc`,
      `  État de santé     ${base}/healthz`,
      `  Base de données   ${embedded ? `PostgreSQL embarqué, données dans ${relative(process.cwd(), join(env.DATA_DIR, 'postgres')) || '.'} (port ${embedded.port})` : 'DATABASE_URL'}`,
      '',
      'Ctrl-C pour arrêter.',
    ].join('\n'),
  );
} catch (error) {
  if (!stopping) {
    console.error(error instanceof Error ? error.message : error);
    await embedded?.stop();
    process.exit(1);
  }
}

/** Starts (initialising on first run) the PostgreSQL kept under DATA_DIR, with a `cls` database. */
async function startLocalDatabase(): Promise<string> {
  const dataDir = join(env.DATA_DIR, 'postgres');
  embedded = await startEmbeddedPostgres({ dataDir, port: env.EMBEDDED_PG_PORT, persistent: true });
  const admin = createPool(embedded.url, { max: 1 });
  try {
    const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'cls'`);
    if (!rowCount) await admin.query('CREATE DATABASE cls');
  } finally {
    await admin.end();
  }
  return withDatabase(embedded.url, 'cls');
}
