import { prsObjectiveLine } from '@cls/domain';
import { describe, expect, it } from 'vitest';
import { indicatorsAgainstTarget, type PlansOfContracts, prsObjectives } from './portfolio.js';

describe('the portfolio’s indicators against their targets', () => {
  it('judges each indicator on its latest year with a figure and a target, by its direction; unknown stays unknown', () => {
    const year = (value: number | null, target: number | null) => ({ value, target });
    expect(
      indicatorsAgainstTarget([
        // Met in 2024, missed in 2025 (its latest year with both): not met.
        { direction: 'higher_is_better', years: [year(10, 8), year(5, 8)] },
        // Lower is better, at its target: met.
        { direction: 'lower_is_better', years: [year(3, 3)] },
        // A target, measured, but no direction: not judged (never guessed).
        { direction: null, years: [year(4, 5)] },
        // A target never measured.
        { direction: 'higher_is_better', years: [year(null, 5)] },
        // Measured without a target.
        { direction: 'higher_is_better', years: [year(7, null)] },
      ]),
    ).toEqual({ total: 5, withTarget: 4, measuredAgainstTarget: 3, judged: 2, met: 1 });
    expect(indicatorsAgainstTarget([])).toEqual({
      total: 0,
      withTarget: 0,
      measuredAgainstTarget: 0,
      judged: 0,
      met: 0,
    });
  });
});

describe('the PRS objectives across contracts', () => {
  const plan = 'PRS Occitanie 2023-2028';
  const access = prsObjectiveLine({ plan, engagement: 3, defi: 1, label: 'Renforcer l’accès aux soins' });
  const prevention = prsObjectiveLine({ plan, engagement: 1, defi: 3, label: 'Adapter la prévention' });
  const queries: PlansOfContracts = {
    contracts: async () => [
      { contractId: 'herault', name: 'CLS de l’Hérault' },
      { contractId: 'aude', name: 'CLS de l’Aude' },
    ],
    plan: async (contractId) =>
      contractId === 'herault'
        ? {
            axes: [
              {
                fiches: [
                  { code: '1.1', prsLinks: [access, 'Ma Santé 2022'] },
                  { code: '2.1', prsLinks: [access, prevention] },
                ],
              },
            ],
          }
        : { axes: [{ fiches: [{ code: '1', prsLinks: [access] }, { code: '2' }] }] },
  };

  it('lists the objectives the contracts name, each with the readable contracts and fiches serving it', async () => {
    expect(await prsObjectives(queries, undefined)).toEqual([
      {
        plan,
        engagement: 1,
        defi: 3,
        label: 'Adapter la prévention',
        contracts: [{ contractId: 'herault', name: 'CLS de l’Hérault', fiches: ['2.1'] }],
      },
      {
        plan,
        engagement: 3,
        defi: 1,
        label: 'Renforcer l’accès aux soins',
        contracts: [
          { contractId: 'herault', name: 'CLS de l’Hérault', fiches: ['1.1', '2.1'] },
          { contractId: 'aude', name: 'CLS de l’Aude', fiches: ['1'] },
        ],
      },
    ]);
  });

  it('keeps an objective no readable contract serves, with none', async () => {
    const objectives = await prsObjectives(queries, ['aude']);
    expect(
      objectives.map((objective) => [objective.engagement, objective.defi, objective.contracts.length]),
    ).toEqual([
      [1, 3, 0],
      [3, 1, 1],
    ]);
  });
});
