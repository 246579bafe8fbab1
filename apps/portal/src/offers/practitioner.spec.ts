import { describe, expect, it } from 'vitest';
import {
  addressGeoUri,
  addressSearchUrl,
  isApproximate,
  offerTitle,
  practiceLine,
  savoirFaire,
} from './practitioner.js';

const midwife = {
  kind: 'sage_femme' as const,
  practice: { profession: { code: '50', label: 'Sage-Femme' }, mode: 'liberal' as const },
};
const doctor = {
  kind: 'medecin_generaliste' as const,
  practice: {
    profession: { code: '10', label: 'Médecin' },
    mode: 'liberal' as const,
    savoirFaire: { code: 'SM54', label: 'Médecine générale' },
  },
};

describe('a practitioner’s offer on the portal', () => {
  it('is called by the practitioner’s name, written as people write names', () => {
    expect(offerTitle({ name: 'CABINET', commune: 'Lodève', practitioner: 'ISABELLE DE RUIJTER' })).toBe(
      'Isabelle de Ruijter',
    );
    expect(offerTitle({ name: 'MSP DU LODEVOIS', commune: 'Lodève', practitioner: null })).toBe(
      'MSP du Lodevois',
    );
  });

  it('says the profession as the kinds name it, and liberal practice', () => {
    expect(practiceLine(midwife)).toBe('Sage-femme, exercice libéral');
    expect(practiceLine(doctor)).toBe('Médecin généraliste, exercice libéral');
    expect(practiceLine({ kind: 'msp', practice: null })).toBeUndefined();
  });

  it('adds the savoir-faire only when it says more than the profession', () => {
    expect(savoirFaire(doctor)).toBe('Médecine générale');
    expect(savoirFaire(midwife)).toBeUndefined();
    expect(
      savoirFaire({
        kind: 'sage_femme',
        practice: { ...midwife.practice, savoirFaire: { code: 'X', label: 'SAGE-FEMME' } },
      }),
    ).toBeUndefined();
  });

  it('is approximate only when the point is the commune’s centre, as the data says', () => {
    expect(isApproximate({ positionPrecision: 'commune' })).toBe(true);
    expect(isApproximate({ positionPrecision: 'address' })).toBe(false);
    expect(isApproximate({ positionPrecision: null })).toBe(false);
    expect(isApproximate({})).toBe(false);
  });

  it('looks the address up rather than routing to the commune’s centre', () => {
    expect(addressSearchUrl('12 Rue du Puits, 34800 Clermont-l’Hérault')).toBe(
      'https://www.openstreetmap.org/search?query=12%20Rue%20du%20Puits%2C%2034800%20Clermont-l%E2%80%99H%C3%A9rault',
    );
    expect(addressGeoUri('12 Rue du Puits, 34800 Clermont')).toBe(
      'geo:0,0?q=12%20Rue%20du%20Puits%2C%2034800%20Clermont',
    );
  });
});
