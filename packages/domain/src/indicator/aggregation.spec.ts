import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateIndicator, type IndicatorMeasure, isRateUnit } from './rules.js';

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
});
