/**
 * Issue 19, target 4: the national files through the command side, on an embedded PostgreSQL.
 *
 *   1. FINESS (`BENCH_FINESS_ESTABLISHMENTS`, 100,000 by default): a sample of the file
 *      (`BENCH_IMPORT_SAMPLE` establishments) imported into fresh databases one command at a
 *      time (the baseline: the import before issue 19) and 8, 32, 64 commands in flight; then
 *      the whole file, a re-import with 1 % changed, and the same file again (nothing appended).
 *   2. The Annuaire Santé (`BENCH_RPPS_NATIONAL_LINES`, 1,170,000 lines ≈ 600,000 practice
 *      sites), imported into the same log, the process's RSS sampled every 100 ms.
 *   3. On that national log: the 10 nearest offers among all of them (OfferIndexCache, as the
 *      portal asks) beside a linear scan, and the map as of a past day (PastDayOffers).
 *
 * 0 skips a stage. Each figure is printed beside its baseline of the same run.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '@cls/api-host/app';
import { AuditService } from '@cls/api-host/audit';
import { DomainCommand } from '@cls/api-host/commands';
import { parseEnv } from '@cls/api-host/config';
import { importOffers } from '@cls/api-host/import-offers';
import { OfferFoldsKeeper, OfferIndexCache, PastDayOffers } from '@cls/api-host/offer-indexes';
import { benchSetting, percentile, printTable } from '@cls/bench-event-store/measure';
import { businessDay } from '@cls/domain';
import { haversineKm } from '@cls/offers';
import { createPool, withDatabase } from '@cls/postgres';
import { startEmbeddedPostgres } from '@cls/postgres/embedded';
import { CommandBus } from '@nestjs/cqrs';
import {
  metropolitanCommunes,
  writeCommuneCentres,
  writeNationalFinessFile,
  writeNationalRppsFile,
} from './national-files.js';
import { random } from './rpps-file.js';

const ESTABLISHMENTS = benchSetting('BENCH_FINESS_ESTABLISHMENTS', 100_000, { min: 0 });
const SAMPLE = benchSetting('BENCH_IMPORT_SAMPLE', 3_000, { min: 0 });
const RPPS_LINES = benchSetting('BENCH_RPPS_NATIONAL_LINES', 1_170_000, { min: 0 });
const WINDOWS = [1, 8, 32, 64];
const DEFAULT_WINDOW = 32;
/**
 * A directory to keep the national log in (`BENCH_NATIONAL_KEEP`): the first run imports into
 * it, the next ones on the same directory only ask their questions again (minutes, not a quarter
 * of an hour), e.g. to measure a change to the map of a past day.
 */
const KEEP = process.env.BENCH_NATIONAL_KEEP;
/** The master key of personal data, the same for the bench's app and the import's process (and kept with a kept log). */
const MASTER_KEY = masterKey();

function masterKey(): string {
  const file = KEEP && join(KEEP, 'master-key');
  if (file && existsSync(file)) return readFileSync(file, 'utf8');
  const key = randomBytes(32).toString('base64');
  if (KEEP && file) {
    mkdirSync(KEEP, { recursive: true });
    writeFileSync(file, key);
  }
  return key;
}
const IMPORT_CLI = fileURLToPath(new URL('../../../apps/api/dist/offers-import.js', import.meta.url));
/**
 * The import's V8 heap limit in MB (`node --max-old-space-size`, as the README advises on a host
 * short of memory); 0: V8's own, which grows the heap lazily far beyond what the import keeps.
 */
const IMPORT_HEAP_MB = benchSetting('BENCH_IMPORT_HEAP_MB', 384, { min: 0 });

type INestApplication = Awaited<ReturnType<typeof createApp>>['app'];

/** Runs `work`, sampling this process's memory every 100 ms. */
async function measured<T>(work: () => Promise<T>) {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  const started = performance.now();
  try {
    const result = await work();
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return { result, seconds: (performance.now() - started) / 1000, peakRssMb: peakRss / 1024 / 1024 };
  } finally {
    clearInterval(sampler);
  }
}

const fr = (value: number) => Math.round(value).toLocaleString('fr-FR');
const seconds = (value: number) => `${value.toFixed(1)} s`;

