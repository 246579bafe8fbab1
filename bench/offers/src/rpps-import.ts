/**
 * The import through the command side, on a department-sized extraction: every liberal site a
 * RegisterOffer (its practitioner's name sealed), appended to PostgreSQL and projected — what the
 * national file cannot be run through in a bench (about a million commands; issue 19 targets the
 * import's speed). Beside the baseline of the same run: the same file through the import short of
 * the database (rpps-memory-child.ts, `offers`). Then the same file again: nothing appended.
 * `BENCH_RPPS_DEPARTMENT_LINES` sets the size (10,000 lines by default; 0 skips it).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '@cls/api-host/app';
import { parseEnv } from '@cls/api-host/config';
import { importPractitioners } from '@cls/api-host/import-practitioners';
import { benchSetting, printTable } from '@cls/bench-event-store/measure';
import { startEmbeddedPostgres } from '@cls/postgres/embedded';
import { COMMUNE_CENTRES, COMMUNES, writeRppsFile } from './rpps-file.js';
import { runStage } from './rpps-memory.js';

const LINES = benchSetting('BENCH_RPPS_DEPARTMENT_LINES', 10_000, { min: 0 });
/** The Doubs (25), one of the four departments of ../shared/data. */
const DEPARTEMENT = '25';

/** Runs `work`, sampling this process's memory every 100 ms. */
async function measured<T>(work: () => Promise<T>) {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  const started = performance.now();
  try {
    const result = await work();
    return { result, seconds: (performance.now() - started) / 1000, peakRssMb: peakRss / 1024 / 1024 };
  } finally {
    clearInterval(sampler);
  }
}

export async function rppsCommandSideBench(): Promise<void> {
  if (LINES <= 0) return;
  const dir = mkdtempSync(join(tmpdir(), 'cls-bench-rpps-dep-'));
  const file = join(dir, 'PS_LibreAcces_Personne_activite_202612010908.txt');
  // The communes' centres as the API Découpage administratif serves them (`--communes`).
  const centres = join(dir, 'communes.json');
  writeFileSync(
    centres,
    JSON.stringify(
      COMMUNE_CENTRES.map(({ insee, lon, lat }) => ({
        code: insee,
        centre: { type: 'Point', coordinates: [lon, lat] },
      })),
    ),
  );
  const server = await startEmbeddedPostgres({
    dataDir: join(tmpdir(), `cls-bench-rpps-${randomBytes(6).toString('hex')}`),
    port: 55000 + Math.floor(Math.random() * 900),
    persistent: false,
  });
  try {
    const bytes = await writeRppsFile(
      file,
      LINES,
      COMMUNES.filter(([, , , departement]) => departement === DEPARTEMENT),
    );
    const baseline = runStage('offers', file);
    const parsed = parseEnv({ NODE_ENV: 'test', DEMO: 'false' });
    if (!parsed.ok) throw new Error(parsed.message);
    const { app } = await createApp({
      env: parsed.env,
      databaseUrl: server.url,
      version: 'bench',
      quiet: true,
    });
    try {
      const first = await measured(() => importPractitioners(app, file, { communesFile: centres }));
      const second = await measured(() => importPractitioners(app, file, { communesFile: centres }));
      const perSecond = (count: number, seconds: number) =>
        Math.round(count / seconds).toLocaleString('fr-FR');
      console.log(
        `\nExtraction d’un département (${DEPARTEMENT}) : ${LINES.toLocaleString('fr-FR')} lignes, ${(bytes / 1e6).toFixed(1)} Mo`,
      );
      printTable(
        'Import par le côté commande (PostgreSQL embarqué), à côté du même fichier sans base',
        ['étape', 'offres', 'durée', 'offres/s', 'RSS max', 'durée / sans base'],
        [
          [
            'sans base : lignes lues, sites → offres (référence)',
            (baseline.offers ?? 0).toLocaleString('fr-FR'),
            `${(baseline.ms / 1000).toFixed(1)} s`,
            perSecond(baseline.offers ?? 0, baseline.ms / 1000),
            `${baseline.peakRssMb.toFixed(0)} Mo`,
            '1×',
          ],
          [
            `premier import : ${first.result.added} ajoutées, ${first.result.rejected.length} ${first.result.rejected.length > 1 ? 'lignes rejetées' : 'ligne rejetée'}`,
            first.result.added.toLocaleString('fr-FR'),
            `${first.seconds.toFixed(1)} s`,
            perSecond(first.result.added, first.seconds),
            `${first.peakRssMb.toFixed(0)} Mo`,
            `${(first.seconds / (baseline.ms / 1000)).toFixed(0)}×`,
          ],
          [
            `second import : ${second.result.added} ajoutées, ${second.result.unchanged} inchangées`,
            second.result.unchanged.toLocaleString('fr-FR'),
            `${second.seconds.toFixed(1)} s`,
            perSecond(second.result.unchanged, second.seconds),
            `${second.peakRssMb.toFixed(0)} Mo`,
            `${(second.seconds / (baseline.ms / 1000)).toFixed(0)}×`,
          ],
        ],
      );
      console.log(
        `À ce débit, l’extraction nationale (~1 million d’offres) prendrait ~${Math.round(1_000_000 / (first.result.added / first.seconds) / 60)} min au premier import (national-import.ts la mesure).`,
      );
    } finally {
      await app.close();
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
