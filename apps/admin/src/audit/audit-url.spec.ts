import { describe, expect, it } from 'vitest';
import { auditPath, positionsOf, searchOf } from './audit-url.js';

describe('audit URLs', () => {
  it('leaves empty parameters out of a query string', () => {
    expect(searchOf({ contrat: 'cls-a', type: '', acteur: undefined, annee: 2024 })).toBe(
      '?contrat=cls-a&annee=2024',
    );
    expect(searchOf({ du: null })).toBe('');
  });

  it('reads evidence positions sorted and once each, whatever was typed', () => {
    expect(positionsOf('12,3,3,x,7,-1,2.5')).toEqual([3, 7, 12]);
    expect(positionsOf(null)).toEqual([]);
  });

  it('links to a stream at a revision, its name encoded', () => {
    expect(auditPath.stream('offer-a/b', 3)).toBe('/audit/flux/offer-a%2Fb#revision-3');
    expect(auditPath.stream()).toBe('/audit/flux');
    expect(auditPath.evidence([3, 7], 'Actions réalisées')).toBe(
      '/audit/preuves?positions=3%2C7&objet=Actions+r%C3%A9alis%C3%A9es',
    );
  });
});
