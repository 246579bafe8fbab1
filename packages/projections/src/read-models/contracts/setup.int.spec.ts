import { randomUUID } from 'node:crypto';
import { handleCommand } from '@cls/commands';
import { personalDataInClear, stoppedClock } from '@cls/commands/testing';
import type { Command } from '@cls/domain';
import { MemoryEventStore } from '@cls/event-store';
import { createPool, type Pool } from '@cls/postgres';
import { useTestDatabase } from '@cls/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_PROJECTIONS, ProjectionRunner, ReadModelQueries } from '../../index.js';

const contractId = 'cls-lodevois-larzac-2025';

async function send(store: MemoryEventStore, commands: Command[]): Promise<void> {
  for (const command of commands) {
    await handleCommand(
      store,
      command,
      { actor: { id: 'coordinatrice', role: 'coordinator' }, commandId: randomUUID() },
      { clock: stoppedClock('2025-06-30T12:00:00.000Z'), sealer: personalDataInClear },
    );
  }
}

describe('contracts read model: what a contract sets up', () => {
  const database = useTestDatabase();
  let pool: Pool;
  let runner: ProjectionRunner;
  let queries: ReadModelQueries;

  beforeAll(async () => {
    pool = createPool(database.url);
    const store = new MemoryEventStore();
    await send(store, [
      {
        type: 'DraftContract',
        contractId: 'cls-lodevois-2019',
        name: 'CLS du Lodévois 2019-2023',
        territory: { name: 'Lodévois', epci: [], communes: [] },
        period: { start: 2019, end: 2023 },
        parties: [],
      },
      {
        type: 'DraftContract',
        contractId,
        name: 'CLS du Lodévois et Larzak',
        territory: {
          name: 'Lodévois et Larzac',
          epci: ['CC Lodévois et Larzac'],
          communes: ['Lodève', 'Le Caylar'],
          communeCodes: ['34142', '34062'],
          epciCodes: ['200017341'],
        },
        period: { start: 2025, end: 2029 },
        parties: [{ organisation: 'ARS Occitanie', signer: 'la directrice générale' }],
        porteur: 'CC Lodévois et Larzac',
        previousContractId: 'cls-lodevois-2019',
        commitments: [{ organisation: 'ARS Occitanie', money: [{ year: 2025, amount: 12000 }] }],
      },
      // Corrected before signature: the name's typo, a party forgotten and what it commits.
      {
        type: 'UpdateContractDraft',
        contractId,
        name: 'CLS du Lodévois et Larzac',
        parties: [
          { organisation: 'ARS Occitanie', signer: 'la directrice générale' },
          { organisation: 'CC Lodévois et Larzac' },
        ],
        commitments: [
          { organisation: 'ARS Occitanie', money: [{ year: 2025, amount: 12000 }] },
          { organisation: 'CC Lodévois et Larzac', staff: [{ role: 'Coordinatrice', fte: 0.5 }] },
        ],
      },
      {
        type: 'DraftContract',
        contractId: 'cls-sans-porteur-2025',
        name: 'CLS sans porteur',
        territory: { name: 'Ailleurs', epci: [], communes: [] },
        period: { start: 2025, end: 2029 },
        parties: [{ organisation: 'ARS Occitanie' }],
        porteur: 'Commune d’Ailleurs',
        previousContractId: 'cls-absent-2019',
      },
      { type: 'UpdateContractDraft', contractId: 'cls-sans-porteur-2025', porteur: null },
      {
        type: 'SignContract',
        contractId: 'cls-lodevois-2019',
        signedOn: '2019-01-01',
        signedOnPrecision: 'year',
        signatories: [],
        signatoriesUnknown: true,
      },
      {
        type: 'AmendContract',
        contractId: 'cls-lodevois-2019',
        amendedOn: '2021-06-01',
        summary: 'Avenant n°1',
      },
    ]);
    runner = new ProjectionRunner(store, pool, ALL_PROJECTIONS);
    await runner.start();
    await runner.waitFor((await store.readAll({ limit: 1000 })).at(-1)?.position ?? 0);
    queries = new ReadModelQueries(pool);
  });
  afterAll(async () => {
    await runner?.stop();
    await pool?.end();
  });

  it('keeps the porteur, territory, parties, commitments and previous contract, as corrected', async () => {
    const [contract] = await queries.contracts([contractId]);
    expect(contract?.name).toBe('CLS du Lodévois et Larzac');
    expect(await queries.contractSetup(contractId)).toEqual({
      contractId,
      porteur: 'CC Lodévois et Larzac',
      territory: {
        name: 'Lodévois et Larzac',
        epci: ['CC Lodévois et Larzac'],
        communes: ['Lodève', 'Le Caylar'],
        communeCodes: ['34142', '34062'],
        epciCodes: ['200017341'],
      },
      parties: [
        // Sealed in the log and here (in clear in this test); the host opens it for readers.
        { organisation: 'ARS Occitanie', signer: 'la directrice générale' },
        { organisation: 'CC Lodévois et Larzac' },
      ],
      commitments: [
        { organisation: 'ARS Occitanie', money: [{ year: 2025, amount: 12000 }] },
        { organisation: 'CC Lodévois et Larzac', staff: [{ role: 'Coordinatrice', fte: 0.5 }] },
      ],
      previousContract: {
        contractId: 'cls-lodevois-2019',
        name: 'CLS du Lodévois 2019-2023',
        periodStart: 2019,
        periodEnd: 2023,
      },
      signatories: [],
      signatoriesUnknown: false,
      amendments: { signed: 0, inProgress: 0 },
    });
  });

  it('removes a porteur, and names no previous contract the platform does not hold', async () => {
    expect(await queries.contractSetup('cls-sans-porteur-2025')).toMatchObject({
      porteur: null,
      previousContract: { contractId: 'cls-absent-2019', name: null },
    });
  });

  it('keeps a signature whose signatories are unknown, and counts avenants recorded by their summary', async () => {
    expect(await queries.contractSetup('cls-lodevois-2019')).toMatchObject({
      porteur: null,
      previousContract: null,
      signatories: [],
      signatoriesUnknown: true,
      amendments: { signed: 1, inProgress: 0 },
    });
    expect(await queries.contractSetup('cls-inconnu')).toBeUndefined();
  });
});
