import { describe, expect, it } from 'vitest';
import { foldText, withoutAccents } from './accents.js';

describe('names compared without accents', () => {
  it('takes the accents off, and leaves letters of their own', () => {
    expect(withoutAccents('Hérault, Lodève, Ç')).toBe('Herault, Lodeve, C');
    expect(withoutAccents('Œuvre')).toBe('Œuvre');
  });

  it('folds a name to its lower-case words, ligatures spelt out', () => {
    expect(foldText("Clermont-l'Hérault")).toBe('clermont l herault');
    expect(foldText('  Pays Cœur d’Hérault ')).toBe('pays coeur d herault');
    expect(foldText('Équipe de Lodève', '-')).toBe('equipe-de-lodeve');
  });
});
