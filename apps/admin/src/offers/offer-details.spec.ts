import type { OfferDetail } from '@cls/api/schemas';
import { describe, expect, it } from 'vitest';
import { valuesOf } from '../shared/form-values.js';
import { detailsOf, inputsOf, offerChanges, offerRemovals, withParts } from './offer-details.js';
import { offerDetailFields } from './offer-fields.js';

const offer: OfferDetail = {
  id: 'finess-340017795',
  finess: '340017795',
  name: 'CENTRE HOSPITALIER DE CLERMONT',
  kind: 'hopital',
  address: '2 RUE DOCTEUR ROUX',
  postcode: '34800',
  commune: "Clermont-l'Hérault",
  communeInsee: '34079',
  phone: '0467960000',
  lon: 3.4312,
  lat: 43.6272,
  source: 'finess',
  emergency: null,
  verifiedOn: '2021-01-08',
  stale: true,
  coverage: [],
  support: [],
  category: { code: '355', label: 'Centre hospitalier' },
  openedOn: null,
  sourceDate: '2021-01-08',
  website: null,
  coverageNames: [],
  openingHours: null,
  publics: [],
  access: [],
  languages: [],
  services: [],
  wheelchair: null,
  teleconsultation: null,
  appointmentUrl: null,
  openNow: null,
  week: null,
};
const current = detailsOf(offer);

/** What the edit form gathers from `inputs` (all of them shown, as for a hospital). */
const edited = (inputs: Record<string, string>) =>
  valuesOf(
    Object.keys(inputs).map((name) => ({
      name,
      type: name.startsWith('position.') ? 'number' : name === 'emergency' ? 'checkbox' : undefined,
    })),
    inputs,
  );

describe('offerChanges', () => {
  it('finds nothing in an untouched form', () => {
    expect(offerChanges(current, edited(inputsOf(current)))).toEqual({});
  });

  it('sends a changed part whole, and the phone as the domain keeps it', () => {
    const inputs = { ...inputsOf(current), 'address.line': '', phone: '04 67 96 11 11', emergency: 'true' };
    expect(offerChanges(current, edited(inputs))).toEqual({
      address: { line: '', postcode: '34800', communeInsee: '34079', communeName: "Clermont-l'Hérault" },
      phone: '0467961111',
      emergency: true,
    });
  });

  it('keeps an invalid phone as typed, for the schema to report it', () => {
    expect(offerChanges(current, edited({ ...inputsOf(current), phone: '12' }))).toEqual({ phone: '12' });
  });
});

describe('withParts', () => {
  it('gives a new offer an address and a position to report missing values in', () => {
    expect(withParts({ name: 'Cabinet' })).toEqual({ name: 'Cabinet', address: { line: '' }, position: {} });
  });

  it('removes the phone an edit empties, and nothing the offer lacks', () => {
    const emptied = edited({ ...inputsOf(current), phone: '', website: '' });
    expect(offerRemovals(current, emptied as Record<string, unknown>)).toEqual(['phone']);
    expect(offerRemovals(current, edited(inputsOf(current)) as Record<string, unknown>)).toEqual([]);
  });

  it('drops « position approximative (commune) » once the coordinator moves the point, not before', () => {
    const atCentre = detailsOf({ ...offer, positionPrecision: 'commune' });
    const moved = edited({ ...inputsOf(atCentre), 'position.lon': '3.4329', 'position.lat': '43.6281' });
    expect(offerRemovals(atCentre, moved as Record<string, unknown>)).toEqual(['positionPrecision']);
    expect(offerRemovals(atCentre, edited(inputsOf(atCentre)) as Record<string, unknown>)).toEqual([]);
    expect(offerChanges(atCentre, edited(inputsOf(atCentre)))).toEqual({});
  });
});

describe('the practical facts in the edit form', () => {
  const fields = offerDetailFields('', {});
  /** What the form gathers with the practical fields' own parsing (boxes, yes/no, comma lists). */
  const gathered = (inputs: Record<string, string>) => valuesOf(fields, inputs);
  const withHours = detailsOf({
    ...offer,
    openingHours: 'Mo-Fr 09:00-17:00',
    publics: ['enfants', 'adolescents'],
    languages: ['anglais', 'LSF'],
    wheelchair: false,
  });

  it('fills the inputs from the offer and changes nothing when untouched', () => {
    const inputs = inputsOf(withHours);
    expect(inputs).toMatchObject({
      openingHours: 'Mo-Fr 09:00-17:00',
      publics: 'enfants,adolescents',
      languages: 'anglais, LSF',
      wheelchair: 'false',
      teleconsultation: '',
    });
    expect(offerChanges(withHours, gathered(inputs))).toEqual({});
  });

  it('sends what is ticked or typed, and removes what is emptied', () => {
    const inputs = {
      ...inputsOf(withHours),
      openingHours: '',
      publics: 'enfants',
      access: 'gratuit,anonyme',
      teleconsultation: 'true',
    };
    expect(offerChanges(withHours, gathered(inputs))).toEqual({
      publics: ['enfants'],
      access: ['gratuit', 'anonyme'],
      teleconsultation: true,
    });
    expect(offerRemovals(withHours, gathered(inputs))).toEqual(['openingHours']);
  });
});