async function startApp(databaseUrl: string): Promise<INestApplication> {
  const parsed = parseEnv({ NODE_ENV: 'test', DEMO: 'false', PERSONAL_DATA_KEY: MASTER_KEY });
  if (!parsed.ok) throw new Error(parsed.message);
  const { app } = await createApp({ env: parsed.env, databaseUrl, version: 'bench', quiet: true });
  return app;
}

/** A fresh database on the server, its URL. */
async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  const pool = createPool(serverUrl, { max: 1 });
  try {
    await pool.query(`CREATE DATABASE ${name}`);
  } finally {
    await pool.end();
  }
  return withDatabase(serverUrl, name);
}

export async function nationalImportBench(): Promise<void> {
  if (ESTABLISHMENTS <= 0 && RPPS_LINES <= 0) return;
  const dir = mkdtempSync(join(tmpdir(), 'cls-bench-national-'));
  const imported = KEEP && join(KEEP, 'imported');
  const reused = imported !== undefined && existsSync(imported);
  const server = await startEmbeddedPostgres({
    dataDir: KEEP
      ? join(KEEP, 'postgres')
      : join(tmpdir(), `cls-bench-national-${randomBytes(6).toString('hex')}`),
    port: 55000 + Math.floor(Math.random() * 900),
    persistent: KEEP !== undefined,
  });
  try {
    const nationalUrl = reused
      ? withDatabase(server.url, 'national')
      : await freshDatabase(server.url, 'national');
    const national = await startApp(nationalUrl);
    try {
      if (reused) {
        // The log is checked at start-up in the background (AuditService): on a national log, tens
        // of seconds of hashing on the event loop that the questions would share.
        const checked = await measured(async () => {
          while ((await national.get(AuditService).integrity()).running)
            await new Promise((resolve) => setTimeout(resolve, 200));
        });
        console.log(
          `\nJournal national repris de ${KEEP} (BENCH_NATIONAL_KEEP) : imports non refaits ; vérification d'intégrité du démarrage attendue ${seconds(checked.seconds)}`,
        );
      } else {
        if (ESTABLISHMENTS > 0) await finessStage(server.url, national, dir);
        if (RPPS_LINES > 0) await rppsStage(nationalUrl, dir);
        if (imported) writeFileSync(imported, new Date().toISOString());
      }
      await queriesStage(national);
    } finally {
      await national.close();
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function finessStage(serverUrl: string, national: INestApplication, dir: string): Promise<void> {
  const file = join(dir, 'etalab-cs1100507-stock-20261102-0336.csv');
  const changed = join(dir, 'etalab-cs1100507-stock-20261109-0336.csv');
  const generated = await measured(async () => {
    const bytes = await writeNationalFinessFile(file, ESTABLISHMENTS);
    await writeNationalFinessFile(changed, ESTABLISHMENTS, { changedEvery: 100 });
    return bytes;
  });
  console.log(
    `\nFichier FINESS national généré (etalab-cs1100507, Latin-1) : ${fr(ESTABLISHMENTS)} établissements, ${(generated.result / 1e6).toFixed(1)} Mo, en ${seconds(generated.seconds)}`,
  );

  const rows: string[][] = [];
  if (SAMPLE > 0) {
    const sample = join(dir, 'etalab-cs1100507-stock-20261102-0337.csv');
    await writeNationalFinessFile(sample, SAMPLE);
    let sequential = 0;
    for (const window of WINDOWS) {
      const app = await startApp(await freshDatabase(serverUrl, `sample_${window}`));
      try {
        const run = await measured(() => importOffers(app, sample, { window }));
        const rate = run.result.added / run.seconds;
        if (window === 1) sequential = rate;
        rows.push([
          `échantillon, ${window} ${window > 1 ? 'commandes en vol' : 'commande à la fois (avant)'}`,
          fr(run.result.added),
          seconds(run.seconds),
          fr(rate),
          `${(rate / sequential).toFixed(1)}×`,
          '',
        ]);
      } finally {
        await app.close();
      }
    }
  }
  const first = await measured(() => importOffers(national, file, { window: DEFAULT_WINDOW }));
  const again = await measured(() => importOffers(national, changed, { window: DEFAULT_WINDOW }));
  const same = await measured(() => importOffers(national, changed, { window: DEFAULT_WINDOW }));
  const sequentialRate = Number((rows[0]?.[3] ?? '0').replace(/\s/g, '')) || undefined;
  const ratio = (count: number, s: number) =>
    sequentialRate ? `${(count / s / sequentialRate).toFixed(1)}×` : '';
  rows.push(
    [
      `national, premier import : ${fr(first.result.added)} ajoutées, ${first.result.rejected.length} rejetées`,
      fr(first.result.added),
      seconds(first.seconds),
      fr(first.result.added / first.seconds),
      ratio(first.result.added, first.seconds),
      '≤ 120 s',
    ],
    [
      `ré-import, 1 % changé : ${fr(again.result.changed)} modifiées, ${fr(again.result.unchanged)} inchangées`,
      fr(again.result.read.count),
      seconds(again.seconds),
      fr(again.result.read.count / again.seconds),
      '',
      '≤ 20 s',
    ],
    [
      `même fichier encore : ${same.result.added + same.result.changed + same.result.closed} commandes`,
      fr(same.result.read.count),
      seconds(same.seconds),
      fr(same.result.read.count / same.seconds),
      '',
      'rien d’ajouté',
    ],
  );
  printTable(
    'Import FINESS national par le côté commande (PostgreSQL embarqué)',
    ['étape', 'offres', 'durée', 'offres/s', 'rapport / une à la fois', 'objectif'],
    rows,
  );
  console.log(`RSS max pendant le premier import : ${first.peakRssMb.toFixed(0)} Mo`);
}

/**
 * The import as `pnpm offers:import` runs it: a process of its own (apps/api/dist/offers-import.js)
 * on the same database, with the heap limit the README advises (BENCH_IMPORT_HEAP_MB), its peak
 * RSS read from the kernel (VmHWM) while it runs.
 */
async function rppsStage(databaseUrl: string, dir: string): Promise<void> {
  const file = join(dir, 'PS_LibreAcces_Personne_activite_202611300908.txt');
  const centres = join(dir, 'communes.json');
  writeCommuneCentres(centres);
  const bytes = await writeNationalRppsFile(file, RPPS_LINES);
  console.log(
    `\nExtraction Annuaire Santé nationale générée : ${fr(RPPS_LINES)} lignes, ${(bytes / 1e6).toFixed(0)} Mo, sur ${fr(metropolitanCommunes().length)} communes`,
  );
  const started = performance.now();
  const heap = IMPORT_HEAP_MB > 0 ? [`--max-old-space-size=${IMPORT_HEAP_MB}`] : [];
  const child = spawn(process.execPath, [...heap, IMPORT_CLI, file, `--communes=${centres}`], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      PERSONAL_DATA_KEY: MASTER_KEY,
      DEMO: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  let peakKb = 0;
  const sampler = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // Exited between two samples.
    }
  }, 200);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearInterval(sampler);
  const secondsTaken = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`offers:import a échoué (code ${code}) :\n${output.slice(-2000)}`);
  // « N offres ajoutées, N modifiées… » (describeImportReport).
  const counts =
    output
      .split('\n')
      .find((line) => /offres? ajoutées?/.test(line))
      ?.trim() ?? '';
  const added = Number(/(\d[\d\s\u202f]*) offres? ajoutées?/.exec(counts)?.[1]?.replace(/\D/g, '') ?? 0);
  printTable(
    `Import Annuaire Santé national : offers-import.js, processus à part, même base, ${IMPORT_HEAP_MB > 0 ? `tas V8 limité à ${IMPORT_HEAP_MB} Mo` : 'tas V8 par défaut'}`,
    ['étape', 'offres', 'durée', 'offres/s', 'RSS max (VmHWM)', 'objectif'],
    [
      [
        `premier import : ${counts}`,
        fr(added),
        seconds(secondsTaken),
        fr(added / secondsTaken),
        `${(peakKb / 1024).toFixed(0)} Mo`,
        '≤ 600 s, RSS ≤ 500 Mo',
      ],
    ],
  );
}

