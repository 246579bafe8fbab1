/**
 * The national Annuaire Santé extraction (~2 million lines, ~800 MB) through the import's reader,
 * in bounded memory: a file of that size generated in the real layout (rpps-file.ts) into the
 * system's temporary folder (deleted after), then each stage run in a process of its own
 * (rpps-memory-child.ts), its peak memory and lines/s beside two baselines of the same run — the
 * file held whole, and its bytes merely streamed. The streaming stages run under
 * a `--max-old-space-size` well under the file's size: a stage that held the file would die
 * there, not pass.
 * `BENCH_RPPS_LINES` sets the size (0 skips it).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchSetting, printTable } from '@cls/bench-event-store/measure';
import { writeRppsFile } from './rpps-file.js';
import type { Stage, StageResult } from './rpps-memory-child.js';

const LINES = benchSetting('BENCH_RPPS_LINES', 2_000_000, { min: 0 });
/**
 * Heap limits of the streaming stages: well under the file's size, so a stage that held it would
 * die, not pass. The import's own floor is higher: France's 35,000 communes (the commune
 * look-up, @etalab/decoupage-administratif) and one id per offer made.
 */
const HEAP_GUARD_MB: Partial<Record<Stage, number>> = { bytes: 128, lines: 128, offers: 384 };
const CHILD = fileURLToPath(new URL('./rpps-memory-child.js', import.meta.url));

const LABELS: Record<Stage, string> = {
  whole: 'fichier entier en mémoire (référence)',
  bytes: 'octets lus en flux, sans décodage (référence)',
  lines: 'readTextLines (lignes décodées, numérotées)',
  offers: 'import sans base : lignes lues, sites → offres',
};

export function runStage(stage: Stage, path: string): StageResult {
  const guard = HEAP_GUARD_MB[stage];
  const flags = guard ? [`--max-old-space-size=${guard}`] : [];
  const output = execFileSync(process.execPath, [...flags, CHILD, stage, path], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as StageResult;
}

export async function rppsMemoryBench(): Promise<void> {
  if (LINES <= 0) return;
  const dir = mkdtempSync(join(tmpdir(), 'cls-bench-rpps-'));
  const path = join(dir, 'PS_LibreAcces_Personne_activite_bench.txt');
  try {
    const started = Date.now();
    const bytes = await writeRppsFile(path, LINES);
    console.log(
      `\nExtraction Annuaire Santé générée : ${LINES.toLocaleString('fr-FR')} lignes, ${(bytes / 1e6).toFixed(0)} Mo, en ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    const results = [
      runStage('whole', path),
      runStage('bytes', path),
      runStage('lines', path),
      runStage('offers', path),
    ];
    const reference = results[1] as StageResult;
    printTable(
      'Mémoire et débit sur l’extraction nationale (un processus par étape)',
      ['étape', 'lignes', 'rejetées', 'lignes/s', 'RSS max', 'tas max', 'RSS / flux brut', 'limite du tas'],
      results.map((result) => [
        LABELS[result.stage],
        result.lines.toLocaleString('fr-FR'),
        String(result.rejected),
        Math.round(result.lines / (result.ms / 1000)).toLocaleString('fr-FR'),
        `${result.peakRssMb.toFixed(0)} Mo`,
        `${result.peakHeapMb.toFixed(0)} Mo`,
        `${(result.peakRssMb / reference.peakRssMb).toFixed(1)}×`,
        HEAP_GUARD_MB[result.stage] ? `${HEAP_GUARD_MB[result.stage]} Mo` : 'aucune',
      ]),
    );
    const made = results.find((result) => result.stage === 'offers');
    console.log(
      `Offres faites des sites libéraux : ${(made?.offers ?? 0).toLocaleString('fr-FR')} ; lignes rejetées (malformées ou commune introuvable), jamais fatales : ${made?.rejected ?? 0}.`,
    );
    console.log(
      `Fichier de ${(bytes / 1e6).toFixed(0)} Mo : les étapes en flux passent sous leur limite de tas (--max-old-space-size), la mémoire ne suit pas la taille du fichier.`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
