import { describe, expect, it } from 'vitest';
import {
  count,
  frenchEuros,
  frenchList,
  frenchNumber,
  frenchPercent,
  lowerFirst,
  upperFirst,
} from './numbers.js';

describe('numbers and words in French', () => {
  it('groups thousands with a no-break space and writes a decimal comma', () => {
    expect(frenchNumber(12345.5)).toBe('12\u00a0345,5');
    expect(frenchNumber(1234567)).toBe('1\u00a0234\u00a0567');
    expect(frenchNumber(-1234.5)).toBe('-1\u00a0234,5');
    expect(frenchNumber(100)).toBe('100');
  });

  it('keeps at most the decimals asked for, dropping trailing zeros', () => {
    expect(frenchNumber(3.46, 1)).toBe('3,5');
    expect(frenchNumber(3.04, 1)).toBe('3');
    expect(frenchNumber(230, 0)).toBe('230');
  });

  it('writes euros whole, or to the cent', () => {
    expect(frenchEuros(20000)).toBe('20\u00a0000\u00a0€');
    expect(frenchEuros(12500.5)).toBe('12\u00a0500,50\u00a0€');
    expect(frenchEuros(0.1 + 0.2)).toBe('0,30\u00a0€');
  });

  it('writes percents and counts, 0 and 1 in the singular', () => {
    expect(frenchPercent(40)).toBe('40\u00a0%');
    expect(count(0, 'réunion')).toBe('0 réunion');
    expect(count(1, 'réunion')).toBe('1 réunion');
    expect(count(3, 'résultat coté', 'résultats cotés')).toBe('3 résultats cotés');
  });

  it('lists with « et », and changes the case of a label’s first letter', () => {
    expect(frenchList([])).toBe('');
    expect(frenchList(['a'])).toBe('a');
    expect(frenchList(['a', 'b', 'c'])).toBe('a, b et c');
    expect(lowerFirst('Signé')).toBe('signé');
    expect(upperFirst('signé')).toBe('Signé');
  });
});
