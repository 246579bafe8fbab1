import { ERASED_PERSONAL_DATA } from '@cls/domain';
import { describe, expect, it } from 'vitest';
import { actorNames, ERASED_PERSON } from './actor-names.js';

describe('who did it, by name', () => {
  const nameOf = actorNames([
    { userId: 'u-1', displayName: 'Camille Pilote' },
    { userId: 'u-2', displayName: ERASED_PERSONAL_DATA },
    { userId: 'u-3', displayName: '' },
  ]);

  it('names an account by its name, never its id', () => expect(nameOf('u-1')).toBe('Camille Pilote'));

  it('says « personne effacée » once the person’s data was erased', () => {
    expect(nameOf('u-2')).toBe(ERASED_PERSON);
    expect(nameOf('u-3')).toBe(ERASED_PERSON);
  });

  it('names the platform’s own actors by what they are', () => {
    expect(nameOf('system')).toBe('Plateforme (initialisation)');
    expect(nameOf('import-finess')).toBe('Import FINESS');
  });

  it('shows no id for an account it does not know', () => expect(nameOf('u-9')).toBe('compte inconnu'));
  it('names the avenant reactor, which moves actions once an avenant is signed', () =>
    expect(nameOf('system:avenants')).toBe('Plateforme (avenant signé)'));
});
