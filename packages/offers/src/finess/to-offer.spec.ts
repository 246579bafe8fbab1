import { RegisterOfferSchema } from '@cls/domain';
import { describe, expect, it } from 'vitest';
import { sharedDataFile } from '../../test/shared-data.js';
import { CommuneDirectory, parseCommunesCsv } from '../communes.js';
import type { FinessEstablishment } from './establishment.js';
import { kindOfEstablishment } from './kinds.js';
import { parseFinessExtract } from './parse-extract.js';
import { addressLine, offerOfEstablishment } from './to-offer.js';

const HOSPITAL: FinessEstablishment = {
  line: 2,
  finess: '340785161',
  legalEntity: '340780477',
  name: 'HOPITAL LAPEYRONIE CHU MONTPELLIER',
  longName: '',
  categoryCode: '101',
  categoryLabel: 'Centre Hospitalier Régional (C.H.R.)',
  aggregateCode: '1101',
  aggregateLabel: 'Centres Hospitaliers Régionaux',
  streetNumber: '371',
  streetType: 'AV',
  street: 'DU DOYEN GASTON GIRAUD',
  streetComplement: '',
  locality: '',
  communeInsee: '34172',
  postcode: '34295',
  city: 'MONTPELLIER CEDEX 5',
  phone: '0467336733',
  siret: '26340016000010',
  openedOn: '1983-11-01',
  lon: 3.903973,
  lat: 43.62027,
  geoSource: 'finess_lambert93',
};

describe('offerOfEstablishment', () => {
  it('makes the offer FINESS describes', () => {
    expect(
      offerOfEstablishment(HOSPITAL, 'hopital', (insee) => (insee === '34172' ? 'Montpellier' : undefined)),
    ).toEqual({
      offerId: 'finess-340785161',
      finess: '340785161',
      source: 'finess',
      kind: 'hopital',
      name: 'HOPITAL LAPEYRONIE CHU MONTPELLIER',
      address: {
        line: '371 AVENUE DU DOYEN GASTON GIRAUD',
        postcode: '34295',
        communeInsee: '34172',
        communeName: 'Montpellier',
      },
      position: { lon: 3.903973, lat: 43.62027 },
      phone: '0467336733',
      category: { code: '101', label: 'Centre Hospitalier Régional (C.H.R.)' },
      openedOn: '1983-11-01',
    });
  });

  it('prefers the long name, and falls back on the postal city without its CEDEX', () => {
    const offer = offerOfEstablishment(
      { ...HOSPITAL, longName: 'HÔPITAL LAPEYRONIE - CHU DE MONTPELLIER' },
      'hopital',
    );
    expect(offer.name).toBe('HÔPITAL LAPEYRONIE - CHU DE MONTPELLIER');
    expect(offer.address.communeName).toBe('MONTPELLIER');
    expect(offer.emergency).toBeUndefined();
  });

  it('leaves out what FINESS does not know', () => {
    const offer = offerOfEstablishment({ ...HOSPITAL, phone: '', openedOn: '', postcode: '' }, 'hopital');
    expect(Object.keys(offer)).not.toContain('phone');
    expect(Object.keys(offer)).not.toContain('openedOn');
    expect(Object.keys(offer.address)).not.toContain('postcode');
  });

  it('spells out the street type, and adds the complement and the lieu-dit or BP', () => {
    const line = (parts: Partial<FinessEstablishment>) => addressLine({ ...HOSPITAL, ...parts });
    expect(
      line({
        streetNumber: '52',
        streetComplement: 'B',
        streetType: 'AV',
        street: 'ACHILLE MIR',
        locality: 'CS 40001',
      }),
    ).toBe('52 B AVENUE ACHILLE MIR, CS 40001');
    expect(line({ streetNumber: '', streetType: 'CRS', street: 'DE LA CHICANE', locality: 'BP 97' })).toBe(
      'COURS DE LA CHICANE, BP 97',
    );
    expect(line({ streetNumber: '1', streetType: 'ZA', street: 'LES CONDAMINES' })).toBe(
      '1 ZA LES CONDAMINES',
    );
    expect(line({ streetNumber: '', streetType: 'LD', street: 'FONFREGE' })).toBe('LIEU-DIT FONFREGE');
    expect(line({ streetNumber: '', streetType: '', street: '', locality: 'LE BOURG' })).toBe('LE BOURG');
  });

  it('passes RegisterOffer once dated', () => {
    const result = RegisterOfferSchema.safeParse({
      ...offerOfEstablishment(HOSPITAL, 'hopital'),
      verifiedOn: '2021-01-08',
    });
    expect(result.error?.issues).toBeUndefined();
  });
});

