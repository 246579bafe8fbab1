// `pnpm demo:load`: replays ../shared/seeds into the configured database (the
// embedded one by default, started if `npm start` is not running). Run it twice:
// the second run appends nothing. Exits 1 when it fails.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from './app.js';
import { runCommandLine } from './cli/command-line.js';
import { envOrExit } from './config/env.js';
import { openDatabase } from './database/local-database.js';
import { loadDemo, progressBar } from './demo/load-demo.js';

const seedsMissing = (sharedDir: string) =>
  `Graines introuvables dans ${join(sharedDir, 'seeds')} : indiquez le dossier avec SHARED_DIR=…`;

await runCommandLine(async () => {
  const env = { ...envOrExit(), NODE_ENV: 'development' as const };
  // Said before the database is opened (or the embedded one started) for nothing.
  if (!existsSync(join(env.SHARED_DIR, 'seeds'))) {
    console.error(seedsMissing(env.SHARED_DIR));
    return 1;
  }
  const database = await openDatabase(env);
  try {
    const { app } = await createApp({ env, databaseUrl: database.url, version: 'demo', quiet: true });
    try {
      const result = await loadDemo(app, env.SHARED_DIR, progressBar('Démo'));
      if (!result) {
        console.error(seedsMissing(env.SHARED_DIR));
        return 1;
      }
      console.log(
        `Démo : ${result.commands} commandes rejouées, ${result.appended} événements ajoutés (${database.description}).`,
      );
      // The seeds' named places: which became offers, and why the others did not.
      console.log(
        `Lieux des graines enregistrés comme offres : ${result.places.registered.join(', ') || 'aucun'}`,
      );
      for (const { id, reason } of result.places.skipped) console.log(`  ${id} : ${reason}`);
      return 0;
    } finally {
      await app.close();
    }
  } finally {
    await database.embedded?.stop();
  }
});
