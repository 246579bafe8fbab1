import { describe, expect, it } from 'vitest';
import { fold } from '../decider.js';
import { DeciderSpecification } from '../decider-specification.js';
import { DraftConventionSchema, TerminateConventionSchema } from './commands.js';
import { CONVENTION_STATUS_LABELS, conventionDecider, conventionStatus } from './decider.js';
import type { ConventionEvent } from './events.js';

const spec = DeciderSpecification.for(conventionDecider);
const conventionId = 'convention-cpts-centre-herault';
const pays = "Pays Cœur d'Hérault";
const cpts = 'CPTS Centre Hérault';

const drafted: ConventionEvent = {
  type: 'ConventionDrafted',
  data: {
    conventionId,
    contractId: 'cls-coeur-herault-2024',
    title: "Convention de partenariat entre le Pays Cœur d'Hérault et la CPTS Centre Hérault",
    kind: 'convention',
    parties: [pays, cpts],
    object: 'Coordonner les actions de prévention du CLS et de la CPTS',
  },
};
const signedByPays: ConventionEvent = {
  type: 'ConventionSigned',
  data: { conventionId, party: pays, signer: 'Le président du Pays', signedOn: '2024-04-02' },
  occurredAt: '2024-04-02T00:00:00.000Z',
};
const signedByCpts: ConventionEvent = {
  type: 'ConventionSigned',
  data: { conventionId, party: cpts, signedOn: '2024-04-10' },
  occurredAt: '2024-04-10T00:00:00.000Z',
};
const amended: ConventionEvent = {
  type: 'ConventionAmended',
  data: { conventionId, amendedOn: '2025-09-01', summary: 'Avenant n°1 : ajout de la santé mentale' },
  occurredAt: '2025-09-01T00:00:00.000Z',
};
const terminated: ConventionEvent = {
  type: 'ConventionTerminated',
  data: { conventionId, terminatedOn: '2026-01-31', reason: 'Dissolution de la CPTS' },
  occurredAt: '2026-01-31T00:00:00.000Z',
};

