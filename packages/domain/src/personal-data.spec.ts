import { describe, expect, it } from 'vitest';
import { COMMAND_SCHEMAS } from './command-schemas.js';
import {
  erasedSubjectOf,
  isPersonSubject,
  mapPersonalData,
  PERSONAL_DATA_OF_EVENT,
} from './personal-data.js';

/** A visible stand-in for sealing: the subject and the value. */
const seal = async (subject: string, value: string) => `sealed(${subject}:${value})`;
const counter = () => {
  let n = 0;
  return () => `person-${++n}`;
};

describe('mapPersonalData', () => {
  it('seals the fields of the data itself with the subject it names', async () => {
    expect(
      await mapPersonalData('UserInvited', { userId: 'u1', email: 'a@b.fr', displayName: 'Ana' }, seal),
    ).toEqual({ userId: 'u1', email: 'sealed(u1:a@b.fr)', displayName: 'sealed(u1:Ana)' });
  });

  it('seals each item of a list, giving a subject to those without one', async () => {
    const held = {
      meetingId: 'm1',
      attendees: [
        { name: 'Jeanne Valadier', organisation: 'CPTS' },
        { name: 'Camille Durand', personId: 'camille' },
      ],
      decisions: ['Jeanne Valadier présidera'],
    };
    const sealed = await mapPersonalData('MeetingHeld', held, seal, counter());
    expect(sealed).toEqual({
      meetingId: 'm1',
      attendees: [
        { name: 'sealed(person-1:Jeanne Valadier)', organisation: 'CPTS', personId: 'person-1' },
        { name: 'sealed(camille:Camille Durand)', personId: 'camille' },
      ],
      // Free text is not a name field: what people write in it is theirs to word.
      decisions: ['Jeanne Valadier présidera'],
    });
    // The data given is left as it was.
    expect(held.attendees[0]).toEqual({ name: 'Jeanne Valadier', organisation: 'CPTS' });
  });

  it('seals the person carrying a decision, not the organisation nor the text', async () => {
    const held = {
      meetingId: 'm1',
      attendees: [],
      decisions: [
        'Texte seul',
        { decisionId: 'd2', text: 'Relancer', owner: 'CPAM', ownerPerson: 'Jeanne Valadier' },
        { decisionId: 'd3', text: 'Suivre', owner: 'ARS' },
      ],
    };
    expect(await mapPersonalData('MeetingHeld', held, seal, counter())).toEqual({
      ...held,
      decisions: [
        'Texte seul',
        {
          decisionId: 'd2',
          text: 'Relancer',
          owner: 'CPAM',
          ownerPerson: 'sealed(person-1:Jeanne Valadier)',
          ownerPersonId: 'person-1',
        },
        { decisionId: 'd3', text: 'Suivre', owner: 'ARS' },
      ],
    });
  });

  it('gives no subject where there is no name (a signatory without signer)', async () => {
    const signed = {
      contractId: 'c',
      signedOn: '2024-01-01',
      signatories: [{ organisation: 'ARS' }, { organisation: 'Ville', signer: 'Octave B.' }],
    };
    expect(await mapPersonalData('ContractSigned', signed, seal, counter())).toEqual({
      ...signed,
      signatories: [
        { organisation: 'ARS' },
        { organisation: 'Ville', signer: 'sealed(person-1:Octave B.)', signerId: 'person-1' },
      ],
    });
  });

  it('leaves, for a reader, a value without subject as it is (written before sealing existed)', async () => {
    const old = { meetingId: 'm1', attendees: [{ name: 'Jeanne' }], decisions: [] };
    expect(await mapPersonalData('MeetingHeld', old, seal)).toEqual(old);
    expect(await mapPersonalData('AxisDefined', { title: 'Accès' }, seal)).toEqual({ title: 'Accès' });
  });

  it('covers the pilots who are persons, the signers and the attendees', async () => {
    for (const type of ['ActionPlanned', 'FicheActionDefined']) {
      expect(
        await mapPersonalData(type, { pilots: ['ARS'], pilotPersons: [{ name: 'Basile' }] }, seal, counter()),
      ).toEqual({
        pilots: ['ARS'],
        pilotPersons: [{ name: 'sealed(person-1:Basile)', personId: 'person-1' }],
      });
    }
    expect(
      await mapPersonalData('ConventionSigned', { party: 'ARS', signer: 'Hortense' }, seal, counter()),
    ).toEqual({ party: 'ARS', signer: 'sealed(person-1:Hortense)', signerId: 'person-1' });
  });

  it('seals the person an object of the data names: a practitioner, not the offer', async () => {
    const registered = {
      offerId: 'rpps-10000000001-site',
      name: 'Cabinet de sage-femme',
      rpps: '10000000001',
      practitioner: { name: 'Camille Exemple', personId: 'person-rpps-10000000001' },
    };
    expect(await mapPersonalData('OfferRegistered', registered, seal)).toEqual({
      ...registered,
      practitioner: {
        name: 'sealed(person-rpps-10000000001:Camille Exemple)',
        personId: 'person-rpps-10000000001',
      },
    });
    // An establishment's registration names nobody: unchanged.
    const finess = { offerId: 'finess-340017795', name: 'MSP' };
    expect(await mapPersonalData('OfferRegistered', finess, seal)).toEqual(finess);
    expect(await mapPersonalData('OfferUpdated', { offerId: 'o', changes: {} }, seal)).toEqual({
      offerId: 'o',
      changes: {},
    });
  });

  it('names only fields that commands accept, with a subject field beside each', () => {
    const shape = (type: keyof typeof COMMAND_SCHEMAS) =>
      JSON.stringify(COMMAND_SCHEMAS[type].toJSONSchema({ io: 'input', unrepresentable: 'any' }));
    for (const [command, event] of [
      ['HoldMeeting', 'MeetingHeld'],
      ['SignContract', 'ContractSigned'],
      ['DraftContract', 'ContractDrafted'],
      ['SignConvention', 'ConventionSigned'],
      ['PlanAction', 'ActionPlanned'],
      ['DefineFicheAction', 'FicheActionDefined'],
      ['ReportOfferError', 'OfferErrorReported'],
      ['RegisterOffer', 'OfferRegistered'],
      ['UpdateOffer', 'OfferUpdated'],
    ] as const) {
      for (const where of PERSONAL_DATA_OF_EVENT[event] ?? []) {
        expect(shape(command)).toContain(`"${where.subject}"`);
        if (where.each) expect(shape(command)).toContain(`"${where.each}"`);
      }
    }
  });
});

describe('subjects', () => {
  it('tells a person from a user and names the subject an erasure erases', () => {
    expect(isPersonSubject('person-3f2a')).toBe(true);
    expect(isPersonSubject('camille')).toBe(false);
    expect(erasedSubjectOf({ type: 'PersonalDataErased', data: { userId: 'person-3f2a' } })).toBe(
      'person-3f2a',
    );
    expect(erasedSubjectOf({ type: 'UserInvited', data: { userId: 'camille' } })).toBeUndefined();
  });
});
