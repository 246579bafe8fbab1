import { createPool, type Pool } from '@cls/postgres';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionUser } from '../accounts/provision.js';
import { httpClient } from '../testing/http-client.js';
import { startTestApp } from '../testing/test-app.js';

const password = 'un mot de passe assez long';
const contractId = 'cls-etats';
const today = new Date().toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));

/**
 * Each API process decides a command on the state its own last append left, without
 * reading the stream (StreamStates): another replica appending to the stream in between
 * must never have it append on that stale state — the command is decided again on the log.
 */
describe('states kept by an API process, with another replica on the same log', () => {
  const database = useTestDatabase();
  let apps: INestApplication[] = [];
  let first: ReturnType<typeof httpClient>;
  let second: ReturnType<typeof httpClient>;
  let pool: Pool;
  const eventsOf = async (stream: string) =>
    (
      await pool.query<{ type: string }>('SELECT type FROM events WHERE stream = $1 ORDER BY revision', [
        stream,
      ])
    ).rows.map((row) => row.type);

  beforeAll(async () => {
    const a = await startTestApp(database.url);
    const b = await startTestApp(database.url);
    apps = [a.app, b.app];
    pool = createPool(database.url, { max: 1 });
    await provisionUser(a.app, {
      userId: 'admin',
      email: 'admin@exemple.fr',
      displayName: 'Admin',
      password,
      grants: [{ role: 'admin' }],
    });
    first = httpClient(a.base, password);
    second = httpClient(b.base, password);
    await first.login('admin@exemple.fr');
    await second.login('admin@exemple.fr');
    const setup: Array<[string, unknown]> = [
      [
        'contract.draft',
        {
          contractId,
          name: 'CLS des états',
          territory: { name: 'Territoire' },
          period: { start: year - 1, end: year + 3 },
        },
      ],
      ['contract.defineAxis', { contractId, code: '1', title: 'Axe' }],
      ['contract.defineFicheAction', { contractId, axisCode: '1', code: '1.1', title: 'Fiche' }],
      ...['a1', 'a2'].map((id): [string, unknown] => [
        'action.plan',
        {
          actionId: `${contractId}.${id}`,
          contractId,
          ficheCode: '1.1',
          code: `1.1-${id}`,
          title: `Action ${id}`,
          pilots: [],
          plannedYears: { years: [year], uncertain: false },
        },
      ]),
      [
        'contract.sign',
        { contractId, signedOn: `${year - 1}-06-01`, signatories: [{ organisation: 'ARS' }] },
      ],
    ];
    for (const [path, input] of setup) expect((await first.mutate(path, input)).status).toBe(200);
  });
  afterAll(async () => {
    await pool?.end();
    for (const app of apps) await app.close();
  });

  const progress = (actionId: string) => ({ actionId, reportedOn: today, progress: 'on_track' });

  it('refuses, appending nothing, a command the other replica made impossible since this one last appended', async () => {
    const actionId = `${contractId}.a1`;
    expect((await first.mutate('action.start', { actionId, startedOn: today })).status).toBe(200);
    expect((await first.mutate('action.reportProgress', progress(actionId))).status).toBe(200);
    // Completed through the other replica: the first one still keeps the action in progress.
    expect((await second.mutate('action.complete', { actionId, completedOn: today })).status).toBe(200);
    const before = await eventsOf(`action-${actionId}`);
    const refused = await first.mutate('action.reportProgress', progress(actionId));
    expect(refused.status).toBe(409);
    expect(await eventsOf(`action-${actionId}`)).toEqual(before);
  });

  it('accepts a command the other replica made possible since this one last appended', async () => {
    const actionId = `${contractId}.a2`;
    expect((await first.mutate('action.start', { actionId, startedOn: today })).status).toBe(200);
    expect(
      (await first.mutate('action.suspend', { actionId, suspendedOn: today, reason: 'Pause' })).status,
    ).toBe(200);
    // Resumed through the other replica: the first one still keeps the action suspended.
    expect((await second.mutate('action.start', { actionId, startedOn: today })).status).toBe(200);
    expect((await first.mutate('action.reportProgress', progress(actionId))).status).toBe(200);
    expect((await eventsOf(`action-${actionId}`)).slice(-3)).toEqual([
      'ActionSuspended',
      'ActionStarted',
      'ProgressReported',
    ]);
  });
});
