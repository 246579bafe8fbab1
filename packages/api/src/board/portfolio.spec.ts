import { describe, expect, it } from 'vitest';
import { indicatorsAgainstTarget } from './portfolio.js';

describe('the portfolio’s indicators against their targets', () => {
  it('judges each indicator on its latest year with a figure and a target, by its direction; unknown stays unknown', () => {
    const year = (value: number | null, target: number | null) => ({ value, target });
    expect(
      indicatorsAgainstTarget([
        // Met in 2024, missed in 2025 (its latest year with both): not met.
        { direction: 'higher_is_better', years: [year(10, 8), year(5, 8)] },
        // Lower is better, at its target: met.
        { direction: 'lower_is_better', years: [year(3, 3)] },
        // A target, measured, but no direction: not judged (never guessed).
        { direction: null, years: [year(4, 5)] },
        // A target never measured.
        { direction: 'higher_is_better', years: [year(null, 5)] },
        // Measured without a target.
        { direction: 'higher_is_better', years: [year(7, null)] },
      ]),
    ).toEqual({ total: 5, withTarget: 4, measuredAgainstTarget: 3, judged: 2, met: 1 });
    expect(indicatorsAgainstTarget([])).toEqual({
      total: 0,
      withTarget: 0,
      measuredAgainstTarget: 0,
      judged: 0,
      met: 0,
    });
  });
});
