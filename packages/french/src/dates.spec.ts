import { describe, expect, it } from 'vitest';
import { frenchDate, frenchEventTime, frenchInstant, onFrenchDate } from './dates.js';

describe('dates in French', () => {
  it('writes a day in words, the first of the month as « 1er »', () => {
    expect(frenchDate('2024-03-15')).toBe('15 mars 2024');
    expect(frenchDate('2025-03-01')).toBe('1er mars 2025');
    expect(frenchDate('2021-08-09')).toBe('9 août 2021');
  });

  it('writes a date at the precision it is known', () => {
    expect(frenchDate('2020-11')).toBe('novembre 2020');
    expect(frenchDate('2019')).toBe('2019');
    expect(frenchDate('2024-03-01', 'month')).toBe('mars 2024');
    expect(frenchDate('2024-01-01', 'year')).toBe('2024');
    expect(frenchDate('2024-03-15', 'day')).toBe('15 mars 2024');
  });

  it('writes an instant by its calendar day', () => {
    expect(frenchDate('2021-01-08T10:00:00Z')).toBe('8 janvier 2021');
  });

  it('writes periods the French way', () => {
    expect(frenchDate('2019/2023')).toBe('de 2019 à 2023');
    expect(frenchDate('2022-12/2023-02')).toBe('de décembre 2022 à février 2023');
    expect(frenchDate('2019-04/2019-05')).toBe('d’avril 2019 à mai 2019');
    expect(frenchDate('2019-04-01/2019-04-30')).toBe('du 1er avril 2019 au 30 avril 2019');
  });

  it('says « — » for no date, and returns what is not a date as given', () => {
    expect(frenchDate(null)).toBe('—');
    expect(frenchDate(undefined)).toBe('—');
    expect(frenchDate('')).toBe('—');
    expect(frenchDate('bientôt')).toBe('bientôt');
    expect(frenchDate('2024-13-01')).toBe('2024-13-01');
  });

  it('prints an instant to the second, or the minute, in the given time zone', () => {
    expect(frenchInstant('2026-11-25T11:42:02.990Z', 'Europe/Paris')).toBe('25 novembre 2026 à 12:42:02');
    expect(frenchInstant('2026-11-25T11:42:02.990Z', 'Europe/Paris', 'minute')).toBe(
      '25 novembre 2026 à 12:42',
    );
    expect(frenchInstant('pas une date')).toBe('pas une date');
  });

  it('prints a business day stored at midnight UTC as that day, west of Greenwich too', () => {
    expect(frenchEventTime('2024-03-15T00:00:00.000Z', 'America/Cayenne')).toBe('15 mars 2024');
    expect(frenchEventTime('2024-03-15T09:30:00.000Z', 'Europe/Paris')).toBe('15 mars 2024 à 10:30:00');
  });
});

describe('a date after a verb', () => {
  it('says « le » for a day, « en » for a month or a year', () => {
    expect(onFrenchDate('2025-03-15')).toBe('le 15 mars 2025');
    expect(onFrenchDate('2024-02-01', 'month')).toBe('en février 2024');
    expect(onFrenchDate('2024-01-01', 'year')).toBe('en 2024');
    expect(onFrenchDate('2024')).toBe('en 2024');
  });
});
