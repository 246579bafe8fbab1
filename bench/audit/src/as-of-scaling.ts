/**
 * How a contract's state as of a date scales with the log, in memory, measured in one run:
 *   baseline  the contract's events found in the same log (eventsOfContract: what every answer
 *             starts with, bearing the same memory effects: a log four times as large no longer
 *             fits the caches);
 *   fold      contractAsOf of one contract, among another of the same size and offers;
 * over a log of about 10,000 events and one four times as large. The fold's cost per event,
 * and relative to finding the contract's events, must not grow with the log, as a quadratic fold over a contract's
 * actions would. Printed, never asserted (see ../README.md).
 */

import { contractAsOf, eventsOfContract } from '@cls/audit';
import { benchSetting, percentile, printTable } from '@cls/bench-event-store/measure';
import type { RecordedEvent } from '@cls/event-store';
import { largeLog, MEASURED_CONTRACT } from './large-log.js';

const RUNS = benchSetting('BENCH_RUNS', 15);
const SCALE = benchSetting('BENCH_SCALE', 4);
const asOf = { time: 'occurred', date: '2025-12-31' } as const;

/** Milliseconds of each run of `run`, after three warm-ups. */
function timed(run: () => void): number[] {
  for (let warmUp = 0; warmUp < 3; warmUp += 1) run();
  const samples: number[] = [];
  for (let n = 0; n < RUNS; n += 1) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  return samples;
}

async function measure(scale: number) {
  const log: RecordedEvent[] = await largeLog(scale);
  // An answer that is wrong is not measured.
  const snapshot = contractAsOf(log, MEASURED_CONTRACT, asOf);
  if (snapshot?.actions.length !== 200 * scale || snapshot.facts.length !== 100 * scale) {
    throw new Error(
      `contractAsOf sur ${log.length} événements : ${snapshot?.actions.length} actions et ${snapshot?.facts.length} faits, ${200 * scale} et ${100 * scale} attendus`,
    );
  }
  const scope = percentile(
    timed(() => eventsOfContract(log, MEASURED_CONTRACT)),
    50,
  );
  const fold = percentile(
    timed(() => contractAsOf(log, MEASURED_CONTRACT, asOf)),
    50,
  );
  return { events: log.length, scope, fold, relative: fold / scope };
}

const once = await measure(1);
const larger = await measure(SCALE);
const ms = (value: number) => `${value.toFixed(2)} ms`;
/** The fold's cost per event, against the smaller log's. */
const perEvent = (m: typeof once) => m.fold / m.events / (once.fold / once.events);
const row = (m: typeof once) => [
  m.events.toLocaleString('fr-FR'),
  ms(m.scope),
  ms(m.fold),
  `${m.relative.toFixed(2)}×`,
  `${perEvent(m).toFixed(2)}×`,
];
printTable(
  `État d’un contrat à une date, en mémoire (médianes de ${RUNS} mesures)`,
  ['événements', 'événements du contrat', 'contractAsOf', 'rapport à la recherche', 'coût par événement'],
  [row(once), row(larger)],
);
console.log(
  `\nJournal ${SCALE} fois plus grand : coût de contractAsOf par événement × ${perEvent(larger).toFixed(2)}, ` +
    `rapport à la recherche des événements du contrat × ${(larger.relative / once.relative).toFixed(2)} ` +
    `(1 : coût linéaire ; un pliage quadratique sur les actions du contrat donnerait environ ${SCALE}).`,
);
