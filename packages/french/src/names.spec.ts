import { describe, expect, it } from 'vitest';
import { personName } from './names.js';

describe('personName', () => {
  it('writes a directory’s capitals as people write a name', () => {
    // As the Annuaire Santé writes them (« Prénom d'exercice » and « Nom d'exercice »).
    expect(personName('ANNE-SOPHIE GÉRARD')).toBe('Anne-Sophie Gérard');
    expect(personName('ISABELLE DE RUIJTER')).toBe('Isabelle de Ruijter');
    expect(personName('AGNÈS CÔTÉ')).toBe('Agnès Côté');
    expect(personName("JEAN D'ORMESSON")).toBe("Jean d'Ormesson");
    expect(personName('ROMAIN LEGER')).toBe('Romain Leger');
  });

  it('leaves a name already written in lower case, and the first word’s particle capitalised', () => {
    expect(personName('Marie de La Tour')).toBe('Marie de La Tour');
    expect(personName('DE GAULLE')).toBe('De Gaulle');
    expect(personName('  ÉLODIE   MARTIN ')).toBe('Élodie Martin');
  });
});
