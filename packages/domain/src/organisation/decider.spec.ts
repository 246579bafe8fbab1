import { describe, expect, it } from 'vitest';
import { DeciderSpecification } from '../decider-specification.js';
import { RegisterOrganisationSchema, SiretSchema, UpdateOrganisationSchema } from './commands.js';
import { organisationDecider } from './decider.js';
import type { OrganisationEvent } from './events.js';
import { ORGANISATION_KIND_LABELS, ORGANISATION_KINDS } from './kinds.js';
import { isValidSiret } from './siret.js';

const spec = DeciderSpecification.for(organisationDecider);
const organisationId = 'ars-occitanie';

const registered: OrganisationEvent = {
  type: 'OrganisationRegistered',
  data: {
    organisationId,
    name: 'ARS Occitanie',
    kind: 'ars',
    siret: '73282932000074',
    address: { communeName: 'Montpellier', communeInsee: '34172' },
  },
};

describe('Organisation decider', () => {
  describe('RegisterOrganisation', () => {
    const register = {
      type: 'RegisterOrganisation' as const,
      organisationId,
      name: 'ARS Occitanie',
      kind: 'ars' as const,
      siret: '73282932000074',
      address: { communeName: 'Montpellier', communeInsee: '34172' },
    };
    it('registers an organisation once', () => {
      spec.given([]).when(register).thenEmits([registered]);
      spec.given([registered]).when(register).thenRefuses('already_exists');
    });
    it('needs only a name and a kind', () => {
      spec
        .given([])
        .when({
          type: 'RegisterOrganisation',
          organisationId: 'cpts-x',
          name: 'CPTS X',
          kind: 'groupement_professionnels',
        })
        .thenEmits([
          {
            type: 'OrganisationRegistered',
            data: { organisationId: 'cpts-x', name: 'CPTS X', kind: 'groupement_professionnels' },
          },
        ]);
    });
  });

  describe('UpdateOrganisation', () => {
    it('records only what changed, and what the organisation lost', () => {
      spec
        .given([registered])
        .when({
          type: 'UpdateOrganisation',
          organisationId,
          changes: { name: 'Agence régionale de santé Occitanie', kind: 'ars' },
          remove: ['siret', 'website'],
        })
        .thenEmits([
          {
            type: 'OrganisationUpdated',
            data: {
              organisationId,
              changes: { name: 'Agence régionale de santé Occitanie' },
              removed: ['siret'],
            },
          },
        ]);
    });
    it('refuses an update that changes nothing, and an unknown organisation', () => {
      spec
        .given([registered])
        .when({ type: 'UpdateOrganisation', organisationId, changes: { name: 'ARS Occitanie' } })
        .thenRefuses('already_done', /Aucune modification/);
      spec
        .given([])
        .when({ type: 'UpdateOrganisation', organisationId, changes: { name: 'X' } })
        .thenRefuses('not_found');
    });
    it('folds the changes into the state', () => {
      const state = [
        registered,
        {
          type: 'OrganisationUpdated',
          data: {
            organisationId,
            changes: { website: 'https://www.occitanie.ars.sante.fr' },
            removed: ['siret'],
          },
        } satisfies OrganisationEvent,
      ].reduce(organisationDecider.evolve, organisationDecider.initialState());
      expect(state.details).toEqual({
        name: 'ARS Occitanie',
        kind: 'ars',
        address: { communeName: 'Montpellier', communeInsee: '34172' },
        website: 'https://www.occitanie.ars.sante.fr',
      });
    });
  });

  describe('SIRET', () => {
    it('accepts a SIRET as people write it, keeps its digits, checks its Luhn key', () => {
      expect(SiretSchema.parse('732 829 320 00074')).toBe('73282932000074');
      expect(isValidSiret('73282932000074')).toBe(true);
      expect(isValidSiret('73282932000075')).toBe(false);
      // La Poste's establishments: digits adding up to a multiple of 5.
      expect(isValidSiret('35600000012345')).toBe(false);
      expect(isValidSiret('35600000000055')).toBe(false);
      expect(isValidSiret('35600000049003')).toBe(true);
    });
    it('says in French what is wrong', () => {
      const short = SiretSchema.safeParse('1234');
      expect(short.error?.issues[0]?.message).toMatch(/^SIRET : 14 chiffres/);
      const wrongKey = SiretSchema.safeParse('73282932000075');
      expect(wrongKey.error?.issues[0]?.message).toMatch(/clé de contrôle/);
    });
    it('is optional, as are the address and the website', () => {
      expect(
        RegisterOrganisationSchema.safeParse({ organisationId: 'x', name: 'X', kind: 'autre' }).success,
      ).toBe(true);
      expect(
        RegisterOrganisationSchema.safeParse({ organisationId: 'x', name: 'X', kind: 'inconnu' }).error
          ?.issues[0]?.message,
      ).toBe('type d’organisation inconnu');
      expect(UpdateOrganisationSchema.safeParse({ organisationId: 'x', changes: {} }).success).toBe(true);
    });
  });

  it('labels every kind in French', () => {
    for (const kind of ORGANISATION_KINDS) expect(ORGANISATION_KIND_LABELS[kind]).toMatch(/\p{L}/u);
  });
});
