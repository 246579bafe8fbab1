import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aggregateIndicator,
  type IndicatorMeasure,
  isRateIndicator,
  isRateUnit,
  targetMet,
} from './rules.js';

const day = fc
  .date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2029-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const measure = (value: fc.Arbitrary<number>) =>
  fc.record({ value, measuredOn: day }) satisfies fc.Arbitrary<IndicatorMeasure>;
const count = fc.integer({ min: 0, max: 10_000 });
const rate = fc.integer({ min: 0, max: 1000 }).map((tenths) => tenths / 10);
const rule = fc.constantFrom('sum' as const, 'latest' as const, 'mean' as const);
const rateUnit = fc.constantFrom('%', 'taux', 'Taux de recours', 'pour 1000 habitants');

describe('aggregateIndicator', () => {
  it('nothing measured is unknown, never 0', () => {
    expect(aggregateIndicator({ aggregation: 'sum' }, [])).toBeUndefined();
    expect(aggregateIndicator({ aggregation: 'latest' }, [])).toBeUndefined();
  });

  it('the sum of counts equals the sum of the events’ values', () =>
    fc.assert(
      fc.property(fc.array(measure(count), { minLength: 1, maxLength: 30 }), (measures) => {
        const total = measures.reduce((sum, { value }) => sum + value, 0);
        expect(aggregateIndicator({ unit: 'personnes', aggregation: 'sum' }, measures)).toBe(total);
      }),
    ));

  it('a rate is never summed: whatever its rule, it stays within its measures', () =>
    fc.assert(
      fc.property(
        rateUnit,
        rule,
        fc.array(measure(rate), { minLength: 2, maxLength: 30 }),
        (unit, aggregation, measures) => {
          expect(isRateUnit(unit)).toBe(true);
          const values = measures.map(({ value }) => value);
          const result = aggregateIndicator({ unit, aggregation }, measures);
          expect(result).toBeDefined();
          expect(result).toBeGreaterThanOrEqual(Math.min(...values) - 1e-9);
          expect(result).toBeLessThanOrEqual(Math.max(...values) + 1e-9);
        },
      ),
    ));

  it('latest is the value of the last measure by date', () =>
    fc.assert(
      fc.property(fc.array(measure(count), { minLength: 1, maxLength: 30 }), (measures) => {
        const lastDay = measures
          .map(({ measuredOn }) => measuredOn)
          .sort()
          .at(-1);
        const onLastDay = measures.filter(({ measuredOn }) => measuredOn === lastDay);
        expect(aggregateIndicator({ aggregation: 'latest' }, measures)).toBe(onLastDay.at(-1)?.value);
      }),
    ));

  it('the mean lies between the smallest and the largest measure', () =>
    fc.assert(
      fc.property(fc.array(measure(count), { minLength: 1, maxLength: 30 }), (measures) => {
        const values = measures.map(({ value }) => value);
        const mean = aggregateIndicator({ aggregation: 'mean' }, measures) ?? Number.NaN;
        expect(mean).toBeGreaterThanOrEqual(Math.min(...values) - 1e-9);
        expect(mean).toBeLessThanOrEqual(Math.max(...values) + 1e-9);
      }),
    ));

  it('a ratio divides the two indicators’ aggregates, unknown when the denominator is 0 or unknown', () => {
    const ratio = { aggregation: { ratio: { numerator: 'a', denominator: 'b' } } };
    const of = (values: Record<string, number>) => (id: string) => values[id];
    expect(aggregateIndicator(ratio, [], of({ a: 3, b: 4 }))).toBe(0.75);
    expect(aggregateIndicator(ratio, [], of({ a: 3, b: 0 }))).toBeUndefined();
    expect(aggregateIndicator(ratio, [], of({ a: 3 }))).toBeUndefined();
  });

  it('a ratio of two counted indicators is the sum of one’s events over the sum of the other’s', () =>
    fc.assert(
      fc.property(
        fc.array(measure(count), { minLength: 1, maxLength: 20 }),
        fc.array(measure(fc.integer({ min: 1, max: 10_000 })), { minLength: 1, maxLength: 20 }),
        (numerator, denominator) => {
          const counted = { unit: 'personnes', aggregation: 'sum' as const };
          const figures: Record<string, number | undefined> = {
            seen: aggregateIndicator(counted, numerator),
            invited: aggregateIndicator(counted, denominator),
          };
          const sum = (measures: IndicatorMeasure[]) =>
            measures.reduce((total, { value }) => total + value, 0);
          const ratio = aggregateIndicator(
            { unit: '%', aggregation: { ratio: { numerator: 'seen', denominator: 'invited' } } },
            [],
            (id) => figures[id],
          );
          expect(ratio).toBeCloseTo(sum(numerator) / sum(denominator), 9);
        },
      ),
    ));

  it('an indicator whose label says it is a rate is not summed either, unit or not', () =>
    fc.assert(
      fc.property(fc.array(measure(rate), { minLength: 2, maxLength: 30 }), (measures) => {
        expect(isRateIndicator({ label: 'Taux de dépistage du cancer colorectal' })).toBe(true);
        const values = measures.map(({ value }) => value);
        const result = aggregateIndicator(
          { label: 'Taux de dépistage du cancer colorectal', aggregation: 'sum' },
          measures,
        );
        expect(result).toBeLessThanOrEqual(Math.max(...values) + 1e-9);
        expect(result).toBeGreaterThanOrEqual(Math.min(...values) - 1e-9);
      }),
    ));

  it('a target is met by the indicator’s direction, unknown without one', () => {
    expect(targetMet('higher_is_better', 10, 10)).toBe(true);
    expect(targetMet('higher_is_better', 9, 10)).toBe(false);
    expect(targetMet('lower_is_better', 9, 10)).toBe(true);
    expect(targetMet('lower_is_better', 11, 10)).toBe(false);
    expect(targetMet(null, 11, 10)).toBeUndefined();
    expect(targetMet('higher_is_better', null, 10)).toBeUndefined();
    expect(targetMet('higher_is_better', 3, null)).toBeUndefined();
  });
});
