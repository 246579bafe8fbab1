import { describe, expect, it } from 'vitest';
import { DepartmentCodeSchema, departmentOfCommune, departmentsOfTerritory } from './departments.js';

describe('departments', () => {
  it('reads a commune’s department from its INSEE code, Corsica and overseas included', () => {
    expect(departmentOfCommune('34142')).toBe('34');
    expect(departmentOfCommune('11069')).toBe('11');
    expect(departmentOfCommune('2A004')).toBe('2A');
    expect(departmentOfCommune('2b033')).toBe('2B');
    expect(departmentOfCommune('97411')).toBe('974');
    expect(departmentOfCommune('97611')).toBe('976');
    expect(departmentOfCommune('20004')).toBeUndefined();
    expect(departmentOfCommune('Lodève')).toBeUndefined();
  });

  it('gives a territory the departments of its communes, once each; none without codes', () => {
    expect(departmentsOfTerritory({ communeCodes: ['34142', '11069', '34062'] })).toEqual(['11', '34']);
    expect(departmentsOfTerritory({})).toEqual([]);
  });

  it('accepts department codes as INSEE writes them, and nothing else', () => {
    for (const code of ['01', '11', '34', '2A', '2b', '95', '971', '976'])
      expect(DepartmentCodeSchema.safeParse(code).success, code).toBe(true);
    for (const code of ['00', '20', '96', '977', '3', '340', 'Hérault'])
      expect(DepartmentCodeSchema.safeParse(code).success, code).toBe(false);
  });
});
