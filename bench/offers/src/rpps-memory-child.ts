/**
 * One stage of the RPPS memory bench, in a process of its own so that its peak memory is its
 * own: `node rpps-memory-child.js <stage> <file>` prints one JSON line
 * `{ stage, lines, rejected, ms, peakRssMb, peakHeapMb }`. Memory is sampled every 100 ms
 * (`process.memoryUsage()`), and the kernel's peak RSS (`resourceUsage().maxRSS`) is kept too.
 */
import { createReadStream, readFileSync } from 'node:fs';
import {
  CommuneCentres,
  FrenchCommunes,
  groupBySite,
  offerOfSite,
  type PractitionerActivity,
  practitionerSiteOfLine,
  type RppsHeader,
  readTextLines,
  rppsHeaderOf,
} from '@cls/offers';
import { COMMUNE_CENTRES } from './rpps-file.js';

export const STAGES = ['whole', 'bytes', 'lines', 'offers'] as const;
export type Stage = (typeof STAGES)[number];

export interface StageResult {
  stage: Stage;
  lines: number;
  rejected: number;
  /** Offers made (the `offers` stage). */
  offers?: number;
  ms: number;
  peakRssMb: number;
  peakHeapMb: number;
}

const NEWLINE = 0x0a;

function countNewlines(bytes: Uint8Array): number {
  let count = 0;
  let at = bytes.indexOf(NEWLINE);
  while (at !== -1) {
    count += 1;
    at = bytes.indexOf(NEWLINE, at + 1);
  }
  return count;
}

/** Baseline 1: the file held whole in memory (as one Buffer: a string of 800 MB is beyond V8's limit). */
async function whole(path: string) {
  const bytes = readFileSync(path);
  return { lines: countNewlines(bytes), rejected: 0 };
}

/** Baseline 2: the bytes streamed, nothing decoded. */
async function bytes(path: string) {
  let lines = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) {
    lines += countNewlines(chunk);
  }
  return { lines, rejected: 0 };
}

/** The shared reader: decoded lines, numbered (packages/offers/src/files). */
async function lines(path: string) {
  let count = 0;
  for await (const _ of readTextLines(path, 'utf-8')) count += 1;
  return { lines: count, rejected: 0 };
}

/**
 * What `pnpm offers:import` does with the file short of the database (importPractitioners): each
 * line read against the header, a practitioner's lines merged as they come, each liberal site
 * made an offer placed at its commune (all France's communes loaded), the offers' ids kept as the
 * import keeps them (one entry per offer: memory follows the directory, not the file).
 */
async function offers(path: string) {
  const places = { communes: FrenchCommunes.load(), centres: new CommuneCentres(COMMUNE_CENTRES) };
  const added = new Set<string>();
  let header: RppsHeader | undefined;
  let read = 0;
  let rejected = 0;
  let practitioner: PractitionerActivity[] = [];
  const flush = () => {
    for (const site of groupBySite(practitioner)) {
      const outcome = offerOfSite(site, places);
      if ('offer' in outcome) added.add(outcome.offer.offerId);
      else if ('rejected' in outcome) rejected += 1;
    }
    practitioner = [];
  };
  for await (const { line, text } of readTextLines(path, 'utf-8')) {
    if (!header) {
      header = rppsHeaderOf(text);
      continue;
    }
    read += 1;
    const outcome = practitionerSiteOfLine(text.split('|'), header, line);
    if ('rejected' in outcome) rejected += 1;
    if (!('activity' in outcome)) continue;
    if (practitioner[0] && practitioner[0].rpps !== outcome.activity.rpps) flush();
    practitioner.push(outcome.activity);
  }
  flush();
  return { lines: read + 1, rejected, offers: added.size };
}

const RUN: Record<Stage, (path: string) => Promise<{ lines: number; rejected: number; offers?: number }>> = {
  whole,
  bytes,
  lines,
  offers,
};

async function main(): Promise<void> {
  const [stage, path] = process.argv.slice(2) as [Stage, string];
  if (!STAGES.includes(stage) || !path)
    throw new Error(`usage : rpps-memory-child <${STAGES.join('|')}> <fichier>`);
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    peakRss = Math.max(peakRss, rss);
    peakHeap = Math.max(peakHeap, heapUsed);
  };
  const sampler = setInterval(sample, 100);
  const start = process.hrtime.bigint();
  const counted = await RUN[stage](path);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  sample();
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
  const result: StageResult = {
    stage,
    ...counted,
    ms,
    peakRssMb: peakRss / 1024 / 1024,
    peakHeapMb: peakHeap / 1024 / 1024,
  };
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
