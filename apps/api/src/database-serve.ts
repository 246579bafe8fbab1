// `npm run db:serve`: the embedded PostgreSQL of `npm start` (under DATA_DIR, on
// EMBEDDED_PG_PORT, loopback only), in the foreground and on its own, with a `cls` database:
// what replicas of the platform's image running on this host share (infra/image/check.sh).
// Prints the connection string, then runs until Ctrl-C or SIGTERM. Exits 1 when it cannot start.
import { onStopSignals, runCommandLine } from './cli/command-line.js';
import { envOrExit } from './config/env.js';
import { openDatabase } from './database/local-database.js';

await runCommandLine(async () => {
  const env = envOrExit();
  if (env.DATABASE_URL) {
    console.error('DATABASE_URL est défini : il n’y a pas de PostgreSQL embarqué à démarrer.');
    return 1;
  }
  const database = await openDatabase(env);
  if (!database.embedded) {
    console.error(`Un PostgreSQL répond déjà sur le port ${env.EMBEDDED_PG_PORT} : ${database.url}`);
    return 1;
  }
  const { embedded } = database;
  onStopSignals(() => embedded.stop());
  console.log(`PostgreSQL prêt : ${database.url}`);
  // Until a stop signal: onStopSignals stops the server and exits.
  return new Promise<number>(() => {});
});
