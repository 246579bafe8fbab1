import { describe, expect, it } from 'vitest';
import {
  directionsUrl,
  formatAddress,
  formatApproximateDistance,
  formatDistance,
  geoUri,
  openedYear,
  sameLabel,
  supportedBy,
} from './format.js';

describe('an offer card’s links and figures', () => {
  it('links to directions with a geo: URI labelled with the name', () => {
    expect(geoUri({ lon: 3.4312345678, lat: 43.6275, name: 'MSP de Clermont (Hérault)' })).toBe(
      'geo:43.6275,3.431235?q=43.6275,3.431235(MSP%20de%20Clermont%20H%C3%A9rault)',
    );
  });

  it('links to directions on a web page that desktops and iPhones open too', () => {
    expect(directionsUrl({ lon: 3.4312345678, lat: 43.6275 })).toBe(
      'https://www.openstreetmap.org/directions?route=%3B43.6275%2C3.431235#map=15/43.6275/3.431235',
    );
  });

  it('gives the year an offer opened, not FINESS’s placeholders for an unknown date', () => {
    expect(openedYear('2013-02-26')).toBe('2013');
    expect(openedYear('1904-04-04')).toBeUndefined();
    expect(openedYear('1900-01-01')).toBeUndefined();
    expect(openedYear(null)).toBeUndefined();
  });

  it('writes distances in metres near by, with one decimal under 10 km', () => {
    expect(formatDistance(0.004)).toBe('10 m');
    expect(formatDistance(0.344)).toBe('340 m');
    expect(formatDistance(3.46)).toBe('3,5 km');
    expect(formatDistance(23.4)).toBe('23 km');
  });

  it('rounds a distance to a commune’s centre to the kilometre, and says it is one', () => {
    expect(formatApproximateDistance(0.01)).toBe('environ 1 km');
    expect(formatApproximateDistance(8.4)).toBe('environ 8 km');
  });

  it('writes the address on one line, as people write it, without empty parts', () => {
    expect(
      formatAddress({ address: '1 RUE DU PUITS', postcode: '34800', commune: "Clermont-l'Hérault" }),
    ).toBe("1 Rue du Puits, 34800 Clermont-l'Hérault");
    // Real FINESS lines (MSP du Lodévois, CH Clermont-l'Hérault).
    expect(
      formatAddress({ address: 'ESPLANADE DU FER A CHEVAL', postcode: '34700', commune: 'Lodève' }),
    ).toBe('Esplanade du Fer à Cheval, 34700 Lodève');
    expect(
      formatAddress({
        address: 'COURS DE LA CHICANE, BP 97',
        postcode: '34800',
        commune: "Clermont-l'Hérault",
      }),
    ).toBe("Cours de la Chicane, BP 97, 34800 Clermont-l'Hérault");
    expect(formatAddress({ address: '', postcode: null, commune: 'Pays Cœur d’Hérault' })).toBe(
      'Pays Cœur d’Hérault',
    );
  });

  it('writes the Annuaire Santé’s address, its type spelt out before a name in capitals, in one case', () => {
    // As the import writes the real line of Pontarlier's hospital (packages/offers, REAL_RPPS_LINES).
    expect(
      formatAddress({
        address: '2 Faubourg SAINT ETIENNE, CS 10329',
        postcode: '25304',
        commune: 'Pontarlier',
        source: 'rpps',
      }),
    ).toBe('2 Faubourg Saint Etienne, CS 10329, 25304 Pontarlier');
    // A coordinator's own writing is left as typed.
    expect(
      formatAddress({ address: '2 rue de la Gare', postcode: null, commune: 'Lodève', source: 'manual' }),
    ).toBe('2 rue de la Gare, Lodève');
  });

  it('tells a FINESS category that only repeats the kind', () => {
    expect(
      sameLabel('Protection Maternelle et Infantile (P.M.I.)', 'Protection maternelle et infantile'),
    ).toBe(true);
    expect(sameLabel('Centre Médico-Psychologique (C.M.P.)', 'Centre médico-psychologique')).toBe(true);
    expect(sameLabel('Maison de santé (L.6223-3)', 'Maison de santé pluriprofessionnelle')).toBe(false);
  });

  it('says « Contrat Local de Santé » once before the contract’s name', () => {
    expect(supportedBy("Contrat Local de Santé du Pays Cœur d'Hérault 2024-2029")).toBe('Soutenu par le');
    expect(supportedBy("Cœur d'Hérault 2024-2029")).toBe('Soutenu par le Contrat Local de Santé');
  });
});
