import { describe, expect, it } from 'vitest';
import { actionIdOf, organisationsOf, parseDeliverables, parseYears, yearsText } from './plan-inputs.js';

describe('parseYears', () => {
  it('reads lists and spans as a French user types them', () => {
    expect(parseYears('2025, 2026')).toEqual([2025, 2026]);
    expect(parseYears('2025 2027;2028')).toEqual([2025, 2027, 2028]);
    expect(parseYears('2025-2027')).toEqual([2025, 2026, 2027]);
    expect(parseYears('2025 à 2026')).toEqual([2025, 2026]);
    expect(parseYears('2025, 2025')).toEqual([2025]);
  });

  it('keeps what is not a year as an invalid value, for the schema to name', () => {
    expect(parseYears('deux mille vingt-cinq')).toEqual([Number.NaN]);
    expect(parseYears('2027-2025')).toEqual([Number.NaN]);
  });

  it('writes them back', () => {
    expect(yearsText([2025, 2026])).toBe('2025, 2026');
  });
});

describe('parseDeliverables', () => {
  it('gives new lines the next free id and keeps the id of an unchanged title', () => {
    const existing = [
      { deliverableId: 'L1', title: 'Enquête' },
      { deliverableId: 'L2', title: 'Annuaire' },
    ];
    expect(parseDeliverables('Annuaire\nGuide\n\n  Enquête ', existing)).toEqual([
      { deliverableId: 'L2', title: 'Annuaire' },
      { deliverableId: 'L3', title: 'Guide' },
      { deliverableId: 'L1', title: 'Enquête' },
    ]);
    expect(parseDeliverables('A\nB')).toEqual([
      { deliverableId: 'L1', title: 'A' },
      { deliverableId: 'L2', title: 'B' },
    ]);
  });
});

describe('identifiers and lists', () => {
  it('derives an action id from its contract and code', () => {
    expect(actionIdOf('cls-lodevois', ' 1.1-A1 ')).toBe('cls-lodevois.1.1-A1');
  });
  it('reads organisations one a line, without repeats', () => {
    expect(organisationsOf('ARS Occitanie\n\nCPAM\nARS Occitanie')).toEqual(['ARS Occitanie', 'CPAM']);
  });
});
