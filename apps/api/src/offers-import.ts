// `pnpm offers:import [file] [--date=YYYY-MM-DD] [--addresses=adresses-34.csv.gz] [--communes=communes.json]`: imports an
// offers file through the command side, whatever it is — the FINESS extract of ../shared/data
// (the default), the national FINESS file of data.gouv.fr, or the Annuaire Santé extraction
// (RPPS), its liberal sites placed at their address when BAN files are given (--addresses, once
// per department). The file is recognised before the database is opened. Run it twice: the
// second run appends nothing. Exits 1 when it fails (unrecognised or unreadable file, bad option, database).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { detectOfferFile } from '@cls/offers';
import { createApp } from './app.js';
import { runCommandLine } from './cli/command-line.js';
import { envOrExit, openDataDir } from './config/env.js';
import { openDatabase } from './database/local-database.js';
import { progressBar } from './demo/load-demo.js';
import {
  describeImport,
  importOffers,
  OFFICIAL_FINESS_HINT,
  sharedFinessFile,
} from './offers/import-offers.js';
import { importPractitioners } from './offers/import-practitioners.js';
import { describeImportReport, inMegabytes } from './offers/import-report.js';
import { placeAtAddresses } from './offers/practitioner-addresses.js';

/** The options, or why they are refused. */
function parseArguments(args: readonly string[]): {
  given?: string;
  date?: string;
  addresses: string[];
  communes?: string;
} {
  const files: string[] = [];
  const addresses: string[] = [];
  let date: string | undefined;
  let communes: string | undefined;
  for (const arg of args) {
    if (arg.startsWith('--date=')) date = arg.slice('--date='.length);
    else if (arg.startsWith('--communes=')) communes = arg.slice('--communes='.length);
    else if (arg.startsWith('--addresses=')) addresses.push(arg.slice('--addresses='.length));
    else if (arg.startsWith('--')) {
      throw new Error(
        `Option inconnue : ${arg}. Usage : pnpm offers:import [fichier] [--date=AAAA-MM-JJ] [--addresses=adresses-<département>.csv.gz] [--communes=communes.json]`,
      );
    } else files.push(arg);
  }
  if (files.length > 1) throw new Error(`Un seul fichier à la fois : ${files.join(', ')}`);
  if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new Error('--date attend une date AAAA-MM-JJ (celle de l’extraction)');
  }
  return {
    ...(files[0] ? { given: files[0] } : {}),
    ...(date ? { date } : {}),
    addresses,
    ...(communes ? { communes } : {}),
  };
}

await runCommandLine(async () => {
  const env = { ...envOrExit(), NODE_ENV: 'development' as const };
  const { given, date, addresses, communes } = parseArguments(process.argv.slice(2));
  // pnpm runs scripts from the repository root; a relative path is the caller's.
  const base = process.env.INIT_CWD ?? process.cwd();
  const file = given ? resolve(base, given) : sharedFinessFile(openDataDir(env));
  if (!file) throw new Error(`Pas de fichier FINESS dans ${openDataDir(env)}. ${OFFICIAL_FINESS_HINT}`);

  const detected = await detectOfferFile(file);
  // Said before the database is opened: a missing file is no reason to start PostgreSQL.
  const communesFile = communes ? resolve(base, communes) : undefined;
  if (communesFile && !existsSync(communesFile)) throw new Error(`Fichier introuvable : ${communesFile}`);
  if (detected.format === 'rpps') {
    // The BAN files are read before the database is opened: a wrong file fails first, and fast.
    const placement =
      addresses.length > 0
        ? await placeAtAddresses(
            file,
            detected.encoding,
            addresses.map((path) => resolve(base, path)),
          )
        : undefined;
    const database = await openDatabase(env);
    try {
      const { app } = await createApp({ env, databaseUrl: database.url, version: 'import', quiet: true });
      try {
        const report = await importPractitioners(app, file, {
          encoding: detected.encoding,
          ...(date ? { verifiedOn: date } : {}),
          ...(communesFile ? { communesFile } : {}),
          ...(placement ? { addressPosition: placement.addressPosition } : {}),
          onReadProgress: progressBar('Lecture de l’extraction', process.stderr, inMegabytes),
        });
        if (placement) report.notes.push(...placement.notes());
        console.log(describeImportReport(report));
        return 0;
      } finally {
        await app.close();
      }
    } finally {
      await database.embedded?.stop();
    }
  }
  if (communes) throw new Error('--communes ne sert qu’à l’extraction Annuaire Santé (RPPS)');
  if (addresses.length > 0) {
    throw new Error(
      '--addresses ne sert qu’à l’extraction Annuaire Santé (RPPS) : un fichier FINESS est déjà géolocalisé',
    );
  }

  const database = await openDatabase(env);
  try {
    const { app } = await createApp({ env, databaseUrl: database.url, version: 'import', quiet: true });
    try {
      const report = await importOffers(app, file, {
        detected,
        ...(date ? { verifiedOn: date } : {}),
        onReadProgress: progressBar('Lecture du fichier', process.stderr, inMegabytes),
        onProgress: progressBar('Enregistrement des offres'),
      });
      console.log(describeImport(report));
      return 0;
    } finally {
      await app.close();
    }
  } finally {
    await database.embedded?.stop();
  }
});
