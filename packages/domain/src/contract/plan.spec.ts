import { describe, expect, it } from 'vitest';
import { DomainError, fold } from '../decider.js';
import { DeciderSpecification } from '../decider-specification.js';
import { type PlanChange, PlanChangeSchema } from './commands.js';
import { contractDecider } from './decider.js';
import type { ContractEvent } from './events.js';
import { NEEDS_AMENDMENT_MESSAGE } from './plan.js';

const spec = DeciderSpecification.for(contractDecider);
const contractId = 'cls-lodevois-2025';

const drafted: ContractEvent = {
  type: 'ContractDrafted',
  data: {
    contractId,
    name: 'CLS du Lodévois et Larzac',
    territory: { name: 'Lodévois et Larzac', epci: [], communes: [] },
    period: { start: 2025, end: 2029 },
    parties: [{ organisation: 'ARS Occitanie' }, { organisation: 'Communauté de communes' }],
  },
};
const axis = (code: string): ContractEvent => ({
  type: 'AxisDefined',
  data: { contractId, code, title: `Axe ${code}`, objectives: [] },
});
const fiche = (code: string, axisCode: string): ContractEvent => ({
  type: 'FicheActionDefined',
  data: {
    contractId,
    axisCode,
    code,
    title: `Fiche ${code}`,
    objectives: [],
    pilots: [],
    partners: [],
    publics: [],
  },
});
const signed: ContractEvent = {
  type: 'ContractSigned',
  data: {
    contractId,
    signedOn: '2025-03-10',
    signatories: [{ organisation: 'ARS Occitanie' }, { organisation: 'Communauté de communes' }],
  },
  occurredAt: '2025-03-10T00:00:00.000Z',
};
const plan = [drafted, axis('1'), axis('2'), fiche('1.1', '1'), fiche('2.1', '2')];

const moveAction: PlanChange = { type: 'MoveAction', actionId: 'lod.1.1-A1', toFicheCode: '2.1' };
const retitle: PlanChange = {
  type: 'UpdateFicheAction',
  code: '1.1',
  title: 'Accès aux soins de premier recours',
};
const amendmentDrafted: ContractEvent = {
  type: 'AmendmentDrafted',
  data: { contractId, amendmentId: 'avenant-1', title: 'Avenant n°1', changes: [retitle, moveAction] },
};
const arsSigned: ContractEvent = {
  type: 'AmendmentPartySigned',
  data: { contractId, amendmentId: 'avenant-1', party: 'ARS Occitanie', signedOn: '2026-02-01' },
  occurredAt: '2026-02-01T00:00:00.000Z',
};

describe('Plan changes before signature (direct)', () => {
  it('updates only the fields given of a fiche, with every field the seed fiches carry', () =>
    spec
      .given(plan)
      .when({
        type: 'UpdateFicheAction',
        contractId,
        code: '1.1',
        expectedResults: ['Des projets d’exercice coordonné'],
        updatedOn: '2024-06-08',
        updatedOnPrecision: 'day',
      })
      .thenEmits([
        {
          type: 'FicheActionUpdated',
          data: {
            contractId,
            code: '1.1',
            expectedResults: ['Des projets d’exercice coordonné'],
            updatedOn: '2024-06-08',
            updatedOnPrecision: 'day',
          },
        },
      ]));
  it('refuses an update that changes nothing', () =>
    spec
      .given(plan)
      .when({ type: 'UpdateFicheAction', contractId, code: '1.1' })
      .thenRefuses('invalid_value'));
  it('moves a fiche to another axis, saying where from', () =>
    spec
      .given(plan)
      .when({ type: 'MoveFicheAction', contractId, code: '1.1', toAxisCode: '2' })
      .thenEmits([
        { type: 'FicheActionMoved', data: { contractId, code: '1.1', fromAxisCode: '1', toAxisCode: '2' } },
      ]));
  it('refuses to withdraw an axis that still has a live fiche, naming it', () =>
    spec
      .given(plan)
      .when({ type: 'WithdrawAxis', contractId, code: '1', reason: 'Fusionné' })
      .thenRefuses('invalid_status', /1\.1/));
  it('withdraws an axis once its fiches are withdrawn, and hides it from the plan', () => {
    const withdrawn: ContractEvent = {
      type: 'FicheActionWithdrawn',
      data: { contractId, code: '1.1', reason: 'Fusionnée' },
    };
    spec
      .given([...plan, withdrawn])
      .when({ type: 'WithdrawAxis', contractId, code: '1', reason: 'Fusionné' })
      .thenEmits([{ type: 'AxisWithdrawn', data: { contractId, code: '1', reason: 'Fusionné' } }]);
    // A withdrawn fiche takes no new fiche's code and no update.
    spec
      .given([...plan, withdrawn])
      .when({
        type: 'DefineFicheAction',
        contractId,
        axisCode: '1',
        code: '1.1',
        title: 'Autre',
        objectives: [],
        pilots: [],
        partners: [],
        publics: [],
      })
      .thenRefuses('already_exists', /retirée/);
    spec
      .given([...plan, withdrawn])
      .when({ type: 'UpdateFicheAction', contractId, code: '1.1', title: 'Autre' })
      .thenRefuses('invalid_value');
  });
  it('reorders the axes only with every live axis once', () => {
    spec
      .given(plan)
      .when({ type: 'ReorderPlan', contractId, level: 'axes', order: ['2', '1'] })
      .thenEmits([{ type: 'PlanReordered', data: { contractId, level: 'axes', order: ['2', '1'] } }]);
    spec
      .given(plan)
      .when({ type: 'ReorderPlan', contractId, level: 'axes', order: ['2'] })
      .thenRefuses('invalid_value', /exactement/);
    spec
      .given(plan)
      .when({ type: 'ReorderPlan', contractId, level: 'fiches', parentCode: '9', order: ['1.1'] })
      .thenRefuses('invalid_value');
  });
});

