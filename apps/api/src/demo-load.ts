// `pnpm demo:load`: replays ../shared/seeds into the configured database (the
// embedded one by default, started if `npm start` is not running). Run it twice:
// the second run appends nothing.
import { createApp } from './app.js';
import { envOrExit } from './config/env.js';
import { openDatabase } from './database/local-database.js';
import { loadDemo, progressBar } from './demo/load-demo.js';

const env = { ...envOrExit(), NODE_ENV: 'development' as const };
const database = await openDatabase(env);
try {
  const { app } = await createApp({ env, databaseUrl: database.url, version: 'demo', quiet: true });
  const result = await loadDemo(app, env.SHARED_DIR, progressBar('Démo'));
  await app.close();
  if (!result) {
    console.error(
      `Graines introuvables dans ${env.SHARED_DIR}/seeds : indiquez le dossier avec SHARED_DIR=…`,
    );
    process.exitCode = 1;
  } else {
    console.log(
      `Démo : ${result.commands} commandes rejouées, ${result.appended} événements ajoutés (${database.description}).`,
    );
    // The seeds' named places: which became offers, and why the others did not.
    console.log(
      `Lieux des graines enregistrés comme offres : ${result.places.registered.join(', ') || 'aucun'}`,
    );
    for (const { id, reason } of result.places.skipped) console.log(`  ${id} : ${reason}`);
  }
} finally {
  await database.embedded?.stop();
}
