// `pnpm offers:import [file] [--date=YYYY-MM-DD]`: imports a FINESS file (the
// extract of ../shared/data by default, or today's national file from
// data.gouv.fr) through the command side. Run it twice: the second run appends nothing.
import { resolve } from 'node:path';
import { createApp } from './app.js';
import { envOrExit, openDataDir } from './config/env.js';
import { openDatabase } from './database/local-database.js';
import { progressBar } from './demo/load-demo.js';
import {
  describeImport,
  importOffers,
  OFFICIAL_FINESS_HINT,
  sharedFinessFile,
} from './offers/import-offers.js';

const env = { ...envOrExit(), NODE_ENV: 'development' as const };
const args = process.argv.slice(2);
const date = args.find((arg) => arg.startsWith('--date='))?.slice('--date='.length);
// pnpm runs scripts from the repository root; a relative path is the caller's.
const given = args.find((arg) => !arg.startsWith('--'));
const file = given
  ? resolve(process.env.INIT_CWD ?? process.cwd(), given)
  : sharedFinessFile(openDataDir(env));
if (!file) {
  console.error(`Pas de fichier FINESS dans ${openDataDir(env)}. ${OFFICIAL_FINESS_HINT}`);
  process.exit(1);
}
if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
  console.error('--date attend une date AAAA-MM-JJ (celle de l’extraction)');
  process.exit(1);
}

const database = await openDatabase(env);
try {
  const { app } = await createApp({ env, databaseUrl: database.url, version: 'import', quiet: true });
  try {
    const report = await importOffers(app, file, {
      ...(date ? { verifiedOn: date } : {}),
      onProgress: progressBar('Import FINESS'),
    });
    console.log(describeImport(report));
  } finally {
    await app.close();
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.embedded?.stop();
}