describe('Plan changes after signature', () => {
  it('refuses a direct change and names the step: an avenant', () => {
    for (const command of [
      { type: 'UpdateFicheAction' as const, contractId, code: '1.1', title: 'Autre' },
      { type: 'MoveFicheAction' as const, contractId, code: '1.1', toAxisCode: '2' },
      { type: 'WithdrawFicheAction' as const, contractId, code: '1.1', reason: 'Abandon' },
      { type: 'UpdateAxis' as const, contractId, code: '1', title: 'Autre' },
      { type: 'ReorderPlan' as const, contractId, level: 'axes' as const, order: ['2', '1'] },
    ]) {
      spec
        .given([...plan, signed])
        .when(command)
        .thenRefuses('needs_amendment', /avenant/);
    }
    expect(NEEDS_AMENDMENT_MESSAGE).toMatch(/« Avenants »/);
  });

  it('refuses a direct addition too (axis, fiche): what the parties signed changes only by an avenant', () => {
    const nextStep = { nextStep: { step: 'draft_amendment' as const, contractId } };
    spec
      .given([...plan, signed])
      .when({ type: 'DefineAxis', contractId, code: '3', title: 'Santé mentale', objectives: [] })
      .thenRefuses('needs_amendment', /avenant/, nextStep);
    spec
      .given([...plan, signed])
      .when({
        type: 'DefineFicheAction',
        contractId,
        axisCode: '2',
        code: '2.2',
        title: 'Santé mentale',
        objectives: [],
        pilots: [],
        partners: [],
        publics: [],
      })
      .thenRefuses('needs_amendment', /avenant/, nextStep);
  });

  it('adds an axis and a fiche through an avenant, at its last signature', () => {
    const addition: PlanChange[] = [
      { type: 'DefineAxis', code: '3', title: 'Santé mentale', objectives: [] },
      {
        type: 'DefineFicheAction',
        axisCode: '3',
        code: '3.1',
        title: 'Premiers secours en santé mentale',
        objectives: [],
        pilots: [],
        partners: [],
        publics: [],
      },
    ];
    const drafted: ContractEvent = {
      type: 'AmendmentDrafted',
      data: { contractId, amendmentId: 'avenant-3', title: 'Avenant n°3', changes: addition },
    };
    spec
      .given([...plan, signed])
      .when({
        type: 'DraftAmendment',
        contractId,
        amendmentId: 'avenant-3',
        title: 'Avenant n°3',
        changes: addition,
      })
      .thenEmits([drafted]);
    const at = '2026-02-15T00:00:00.000Z';
    const parties = ['ARS Occitanie', 'Communauté de communes'];
    spec
      .given([
        ...plan,
        signed,
        drafted,
        {
          type: 'AmendmentPartySigned',
          data: { contractId, amendmentId: 'avenant-3', party: 'ARS Occitanie', signedOn: '2026-02-01' },
          occurredAt: '2026-02-01T00:00:00.000Z',
        },
      ])
      .when({
        type: 'SignAmendment',
        contractId,
        amendmentId: 'avenant-3',
        party: 'Communauté de communes',
        signedOn: '2026-02-15',
      })
      .thenEmits([
        {
          type: 'AmendmentPartySigned',
          data: {
            contractId,
            amendmentId: 'avenant-3',
            party: 'Communauté de communes',
            signedOn: '2026-02-15',
          },
          occurredAt: at,
        },
        {
          type: 'AmendmentSigned',
          data: { contractId, amendmentId: 'avenant-3', signedOn: '2026-02-15', parties },
          occurredAt: at,
        },
        {
          type: 'AxisDefined',
          data: { contractId, code: '3', title: 'Santé mentale', objectives: [], amendmentId: 'avenant-3' },
          occurredAt: at,
        },
        {
          type: 'FicheActionDefined',
          data: {
            contractId,
            axisCode: '3',
            code: '3.1',
            title: 'Premiers secours en santé mentale',
            objectives: [],
            pilots: [],
            partners: [],
            publics: [],
            amendmentId: 'avenant-3',
          },
          occurredAt: at,
        },
      ]);
  });

  it('drafts an avenant only on a signed contract, its changes checked', () => {
    const command = {
      type: 'DraftAmendment' as const,
      contractId,
      amendmentId: 'avenant-1',
      title: 'Avenant n°1',
      changes: [retitle, moveAction],
    };
    spec
      .given(plan)
      .when(command)
      .thenRefuses('invalid_status', /pas encore signé/);
    spec
      .given([...plan, signed])
      .when(command)
      .thenEmits([amendmentDrafted]);
    spec
      .given([...plan, signed])
      .when({ ...command, changes: [{ type: 'MoveAction', actionId: 'lod.1.1-A1', toFicheCode: '9.9' }] })
      .thenRefuses('invalid_value', /Changement n°1 .*9\.9/);
    spec
      .given([...plan, signed, amendmentDrafted])
      .when(command)
      .thenRefuses('already_exists');
  });

  it('checks the changes in turn: a fiche the avenant defines can receive an action', () =>
    spec
      .given([...plan, signed])
      .when({
        type: 'DraftAmendment',
        contractId,
        amendmentId: 'avenant-2',
        title: 'Avenant n°2',
        changes: [
          {
            type: 'DefineFicheAction',
            axisCode: '2',
            code: '2.2',
            title: 'Santé mentale',
            objectives: [],
            pilots: [],
            partners: [],
            publics: [],
          },
          { ...moveAction, toFicheCode: '2.2' },
        ],
      })
      .thenEmits([
        {
          type: 'AmendmentDrafted',
          data: {
            contractId,
            amendmentId: 'avenant-2',
            title: 'Avenant n°2',
            changes: [
              {
                type: 'DefineFicheAction',
                axisCode: '2',
                code: '2.2',
                title: 'Santé mentale',
                objectives: [],
                pilots: [],
                partners: [],
                publics: [],
              },
              { ...moveAction, toFicheCode: '2.2' },
            ],
          },
        },
      ]));

  it('an avenant signed by one party of two changes nothing yet', () =>
    spec
      .given([...plan, signed, amendmentDrafted])
      .when({
        type: 'SignAmendment',
        contractId,
        amendmentId: 'avenant-1',
        party: 'ARS Occitanie',
        signedOn: '2026-02-01',
      })
      .thenEmits([arsSigned]));

  it('signed by every party, it applies its changes, dated on the last signature', () => {
    const given = [...plan, signed, amendmentDrafted, arsSigned];
    const command = {
      type: 'SignAmendment' as const,
      contractId,
      amendmentId: 'avenant-1',
      party: 'Communauté de communes',
      signedOn: '2026-02-15',
    };
    const at = '2026-02-15T00:00:00.000Z';
    spec
      .given(given)
      .when(command)
      .thenEmits([
        {
          type: 'AmendmentPartySigned',
          data: {
            contractId,
            amendmentId: 'avenant-1',
            party: 'Communauté de communes',
            signedOn: '2026-02-15',
          },
          occurredAt: at,
        },
        {
          type: 'AmendmentSigned',
          data: {
            contractId,
            amendmentId: 'avenant-1',
            signedOn: '2026-02-15',
            parties: ['ARS Occitanie', 'Communauté de communes'],
          },
          occurredAt: at,
        },
        {
          type: 'FicheActionUpdated',
          data: {
            contractId,
            code: '1.1',
            title: 'Accès aux soins de premier recours',
            amendmentId: 'avenant-1',
          },
          occurredAt: at,
        },
      ]);
    const decided = contractDecider.decide(command, fold(contractDecider, given), undefined);
    if (decided instanceof DomainError) throw decided;
    const after = fold(contractDecider, [...given, ...decided]);
    expect(after.fiches['1.1']?.title).toBe('Accès aux soins de premier recours');
    expect(after.amendmentsById['avenant-1']?.status).toBe('signed');
    // Signed once: no second signature, no edit.
    spec
      .given([...given, ...decided])
      .when(command)
      .thenRefuses('already_done');
    spec
      .given([...given, ...decided])
      .when({ type: 'EditAmendmentDraft', contractId, amendmentId: 'avenant-1', title: 'Autre' })
      .thenRefuses('invalid_status');
  });

  it('refuses a signature by an organisation that is not a party, or twice', () => {
    const command = {
      type: 'SignAmendment' as const,
      contractId,
      amendmentId: 'avenant-1',
      party: 'CPAM',
      signedOn: '2026-02-01',
    };
    spec
      .given([...plan, signed, amendmentDrafted])
      .when(command)
      .thenRefuses('invalid_value', /signataire/);
    spec
      .given([...plan, signed, amendmentDrafted, arsSigned])
      .when({ ...command, party: 'ARS Occitanie' })
      .thenRefuses('already_done');
  });

  it('refuses at signature a change the plan no longer allows', () => {
    // Drafted while 1.1 was in the plan; another avenant withdrew it before this one was signed.
    const withdrawn: ContractEvent = {
      type: 'FicheActionWithdrawn',
      data: { contractId, code: '1.1', reason: 'Fusionnée', amendmentId: 'avenant-0' },
    };
    spec
      .given([...plan, signed, amendmentDrafted, arsSigned, withdrawn])
      .when({
        type: 'SignAmendment',
        contractId,
        amendmentId: 'avenant-1',
        party: 'Communauté de communes',
        signedOn: '2026-02-15',
      })
      .thenRefuses('invalid_value', /Changement n°1/);
  });

  it('edits and withdraws a draft', () => {
    spec
      .given([...plan, signed, amendmentDrafted])
      .when({ type: 'EditAmendmentDraft', contractId, amendmentId: 'avenant-1', changes: [moveAction] })
      .thenEmits([
        {
          type: 'AmendmentDraftEdited',
          data: { contractId, amendmentId: 'avenant-1', title: 'Avenant n°1', changes: [moveAction] },
        },
      ]);
    spec
      .given([...plan, signed, amendmentDrafted])
      .when({ type: 'WithdrawAmendmentDraft', contractId, amendmentId: 'avenant-1' })
      .thenEmits([{ type: 'AmendmentDraftWithdrawn', data: { contractId, amendmentId: 'avenant-1' } }]);
    spec
      .given([
        ...plan,
        signed,
        amendmentDrafted,
        { type: 'AmendmentDraftWithdrawn', data: { contractId, amendmentId: 'avenant-1' } },
      ])
      .when({
        type: 'SignAmendment',
        contractId,
        amendmentId: 'avenant-1',
        party: 'ARS Occitanie',
        signedOn: '2026-02-01',
      })
      .thenRefuses('invalid_status', /retiré/);
  });

  it('an avenant change is a tagged plan command; names of persons stay out of it', () => {
    expect(PlanChangeSchema.safeParse({ type: 'Bogus' }).success).toBe(false);
    const parsed = PlanChangeSchema.parse({
      type: 'UpdateAction',
      actionId: 'a',
      pilotPersons: [{ name: 'Mme X' }],
    });
    expect(parsed).toEqual({ type: 'UpdateAction', actionId: 'a' });
  });
});