describe('Convention decider', () => {
  describe('DraftConvention', () => {
    const command = { type: 'DraftConvention' as const, ...drafted.data };
    it('drafts a convention annexed to a contract', () => spec.given([]).when(command).thenEmits([drafted]));
    it('drafts a feuille de route whose object is still empty, without contract', () => {
      const { contractId: _, ...rest } = command;
      const data = { ...rest, kind: 'feuille_de_route' as const, object: '' };
      const { type: __, ...eventData } = data;
      spec
        .given([])
        .when(data)
        .thenEmits([{ type: 'ConventionDrafted', data: eventData }]);
    });
    it('refuses to draft it twice', () =>
      spec
        .given([drafted])
        .when(command)
        .thenRefuses('already_exists', /existe déjà/));
    it('refuses a party named twice, however it is written', () =>
      spec
        .given([])
        .when({ ...command, parties: [pays, cpts, 'pays  cœur d’hérault'] })
        .thenRefuses('invalid_value', /deux fois/));
    it('refuses a single party', () =>
      spec
        .given([])
        .when({ ...command, parties: [pays] })
        .thenRefuses('invalid_value', /au moins deux parties/));
  });

  describe('SignConvention', () => {
    const command = {
      type: 'SignConvention' as const,
      conventionId,
      party: pays,
      signer: 'Le président du Pays',
      signedOn: '2024-04-02',
    };
    it('records the signature of one party, at the signature date in business time', () =>
      spec.given([drafted]).when(command).thenEmits([signedByPays]));
    it('records the party as named in the convention', () =>
      spec
        .given([drafted, signedByPays])
        .when({
          type: 'SignConvention',
          conventionId,
          party: ' cpts centre  hérault',
          signedOn: '2024-04-10',
        })
        .thenEmits([signedByCpts]));
    it('refuses a convention not drafted', () =>
      spec
        .given([])
        .when(command)
        .thenRefuses('not_found', /introuvable/));
    it('refuses a signer that is not a party', () =>
      spec
        .given([drafted])
        .when({ ...command, party: 'ARS Occitanie' })
        .thenRefuses('invalid_value', /Seules les parties/));
    it('refuses a party signing twice', () =>
      spec
        .given([drafted, signedByPays])
        .when(command)
        .thenRefuses('already_done', /déjà signé/));
    it('refuses a signature once terminated', () =>
      spec
        .given([drafted, terminated])
        .when({ ...command, party: cpts })
        .thenRefuses('invalid_status', /résiliée/));
  });

  describe('AmendConvention', () => {
    const command = {
      type: 'AmendConvention' as const,
      conventionId,
      amendedOn: '2025-09-01',
      summary: 'Avenant n°1 : ajout de la santé mentale',
    };
    it('records an amendment of a convention signed by every party', () =>
      spec.given([drafted, signedByPays, signedByCpts]).when(command).thenEmits([amended]));
    it('accepts an amendment on the day of the last signature', () =>
      spec
        .given([drafted, signedByPays, signedByCpts])
        .when({ ...command, amendedOn: '2024-04-10' })
        .thenEmits([
          {
            ...amended,
            data: { ...amended.data, amendedOn: '2024-04-10' },
            occurredAt: '2024-04-10T00:00:00.000Z',
          },
        ]));
    it('refuses an amendment of a draft', () =>
      spec
        .given([drafted])
        .when(command)
        .thenRefuses('invalid_status', /signée par toutes les parties/));
    it('refuses an amendment while signatures are missing', () =>
      spec
        .given([drafted, signedByPays])
        .when(command)
        .thenRefuses('invalid_status', /toutes les parties/));
    it('refuses an amendment dated before the last signature', () =>
      spec
        .given([drafted, signedByPays, signedByCpts])
        .when({ ...command, amendedOn: '2024-04-05' })
        .thenRefuses('invalid_value', /précéder la dernière signature \(2024-04-10\)/));
    it('refuses an amendment once terminated', () =>
      spec
        .given([drafted, signedByPays, signedByCpts, terminated])
        .when(command)
        .thenRefuses('invalid_status', /résiliée/));
    it('refuses a convention not drafted', () => spec.given([]).when(command).thenRefuses('not_found'));
  });

  describe('TerminateConvention', () => {
    const command = {
      type: 'TerminateConvention' as const,
      conventionId,
      terminatedOn: '2026-01-31',
      reason: 'Dissolution de la CPTS',
    };
    it('terminates a signed convention', () =>
      spec.given([drafted, signedByPays, signedByCpts, amended]).when(command).thenEmits([terminated]));
    it('terminates a convention never signed', () =>
      spec.given([drafted]).when(command).thenEmits([terminated]));
    it('refuses a convention not drafted', () =>
      spec
        .given([])
        .when(command)
        .thenRefuses('not_found', /introuvable/));
    it('refuses to terminate twice', () =>
      spec
        .given([drafted, terminated])
        .when(command)
        .thenRefuses('invalid_status', /résiliée/));
    it('refuses a termination without reason', () =>
      spec
        .given([drafted])
        .when({ ...command, reason: '  ' })
        .thenRefuses('invalid_value', /motif/));
    it('refuses a termination dated before the last signature', () =>
      spec
        .given([drafted, signedByPays, signedByCpts])
        .when({ ...command, terminatedOn: '2024-04-09' })
        .thenRefuses('invalid_value', /précéder/));
    it('refuses a termination dated before the last amendment', () =>
      spec
        .given([drafted, signedByPays, signedByCpts, amended])
        .when({ ...command, terminatedOn: '2025-08-31' })
        .thenRefuses('invalid_value', /2025-09-01/));
  });

  describe('status', () => {
    const statusAfter = (events: ConventionEvent[]) => conventionStatus(fold(conventionDecider, events));
    it('is a draft before any signature', () => expect(statusAfter([drafted])).toBe('draft'));
    it('is being signed while a party has not signed', () =>
      expect(statusAfter([drafted, signedByPays])).toBe('partially_signed'));
    it('is signed once every party has signed', () =>
      expect(statusAfter([drafted, signedByPays, signedByCpts])).toBe('signed'));
    it('stays signed after an amendment', () =>
      expect(statusAfter([drafted, signedByPays, signedByCpts, amended])).toBe('signed'));
    it('is terminated whatever the signatures', () =>
      expect(statusAfter([drafted, signedByPays, terminated])).toBe('terminated'));
    it('keeps who signed when', () =>
      expect(fold(conventionDecider, [drafted, signedByPays, signedByCpts]).signatures).toEqual([
        { party: pays, signer: 'Le président du Pays', signedOn: '2024-04-02' },
        { party: cpts, signedOn: '2024-04-10' },
      ]));
    it('has a French label per status', () =>
      expect(CONVENTION_STATUS_LABELS).toEqual({
        draft: 'En cours de rédaction',
        partially_signed: 'Signature en cours',
        signed: 'Signée',
        terminated: 'Résiliée',
      }));
  });

  describe('schemas', () => {
    const draft = {
      conventionId,
      title: 'Feuille de route CLSM',
      kind: 'feuille_de_route',
      parties: [pays, cpts],
    };
    it('accepts a draft without object, which defaults to empty', () =>
      expect(DraftConventionSchema.parse(draft).object).toBe(''));
    it('refuses fewer than two parties', () =>
      expect(DraftConventionSchema.safeParse({ ...draft, parties: [pays] }).success).toBe(false));
    it('refuses a party named twice', () => {
      const result = DraftConventionSchema.safeParse({
        ...draft,
        parties: [pays, cpts, 'CPTS centre hérault'],
      });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['parties']);
      expect(result.error?.issues[0]?.message).toMatch(/deux fois/);
    });
    it('refuses an unknown kind', () =>
      expect(DraftConventionSchema.safeParse({ ...draft, kind: 'contrat' }).success).toBe(false));
    it('requires a reason to terminate', () =>
      expect(
        TerminateConventionSchema.safeParse({ conventionId, terminatedOn: '2026-01-31', reason: ' ' })
          .success,
      ).toBe(false));
  });
});

describe('Convention decider: an annex recorded after its contract’s adoption (effectiveOn)', () => {
  it('dates its drafting at the date it took effect, the precision kept in the data', () => {
    const adopted = { effectiveOn: '2024-01-01', effectiveOnPrecision: 'year' as const };
    spec
      .given([])
      .when({ type: 'DraftConvention', ...drafted.data, ...adopted })
      .thenEmits([
        { ...drafted, data: { ...drafted.data, ...adopted }, occurredAt: '2024-01-01T00:00:00.000Z' },
      ]);
  });
});
