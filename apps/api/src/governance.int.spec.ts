import { createPool, type Pool } from '@cls/postgres';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildData, EMAIL_OF, IDS, login, provisionAccounts, trpcCall } from './testing/security.js';
import { startTestApp } from './testing/test-app.js';

type TrpcError = {
  error: {
    message: string;
    data: { domainCode?: string; fieldErrors?: Record<string, string[]>; nextStep?: unknown };
  };
};
type Result<T> = { result: { data: T } };

/**
 * Governance that steers, over HTTP: bodies defined and updated by the
 * coordination, a meeting only of a defined body, a meeting already held
 * recorded in one step with decisions that have an owner, a due date and
 * actions, a decision followed up — and the owner's name sealed in the log.
 */
describe('governance over HTTP: bodies, meetings recorded as held, decisions followed up', () => {
  const database = useTestDatabase();
  let app: INestApplication;
  let base: string;
  let pool: Pool;
  let coordinator: string;
  let position = 0;

  const send = async (path: string, input: unknown) => {
    const response = await trpcCall(base, 'mutation', path, input, { token: coordinator });
    const data = (response.body as Partial<Result<{ position: number }>>).result?.data;
    if (data) position = Math.max(position, data.position);
    return response;
  };
  const read = async <T>(path: string, input: unknown) => {
    const response = await trpcCall(base, 'query', path, input, {
      token: coordinator,
      headers: { 'x-cls-min-position': String(position) },
    });
    expect(response.status).toBe(200);
    return (response.body as Result<T>).result.data;
  };

  beforeAll(async () => {
    ({ app, base } = await startTestApp(database.url));
    pool = createPool(database.url, { max: 1 });
    await provisionAccounts(app);
    await buildData(base, await login(base, EMAIL_OF.admin));
    coordinator = await login(base, EMAIL_OF.coordinator);
  });
  afterAll(async () => {
    await pool?.end();
    await app?.close();
  });

  it('refuses a meeting of a body the contract does not define, saying which step comes first', async () => {
    const response = await send('meeting.schedule', {
      meetingId: 'cotech-1',
      contractId: IDS.contract,
      body: 'Comité technique',
      title: 'Premier comité technique',
      scheduledOn: '2025-09-01',
    });
    expect(response.status).toBe(400);
    const { error } = response.body as TrpcError;
    expect(error.message).toMatch(/Définissez d’abord l’instance « Comité technique »/);
    expect(error.data.fieldErrors?.body).toBeDefined();
    expect(error.data.nextStep).toEqual({ step: 'define_body', contractId: IDS.contract });
  });

  it('defines a body, keeps its name unique in the contract, and updates it', async () => {
    expect(
      (
        await send('contract.defineGovernanceBody', {
          contractId: IDS.contract,
          body: 'Comité technique',
          role: 'Suivi opérationnel',
          members: ['ARS Occitanie'],
        })
      ).status,
    ).toBe(200);
    const twice = await send('contract.defineGovernanceBody', {
      contractId: IDS.contract,
      body: 'Comité technique',
    });
    expect(twice.status).toBe(409);
    expect(
      (
        await send('contract.updateGovernanceBody', {
          contractId: IDS.contract,
          body: 'Comité technique',
          role: 'Suivi opérationnel des actions',
          members: ['ARS Occitanie', 'CPAM de l’Hérault'],
          meetingsPerYear: 4,
        })
      ).status,
    ).toBe(200);
    // Each with the revision of the contract's stream, as the log holds it: its edit form's `expectedRevision`.
    const { rows } = await pool.query<{ revision: number }>(
      'SELECT max(revision)::int AS revision FROM events WHERE stream = $1',
      [`contract-${IDS.contract}`],
    );
    const revision = rows[0]?.revision;
    expect(await read('board.governanceBodies', { contractId: IDS.contract })).toEqual([
      { body: 'COPIL', role: '', members: [], meetingsPerYear: 2, revision },
      {
        body: 'Comité technique',
        role: 'Suivi opérationnel des actions',
        members: ['ARS Occitanie', 'CPAM de l’Hérault'],
        meetingsPerYear: 4,
        revision,
      },
    ]);
  });

  it('records a meeting already held in one step, then follows a decision up', async () => {
    const recorded = await send('meeting.recordHeld', {
      meetingId: 'cotech-2025-03',
      contractId: IDS.contract,
      body: 'Comité technique',
      title: 'Comité technique de mars',
      heldOn: '2025-03-12',
      attendees: [{ name: 'Claire Martin', organisation: 'ARS Occitanie' }],
      decisions: [
        {
          text: 'Relancer les maisons de santé',
          owner: 'CPTS',
          ownerPerson: 'Basile Tromelin',
          dueOn: '2025-04-30',
          actionIds: [IDS.action],
        },
        { text: 'Valider le calendrier', owner: 'ARS Occitanie', dueOn: '2025-12-31' },
      ],
      minutesLink: 'https://exemple.fr/cr-cotech-2025-03.pdf',
    });
    expect(recorded.status).toBe(200);
    expect(
      (
        await send('meeting.followUpDecision', {
          meetingId: 'cotech-2025-03',
          decisionId: 'd2',
          status: 'done',
          on: '2025-06-01',
          comment: 'Calendrier adopté',
        })
      ).status,
    ).toBe(200);

    const meetings = await read<
      Array<{ meetingId: string; status: string; heldOn: string; minutesLink: string; decisions: unknown[] }>
    >('board.meetings', { contractId: IDS.contract });
    const meeting = meetings.find((m) => m.meetingId === 'cotech-2025-03');
    expect(meeting).toMatchObject({
      status: 'held',
      heldOn: '2025-03-12',
      minutesLink: 'https://exemple.fr/cr-cotech-2025-03.pdf',
      decisions: [
        {
          decisionId: 'd1',
          text: 'Relancer les maisons de santé',
          owner: 'CPTS',
          // Opened for the reader: the log keeps it sealed.
          ownerPerson: 'Basile Tromelin',
          dueOn: '2025-04-30',
          actionIds: [IDS.action],
          status: 'todo',
        },
        {
          decisionId: 'd2',
          status: 'done',
          statusOn: '2025-06-01',
          followUps: [{ status: 'done', on: '2025-06-01', comment: 'Calendrier adopté' }],
        },
      ],
    });
    const { rows } = await pool.query<{ data: string }>(
      `SELECT data::text AS data FROM events WHERE stream = 'meeting-cotech-2025-03'`,
    );
    expect(rows.map((row) => row.data).join('\n')).not.toContain('Basile');
  });

  it('refuses a follow-up of an unknown decision, naming the field', async () => {
    const response = await send('meeting.followUpDecision', {
      meetingId: 'cotech-2025-03',
      decisionId: 'd9',
      status: 'done',
      on: '2025-06-01',
    });
    expect(response.status).toBe(404);
    expect((response.body as TrpcError).error.message).toMatch(/d9 introuvable/);
  });
});
