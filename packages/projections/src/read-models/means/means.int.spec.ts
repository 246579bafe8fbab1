import { randomUUID } from 'node:crypto';
import { handleCommand } from '@cls/commands';
import { personalDataInClear, stoppedClock } from '@cls/commands/testing';
import type { Command } from '@cls/domain';
import { MemoryEventStore } from '@cls/event-store';
import { createPool } from '@cls/postgres';
import { useTestDatabase } from '@cls/testing';
import { describe, expect, it } from 'vitest';
import { ALL_PROJECTIONS, ProjectionRunner, ReadModelQueries } from '../../index.js';
import { appendScenario } from '../../testing-scenario.js';

describe('means read model', () => {
  const database = useTestDatabase();

  it('folds the means through the command side: totals per year and per funder, the coordination’s apart, unknown never 0', async () => {
    const pool = createPool(database.url);
    const store = new MemoryEventStore();
    await appendScenario(store);
    const contractId = 'cls-test';
    const actionId = `${contractId}.1.1-A1`;
    const commands: Command[] = [
      { type: 'RegisterOrganisation', organisationId: 'ars', name: 'ARS Occitanie', kind: 'ars' },
      { type: 'RegisterOrganisation', organisationId: 'cpam', name: 'CPAM de l’Hérault', kind: 'cpam' },
      {
        type: 'PlanFundingLine',
        contractId,
        fundingLineId: 'clsm',
        funderId: 'ars',
        label: 'Financement CLSM',
        amounts: [{ year: 2025, planned: 20000 }],
      },
      {
        type: 'PlanFundingLine',
        contractId,
        fundingLineId: 'action',
        funderId: 'cpam',
        actionId,
        label: 'Subvention de l’action',
        amounts: [{ year: 2025, planned: 0.1, committed: 0.1 }],
      },
      { type: 'RecordFundingAmounts', contractId, fundingLineId: 'action', year: 2025, paid: 0.1 },
      {
        type: 'PlanFundingLine',
        contractId,
        fundingLineId: 'doublon',
        funderId: 'cpam',
        label: 'Doublon',
        amounts: [{ year: 2025, planned: 999 }],
      },
      { type: 'WithdrawFundingLine', contractId, fundingLineId: 'doublon', reason: 'Saisie en double' },
      {
        type: 'RecordStaffTime',
        contractId,
        year: 2025,
        role: 'Chargée de mission CLS',
        organisationId: 'ars',
        fte: 0.7,
      },
      {
        type: 'RecordStaffTime',
        contractId,
        year: 2025,
        role: 'Chargée de mission CLSM',
        organisationId: 'ars',
        fte: 0.3,
      },
    ];
    for (const command of commands)
      await handleCommand(
        store,
        command,
        { actor: { id: 'coordinatrice', role: 'coordinator' }, commandId: randomUUID() },
        { clock: stoppedClock('2025-06-30T12:00:00.000Z'), sealer: personalDataInClear },
      );
    const runner = new ProjectionRunner(store, pool, ALL_PROJECTIONS);
    await runner.start();
    await runner.waitFor((await store.readAll({ limit: 1000 })).at(-1)?.position ?? 0);
    const means = await new ReadModelQueries(pool).means(contractId);
    expect(means.totals).toEqual([{ year: 2025, planned: 20000.1, committed: 0.1, paid: 0.1, lines: 2 }]);
    expect(means.coordinationTotals).toEqual([{ year: 2025, planned: 20000, lines: 1 }]);
    expect(means.byFunder.map(({ funder, totals }) => [funder.name, totals])).toEqual([
      ['ARS Occitanie', [{ year: 2025, planned: 20000, lines: 1 }]],
      ['CPAM de l’Hérault', [{ year: 2025, planned: 0.1, committed: 0.1, paid: 0.1, lines: 1 }]],
    ]);
    const action = means.fundingLines.find((line) => line.fundingLineId === 'action');
    expect(action?.action).toMatchObject({ actionId, code: '1.1-A1' });
    expect(action?.positions).toHaveLength(2);
    expect(means.fundingLines.at(-1)).toMatchObject({ fundingLineId: 'doublon', withdrawn: true });
    expect(means.staffTotals).toEqual([{ year: 2025, fte: 1, positions: expect.any(Array) }]);
    expect(means.staffTime.map((time) => time.role)).toEqual([
      'Chargée de mission CLS',
      'Chargée de mission CLSM',
    ]);
    await runner.stop();
    await pool.end();
  });
});
