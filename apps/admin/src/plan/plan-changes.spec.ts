import { describe, expect, it } from 'vitest';
import { describePlanChange } from './plan-changes.js';
import { asPlanChange, intoAmendment, nextAmendment } from './plan-changes-sender.js';

const names = {
  actions: new Map([['cls-x.1.2-A1', { code: '1.2-A1', ficheCode: '1.2' }]]),
  fiches: new Map([['1.2', { axisCode: '1' }]]),
};

describe('describePlanChange', () => {
  it('says a move in plain French, with where the action came from', () => {
    expect(
      describePlanChange({ type: 'MoveAction', actionId: 'cls-x.1.2-A1', toFicheCode: '2.1' }, names),
    ).toBe('Action 1.2-A1 déplacée de la fiche 1.2 vers la fiche 2.1');
    // Once applied, the plan has it in its new fiche already: only where it goes is said.
    expect(
      describePlanChange({ type: 'MoveAction', actionId: 'cls-x.1.2-A1', toFicheCode: '1.2' }, names),
    ).toBe('Action 1.2-A1 déplacée vers la fiche 1.2');
    expect(describePlanChange({ type: 'MoveFicheAction', code: '1.2', toAxisCode: '2' }, names)).toBe(
      'Fiche 1.2 déplacée de l’axe 1 vers l’axe 2',
    );
  });

  it('names the fields an update changes by their French labels, never the internal names', () => {
    const text = describePlanChange(
      {
        type: 'UpdateFicheAction',
        code: '1.2',
        context: 'Nouveau',
        means: ['1 ETP'],
        updatedOn: '2025-01-01',
      },
      names,
    );
    expect(text).toBe('Fiche 1.2 modifiée : contexte, moyens, date de mise à jour');
    expect(
      describePlanChange(
        { type: 'UpdateAction', actionId: 'cls-x.1.2-A1', plannedYears: { years: [2026], uncertain: false } },
        names,
      ),
    ).toBe('Action 1.2-A1 modifiée : années prévues');
  });

  it('says additions, withdrawals and new orders', () => {
    expect(
      describePlanChange({ type: 'DefineAxis', code: '3', title: 'Santé mentale', objectives: [] }),
    ).toBe('Axe 3 ajouté : Santé mentale');
    expect(
      describePlanChange({ type: 'WithdrawAction', actionId: 'cls-x.1.2-A1', reason: 'Doublon' }, names),
    ).toBe('Action 1.2-A1 retirée (motif : Doublon)');
    expect(
      describePlanChange(
        { type: 'ReorderPlan', level: 'fiches', parentCode: '1', order: ['1.2', '1.1'] },
        names,
      ),
    ).toBe('Fiches de l’axe 1 remises dans l’ordre 1.2, 1.1');
  });
});

describe('a form’s command as a change of an avenant', () => {
  it('drops what is not the change’s (contract, retry key) and keeps the type', () => {
    expect(
      asPlanChange('MoveAction', { actionId: 'a.1', toFicheCode: '2.1', contractId: 'x', commandId: 'c' }),
    ).toEqual({
      type: 'MoveAction',
      actionId: 'a.1',
      toFicheCode: '2.1',
    });
    expect(asPlanChange('UpdateAxis', { contractId: 'x', code: '1', title: 'Accès' })).toEqual({
      type: 'UpdateAxis',
      code: '1',
      title: 'Accès',
    });
  });

  it('sends the change with the form’s retry key to whatever collects it', async () => {
    const sent: unknown[] = [];
    const mutation = intoAmendment<{ actionId: string; reason: string }>(
      'WithdrawAction',
      async (change, commandId) => {
        sent.push([change, commandId]);
      },
      false,
    );
    await mutation.mutateAsync({ actionId: 'a.1', reason: 'Doublon', commandId: 'k' });
    expect(sent).toEqual([[{ type: 'WithdrawAction', actionId: 'a.1', reason: 'Doublon' }, 'k']]);
  });

  it('leaves out the revision the form was filled from: an action’s stream is not the avenant’s', async () => {
    const sent: unknown[] = [];
    const mutation = intoAmendment<{ actionId: string; reason: string }>(
      'WithdrawAction',
      async (change) => {
        sent.push(change);
      },
      false,
    );
    await mutation.mutateAsync({ actionId: 'a.1', reason: 'Doublon', commandId: 'k', expectedRevision: 4 });
    expect(sent).toEqual([{ type: 'WithdrawAction', actionId: 'a.1', reason: 'Doublon' }]);
  });

  it('numbers the next avenant after those the contract has', () => {
    expect(nextAmendment('cls-x', 0)).toEqual({ amendmentId: 'cls-x.avenant-1', title: 'Avenant n° 1' });
    expect(nextAmendment('cls-x', 2)).toEqual({ amendmentId: 'cls-x.avenant-3', title: 'Avenant n° 3' });
  });
});
