import { describe, expect, it } from 'vitest';
import { frenchDateInput, parseFrenchDate, parseFrenchNumber, parsePercent } from './input.js';

describe('what a French user types', () => {
  it.each([
    ['08/06/2024', '2024-06-08'],
    ['8/6/2024', '2024-06-08'],
    [' 31.12.2029 ', '2029-12-31'],
    ['2024-06-08', '2024-06-08'],
    ['29/02/2024', '2024-02-29'],
  ])('reads the date %j', (text, expected) => {
    expect(parseFrenchDate(text)).toBe(expected);
  });

  it.each(['', 'juin 2024', '2024', '31/02/2024', '13/13/2024', '2024/06/08', '06/08/24'])(
    'refuses %j as a date',
    (text) => {
      expect(parseFrenchDate(text)).toBeUndefined();
    },
  );

  it.each([
    ['30 %', 30],
    ['30%', 30],
    ['30\u00a0%', 30],
    ['30,5 %', 30.5],
    ['100', 100],
    ['0', 0],
  ])('reads the percent %j', (text, expected) => {
    expect(parsePercent(text)).toBe(expected);
  });

  it.each(['', '%', 'trente', '30 % env.', '3O'])('refuses %j as a percent', (text) => {
    expect(parsePercent(text)).toBeUndefined();
  });

  it('reads numbers with a decimal comma and grouped thousands', () => {
    expect(parseFrenchNumber('1 234,5')).toBe(1234.5);
    expect(parseFrenchNumber('1\u202f234')).toBe(1234);
    expect(parseFrenchNumber('-0,57')).toBe(-0.57);
    expect(parseFrenchNumber('1,2,3')).toBeUndefined();
  });
});

describe('a date as a date input shows it', () => {
  it('writes an ISO date as JJ/MM/AAAA, read back the same, other text unchanged', () => {
    expect(frenchDateInput('2025-03-15')).toBe('15/03/2025');
    expect(parseFrenchDate(frenchDateInput('2024-12-01'))).toBe('2024-12-01');
    expect(frenchDateInput('')).toBe('');
    expect(frenchDateInput('demain')).toBe('demain');
  });
});
