import { describe, expect, it } from 'vitest';
import { CDH, demoLog, seeds } from '../test/scenario.js';
import { positionOf, SMALL, smallContractLog } from '../test/small-contract.js';
import { type ContractSnapshot, contractAsOf } from './as-of.js';
import { diffSnapshots, eventsBetween } from './diff.js';

const log = await smallContractLog();
const snapshot = (time: 'occurred' | 'recorded', date: string) =>
  contractAsOf(log, SMALL, { time, date }) as ContractSnapshot;

describe('diffSnapshots', () => {
  const changes = diffSnapshots(snapshot('recorded', '2024-12-31'), snapshot('recorded', '2025-12-31'));

  it('says in French what changed, with the events that made the difference', () => {
    expect(changes).toContainEqual({
      kind: 'changed',
      path: 'actions/1.1-A1/status',
      label: 'Action 1.1-A1 : prévue → en cours',
      before: 'planned',
      after: 'in_progress',
      evidence: [positionOf(log, 'plan-A1'), positionOf(log, 'start-A1')],
    });
    expect(changes).toContainEqual(
      expect.objectContaining({
        kind: 'changed',
        path: 'actions/1.1-A1/deliverables/L1/producedOn',
        label: 'Livrable L1 de l’action 1.1-A1 : prévu → produit le 10 mars 2025',
        before: null,
        after: '2025-03-10',
        evidence: [positionOf(log, 'produce-L1')],
      }),
    );
    expect(changes).toContainEqual(
      expect.objectContaining({
        kind: 'added',
        path: 'actions/1.1-A2',
        label: 'Action 1.1-A2 ajoutée : Accueil des internes (en cours)',
        before: null,
        evidence: [positionOf(log, 'plan-A2'), positionOf(log, 'start-A2')],
      }),
    );
  });

  it('lists the changes in the snapshot’s order, an element before its parts', () => {
    expect(changes.map((change) => `${change.kind} ${change.path}`)).toEqual([
      'changed actions/1.1-A1/status',
      'changed actions/1.1-A1/startedOn',
      'changed actions/1.1-A1/deliverables/L1/producedOn',
      'added actions/1.1-A2',
    ]);
  });

  it('finds nothing between a snapshot and itself, and the reverse changes the other way round', () => {
    const after = snapshot('recorded', '2025-12-31');
    expect(diffSnapshots(after, after)).toEqual([]);
    const reverse = diffSnapshots(after, snapshot('recorded', '2024-12-31'));
    expect(reverse.map((change) => change.kind)).toEqual(['changed', 'changed', 'changed', 'removed']);
    expect(reverse[0]?.label).toBe('Action 1.1-A1 : en cours → prévue');
    expect(reverse[3]?.label).toBe('Action 1.1-A2 retirée : Accueil des internes (en cours)');
  });

  it('sees a contract appear whole when it did not exist before', () => {
    const first = diffSnapshots(snapshot('recorded', '2024-01-04'), snapshot('recorded', '2024-01-05'));
    expect(first.map((change) => change.path)).toEqual([
      'contract',
      'axes/1',
      'fiches/1.1',
      'actions/1.1-A1',
      'actions/1.1-A1/deliverables/L1',
      'actions/1.1-A1/deliverables/L2',
    ]);
    expect(first[0]?.label).toBe('Contrat ajouté : CLS de test');
  });
});

describe('eventsBetween', () => {
  it('gives the events after the first day and up to the second, on the chosen clock', () => {
    const recorded = eventsBetween(log, SMALL, '2025-06-30', '2025-09-30', 'recorded');
    expect(recorded.map((event) => event.position)).toEqual([positionOf(log, 'produce-L1')]);
    // In business time the deliverable was produced in March, and A2 started on 2 June.
    expect(eventsBetween(log, SMALL, '2025-06-30', '2025-09-30', 'occurred')).toEqual([]);
    expect(eventsBetween(log, SMALL, '2025-03-01', '2025-06-30', 'occurred').map((e) => e.position)).toEqual([
      positionOf(log, 'produce-L1'),
      positionOf(log, 'start-A2'),
    ]);
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => eventsBetween(log, SMALL, '2025-06-30', '2025-01-01', 'recorded')).toThrow(
      /Période invalide/,
    );
  });
});

describe.skipIf(!seeds)('diffSnapshots on the demo', () => {
  it('tells the year 2025 of the Cœur d’Hérault contract in its own words', async () => {
    const events = (await demoLog()) ?? [];
    const at = (date: string) => contractAsOf(events, CDH, { time: 'occurred', date }) as ContractSnapshot;
    const labels = diffSnapshots(at('2024-12-31'), at('2025-12-31')).map((change) => change.label);
    expect(labels).toContain('Action 1.4-A1 : prévue → réalisée');
    expect(labels).toContain('Action 2.1-A1 : en cours → suspendue');
    expect(labels).toContain(
      "Convention « Convention de partenariat entre le Pays Cœur d'Hérault et la Communauté Professionnelle " +
        'Territoriale de Santé (CPTS) Centre Hérault » : en cours de rédaction → signée',
    );
    expect(labels).toContain('Contrat, avenants : 0 → 1');
  });
});
