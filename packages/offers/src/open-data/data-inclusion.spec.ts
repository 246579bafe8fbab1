import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import {
  dataInclusionRow,
  e164,
  type PublishedOffer,
  SERVICE_COLUMNS,
  STRUCTURE_COLUMNS,
  serviceOfOffer,
  structureOfOffer,
} from './data-inclusion.js';

/** The schema's own JSON Schemas (fixtures/data-inclusion/README.md says where they come from). */
const schema = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`./fixtures/data-inclusion/${name}.json`, import.meta.url), 'utf8'),
  ) as object;

function dataInclusionValidators() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return { structure: ajv.compile(schema('structure')), service: ajv.compile(schema('service')) };
}

// The MSP of Lodève as the 2021 FINESS extract gives it (../shared/data/finess/etablissements.csv,
// FINESS 340028000), with the practical facts a coordinator may add.
const msp: PublishedOffer = {
  id: 'offer-340028000',
  name: 'MSP DU LODEVOIS',
  kind: 'msp',
  address: 'ESPLANADE DU FER A CHEVAL',
  postcode: '34700',
  commune: 'Lodève',
  communeInsee: '34142',
  phone: '0767616381',
  lon: 3.317829,
  lat: 43.733981,
  verifiedOn: '2021-01-08',
  coverage: [],
  openingHours: 'Mo-Fr 08:00-19:00; PH off',
  publics: ['enfants', 'adultes', 'femmes_enceintes'],
  access: ['sans_avance_de_frais', 'sur_rendez_vous'],
  services: ['vaccination', 'depistage_ist'],
  teleconsultation: true,
  appointmentUrl: 'https://rdv.example.fr/msp-lodevois',
};

const unknownCmp: PublishedOffer = {
  ...msp,
  id: 'offer-340021633',
  name: 'CMP ADULTES UNITE GIGNAC',
  kind: 'cmp',
  phone: null,
  postcode: null,
  communeInsee: null,
  openingHours: null,
  publics: [],
  access: [],
  services: [],
  teleconsultation: null,
  appointmentUrl: null,
};

describe('offers in the data·inclusion schema', () => {
  const validate = dataInclusionValidators();

  it('gives a structure and a service the schema accepts, for a well-described offer and an unknown one', () => {
    for (const offer of [msp, unknownCmp, { ...msp, kind: 'cpts' as const, coverage: ['34142', '34114'] }]) {
      const structure = structureOfOffer(offer);
      const service = serviceOfOffer(offer);
      expect(validate.structure(structure), JSON.stringify(validate.structure.errors)).toBe(true);
      expect(validate.service(service), JSON.stringify(validate.service.errors)).toBe(true);
      expect(service.structure_id).toBe(structure.id);
    }
  });

  it('maps what the directory knows and leaves the rest null', () => {
    expect(structureOfOffer(msp)).toMatchObject({
      source: 'cls',
      id: 'cls--offer-340028000',
      nom: 'MSP DU LODEVOIS',
      date_maj: '2021-01-08',
      code_insee: '34142',
      telephone: '+33767616381',
      horaires_accueil: 'Mo-Fr 08:00-19:00; PH off',
      siret: null,
      accessibilite_lieu: null,
      reseaux_porteurs: null,
    });
    expect(serviceOfOffer(msp)).toMatchObject({
      nom: 'Maison de santé pluriprofessionnelle',
      thematiques: ['sante--acces-aux-soins', 'sante--sante-sexuelle'],
      publics: ['femmes'],
      publics_precisions: 'Enfants, Adultes, Femmes enceintes',
      frais: null,
      frais_precisions: 'Sans avance de frais',
      conditions_acces: 'Sans avance de frais ; Sur rendez-vous',
      modes_accueil: ['en-presentiel', 'a-distance'],
      modes_mobilisation: ['telephoner', 'utiliser-lien-mobilisation'],
      lien_mobilisation: 'https://rdv.example.fr/msp-lodevois',
    });
    const cmp = serviceOfOffer(unknownCmp);
    expect(cmp).toMatchObject({
      thematiques: ['sante--sante-mentale'],
      publics: null,
      publics_precisions: null,
      frais: null,
      horaires_accueil: null,
      modes_mobilisation: null,
      mobilisable_par: null,
      telephone: null,
    });
    expect(structureOfOffer(unknownCmp).reseaux_porteurs).toEqual(['cmp']);
  });

  it('gives a CPTS its declared communes as eligibility and receives nobody there', () => {
    const cpts = serviceOfOffer({
      ...msp,
      kind: 'cpts',
      coverage: ['34142', '34114'],
      teleconsultation: null,
    });
    expect(cpts.zone_eligibilite).toEqual(['34142', '34114']);
    expect(cpts.modes_accueil).toBeNull();
  });

  it('says a practitioner practises liberally, and gives no coordinates for a commune’s centre', () => {
    const sageFemme: PublishedOffer = {
      ...unknownCmp,
      id: 'rpps-10000000001-test',
      name: 'Sage-femme',
      kind: 'sage_femme',
      practice: { profession: { label: 'Sage-Femme' }, mode: 'liberal' },
      positionPrecision: 'commune',
    };
    expect(serviceOfOffer(sageFemme)).toMatchObject({
      nom: 'Sage-femme',
      description: 'Sage-femme, exercice libéral à Lodève.',
      thematiques: ['sante--acces-aux-soins'],
      longitude: null,
      latitude: null,
      code_insee: null,
    });
    expect(structureOfOffer(sageFemme)).toMatchObject({
      nom: 'Sage-femme',
      longitude: null,
      commune: 'Lodève',
    });
    expect(validate.service(serviceOfOffer(sageFemme))).toBe(true);
  });

  it('writes phone numbers in E.164, overseas ones with their own country code', () => {
    expect(e164('0467883000')).toBe('+33467883000');
    expect(e164('0262905050')).toBe('+262262905050');
    expect(e164('0596552000')).toBe('+596596552000');
    expect(e164(null)).toBeNull();
  });

  it('writes CSV rows with empty cells for null and lists joined by commas', () => {
    const row = dataInclusionRow(serviceOfOffer(msp), SERVICE_COLUMNS);
    expect(row).toHaveLength(SERVICE_COLUMNS.length);
    expect(row[SERVICE_COLUMNS.indexOf('thematiques')]).toBe('sante--acces-aux-soins,sante--sante-sexuelle');
    expect(row[SERVICE_COLUMNS.indexOf('type')]).toBe('');
    expect(
      dataInclusionRow(structureOfOffer(msp), STRUCTURE_COLUMNS)[STRUCTURE_COLUMNS.indexOf('longitude')],
    ).toBe('3.317829');
  });
});
