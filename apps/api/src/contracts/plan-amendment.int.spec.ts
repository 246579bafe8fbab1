import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionUser } from '../accounts/provision.js';
import { httpClient } from '../testing/http-client.js';
import { startTestApp } from '../testing/test-app.js';

const password = 'un mot de passe assez long';
const contractId = 'cls-lodevois-larzac';
const actionId = `${contractId}.1.1-A1`;
const parties = [
  { organisation: 'ARS Occitanie' },
  { organisation: 'Communauté de communes Lodévois et Larzac' },
];

type Client = ReturnType<typeof httpClient>;
const ok = async (client: Client, path: string, input: unknown) => {
  const { status, error } = await client.mutate(path, input);
  expect(status, `${path} ${JSON.stringify(error)}`).toBe(200);
};

describe('the plan of a contract: direct changes before signature, an avenant after', () => {
  const database = useTestDatabase();
  let app: INestApplication;
  let base: string;
  let coordinator: Client;

  beforeAll(async () => {
    ({ app, base } = await startTestApp(database.url));
    for (const [userId, grant] of [
      ['admin', { role: 'admin' as const }],
      ['coordinatrice', { role: 'coordinator' as const, contractId }],
      ['auditrice', { role: 'auditor' as const }],
    ] as const) {
      await provisionUser(app, {
        userId,
        grants: [grant],
        email: `${userId}@exemple.fr`,
        displayName: userId,
        password,
      });
    }
    const admin = httpClient(base, password);
    await admin.login('admin@exemple.fr');
    await ok(admin, 'contract.draft', {
      contractId,
      name: 'CLS du Lodévois et Larzac',
      territory: { name: 'Lodévois et Larzac', epci: [], communes: [] },
      period: { start: 2025, end: 2029 },
      parties,
      // Adopted at the start of 2025: the audit's dates below fall after it.
      effectiveOn: '2025-01-01',
    });
    coordinator = httpClient(base, password);
    await coordinator.login('coordinatrice@exemple.fr');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('builds and edits the plan directly while the contract is a draft', async () => {
    await ok(coordinator, 'contract.defineAxis', { contractId, code: '1', title: 'Accès aux soins' });
    await ok(coordinator, 'contract.defineAxis', { contractId, code: '2', title: 'Santé mentale' });
    await ok(coordinator, 'contract.defineFicheAction', {
      contractId,
      axisCode: '1',
      code: '1.1',
      title: 'Installer des professionnels',
    });
    await ok(coordinator, 'contract.defineFicheAction', {
      contractId,
      axisCode: '2',
      code: '2.1',
      title: 'Écoute et orientation',
    });
    await ok(coordinator, 'contract.defineFicheAction', {
      contractId,
      axisCode: '2',
      code: '2.2',
      title: 'Doublon',
    });
    await ok(coordinator, 'contract.updateFicheAction', {
      contractId,
      code: '1.1',
      expectedResults: ['Une maison de santé ouverte'],
    });
    await ok(coordinator, 'contract.withdrawFicheAction', {
      contractId,
      code: '2.2',
      reason: 'Doublon de 2.1',
    });
    await ok(coordinator, 'contract.reorderPlan', { contractId, level: 'axes', order: ['2', '1'] });
    await ok(coordinator, 'action.plan', {
      actionId,
      contractId,
      ficheCode: '1.1',
      code: '1.1-A1',
      title: 'Maison de santé pluriprofessionnelle',
      pilots: ['Communauté de communes Lodévois et Larzac'],
      plannedYears: { years: [2026], uncertain: false },
      effectiveOn: '2025-03-01',
    });
    // A fiche that still has a live action is not withdrawn: the refusal names the action.
    const kept = await coordinator.mutate('contract.withdrawFicheAction', {
      contractId,
      code: '1.1',
      reason: 'Fusionnée',
    });
    expect(kept.status).toBe(409);
    expect(kept.error?.message).toBe(
      'La fiche-action 1.1 a encore l’action 1.1-A1 : déplacez-la ou retirez-la d’abord',
    );
    const { data } = await coordinator.query('board.plan', { contractId });
    const plan = data as unknown as {
      axes: Array<{
        code: string;
        progress: number | null;
        fiches: Array<{ code: string; expectedResults?: string[]; actionRows: Array<{ code: string }> }>;
      }>;
    };
    expect(plan.axes.map((axis) => axis.code)).toEqual(['2', '1']);
    expect(plan.axes[0]?.fiches.map((fiche) => fiche.code)).toEqual(['2.1']);
    expect(plan.axes[1]?.fiches[0]?.expectedResults).toEqual(['Une maison de santé ouverte']);
    expect(plan.axes[1]?.fiches[0]?.actionRows.map((action) => action.code)).toEqual(['1.1-A1']);
    // No action counts yet on axis 2: unknown, not 0 %.
    expect(plan.axes[0]?.progress).toBeNull();
  });

  it('after signature refuses a direct change, naming the avenant as next step', async () => {
    await ok(coordinator, 'contract.sign', { contractId, signedOn: '2025-03-10', signatories: parties });
    const refused = await coordinator.mutate('action.move', { actionId, toFicheCode: '2.1' });
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.error)).toContain('avenant');
    expect(JSON.stringify(refused.error)).toContain('draft_amendment');
    // Additions too: an axis, a fiche, an action.
    for (const [path, input] of [
      ['contract.defineAxis', { contractId, code: '3', title: 'Prévention' }],
      ['contract.defineFicheAction', { contractId, axisCode: '1', code: '1.2', title: 'Télémédecine' }],
      [
        'action.plan',
        {
          actionId: `${contractId}.1.1-A2`,
          contractId,
          ficheCode: '1.1',
          code: '1.1-A2',
          title: 'Accueil des internes',
          pilots: [],
          plannedYears: { years: [2026], uncertain: false },
        },
      ],
    ] as const) {
      const addition = await coordinator.mutate(path, input);
      expect(addition.status, path).toBe(409);
      expect(addition.error?.data).toMatchObject({
        domainCode: 'needs_amendment',
        nextStep: { step: 'draft_amendment', contractId },
      });
    }
  });

  it('moves the action through an avenant once both parties signed; the audit sees the plan before and after', async () => {
    await ok(coordinator, 'contract.draftAmendment', {
      contractId,
      amendmentId: 'avenant-1',
      title: 'Avenant n°1',
      changes: [{ type: 'MoveAction', actionId, toFicheCode: '2.1' }],
    });
    await ok(coordinator, 'contract.signAmendment', {
      contractId,
      amendmentId: 'avenant-1',
      party: 'ARS Occitanie',
      signedOn: '2026-02-01',
    });
    const half = (await coordinator.query('board.actions', { contractId })).data as unknown as Array<{
      code: string;
      ficheCode: string;
    }>;
    expect(half.map((action) => action.ficheCode)).toEqual(['1.1']);

    await ok(coordinator, 'contract.signAmendment', {
      contractId,
      amendmentId: 'avenant-1',
      party: 'Communauté de communes Lodévois et Larzac',
      signedOn: '2026-02-15',
    });
    // The reactor moves the action; the board follows.
    await expect
      .poll(
        async () =>
          (
            (await coordinator.query('board.actions', { contractId })).data as unknown as Array<{
              ficheCode: string;
              axisCode: string | null;
            }>
          ).map((action) => `${action.axisCode}/${action.ficheCode}`),
        { timeout: 15_000 },
      )
      .toEqual(['2/2.1']);
    const amendment = (await coordinator.query('board.amendment', { contractId, amendmentId: 'avenant-1' }))
      .data as unknown as { status: string; signedOn: string; signedBy: Record<string, string> };
    expect(amendment).toMatchObject({ status: 'signed', signedOn: '2026-02-15' });
    expect(Object.keys(amendment.signedBy)).toHaveLength(2);

    const auditor = httpClient(base, password);
    await auditor.login('auditrice@exemple.fr');
    const ficheOn = async (date: string) => {
      const snapshot = (await auditor.query('audit.asOf', { contractId, date })).data as unknown as {
        actions: Array<{ code: string; ficheCode: string }>;
      };
      return snapshot.actions.map((action) => `${action.code}@${action.ficheCode}`);
    };
    expect(await ficheOn('2026-02-14')).toEqual(['1.1-A1@1.1']);
    expect(await ficheOn('2026-02-15')).toEqual(['1.1-A1@2.1']);
    const diff = (await auditor.query('audit.diff', { contractId, from: '2026-02-14', to: '2026-02-16' }))
      .data as unknown as { changes: Array<{ path: string; before: unknown; after: unknown }> };
    expect(diff.changes).toContainEqual(
      expect.objectContaining({ path: `actions/1.1-A1/ficheCode`, before: '1.1', after: '2.1' }),
    );
  }, 60_000);

  it('adds to the signed plan through an avenant, and withdraws a fiche once the avenant emptied it', async () => {
    const newAction = {
      actionId: `${contractId}.3.1-A1`,
      ficheCode: '3.1',
      code: '3.1-A1',
      title: 'Former aux premiers secours en santé mentale',
      pilots: ['Communauté de communes Lodévois et Larzac'],
      plannedYears: { years: [2027], uncertain: false },
    };
    // Fiche 2.1 still holds 1.1-A1 (moved there by avenant n°1): an avenant cannot withdraw it.
    const refused = await coordinator.mutate('contract.draftAmendment', {
      contractId,
      amendmentId: 'avenant-2',
      title: 'Avenant n°2',
      changes: [{ type: 'WithdrawFicheAction', code: '2.1', reason: 'Fusionnée' }],
    });
    expect(refused.status).toBe(409);
    expect(refused.error?.message).toBe(
      'Changement n°1 : La fiche-action 2.1 a encore l’action 1.1-A1 : déplacez-la ou retirez-la d’abord',
    );
    // Moving the action out first, in the same avenant, lets the fiche go.
    await ok(coordinator, 'contract.draftAmendment', {
      contractId,
      amendmentId: 'avenant-2',
      title: 'Avenant n°2',
      changes: [
        { type: 'DefineAxis', code: '3', title: 'Prévention' },
        { type: 'DefineFicheAction', axisCode: '3', code: '3.1', title: 'Premiers secours en santé mentale' },
        { type: 'PlanAction', ...newAction },
        { type: 'MoveAction', actionId, toFicheCode: '3.1' },
        { type: 'WithdrawFicheAction', code: '2.1', reason: 'Fusionnée avec 3.1' },
      ],
    });
    for (const [party, signedOn] of [
      ['ARS Occitanie', '2026-03-01'],
      ['Communauté de communes Lodévois et Larzac', '2026-03-02'],
    ] as const)
      await ok(coordinator, 'contract.signAmendment', {
        contractId,
        amendmentId: 'avenant-2',
        party,
        signedOn,
      });
    await expect
      .poll(
        async () =>
          (
            (await coordinator.query('board.actions', { contractId })).data as unknown as Array<{
              code: string;
              ficheCode: string;
            }>
          )
            .map((action) => `${action.code}@${action.ficheCode}`)
            .sort(),
        { timeout: 15_000 },
      )
      .toEqual(['1.1-A1@3.1', '3.1-A1@3.1']);
    const plan = (await coordinator.query('board.plan', { contractId })).data as unknown as {
      axes: Array<{ code: string; fiches: Array<{ code: string }> }>;
    };
    expect(
      plan.axes.map((axis) => `${axis.code}:${axis.fiches.map((fiche) => fiche.code).join(',')}`),
    ).toEqual(['2:', '1:1.1', '3:3.1']);
  }, 60_000);
});
