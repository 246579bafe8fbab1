import { describe, expect, it } from 'vitest';
import { offerDisplayName } from './display-name.js';
import { offerKindLabel } from './kinds.js';

// Names quoted from ../shared/data/finess/etablissements.csv, with their commune's COG name.
describe('offerDisplayName', () => {
  it.each([
    ["CMP CATTP ADULTE CLERMONT L'HERAULT", "Clermont-l'Hérault", "CMP CATTP Adulte Clermont-l'Hérault"],
    ["CH CLERMONT L'HERAULT", "Clermont-l'Hérault", "CH Clermont-l'Hérault"],
    ['CMP CATTP ADULTE LODEVE', 'Lodève', 'CMP CATTP Adulte Lodève'],
    [
      'CMP PSY ADULTES ST PONS DE THOMIERES',
      'Saint-Pons-de-Thomières',
      'CMP Psy Adultes Saint-Pons-de-Thomières',
    ],
    ['CMP INFANTO JUVENILE PEZENAS', 'Pézenas', 'CMP Infanto Juvénile Pézenas'],
    ['CMPEA HJ ANNE FRANCK BEZIERS', 'Béziers', 'CMPEA HJ Anne Franck Béziers'],
    ["ASSOCIATION SANTE SOINS VAL D'HERAULT", 'Canet', "Association Santé Soins Val d'Hérault"],
    ['CDS DENTAIRE MUTUALISTE CLERMONT', "Clermont-l'Hérault", 'CDS Dentaire Mutualiste Clermont'],
    ["C.M.P. D'EXCIDEUIL", 'Excideuil', "C.M.P. d'Excideuil"],
    ['CMP ADULTES PONT-DE-ROIDE', 'Pont-de-Roide-Vermondans', 'CMP Adultes Pont-de-Roide'],
    ['CENTRE DE SANTE DENTAIRE NEW DENTAL', "Clermont-l'Hérault", 'Centre de Santé Dentaire New Dental'],
    ['HJ PIJ VILLA ST GEORGES MTP', 'Montpellier', 'HJ PIJ Villa Saint Georges MTP'],
    ['CMPP APAJH 11 LEZIGNAN CORBIERES', 'Lézignan-Corbières', 'CMPP APAJH 11 Lézignan-Corbières'],
  ])('%s → %s', (name, commune, expected) => {
    expect(offerDisplayName(name, commune)).toBe(expected);
  });

  it('keeps a name already written in lower and upper case', () => {
    expect(offerDisplayName('CPTS Centre Hérault')).toBe('CPTS Centre Hérault');
  });

  it('writes a name without its commune, and a first small word with a capital', () => {
    expect(offerDisplayName('LA MAISON DE SANTE DU LAC')).toBe('La Maison de Santé du Lac');
    expect(offerDisplayName('EHPAD LES OLIVIERS')).toBe('EHPAD les Oliviers');
  });
});

describe('offerKindLabel', () => {
  it('tells child and adolescent CMPs from adult ones, and leaves the others as their kind', () => {
    expect(offerKindLabel('cmp', ['enfants', 'adolescents']).short).toBe('CMP enfants et adolescents');
    expect(offerKindLabel('cmp', ['adultes'])).toEqual({
      short: 'CMP adultes',
      long: 'Centre médico-psychologique pour adultes',
    });
    expect(offerKindLabel('cmp', ['enfants', 'adultes']).short).toBe('CMP');
    expect(offerKindLabel('cmp', null).short).toBe('CMP');
    expect(offerKindLabel('msp', ['adultes']).short).toBe('MSP');
  });
});
