import { describe, expect, it } from 'vitest';
import { acronymsIn } from './glossary.js';

describe('the contracts’ glossary', () => {
  it('finds the acronyms a page uses, whole words only, each once', () => {
    const found = acronymsIn([
      'Mettre en place un Urbanisme Favorable à la Santé (UFS)',
      'Faire vivre le CLSM et contribuer au PTSM',
      'Documents en FALC ; appui du DAC ; le CLSM encore',
      'CLSMX et dac ne sont pas des sigles',
    ]);
    expect(found.map((entry) => entry.acronym)).toEqual(['CLSM', 'DAC', 'FALC', 'PTSM', 'UFS']);
    expect(found.find((entry) => entry.acronym === 'UFS')).toEqual({
      acronym: 'UFS',
      expansion: 'Urbanisme Favorable à la Santé',
      inferred: false,
    });
  });
});
