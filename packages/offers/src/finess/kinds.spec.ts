import type { OfferKind } from '@cls/domain';
import { describe, expect, it } from 'vitest';
import { sharedDataFile } from '../../test/shared-data.js';
import { kindOfEstablishment } from './kinds.js';
import { parseFinessExtract } from './parse-extract.js';

const kind = (categoryCode: string, name = 'ETABLISSEMENT') => kindOfEstablishment({ categoryCode, name });

describe('kindOfEstablishment: one kind per category', () => {
  it.each([
    ['603', 'msp'],
    ['124', 'centre_sante'],
    ['604', 'cpts'],
    ['156', 'cmp'],
    ['425', 'cattp'],
    ['189', 'cmpp'],
    ['197', 'csapa'],
    ['178', 'caarud'],
    ['223', 'pmi'],
    ['230', 'pmi'],
    ['190', 'camsp'],
    ['228', 'planification'],
    ['231', 'planification'],
    ['365', 'clinique'],
    ['128', 'clinique'],
    ['129', 'clinique'],
    ['101', 'hopital'],
    ['355', 'hopital'],
    ['106', 'hopital'],
    ['292', 'psychiatrie'],
    ['161', 'psychiatrie'],
  ] as Array<[string, OfferKind]>)('category %s is %s', (category, expected) => {
    expect(kind(category)).toBe(expected);
  });

  it('leaves out pharmacies, nursing homes and other categories', () => {
    expect([kind('620'), kind('500'), kind('460'), kind('')]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('does not rename a category-defined offer by its name', () => {
    expect(kind('124', 'CENTRE DE SANTE AHS FC CLAT')).toBe('centre_sante');
    expect(kind('156', 'HJ PSY ADULTES Y BERTHERAT')).toBe('cmp');
  });
});

describe('kindOfEstablishment: hospital sites by name', () => {
  it('finds CMPs: CMP, CMPEA, CMPA, guidance infantile, spelt out', () => {
    expect(kind('101', 'CMP CATTP ADULTE CLERMONT L’HERAULT')).toBe('cmp');
    expect(kind('355', 'CMPEA HJ ANNE FRANCK BEZIERS')).toBe('cmp');
    expect(kind('292', 'CHS ST REMY ET NFC CMPA MONTBELIARD')).toBe('cmp');
    expect(kind('292', 'CENTRE GUIDANCE INFANTILE CHS')).toBe('cmp');
    expect(kind('355', 'CENTRE MÉDICO-PSYCHOLOGIQUE DU CH')).toBe('cmp');
    expect(kind('292', 'CATTP JULES VERNE- CMP LE PATIO')).toBe('cmp');
  });

  it('does not take a CMPP for a CMP', () => {
    expect(kind('355', 'CMPP DU CH')).toBe('hopital');
  });

  it('finds CATTPs without CMP, even in a psychiatric day hospital', () => {
    expect(kind('101', 'HJ PSY ADULTES CATTP LES 2 LIONS')).toBe('cattp');
  });

  it('finds family planning and screening centres', () => {
    expect(kind('355', 'CENTRE PLANIF CASTELNAUDARY')).toBe('planification');
    expect(kind('355', 'CENTRE DE PLANIFICATION CH BEZIERS')).toBe('planification');
    expect(kind('355', 'PLANNING FAMILIAL DU CH')).toBe('planification');
    expect(kind('101', 'CEGIDD SITE ST ELOI')).toBe('depistage');
    expect(kind('355', 'CH NARBONNE CDAG')).toBe('depistage');
    expect(kind('355', 'CTRE DEPISTAGE GRATUIT SIDA HEPATITES')).toBe('depistage');
  });

  it('finds psychiatry: PSY…, PIJ, infanto-juvénile, children’s day hospitals', () => {
    expect(kind('101', 'HJ PIJ VILLA ST GEORGES MTP')).toBe('psychiatrie');
    expect(kind('355', 'CENTRE PSYCHOTHERAPIE CAMILLE CLAUDEL')).toBe('psychiatrie');
    expect(kind('355', 'PSYCHIATRIE ADULTE CHI HTE COMTE')).toBe('psychiatrie');
    expect(kind('355', 'HOPITAL DE JOUR ENFANTS LES NYMPHEAS')).toBe('psychiatrie');
    expect(kind('355', 'CH NARBONNE HJ BROSSOLETTE')).toBe('hopital');
    expect(kind('101', 'CHS LA COLOMBIERE CHU MONTPELLIER')).toBe('hopital');
  });

  it('leaves out the sites a resident does not go to', () => {
    for (const name of [
      'CHU MTP PF TELEPHONE SAMU VAILHAUQUES',
      'CH CARCASSONNE SMUR ANTENNE QUILLAN',
      'PHARMACIE EUROMEDECINE CHU MTP',
      'UCSA PENITENTIAIRE',
      'UNITE CONSULTATIONS SOINS AMBULATOIRES',
      'CLAT SITE ARNAUD DE VILLENEUVE CHU MTP',
      'CONSULTATIONS DEPART ANTI TUBERCULEUSE',
      'HAD CH BEZIERS',
    ]) {
      expect(kind('355', name), name).toBeUndefined();
    }
    expect(kind('365', 'IMAGERIE MED - SITE FRANCHEVILLE')).toBeUndefined();
    expect(kind('365', 'POLYCLINIQUE FRANCHEVILLE')).toBe('clinique');
  });
});

const extract = sharedDataFile('finess/etablissements.csv');
const reference = sharedDataFile('finess/health-offers.geojson');

describe.skipIf(!extract || !reference)('kindOfEstablishment on the whole extract', () => {
  it('gives exactly the 508 (finess, kind) pairs of health-offers.geojson', () => {
    const features = (
      JSON.parse((reference as Buffer).toString('utf8')) as {
        features: Array<{ properties: { finess: string; kind: string } }>;
      }
    ).features;
    const expected = features.map(({ properties }) => `${properties.finess} ${properties.kind}`).sort();
    const found = parseFinessExtract(extract as Buffer)
      .establishments.flatMap((e) => {
        const offerKind = kindOfEstablishment(e);
        return offerKind ? [`${e.finess} ${offerKind}`] : [];
      })
      .sort();
    expect(expected).toHaveLength(508);
    expect(found).toEqual(expected);
  });
});
