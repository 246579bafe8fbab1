import { describe, expect, it } from 'vitest';
import { planSnapshot } from './plan-snapshot.js';
import { planTable } from './plan-table.js';

describe('the plan the export writes, from the read models', () => {
  it('takes every fiche field from the plan tree, and the actions in their fiche’s order', () => {
    const snapshot = planSnapshot(
      {
        axes: [
          {
            code: '1',
            title: 'Soins primaires',
            objectives: [],
            description: null,
            fiches: [
              {
                code: '1.1',
                title: "Favoriser la cohérence et l'attractivité médicale du territoire",
                objectives: ["Renforcer l'accès aux soins de proximité"],
                context: 'Diagnostic local de santé 2023 du Cœur d’Hérault (publié en janvier 2024).',
                updatedOn: '2024-06-08',
                updatedOnPrecision: 'day',
                actionRows: [{ actionId: 'c.1.1-A2' }, { actionId: 'c.1.1-A1' }, { actionId: 'c.retiree' }],
              },
            ],
          },
        ],
      },
      [
        {
          actionId: 'c.1.1-A1',
          ficheCode: '1.1',
          code: '1.1-A1',
          title: 'A1',
          pilots: [],
          plannedYears: [],
          yearsUncertain: true,
        },
        {
          actionId: 'c.1.1-A2',
          ficheCode: '1.1',
          code: '1.1-A2',
          title: 'A2',
          pilots: ['CPTS'],
          plannedYears: [2025],
          yearsUncertain: false,
        },
      ],
      [
        { actionCode: '1.1-A1', deliverableId: 'L1', title: 'Enquête', planned: true },
        { actionCode: '1.1-A1', deliverableId: 'x', title: 'Produit sans être prévu', planned: false },
      ],
    );
    expect(snapshot.fiches[0]).toMatchObject({
      axisCode: '1',
      context: 'Diagnostic local de santé 2023 du Cœur d’Hérault (publié en janvier 2024).',
      updated: { on: '2024-06-08', precision: 'day' },
    });
    expect(snapshot.actions.map((action) => [action.code, action.plannedDeliverables])).toEqual([
      ['1.1-A2', []],
      ['1.1-A1', [{ deliverableId: 'L1', title: 'Enquête' }]],
    ]);
    const [header, , fiche] = planTable(snapshot);
    expect(fiche?.[header?.indexOf('mise à jour') ?? -1]).toBe('08/06/2024');
  });
});
