import { readFileSync } from 'node:fs';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@cls/demo';
import { ensureFirstAdministrator } from './accounts/first-administrator.js';
import { createApp } from './app.js';
import { AuditService } from './audit/audit.service.js';
import { describeFailure, onStopSignals } from './cli/command-line.js';
import { envOrExit, openDataDir } from './config/env.js';
import { type OpenedDatabase, openDatabase } from './database/local-database.js';
import { isDemoLoaded, loadDemo, progressBar } from './demo/load-demo.js';
import {
  describeImport,
  hasFinessOffers,
  importOffers,
  OFFICIAL_FINESS_HINT,
  sharedFinessFile,
} from './offers/import-offers.js';

const env = envOrExit();
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

let database: OpenedDatabase | undefined;
let stopping = false;

try {
  database = await openDatabase(env);
  const { app, webApps, personalDataKey, logSigning } = await createApp({
    env,
    databaseUrl: database.url,
    version,
  });
  onStopSignals(async () => {
    stopping = true;
    console.log('\nArrêt de la plateforme…');
    await app.close();
    await database?.embedded?.stop();
  });

  // An empty log gets the demo: the seeds replayed as commands, one account per role.
  let demo = 'déjà chargée';
  if (env.DEMO && !(await isDemoLoaded(app))) {
    const loaded = await loadDemo(app, env.SHARED_DIR, progressBar('Chargement de la démo'));
    demo = loaded
      ? `chargée (${loaded.commands} commandes, ${loaded.appended} événements)`
      : `graines introuvables dans ${env.SHARED_DIR}/seeds (SHARED_DIR=…) : plateforme vide`;
  }

  const firstAdministrator = await ensureFirstAdministrator(app, env);

  // An empty directory gets the FINESS extract of the open data, when it is there.
  let offers = 'déjà importées';
  if (!(await hasFinessOffers(app))) {
    const file = sharedFinessFile(openDataDir(env));
    offers = file
      ? (describeImport(await importOffers(app, file, { onProgress: progressBar('Import FINESS') }))
          .split('\n')[2]
          ?.trim() ?? '')
      : `aucune. ${OFFICIAL_FINESS_HINT}`;
  }

  // The check run at start-up saw the log before the demo and the import: check again, in the background.
  void app
    .get(AuditService)
    .verify()
    .catch(() => {});

  await app.listen(env.PORT, env.HOST).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'EADDRINUSE'
      ? new Error(`Le port ${env.PORT} est déjà utilisé : arrêtez l'autre programme ou choisissez PORT=…`)
      : error;
  });

  const base = `http://${env.HOST === '127.0.0.1' || env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}`;
  const served = new Set(webApps.map((webApp) => webApp.mount));
  const width = Math.max(...DEMO_ACCOUNTS.map((account) => account.email.length));
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
      `  Base de données   ${database.description}`,
      `  Données perso.    clé ${personalDataKey}`,
      `  Journal signé     clé ${logSigning.origin}`,
      `  Offres de santé   ${offers}`,
      ...(firstAdministrator
        ? [`  Administrateur    ${firstAdministrator}`]
        : env.DEMO
          ? []
          : ['  Administrateur    ADMIN_EMAIL=… ADMIN_PASSWORD=… au démarrage crée le premier compte']),
      '',
      `Clé publique des têtes signées du journal (servie aussi par ${base}/api/audit/public-key) :`,
      ...logSigning.publicKey
        .trimEnd()
        .split('\n')
        .map((line) => `  ${line}`),
      ...(env.DEMO
        ? [
            `  Démo              ${demo}`,
            '',
            `Comptes de démonstration (mot de passe : ${DEMO_PASSWORD})`,
            ...DEMO_ACCOUNTS.map((account) => `  ${account.email.padEnd(width)}  ${account.label}`),
          ]
        : []),
      '',
      'Ctrl-C pour arrêter.',
    ].join('\n'),
  );
} catch (error) {
  if (!stopping) {
    console.error(describeFailure(error));
    await database?.embedded?.stop();
    process.exit(1);
  }
}
