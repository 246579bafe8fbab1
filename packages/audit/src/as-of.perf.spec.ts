import type { RecordedEvent } from '@cls/event-store';
import { describe, expect, it } from 'vitest';
import { largeLog } from '../test/large-log.js';
import { contractAsOf } from './as-of.js';

/*
 * How contractAsOf scales. Absolute times belong to benchmarks (they depend on
 * the machine), so they are printed, not asserted. What is asserted is relative
 * to a bare pass over the same log, which bears the same memory effects (a log
 * four times as large no longer fits the caches): the cost per event read must
 * not grow with the log, as a quadratic fold over a contract's actions would.
 */

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

function time(run: () => void): number {
  for (let warmUp = 0; warmUp < 3; warmUp += 1) run();
  const times: number[] = [];
  for (let n = 0; n < 9; n += 1) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

const asOf = { time: 'occurred', date: '2025-12-31' } as const;

function measure(events: RecordedEvent[]) {
  let seen = 0;
  const scan = time(() => {
    for (const event of events) if (event.stream.length > 0 && event.type !== '') seen += 1;
  });
  const fold = time(() => contractAsOf(events, 'cls-mesure-1', asOf));
  return { scan, fold, seen };
}

describe('contractAsOf over a large log', () => {
  it('folds 10 000 events, and four times as many at about the same cost per event', async () => {
    const small = await largeLog(1);
    const large = await largeLog(4);
    const snapshot = contractAsOf(small, 'cls-mesure-1', asOf);
    expect(small.length).toBeGreaterThanOrEqual(10_000);
    expect(snapshot?.actions).toHaveLength(200);
    expect(snapshot?.facts).toHaveLength(100);
    expect(contractAsOf(large, 'cls-mesure-1', asOf)?.actions).toHaveLength(800);

    const once = measure(small);
    const fourTimes = measure(large);
    console.log(
      `[audit] contractAsOf : ${small.length} événements en ${once.fold.toFixed(1)} ms, ` +
        `${large.length} en ${fourTimes.fold.toFixed(1)} ms (médianes de 9 mesures ; ` +
        `simple parcours du journal : ${once.scan.toFixed(1)} ms et ${fourTimes.scan.toFixed(1)} ms)`,
    );
    const relative = (m: ReturnType<typeof measure>) => m.fold / Math.max(m.scan, 0.05);
    expect(relative(fourTimes)).toBeLessThan(3 * relative(once));
  }, 120_000);
});