describe('A fiche that still has live actions is not withdrawn', () => {
  // The contract's live actions, as the command side folds them from the actions' streams.
  const actions = {
    actions: {
      'lod.1.1-A1': { code: '1.1-A1', ficheCode: '1.1' },
      'lod.1.1-A2': { code: '1.1-A2', ficheCode: '1.1' },
      'lod.2.1-A1': { code: '2.1-A1', ficheCode: '2.1' },
    },
  };
  const withdrawFiche: PlanChange = { type: 'WithdrawFicheAction', code: '1.1', reason: 'Fusionnée' };
  const draftAmendment = (changes: PlanChange[]) => ({
    type: 'DraftAmendment' as const,
    contractId,
    amendmentId: 'avenant-4',
    title: 'Avenant n°4',
    changes,
  });

  it('directly, before signature: refused while it has actions, naming them', () => {
    spec
      .given(plan)
      .when({ type: 'WithdrawFicheAction', contractId, code: '1.1', reason: 'Fusionnée' }, actions)
      .thenRefuses(
        'invalid_status',
        /^La fiche-action 1\.1 a encore les actions 1\.1-A1, 1\.1-A2 : déplacez-les ou retirez-les d’abord$/,
      );
    spec
      .given(plan)
      .when({ type: 'WithdrawFicheAction', contractId, code: '2.1', reason: 'Fusionnée' }, actions)
      .thenRefuses(
        'invalid_status',
        /^La fiche-action 2\.1 a encore l’action 2\.1-A1 : déplacez-la ou retirez-la d’abord$/,
      );
    spec
      .given(plan)
      .when({ type: 'WithdrawFicheAction', contractId, code: '1.1', reason: 'Fusionnée' }, { actions: {} })
      .thenEmits([{ type: 'FicheActionWithdrawn', data: { contractId, code: '1.1', reason: 'Fusionnée' } }]);
  });

  it('in an avenant, when drafted: refused while its actions stay, accepted once the avenant moves or withdraws them first', () => {
    spec
      .given([...plan, signed])
      .when(draftAmendment([withdrawFiche]), actions)
      .thenRefuses(
        'invalid_status',
        /^Changement n°1 : La fiche-action 1\.1 a encore les actions 1\.1-A1, 1\.1-A2/,
      );
    const emptied: PlanChange[] = [
      { type: 'MoveAction', actionId: 'lod.1.1-A1', toFicheCode: '2.1' },
      { type: 'WithdrawAction', actionId: 'lod.1.1-A2', reason: 'Doublon' },
      withdrawFiche,
    ];
    spec
      .given([...plan, signed])
      .when(draftAmendment(emptied), actions)
      .thenEmits([
        {
          type: 'AmendmentDrafted',
          data: { contractId, amendmentId: 'avenant-4', title: 'Avenant n°4', changes: emptied },
        },
      ]);
    // Moving only one of two is not enough; withdrawing the fiche before moving its actions neither.
    spec
      .given([...plan, signed])
      .when(draftAmendment([emptied[0] as PlanChange, withdrawFiche]), actions)
      .thenRefuses('invalid_status', /Changement n°2 : .*l’action 1\.1-A2 :/);
    spec
      .given([...plan, signed])
      .when(draftAmendment([withdrawFiche, ...emptied.slice(0, 2)]), actions)
      .thenRefuses('invalid_status', /Changement n°1/);
  });

  it('in an avenant, checked again at its last signature: an action planned meanwhile keeps the fiche', () => {
    const drafted: ContractEvent = {
      type: 'AmendmentDrafted',
      data: { contractId, amendmentId: 'avenant-4', title: 'Avenant n°4', changes: [withdrawFiche] },
    };
    const ars: ContractEvent = {
      type: 'AmendmentPartySigned',
      data: { contractId, amendmentId: 'avenant-4', party: 'ARS Occitanie', signedOn: '2026-02-01' },
      occurredAt: '2026-02-01T00:00:00.000Z',
    };
    const sign = {
      type: 'SignAmendment' as const,
      contractId,
      amendmentId: 'avenant-4',
      party: 'Communauté de communes',
      signedOn: '2026-02-15',
    };
    spec
      .given([...plan, signed, drafted, ars])
      .when(sign, { actions: { 'lod.1.1-A3': { code: '1.1-A3', ficheCode: '1.1' } } })
      .thenRefuses('invalid_status', /Changement n°1 : La fiche-action 1\.1 a encore l’action 1\.1-A3/);
    const decided = contractDecider.decide(sign, fold(contractDecider, [...plan, signed, drafted, ars]), {
      actions: {},
    });
    if (decided instanceof DomainError) throw decided;
    expect(decided.at(-1)).toEqual({
      type: 'FicheActionWithdrawn',
      data: { contractId, code: '1.1', reason: 'Fusionnée', amendmentId: 'avenant-4' },
      occurredAt: '2026-02-15T00:00:00.000Z',
    });
  });
});

describe('Fiche status and progress (fiches without actions)', () => {
  it('reports a status, the percentage only when known', () => {
    spec
      .given(plan)
      .when({
        type: 'ReportFicheProgress',
        contractId,
        code: '1.1',
        reportedOn: '2025-06-30',
        status: 'in_progress',
      })
      .thenEmits([
        {
          type: 'FicheProgressReported',
          data: { contractId, code: '1.1', reportedOn: '2025-06-30', status: 'in_progress' },
          occurredAt: '2025-06-30T00:00:00.000Z',
        },
      ]);
    spec
      .given(plan)
      .when({
        type: 'ReportFicheProgress',
        contractId,
        code: '9.9',
        reportedOn: '2025-06-30',
        status: 'in_progress',
      })
      .thenRefuses('invalid_value');
  });
});
