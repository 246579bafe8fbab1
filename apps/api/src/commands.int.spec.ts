import { randomUUID } from 'node:crypto';
import { createPool, type Pool } from '@cls/postgres';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionUser } from './accounts/provision.js';
import { httpClient } from './testing/http-client.js';
import { startTestApp } from './testing/test-app.js';

const cdh = 'cls-coeur-herault-2024';
const password = 'un mot de passe assez long';
const client = (base: string) => httpClient(base, password);

describe('commands through tRPC over HTTP, on PostgreSQL', () => {
  const database = useTestDatabase();
  let app: INestApplication;
  let base: string;

  let pool: Pool;
  const countEvents = async () =>
    (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0]?.n;

  beforeAll(async () => {
    ({ app, base } = await startTestApp(database.url));
    pool = createPool(database.url, { max: 1 });
    const users = [
      { userId: 'admin', grants: [{ role: 'admin' as const }] },
      { userId: 'coordinatrice', grants: [{ role: 'coordinator' as const, contractId: cdh }] },
      { userId: 'pilote', grants: [{ role: 'pilot' as const, actionId: `${cdh}.1.1-A1` }] },
      { userId: 'auditrice', grants: [{ role: 'auditor' as const }] },
    ];
    for (const user of users) {
      await provisionUser(app, {
        ...user,
        email: `${user.userId}@exemple.fr`,
        displayName: user.userId,
        password,
      });
    }
  });
  afterAll(async () => {
    await pool?.end();
    await app?.close();
  });

  it('refuses commands without a session (401) and wrong passwords', async () => {
    const anonymous = client(base);
    expect(
      (await anonymous.mutate('contract.defineAxis', { contractId: cdh, code: '1', title: 'Soins' })).status,
    ).toBe(401);
    expect(
      (await anonymous.mutate('auth.login', { email: 'admin@exemple.fr', password: 'faux' })).status,
    ).toBe(401);
  });

  it('runs the life of a contract for the roles allowed, refusing the others', async () => {
    const admin = client(base);
    expect((await admin.login('admin@exemple.fr')).data).toMatchObject({
      userId: 'admin',
      grants: [{ role: 'admin' }],
    });
    const drafted = await admin.mutate('contract.draft', {
      contractId: cdh,
      name: "CLS du Pays Cœur d'Hérault 2024-2029",
      territory: { name: "Pays Cœur d'Hérault" },
      period: { start: 2024, end: 2029 },
    });
    expect(drafted.status).toBe(200);
    expect(drafted.data).toMatchObject({ stream: `contract-${cdh}`, revision: 0, appended: 1 });

    const coordinator = client(base);
    await coordinator.login('coordinatrice@exemple.fr');
    expect(
      (
        await coordinator.mutate('contract.defineAxis', {
          contractId: cdh,
          code: '1',
          title: 'Soins primaires',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await coordinator.mutate('contract.defineFicheAction', {
          contractId: cdh,
          axisCode: '1',
          code: '1.1',
          title: 'Installation des professionnels',
        })
      ).status,
    ).toBe(200);
    const planned = await coordinator.mutate('action.plan', {
      actionId: `${cdh}.1.1-A1`,
      contractId: cdh,
      ficheCode: '1.1',
      code: '1.1-A1',
      title: 'Faciliter l’installation',
      pilots: ['Coordination CLS'],
      plannedYears: { years: [2024, 2025], uncertain: true },
      plannedDeliverables: [{ deliverableId: 'L1', title: 'Cartographie des professionnels' }],
    });
    expect(planned.status).toBe(200);
    // Both actions planned before the signature: after it, the plan changes only through an avenant.
    const otherAction = await coordinator.mutate('action.plan', {
      actionId: `${cdh}.1.1-A2`,
      contractId: cdh,
      ficheCode: '1.1',
      code: '1.1-A2',
      title: 'Autre action',
      pilots: [],
      plannedYears: { years: [], uncertain: true },
    });
    expect(otherAction.status).toBe(200);
    expect(
      (
        await coordinator.mutate('contract.sign', {
          contractId: cdh,
          signedOn: '2024-03-15',
          signatories: [{ organisation: 'ARS Occitanie' }],
        })
      ).status,
    ).toBe(200);

    const pilot = client(base);
    await pilot.login('pilote@exemple.fr');
    expect(
      (await pilot.mutate('action.start', { actionId: `${cdh}.1.1-A1`, startedOn: '2025-01-06' })).status,
    ).toBe(200);
    const produced = await pilot.mutate('action.produceDeliverable', {
      actionId: `${cdh}.1.1-A1`,
      deliverableId: 'L1',
      title: 'Cartographie des professionnels',
      producedOn: '2025-03-14',
    });
    expect(produced.status).toBe(200);

    // …but not someone else's action, nor decisions kept for the coordination.
    expect(
      (await pilot.mutate('action.start', { actionId: `${cdh}.1.1-A2`, startedOn: '2025-01-06' })).status,
    ).toBe(403);
    expect(
      (
        await pilot.mutate('action.abandon', {
          actionId: `${cdh}.1.1-A1`,
          abandonedOn: '2025-04-01',
          reason: 'test',
        })
      ).status,
    ).toBe(403);
    expect(
      // Coordinators may draft a contract (they then coordinate it); pilots may not.
      (
        await pilot.mutate('contract.draft', {
          contractId: 'autre',
          name: 'Autre contrat',
          territory: { name: 'Ailleurs' },
          period: { start: 2024, end: 2029 },
        })
      ).status,
    ).toBe(403);

    const auditor = client(base);
    await auditor.login('auditrice@exemple.fr');
    const before = await countEvents();
    const refused = await auditor.mutate('action.reportProgress', {
      actionId: `${cdh}.1.1-A1`,
      reportedOn: '2025-04-01',
      progress: 'on_track',
    });
    expect(refused.status).toBe(403);
    expect(refused.error?.message).toMatch(/auditeur/i);
    expect(await countEvents()).toBe(before);
  });

  it('shows a coordinator what she just did, at once, from the read models', async () => {
    const coordinator = client(base);
    await coordinator.login('coordinatrice@exemple.fr');
    const done = await coordinator.mutate('action.reportProgress', {
      actionId: `${cdh}.1.1-A1`,
      reportedOn: '2025-05-02',
      progress: 'delayed',
      percentComplete: 60,
    });
    expect(done.status).toBe(200);
    const action = await coordinator.query('board.action', { actionId: `${cdh}.1.1-A1` });
    expect(action.data).toMatchObject({
      status: 'in_progress',
      progress: 'delayed',
      percentComplete: 60,
      deliverablesProduced: 1,
    });
    const overview = await coordinator.query('board.overview', { contractId: cdh });
    expect(overview.data).toMatchObject({ contract: { contractId: cdh, status: 'signed' } });
    const board = await coordinator.query('board.actions', { contractId: cdh, status: 'in_progress' });
    expect((board.data as unknown as Array<{ code: string }>).map((row) => row.code)).toEqual(['1.1-A1']);

    const pilot = client(base);
    await pilot.login('pilote@exemple.fr');
    expect((await pilot.query('board.contracts')).data).toMatchObject([{ contractId: cdh }]);
    expect((await pilot.query('board.overview', { contractId: 'autre' })).status).toBe(403);
  });

  it('answers malformed input with 400 and field messages, appending nothing', async () => {
    const admin = client(base);
    await admin.login('admin@exemple.fr');
    const before = await countEvents();
    const bad = await admin.mutate('action.start', { actionId: `${cdh}.1.1-A1`, startedOn: 'demain' });
    expect(bad.status).toBe(400);
    expect(bad.error?.data.fieldErrors).toMatchObject({ startedOn: [expect.stringMatching(/JJ\/MM\/AAAA/)] });
    const refused = await admin.mutate('contract.reportFicheProgress', {
      contractId: cdh,
      code: '9.1',
      reportedOn: '2025-06-30',
      status: 'in_progress',
    });
    expect(refused.status).toBe(400);
    expect(refused.error?.data).toMatchObject({
      domainCode: 'invalid_value',
      fieldErrors: { code: [expect.any(String)] },
    });
    expect(await countEvents()).toBe(before);
  });

  it('answers a retried command id with the first result', async () => {
    const admin = client(base);
    await admin.login('admin@exemple.fr');
    const command = { contractId: cdh, body: 'Comité technique', commandId: randomUUID() };
    const first = await admin.mutate('contract.defineGovernanceBody', command);
    const retry = await admin.mutate('contract.defineGovernanceBody', command);
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.data).toEqual({ ...first.data, appended: 0 });
  });

  it('lets exactly one of two concurrent conflicting commands through; the other gets 409', async () => {
    const admin = client(base);
    await admin.login('admin@exemple.fr');
    const results = await Promise.all(
      ['A', 'B', 'C', 'D'].map((suffix) =>
        admin.mutate('contract.defineGovernanceBody', {
          contractId: cdh,
          body: 'Comité des usagers',
          role: `Parcours ${suffix}`,
        }),
      ),
    );
    const statuses = results.map((result) => result.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.every((status) => status === 200 || status === 409)).toBe(true);
  });

  it('answers an edit sent from a revision the stream has left with 409 and the current revision, appending nothing', async () => {
    const admin = client(base);
    await admin.login('admin@exemple.fr');
    const contractId = 'cls-concurrence';
    await admin.mutate('contract.draft', {
      contractId,
      name: 'CLS de la concurrence',
      territory: { name: 'Territoire' },
      period: { start: 2025, end: 2029 },
    });
    await admin.mutate('contract.defineAxis', { contractId, code: '1', title: 'Soins' });
    await admin.mutate('contract.defineFicheAction', {
      contractId,
      axisCode: '1',
      code: '1.1',
      title: 'Installer',
    });
    // Two coordinators open the same fiche's form: both read the plan at the same revision.
    const plan = await admin.query('board.plan', { contractId });
    const seen = (plan.data as unknown as { contract: { revision: number } }).contract.revision;
    expect(seen).toBe(2);
    const edit = (title: string, expectedRevision: number) =>
      admin.mutate('contract.updateFicheAction', { contractId, code: '1.1', title, expectedRevision });

    const first = await edit('Installer des médecins', seen);
    expect(first.status).toBe(200);
    const before = await countEvents();
    const second = await edit('Installer des infirmières', seen);
    expect(second.status).toBe(409);
    expect(second.error?.data).toMatchObject({ currentRevision: seen + 1 });
    expect(second.error?.message).toMatch(/rechargez/);
    expect(await countEvents()).toBe(before);
    const updates = await pool.query<{ title: string }>(
      `SELECT data->>'title' AS title FROM events WHERE stream = $1 AND type = 'FicheActionUpdated'`,
      [`contract-${contractId}`],
    );
    expect(updates.rows.map((row) => row.title)).toEqual(['Installer des médecins']);

    // Reloaded: the plan says the new revision, and the second edit goes through from it.
    const reloaded = await admin.query('board.plan', { contractId });
    const current = (reloaded.data as unknown as { contract: { revision: number } }).contract.revision;
    expect(current).toBe(seen + 1);
    expect((await edit('Installer des infirmières', current)).status).toBe(200);
    expect(
      (
        await admin.mutate('contract.updateFicheAction', {
          contractId,
          code: '1.1',
          title: 'x',
          expectedRevision: -1,
        })
      ).status,
    ).toBe(400);
  });

  it('keeps both of two changes added at once to a draft avenant: the second, sent from the same read, is a 409 to reload', async () => {
    const admin = client(base);
    await admin.login('admin@exemple.fr');
    const amendmentId = `${cdh}.avenant-concurrence`;
    expect(
      (
        await admin.mutate('contract.draftAmendment', {
          contractId: cdh,
          amendmentId,
          title: 'Avenant n° 1',
          changes: [{ type: 'UpdateAxis', code: '1', title: 'Soins de premier recours' }],
        })
      ).status,
    ).toBe(200);
    type Draft = { amendmentId: string; changes: unknown[]; revision: number };
    const readDraft = async () =>
      ((await admin.query('board.amendments', { contractId: cdh })).data as unknown as Draft[]).find(
        (amendment) => amendment.amendmentId === amendmentId,
      ) as Draft;
    // Two plan editors read the draft, then each adds its change to what it read.
    const seen = await readDraft();
    const add = (draft: Draft, change: Record<string, unknown>) =>
      admin.mutate('contract.editAmendmentDraft', {
        contractId: cdh,
        amendmentId,
        changes: [...draft.changes, change],
        expectedRevision: draft.revision,
      });
    const first = await add(seen, { type: 'UpdateAxis', code: '1', objectives: ['Installer'] });
    expect(first.status).toBe(200);
    const second = await add(seen, {
      type: 'UpdateAxis',
      code: '1',
      description: 'Médecins, infirmiers, pharmaciens',
    });
    expect(second.status).toBe(409);
    expect(second.error?.data).toMatchObject({ currentRevision: seen.revision + 1 });
    // The second editor reloads the draft and adds its change again: both are in it.
    expect(
      (
        await add(await readDraft(), {
          type: 'UpdateAxis',
          code: '1',
          description: 'Médecins, infirmiers, pharmaciens',
        })
      ).status,
    ).toBe(200);
    expect((await readDraft()).changes).toEqual([
      { type: 'UpdateAxis', code: '1', title: 'Soins de premier recours' },
      { type: 'UpdateAxis', code: '1', objectives: ['Installer'] },
      { type: 'UpdateAxis', code: '1', description: 'Médecins, infirmiers, pharmaciens' },
    ]);
  });

  it('refuses a mutation sent from another site (CSRF)', async () => {
    const response = await fetch(`${base}/trpc/auth.logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://malveillant.example' },
      body: 'null',
    });
    expect(response.status).toBe(403);
  });

  it('slows down password guessing', async () => {
    const guesser = client(base);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt += 1) {
      statuses.push(
        (
          await guesser.mutate('auth.login', {
            email: 'coordinatrice@exemple.fr',
            password: `essai-${attempt}`,
          })
        ).status,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});
