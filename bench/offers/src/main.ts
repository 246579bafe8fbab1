/**
 * The portal's nearest-offer question, measured in one run:
 *   baseline  a linear scan: the great-circle distance to every offer, the 10 smallest kept;
 *   index     OfferIndex (kdbush + geokdbush) over the same 100,000 generated offers;
 * then the portal's bundle sizes (gzip), initial and loaded on demand.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { benchSetting, percentile, printTable } from '@cls/bench-event-store/measure';
import { OFFER_KINDS, type OfferKind } from '@cls/domain';
import { haversineKm, OfferIndex } from '@cls/offers';
import { nationalImportBench } from './national-import.js';
import { rppsCommandSideBench } from './rpps-import.js';
import { rppsMemoryBench } from './rpps-memory.js';

const OFFERS = benchSetting('BENCH_OFFERS', 100_000);
const QUERIES = benchSetting('BENCH_QUERIES', 2_000);
const K = 10;

/** Deterministic pseudo-random numbers (mulberry32): the same offers and queries every run. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// Metropolitan France's bounding box.
const next = random(2026);
const inFrance = () => ({ lon: -4.8 + next() * 13.3, lat: 42.3 + next() * 8.8 });
const offers = Array.from({ length: OFFERS }, (_, index) => ({
  id: `offer-${index}`,
  kind: OFFER_KINDS[Math.floor(next() * OFFER_KINDS.length)] as OfferKind,
  ...inFrance(),
}));
const queries = Array.from({ length: QUERIES }, () => ({
  ...inFrance(),
  kinds: next() < 0.5 ? undefined : [OFFER_KINDS[Math.floor(next() * OFFER_KINDS.length)] as OfferKind],
}));

/** The baseline: every distance computed, the K smallest kept in a small sorted array. */
function linearNearest(query: (typeof queries)[number]) {
  const best: Array<{ id: string; distanceKm: number }> = [];
  for (const offer of offers) {
    if (query.kinds && !query.kinds.includes(offer.kind)) continue;
    const distanceKm = haversineKm(query, offer);
    if (best.length === K && distanceKm >= (best[K - 1] as { distanceKm: number }).distanceKm) continue;
    let at = best.length;
    while (at > 0 && (best[at - 1] as { distanceKm: number }).distanceKm > distanceKm) at -= 1;
    best.splice(at, 0, { id: offer.id, distanceKm });
    if (best.length > K) best.pop();
  }
  return best;
}

function time<T>(run: () => T): { result: T; ms: number } {
  const start = process.hrtime.bigint();
  const result = run();
  return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

const built = time(() => new OfferIndex(offers));
const index = built.result;

const scan: number[] = [];
const indexed: number[] = [];
let mismatches = 0;
for (const query of queries) {
  const expected = time(() => linearNearest(query));
  const found = time(() => index.nearest({ ...query, limit: K }));
  scan.push(expected.ms);
  indexed.push(found.ms);
  const distances = (list: Array<{ distanceKm: number }>) => list.map((n) => n.distanceKm.toFixed(9)).join();
  if (distances(expected.result) !== distances(found.result)) mismatches += 1;
}

const ms = (value: number) => `${value < 0.1 ? value.toFixed(3) : value.toFixed(2)} ms`;
const p50 = { scan: percentile(scan, 50), index: percentile(indexed, 50) };
console.log(
  `\n${OFFERS.toLocaleString('fr-FR')} offres générées, index construit en ${ms(built.ms)} ; ${QUERIES} requêtes (la moitié filtrée par type)`,
);
printTable(
  `${K} offres les plus proches`,
  ['méthode', 'p50', 'p99', 'rapport (p50)', 'objectif'],
  [
    ['parcours linéaire (haversine)', ms(p50.scan), ms(percentile(scan, 99)), '1.0×', ''],
    [
      'OfferIndex (kdbush + geokdbush)',
      ms(p50.index),
      ms(percentile(indexed, 99)),
      `${(p50.scan / p50.index).toFixed(0)}×`,
      '≥ 50×, p99 < 1 ms',
    ],
  ],
);
console.log(
  mismatches === 0
    ? 'Mêmes distances que le parcours linéaire pour chaque requête.'
    : `ATTENTION : ${mismatches} requêtes diffèrent du parcours linéaire.`,
);

// The portal's bundles, as built (pnpm bench builds first).
const portalDist = fileURLToPath(new URL('../../../apps/portal/dist/', import.meta.url));
const manifestPath = join(portalDist, '.vite/manifest.json');
if (existsSync(manifestPath)) {
  type Chunk = { file: string; isEntry?: boolean; imports?: string[]; css?: string[] };
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, Chunk>;
  const initial = new Set<string>();
  const visit = (key: string) => {
    if (initial.has(key) || !manifest[key]) return;
    initial.add(key);
    for (const imported of manifest[key].imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  const initialFiles = new Set(
    [...initial].flatMap((key) => [(manifest[key] as Chunk).file, ...((manifest[key] as Chunk).css ?? [])]),
  );
  const assets = readdirSync(join(portalDist, 'assets')).filter((file) => /\.(js|css)$/.test(file));
  const rows = assets
    .map((file) => {
      const bytes = readFileSync(join(portalDist, 'assets', file));
      return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    })
    .sort((a, b) => b.gzip - a.gzip);
  const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
  printTable(
    'Portail : fichiers construits (gzip)',
    ['fichier', 'brut', 'gzip', 'chargé'],
    rows.map((row) => [
      row.file,
      kB(row.raw),
      kB(row.gzip),
      initialFiles.has(`assets/${row.file}`) ? 'au premier affichage' : 'à la demande',
    ]),
  );
  const initialJs = rows
    .filter((row) => row.file.endsWith('.js') && initialFiles.has(`assets/${row.file}`))
    .reduce((sum, row) => sum + row.gzip, 0);
  console.log(`JavaScript initial : ${kB(initialJs)} gzip (objectif ≤ 450 kB)`);
} else {
  console.log(`\nPortail non construit (${manifestPath} absent) : tailles non mesurées.`);
}

await rppsMemoryBench();
await rppsCommandSideBench();
await nationalImportBench();
