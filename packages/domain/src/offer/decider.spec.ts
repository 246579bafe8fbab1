import { describe, expect, it } from 'vitest';
import { DeciderSpecification } from '../decider-specification.js';
import { PhoneSchema, RegisterOfferSchema, UpdateOfferSchema } from './commands.js';
import { changedOfferDetails, isOfferStale, offerDecider } from './decider.js';
import type { OfferEvent, OfferRegistered } from './events.js';

const spec = DeciderSpecification.for(offerDecider);
const offerId = 'finess-340017795';

const registeredData: OfferRegistered['data'] = {
  offerId,
  source: 'finess',
  finess: '340017795',
  kind: 'msp',
  name: 'MSP DE CLERMONT L’HÉRAULT',
  address: {
    line: '2 RUE DOCTEUR ROUX',
    postcode: '34800',
    communeInsee: '34079',
    communeName: "Clermont-l'Hérault",
  },
  position: { lon: 3.4312, lat: 43.6272 },
  phone: '0467960000',
  category: { code: '603', label: 'Maison de santé (L.6223-3)' },
  verifiedOn: '2021-01-08',
};
const registered: OfferEvent = {
  type: 'OfferRegistered',
  data: registeredData,
  occurredAt: '2021-01-08T00:00:00.000Z',
};
const cpts: OfferEvent = {
  type: 'OfferRegistered',
  data: {
    ...registeredData,
    offerId: 'cpts-centre-herault',
    source: 'manual',
    kind: 'cpts',
    name: 'CPTS Centre Hérault',
  },
  occurredAt: '2021-01-08T00:00:00.000Z',
};
const closed: OfferEvent = {
  type: 'OfferClosed',
  data: { offerId, closedOn: '2024-06-30', reason: 'fermeture' },
  occurredAt: '2024-06-30T00:00:00.000Z',
};

