import { describe, it } from 'vitest';
import { DeciderSpecification } from '../decider-specification.js';
import { type ActionContext, actionDecider } from './decider.js';
import type { ActionEvent } from './events.js';

const spec = DeciderSpecification.for(actionDecider);
const actionId = 'lod.1.1-A1';
const contractId = 'cls-lodevois-2025';

const contract: NonNullable<ActionContext['contract']> = {
  status: 'draft',
  period: { start: 2025, end: 2029 },
  fiches: {
    '1.1': { axisCode: '1', title: 'Fiche 1.1' },
    '2.1': { axisCode: '2', title: 'Fiche 2.1' },
    '2.9': { axisCode: '2', title: 'Fiche retirée', withdrawn: true },
  },
};
const draft: ActionContext = { contract, today: '2026-03-01' };
const signed: ActionContext = { contract: { ...contract, status: 'signed' }, today: '2026-03-01' };
const move = { type: 'MoveAction' as const, actionId, toFicheCode: '2.1' };
const withAmendment = (signedAmendments: (typeof contract)['signedAmendments']): ActionContext => ({
  today: signed.today,
  contract: { ...contract, status: 'signed', signedAmendments },
});

const planned: ActionEvent = {
  type: 'ActionPlanned',
  data: {
    actionId,
    contractId,
    ficheCode: '1.1',
    code: '1.1-A1',
    title: 'Maison de santé',
    pilots: ['Communauté de communes'],
    partners: [],
    plannedYears: { years: [2026], uncertain: false },
    plannedDeliverables: [],
  },
};

describe('Action plan changes', () => {
  it('before signature: moves, updates and withdraws directly', () => {
    spec
      .given([planned])
      .when(move, draft)
      .thenEmits([{ type: 'ActionMoved', data: { actionId, fromFicheCode: '1.1', toFicheCode: '2.1' } }]);
    spec
      .given([planned])
      .when({ type: 'UpdateAction', actionId, title: 'Maison de santé pluriprofessionnelle' }, draft)
      .thenEmits([
        { type: 'ActionUpdated', data: { actionId, title: 'Maison de santé pluriprofessionnelle' } },
      ]);
    spec
      .given([planned])
      .when({ type: 'WithdrawAction', actionId, reason: 'Doublon' }, draft)
      .thenEmits([{ type: 'ActionWithdrawn', data: { actionId, reason: 'Doublon' } }]);
  });

  it('refuses a move to a withdrawn or unknown fiche, or to its own', () => {
    spec
      .given([planned])
      .when({ ...move, toFicheCode: '2.9' }, draft)
      .thenRefuses('invalid_value', /retirée/);
    spec
      .given([planned])
      .when({ ...move, toFicheCode: '7.7' }, draft)
      .thenRefuses('invalid_value');
    spec
      .given([planned])
      .when({ ...move, toFicheCode: '1.1' }, draft)
      .thenRefuses('invalid_value', /déjà/);
  });

  it('refuses an update out of the contract period, or with nothing to change', () => {
    spec
      .given([planned])
      .when({ type: 'UpdateAction', actionId, plannedYears: { years: [2031], uncertain: false } }, draft)
      .thenRefuses('invalid_value', /2031/);
    spec.given([planned]).when({ type: 'UpdateAction', actionId }, draft).thenRefuses('invalid_value');
  });

  it('refuses a plan action on a withdrawn fiche', () => {
    const { type: _, ...data } = planned;
    spec
      .given([])
      .when({ type: 'PlanAction', ...data.data, ficheCode: '2.9' }, draft)
      .thenRefuses('invalid_value', /retirée/);
  });

  it('after signature: refused without an avenant, naming the step', () => {
    spec
      .given([planned])
      .when(move, signed)
      .thenRefuses('needs_amendment', /avenant/);
    spec
      .given([planned])
      .when({ type: 'WithdrawAction', actionId, reason: 'Doublon' }, signed)
      .thenRefuses('needs_amendment');
  });

  it('after signature: a new action too is refused without an avenant, naming the step', () => {
    const plan = planned.data;
    spec
      .given([])
      .when({ type: 'PlanAction', ...plan }, signed)
      .thenRefuses('needs_amendment', /avenant/, { nextStep: { step: 'draft_amendment', contractId } });
  });

  it('after signature: a new action is planned when a signed avenant holds it, on its signature day', () => {
    const plan = planned.data;
    const { contractId: __, ...change } = plan;
    const context = withAmendment({
      'avenant-1': { signedOn: '2026-02-15', changes: [{ type: 'PlanAction', ...change }] },
    });
    spec
      .given([])
      .when({ type: 'PlanAction', ...plan, amendmentId: 'avenant-1' }, context)
      .thenEmits([
        {
          type: 'ActionPlanned',
          data: { ...plan, amendmentId: 'avenant-1' },
          occurredAt: '2026-02-15T00:00:00.000Z',
        },
      ]);
    // Not the avenant's action (another title): refused.
    spec
      .given([])
      .when({ type: 'PlanAction', ...plan, title: 'Autre', amendmentId: 'avenant-1' }, context)
      .thenRefuses('invalid_value', /ne prévoit pas/);
  });

  it('after signature: applied when a signed avenant holds the very change, on its signature day', () => {
    const context = withAmendment({ 'avenant-1': { signedOn: '2026-02-15', changes: [move] } });
    spec
      .given([planned])
      .when({ ...move, amendmentId: 'avenant-1' }, context)
      .thenEmits([
        {
          type: 'ActionMoved',
          data: { actionId, fromFicheCode: '1.1', toFicheCode: '2.1', amendmentId: 'avenant-1' },
          occurredAt: '2026-02-15T00:00:00.000Z',
        },
      ]);
    // Another change than the avenant's, or an avenant not signed: refused.
    spec
      .given([planned])
      .when({ ...move, toFicheCode: '2.9', amendmentId: 'avenant-1' }, context)
      .thenRefuses('invalid_value');
    spec
      .given([planned])
      .when({ type: 'WithdrawAction', actionId, reason: 'Doublon', amendmentId: 'avenant-1' }, context)
      .thenRefuses('invalid_value', /ne prévoit pas/);
    spec
      .given([planned])
      .when({ ...move, amendmentId: 'avenant-2' }, context)
      .thenRefuses('invalid_status', /pas signé/);
  });

  it('a withdrawn action takes no further command', () =>
    spec
      .given([planned, { type: 'ActionWithdrawn', data: { actionId, reason: 'Doublon' } }])
      .when({ type: 'StartAction', actionId, startedOn: '2026-01-10' }, draft)
      .thenRefuses('invalid_status', /retirée/));
});
