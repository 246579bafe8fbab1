import { describe, expect, it } from 'vitest';
import { jsonChanges, nextDay, stableJson } from './audit-format.js';

describe('audit formats', () => {
  it('finds the next calendar day across months and leap years', () => {
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2024-12-31')).toBe('2025-01-01');
  });

  it('prints JSON with sorted keys, so that two states compare line by line', () => {
    expect(stableJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe(
      stableJson({ a: { c: null, d: [{ y: 2, z: 1 }] }, b: 1 }),
    );
    expect(stableJson({ b: 1, a: 2 }).indexOf('"a"')).toBeLessThan(stableJson({ b: 1, a: 2 }).indexOf('"b"'));
  });

  it('finds what changed, at the highest path where the values part', () => {
    const before = { status: 'draft', fiches: { '1.1': { title: 'A' } }, parties: ['ARS'] };
    const after = {
      status: 'signed',
      fiches: { '1.1': { title: 'A' }, '1.2': { title: 'B', axisCode: '1' } },
      parties: ['ARS', 'CPAM'],
      signedOn: '2024-03-15',
    };
    expect(jsonChanges(before, after)).toEqual([
      { path: 'fiches["1.2"]', before: undefined, after: { title: 'B', axisCode: '1' } },
      { path: 'parties[1]', before: undefined, after: 'CPAM' },
      { path: 'signedOn', before: undefined, after: '2024-03-15' },
      { path: 'status', before: 'draft', after: 'signed' },
    ]);
  });

  it('finds nothing between equal values, and the whole value when its kind changes', () => {
    expect(jsonChanges({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
    expect(jsonChanges(null, { exists: true })).toEqual([
      { path: '(tout)', before: null, after: { exists: true } },
    ]);
  });
});
