import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCodes } from './ordering.js';

describe('compareCodes', () => {
  it('orders codes as people number them', () => {
    const codes = ['1.10', '1.2-A10', '2', '1.9', '1.2-A9', '10', '1.2'];
    expect([...codes].sort(compareCodes)).toEqual(['1.2', '1.2-A9', '1.2-A10', '1.9', '1.10', '2', '10']);
  });
  it('is a total order: antisymmetric, and 0 only for the same code', () => {
    const code = fc.stringMatching(/^[0-9A-Za-z.-]{0,8}$/);
    fc.assert(
      fc.property(code, code, (a, b) => {
        expect(Math.sign(compareCodes(a, b)) + Math.sign(compareCodes(b, a))).toBe(0);
        expect(compareCodes(a, b) === 0).toBe(a === b);
      }),
    );
  });
});