describe('Offer decider', () => {
  describe('RegisterOffer', () => {
    const command = { type: 'RegisterOffer' as const, ...registeredData };
    it('registers an offer from FINESS, dated by the extract', () =>
      spec.given([]).when(command).thenEmits([registered]));
    it('refuses to register it twice', () =>
      spec.given([registered]).when(command).thenRefuses('already_exists'));
    it('refuses a FINESS offer without its number', () => {
      const { finess: _, ...withoutNumber } = command;
      spec
        .given([])
        .when(withoutNumber)
        .thenRefuses('invalid_value', /numéro FINESS/);
    });
  });

  describe('RegisterOffer of a practitioner (RPPS)', () => {
    // A liberal practice site (a made-up practitioner): the offer is the practice, the practitioner a person whose
    // name the log seals with the key of `person-rpps-<Identifiant PP>`.
    const practitionerData: OfferRegistered['data'] = {
      offerId: 'rpps-10000000001-c1000000000100',
      source: 'rpps',
      rpps: '10000000001',
      kind: 'sage_femme',
      name: 'Cabinet de sage-femme',
      address: { line: '', postcode: '34500', communeInsee: '34032', communeName: 'Béziers' },
      position: { lon: 3.2131, lat: 43.3476 },
      positionPrecision: 'commune',
      practice: { profession: { code: '50', label: 'Sage-Femme' }, mode: 'liberal' },
      verifiedOn: '2026-11-30',
    };
    const command = {
      type: 'RegisterOffer' as const,
      ...practitionerData,
      practitioner: { name: 'Camille Exemple' },
    };
    it('names the practitioner with the subject of their RPPS number, whichever site', () =>
      spec
        .given([])
        .when(command)
        .thenEmits([
          {
            type: 'OfferRegistered',
            data: {
              ...practitionerData,
              practitioner: { name: 'Camille Exemple', personId: 'person-rpps-10000000001' },
            },
            occurredAt: '2026-11-30T00:00:00.000Z',
          },
        ]));
    it('refuses an RPPS offer without the practitioner’s number or profession', () => {
      const { rpps: _, ...withoutNumber } = command;
      spec
        .given([])
        .when(withoutNumber)
        .thenRefuses('invalid_value', /identifiant RPPS/);
      const { practice: __, ...withoutPractice } = command;
      spec
        .given([])
        .when(withoutPractice)
        .thenRefuses('invalid_value', /profession/);
    });
    it('refuses a practitioner named without an RPPS number', () =>
      spec
        .given([])
        .when({ ...command, source: 'manual' as const, rpps: undefined })
        .thenRefuses('invalid_value', /identifiant RPPS/));
    it('records a change of the practitioner’s name (the sender compared the opened name)', () =>
      spec
        .given([{ type: 'OfferRegistered', data: practitionerData, occurredAt: '2026-11-30T00:00:00.000Z' }])
        .when({
          type: 'UpdateOffer',
          offerId: practitionerData.offerId,
          changes: {},
          practitioner: { name: 'Camille Autre-Nom', personId: 'person-someone-else' },
          verifiedOn: '2026-12-01',
        })
        .thenEmits([
          {
            type: 'OfferUpdated',
            data: {
              offerId: practitionerData.offerId,
              changes: {},
              practitioner: { name: 'Camille Autre-Nom', personId: 'person-rpps-10000000001' },
              verifiedOn: '2026-12-01',
            },
            occurredAt: '2026-12-01T00:00:00.000Z',
          },
        ]));
    it('refuses a practitioner on an offer that is not one', () =>
      spec
        .given([registered])
        .when({
          type: 'UpdateOffer',
          offerId,
          changes: {},
          practitioner: { name: 'Camille Autre-Nom' },
          verifiedOn: '2026-12-01',
        })
        .thenRefuses('invalid_value', /praticien/));
    it('checks the RPPS number and the practice in the schema, in French', () => {
      const parsed = RegisterOfferSchema.safeParse({
        ...command,
        rpps: '0012600631',
        practice: { profession: { code: '50', label: 'Sage-Femme' }, mode: 'salarie' },
      });
      expect(parsed.success).toBe(false);
      const messages = parsed.error?.issues.map((issue) => issue.message) ?? [];
      expect(messages).toContain('numéro RPPS (identifiant PP) : 11 chiffres (ex. 10001045367)');
      expect(messages).toContain('mode d’exercice : liberal');
    });
  });

  describe('UpdateOffer', () => {
    it('keeps only the fields that change', () =>
      spec
        .given([registered])
        .when({
          type: 'UpdateOffer',
          offerId,
          changes: { name: registeredData.name, phone: '0467961111' },
          verifiedOn: '2026-01-10',
        })
        .thenEmits([
          {
            type: 'OfferUpdated',
            data: { offerId, changes: { phone: '0467961111' }, verifiedOn: '2026-01-10' },
            occurredAt: '2026-01-10T00:00:00.000Z',
          },
        ]));
    it('removes a phone the offer no longer has, and ignores removing what it lacks', () =>
      spec
        .given([registered])
        .when({
          type: 'UpdateOffer',
          offerId,
          changes: {},
          remove: ['phone', 'website'],
          verifiedOn: '2026-01-10',
        })
        .thenEmits([
          {
            type: 'OfferUpdated',
            data: { offerId, changes: {}, removed: ['phone'], verifiedOn: '2026-01-10' },
            occurredAt: '2026-01-10T00:00:00.000Z',
          },
        ]));
    it('refuses a change that changes nothing', () =>
      spec
        .given([registered])
        .when({
          type: 'UpdateOffer',
          offerId,
          changes: { name: registeredData.name },
          verifiedOn: '2026-01-10',
        })
        .thenRefuses('already_done'));
    it('refuses to change a closed offer', () =>
      spec
        .given([registered, closed])
        .when({ type: 'UpdateOffer', offerId, changes: { name: 'Autre' }, verifiedOn: '2026-01-10' })
        .thenRefuses('invalid_status'));
    it('records the practical facts a coordinator enters: hours, publics, access, languages…', () =>
      spec
        .given([registered])
        .when({
          type: 'UpdateOffer',
          offerId,
          changes: {
            openingHours: 'Mo-Fr 09:00-17:00; PH off',
            publics: ['enfants', 'adolescents'],
            access: ['sur_rendez_vous', 'sans_avance_de_frais'],
            languages: ['anglais', 'LSF'],
            wheelchair: true,
            teleconsultation: false,
            services: ['vaccination'],
            appointmentUrl: 'https://rdv.example.fr/msp',
          },
          verifiedOn: '2026-01-10',
        })
        .thenEmits([
          {
            type: 'OfferUpdated',
            data: {
              offerId,
              changes: {
                openingHours: 'Mo-Fr 09:00-17:00; PH off',
                publics: ['enfants', 'adolescents'],
                access: ['sur_rendez_vous', 'sans_avance_de_frais'],
                languages: ['anglais', 'LSF'],
                wheelchair: true,
                teleconsultation: false,
                services: ['vaccination'],
                appointmentUrl: 'https://rdv.example.fr/msp',
              },
              verifiedOn: '2026-01-10',
            },
            occurredAt: '2026-01-10T00:00:00.000Z',
          },
        ]));
    it('clears hours and publics a coordinator no longer vouches for', () =>
      spec
        .given([
          registered,
          {
            type: 'OfferUpdated',
            data: {
              offerId,
              changes: { openingHours: '24/7', publics: ['adultes'] },
              verifiedOn: '2026-01-10',
            },
            occurredAt: '2026-01-10T00:00:00.000Z',
          },
        ])
        .when({
          type: 'UpdateOffer',
          offerId,
          changes: {},
          remove: ['openingHours', 'publics', 'services'],
          verifiedOn: '2026-02-10',
        })
        .thenEmits([
          {
            type: 'OfferUpdated',
            data: { offerId, changes: {}, removed: ['openingHours', 'publics'], verifiedOn: '2026-02-10' },
            occurredAt: '2026-02-10T00:00:00.000Z',
          },
        ]));
    it('refuses hours the opening_hours syntax cannot read: nothing appended', () =>
      spec
        .given([registered])
        .when({
          type: 'UpdateOffer',
          offerId,
          changes: { openingHours: 'lundi de 9h à 17h' },
          verifiedOn: '2026-01-10',
        })
        .thenRefuses('invalid_value', /horaires : syntaxe non reconnue/));
    it('refuses to register an offer whose hours cannot be read', () =>
      spec
        .given([])
        .when({ type: 'RegisterOffer', ...registeredData, openingHours: 'tous les jours' })
        .thenRefuses('invalid_value', /horaires/));
    it('refuses an offer that does not exist', () =>
      spec
        .given([])
        .when({ type: 'UpdateOffer', offerId, changes: { name: 'Autre' }, verifiedOn: '2026-01-10' })
        .thenRefuses('not_found'));
  });

  describe('VerifyOffer', () => {
    it('records a later verification', () =>
      spec
        .given([registered])
        .when({ type: 'VerifyOffer', offerId, verifiedOn: '2026-11-25' })
        .thenEmits([
          {
            type: 'OfferVerified',
            data: { offerId, verifiedOn: '2026-11-25' },
            occurredAt: '2026-11-25T00:00:00.000Z',
          },
        ]));
    it('refuses a verification older than the last one', () =>
      spec
        .given([registered])
        .when({ type: 'VerifyOffer', offerId, verifiedOn: '2020-01-01' })
        .thenRefuses('already_done'));
  });

  describe('DeclareCoverage', () => {
    it('records the communes of a CPTS, sorted and once each', () =>
      spec
        .given([cpts])
        .when({
          type: 'DeclareCoverage',
          offerId: 'cpts-centre-herault',
          communes: ['34079', '34028', '34079'],
          declaredOn: '2024-05-01',
        })
        .thenEmits([
          {
            type: 'CoverageDeclared',
            data: { offerId: 'cpts-centre-herault', communes: ['34028', '34079'], declaredOn: '2024-05-01' },
            occurredAt: '2024-05-01T00:00:00.000Z',
          },
        ]));
    it('refuses communes for an offer that is not a CPTS', () =>
      spec
        .given([registered])
        .when({ type: 'DeclareCoverage', offerId, communes: ['34079'], declaredOn: '2024-05-01' })
        .thenRefuses('invalid_value', /CPTS/));
  });

  describe('LinkOfferToAction', () => {
    const link = {
      type: 'LinkOfferToAction' as const,
      offerId,
      actionId: 'a-1',
      contractId: 'cls-coeur-herault-2024',
    };
    it('links the offer to an action of the contract', () =>
      spec
        .given([registered])
        .when(link, { action: { contractId: 'cls-coeur-herault-2024' } })
        .thenEmits([
          { type: 'OfferLinkedToAction', data: { offerId, actionId: 'a-1', contractId: link.contractId } },
        ]));
    it('refuses an action of another contract', () =>
      spec
        .given([registered])
        .when(link, { action: { contractId: 'cls-carcassonne' } })
        .thenRefuses('invalid_value', /n’appartient pas/));
    it('refuses an unknown action', () =>
      spec.given([registered]).when(link, {}).thenRefuses('invalid_value'));
    it('refuses the same link twice', () =>
      spec
        .given([
          registered,
          { type: 'OfferLinkedToAction', data: { offerId, actionId: 'a-1', contractId: link.contractId } },
        ])
        .when(link, { action: { contractId: 'cls-coeur-herault-2024' } })
        .thenRefuses('already_done'));
  });

  it('closes an open offer, once', () => {
    spec
      .given([registered])
      .when({ type: 'CloseOffer', offerId, closedOn: '2024-06-30', reason: 'fermeture' })
      .thenEmits([closed]);
    spec
      .given([registered, closed])
      .when({ type: 'CloseOffer', offerId, closedOn: '2024-07-30', reason: '' })
      .thenRefuses('invalid_status');
  });

  it('compares details whatever the order of their keys', () => {
    const { address } = registeredData;
    const reordered = {
      communeName: address.communeName,
      communeInsee: address.communeInsee,
      postcode: address.postcode,
      line: address.line,
    };
    expect(changedOfferDetails(registeredData, { address: reordered })).toEqual({});
    expect(changedOfferDetails(registeredData, { address: { ...reordered, line: '3 RUE' } })).toEqual({
      address: { ...reordered, line: '3 RUE' },
    });
  });

  it('flags offers not verified for longer than allowed', () => {
    expect(isOfferStale('2025-11-25', '2026-11-25', 365)).toBe(false);
    expect(isOfferStale('2025-11-24', '2026-11-25', 365)).toBe(true);
    expect(isOfferStale(undefined, '2026-11-25', 365)).toBe(true);
  });

  it('normalises phone numbers and checks the register schema', () => {
    expect(PhoneSchema.parse('+33 4 67 96 00 00')).toBe('0467960000');
    expect(PhoneSchema.safeParse('12').success).toBe(false);
    const parsed = RegisterOfferSchema.safeParse({ ...registeredData, position: { lon: 200, lat: 43 } });
    expect(parsed.success).toBe(false);
  });

  it('checks the practical fields in the schema, with French messages', () => {
    const bad = UpdateOfferSchema.safeParse({
      offerId,
      changes: { openingHours: 'Lu-Ve 9h-17h', publics: ['bebes'], languages: ['x'.repeat(41)] },
      verifiedOn: '2026-01-10',
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['changes.openingHours', expect.stringMatching(/^horaires : syntaxe non reconnue \(ex\. Mo-Fr/)],
      ['changes.publics.0', 'public inconnu'],
      ['changes.languages.0', 'langue : 40 caractères au plus'],
    ]);
    const good = UpdateOfferSchema.safeParse({
      offerId,
      changes: { openingHours: ' Mo-Fr 08:30-12:00,14:00-18:00; Sa 09:00-12:00 ' },
      remove: ['appointmentUrl', 'wheelchair'],
      verifiedOn: '2026-01-10',
    });
    expect(good.data?.changes.openingHours).toBe('Mo-Fr 08:30-12:00,14:00-18:00; Sa 09:00-12:00');
  });
});