const extract = sharedDataFile('finess/etablissements.csv');
const reference = sharedDataFile('finess/health-offers.geojson');
const communes = sharedDataFile('geo/communes.csv');

interface ReferenceFeature {
  geometry: { coordinates: [number, number] };
  properties: Record<
    'finess' | 'name' | 'address' | 'postcode' | 'commune_insee' | 'commune_name' | 'phone',
    string
  >;
}

describe.skipIf(!extract || !reference || !communes)('the 508 offers of the extract', () => {
  // The body runs even when skipped (to list the tests): read nothing then.
  const directory = new CommuneDirectory(communes ? parseCommunesCsv(communes.toString('utf8')) : []);
  const features = new Map(
    (reference
      ? (JSON.parse(reference.toString('utf8')) as { features: ReferenceFeature[] }).features
      : []
    ).map((feature) => [feature.properties.finess, feature]),
  );
  const establishments = extract ? parseFinessExtract(extract).establishments : [];
  const offers = establishments.flatMap((e) => {
    const kind = kindOfEstablishment(e);
    return kind ? [offerOfEstablishment(e, kind, (insee) => directory.get(insee)?.name)] : [];
  });

  it('are described as health-offers.geojson describes them', () => {
    expect(offers).toHaveLength(508);
    for (const offer of offers) {
      const { properties, geometry } = features.get(offer.finess) as ReferenceFeature;
      expect(
        [
          offer.name,
          offer.address.line,
          offer.address.postcode,
          offer.address.communeInsee,
          offer.address.communeName,
        ],
        offer.finess,
      ).toEqual([
        properties.name,
        properties.address,
        properties.postcode,
        properties.commune_insee,
        properties.commune_name,
      ]);
      expect(offer.phone ?? '', offer.finess).toBe(properties.phone);
      expect([offer.position.lon, offer.position.lat]).toEqual(geometry.coordinates);
    }
  });

  it('each pass RegisterOffer once dated with the extract', () => {
    for (const offer of offers) {
      const result = RegisterOfferSchema.safeParse({ ...offer, verifiedOn: '2021-01-08' });
      expect(result.error?.issues, offer.finess).toBeUndefined();
    }
  });
});

describe('offerOfEstablishment: whom a CMP receives, from its FINESS name', () => {
  const cmp = (name: string, categoryCode = '156') => ({ ...HOSPITAL, name, categoryCode });
  it('says children and adolescents, or adults, and nothing for an ambiguous name or another kind', () => {
    expect(offerOfEstablishment(cmp('CMPEA HJ PIJ GIGNAC'), 'cmp').publics).toEqual([
      'enfants',
      'adolescents',
    ]);
    expect(offerOfEstablishment(cmp('CMP CATTP ADULTE LODEVE'), 'cmp').publics).toEqual(['adultes']);
    expect(offerOfEstablishment(cmp('CMPP LA CORNICHE', '189'), 'cmpp').publics).toEqual([
      'enfants',
      'adolescents',
    ]);
    expect(offerOfEstablishment(cmp('CMP 11 SITE PERREAL BEZIERS'), 'cmp').publics).toBeUndefined();
    expect(offerOfEstablishment(HOSPITAL, 'hopital').publics).toBeUndefined();
    expect(
      RegisterOfferSchema.safeParse({
        ...offerOfEstablishment(cmp('CMPEA AGDE'), 'cmp'),
        verifiedOn: '2021-01-08',
      }).success,
    ).toBe(true);
  });
});