async function queriesStage(national: INestApplication): Promise<void> {
  const built = await measured(() => national.get(OfferIndexCache).current());
  const { index } = built.result;
  const offers = index.all();
  if (offers.length === 0) return;
  const next = random(19);
  const pick = () => offers[Math.floor(next() * offers.length)] as (typeof offers)[number];
  const queries = Array.from({ length: 1000 }, () => {
    const near = pick();
    return { lon: near.lon + (next() - 0.5) * 0.2, lat: near.lat + (next() - 0.5) * 0.2 };
  });
  const scan: number[] = [];
  const indexed: number[] = [];
  let mismatches = 0;
  for (const [at, query] of queries.entries()) {
    const t0 = performance.now();
    const found = index.nearest({ ...query, limit: 10 });
    const t1 = performance.now();
    indexed.push(t1 - t0);
    if (at < 100) {
      // The linear scan, on the first 100 queries (it takes tens of milliseconds each).
      const distances = offers.map((offer) => haversineKm(query, offer)).sort((a, b) => a - b);
      scan.push(performance.now() - t1);
      const expected = distances.slice(0, 10).map((d) => d.toFixed(9));
      if (expected.join() !== found.map((n) => n.distanceKm.toFixed(9)).join()) mismatches += 1;
    }
  }
  const ms = (value: number) => `${value < 0.1 ? value.toFixed(3) : value.toFixed(2)} ms`;
  console.log(
    `\nJournal national : ${fr(offers.length)} offres ouvertes ; index du portail construit en ${seconds(built.seconds)} (RSS ${built.peakRssMb.toFixed(0)} Mo)`,
  );
  // The offers' folds kept ready by the keeper, which has followed the imports: waited for
  // here (the time it still needed once the index was built is printed), so that the first
  // question of a view is measured as a running platform answers it.
  const foldsReady = await measured(() => national.get(OfferFoldsKeeper).waitFor(built.result.revision));
  console.log(
    `Versions des offres tenues prêtes (OfferFoldsKeeper) : ${seconds(foldsReady.seconds)} d'attente encore après la construction de l'index`,
  );
  const pastDays = national.get(PastDayOffers);
  // The map of a day as the portal asks it: a view of about a department around an offer (the
  // offers in it) and the 10 nearest to its centre, from the folds kept ready.
  const centre = offers[0] as (typeof offers)[number];
  const viewAround = (point: { lon: number; lat: number }) =>
    [point.lon - 0.5, point.lat - 0.35, point.lon + 0.5, point.lat + 0.35] as const;
  const mapOf = async (date: string, around = centre) => {
    const day = pastDays.at(date);
    const [shown, nearest] = await Promise.all([
      day.inBounds(viewAround(around)),
      day.nearest({ ...around, limit: 10 }),
    ]);
    return { shown, nearest };
  };
  // Another view, never asked, apart from the first and holding about as many offers: its first
  // question costs what a view's first question costs once the process has answered one.
  const first = index.inBounds(viewAround(centre)).length;
  let elsewhere = centre;
  let closest = Number.POSITIVE_INFINITY;
  for (let at = 0; at < offers.length; at += 1000) {
    const offer = offers[at] as (typeof offers)[number];
    if (Math.abs(offer.lon - centre.lon) < 1 && Math.abs(offer.lat - centre.lat) < 0.7) continue;
    const apart = Math.abs(index.inBounds(viewAround(offer)).length - first);
    if (apart < closest) [elsewhere, closest] = [offer, apart];
  }
  // The offers were all imported today: the map « as of » today is the whole directory, folded
  // from the log (the same work as for a past day); on the days before, what the files' dates say.
  const today = businessDay();
  const yesterday = businessDay(new Date(Date.now() - 86_400_000));
  const cold = await measured(() => mapOf(today));
  const otherView = await measured(() => mapOf(today, elsewhere));
  // Today's map read from the log is today's directory: the same offers in the view, the same nearest.
  const ids = (items: Array<{ id: string }>) =>
    items
      .map((item) => item.id)
      .sort()
      .join();
  const sameAsIndex =
    ids(cold.result.shown) === ids(index.inBounds(viewAround(centre))) &&
    cold.result.nearest.map((n) => n.item.id).join() ===
      index
        .nearest({ ...centre, limit: 10 })
        .map((n) => n.item.id)
        .join();
  const otherDay = await measured(() => mapOf(yesterday));
  const again = await measured(() => mapOf(today));
  // One offer verified through the command side; once the read models have it, the next map
  // of a day reads it as any other. One of the view, not verified today already (a kept log asked again).
  const changed = index.inBounds(viewAround(centre)).find((offer) => offer.verifiedOn !== today);
  if (!changed) throw new Error(`toutes les offres de la vue sont déjà vérifiées le ${today}`);
  const revision = built.result.revision;
  await national
    .get(CommandBus)
    .execute(
      new DomainCommand(
        { type: 'VerifyOffer', offerId: changed.id, verifiedOn: today },
        { actor: { id: 'bench', role: 'admin' }, commandId: randomBytes(16).toString('hex') },
      ),
    );
  while ((await national.get(OfferIndexCache).current()).revision <= revision)
    await new Promise((resolve) => setTimeout(resolve, 50));
  const afterChange = await measured(() => mapOf(today));
  const twoDaysAgo = businessDay(new Date(Date.now() - 2 * 86_400_000));
  const newDay = await measured(() => mapOf(twoDaysAgo));
  // The whole of France, last: its history (gigabytes) is held a minute after, and a view asked
  // meanwhile pays the garbage collector's work on that heap.
  const wholeMap = await measured(async () => (await pastDays.at(today).all()).length);
  const threeDaysAgo = businessDay(new Date(Date.now() - 3 * 86_400_000));
  const whileWholeHeld = await measured(() => mapOf(threeDaysAgo));
  printTable(
    'Sur le journal national',
    ['question', 'p50', 'p99', 'référence', 'objectif'],
    [
      [
        '10 offres les plus proches (OfferIndex)',
        ms(percentile(indexed, 50)),
        ms(percentile(indexed, 99)),
        `parcours linéaire p50 ${ms(percentile(scan, 50))} (${(percentile(scan, 50) / percentile(indexed, 50)).toFixed(0)}×)`,
        'p99 < 1 ms',
      ],
      [
        `carte au ${today} depuis le journal, première demande`,
        ms(cold.seconds * 1000),
        '',
        `${fr(cold.result.shown.length)} offres dans la vue, ${cold.result.nearest.length} plus proches`,
        '< 300 ms',
      ],
      [
        `carte au ${today}, première demande d'une autre vue`,
        ms(otherView.seconds * 1000),
        '',
        `${fr(otherView.result.shown.length)} offres dans la vue`,
        '< 300 ms',
      ],
      [
        `carte au ${yesterday}`,
        ms(otherDay.seconds * 1000),
        '',
        `${fr(otherDay.result.shown.length)} offres dans la vue`,
        '< 300 ms',
      ],
      [`carte au ${today}, demandée encore`, ms(again.seconds * 1000), '', '', '< 300 ms'],
      [
        `carte au ${today} après une offre vérifiée`,
        ms(afterChange.seconds * 1000),
        '',
        `${fr(afterChange.result.shown.length)} offres dans la vue`,
        '< 300 ms',
      ],
      [`carte au ${twoDaysAgo}, jamais demandée`, ms(newDay.seconds * 1000), '', '', '< 300 ms'],
      [
        `toute la France au ${today} (sans vue)`,
        ms(wholeMap.seconds * 1000),
        '',
        `${fr(wholeMap.result)} offres`,
        '',
      ],
      [
        `carte au ${threeDaysAgo}, l'historique de la France encore tenu`,
        ms(whileWholeHeld.seconds * 1000),
        '',
        '',
        '',
      ],
    ],
  );
  console.log(
    mismatches === 0
      ? `Mêmes distances que le parcours linéaire pour les 100 premières requêtes `
      : `ATTENTION : ${mismatches} requêtes diffèrent du parcours linéaire.`,
  );
  console.log(
    sameAsIndex
      ? `Carte du jour lue du journal : les mêmes offres dans la vue et les mêmes plus proches que l'index du portail`
      : `ATTENTION : la carte du jour lue du journal diffère de l'index du portail.`,
  );
}
