import type { EventStore } from '@cls/event-store';

const coordinator = { actor: { id: 'coordinatrice', role: 'coordinator' } };

/** A small contract life: drafted, structured, signed; two actions planned, one started and delivering. */
export async function appendScenario(store: EventStore, contractId = 'cls-test'): Promise<void> {
  const at = (occurredAt: string) => ({ occurredAt });
  await store.append(
    `contract-${contractId}`,
    [
      {
        type: 'ContractDrafted',
        data: {
          contractId,
          name: 'CLS de test',
          territory: { name: 'Territoire', epci: [], communes: [] },
          period: { start: 2024, end: 2029 },
          parties: [],
        },
      },
      { type: 'AxisDefined', data: { contractId, code: '1', title: 'Soins primaires', objectives: [] } },
      { type: 'AxisDefined', data: { contractId, code: '2', title: 'Santé mentale', objectives: [] } },
      {
        type: 'FicheActionDefined',
        data: {
          contractId,
          axisCode: '1',
          code: '1.1',
          title: 'Installation',
          objectives: [],
          pilots: [],
          partners: [],
          publics: [],
        },
      },
      {
        type: 'FicheActionDefined',
        data: {
          contractId,
          axisCode: '2',
          code: '2.1',
          title: 'CLSM',
          objectives: [],
          pilots: [],
          partners: [],
          publics: [],
        },
      },
      {
        type: 'ContractSigned',
        data: { contractId, signedOn: '2024-03-15', signatories: [{ organisation: 'ARS' }] },
        ...at('2024-03-15T00:00:00.000Z'),
      },
    ],
    coordinator,
  );
  const plan = (code: string, ficheCode: string, deliverables: string[]) => ({
    type: 'ActionPlanned',
    data: {
      actionId: `${contractId}.${code}`,
      contractId,
      ficheCode,
      code,
      title: `Action ${code} : accès aux soins des habitants`,
      pilots: ['Coordination CLS'],
      partners: [],
      plannedYears: { years: [2024, 2025], uncertain: false },
      plannedDeliverables: deliverables.map((title, index) => ({ deliverableId: `L${index + 1}`, title })),
    },
  });
  await store.append(
    `action-${contractId}.1.1-A1`,
    [plan('1.1-A1', '1.1', ['Cartographie', 'Enquête'])],
    coordinator,
  );
  await store.append(`action-${contractId}.2.1-A1`, [plan('2.1-A1', '2.1', ['Annuaire'])], coordinator);
  await store.append(
    `action-${contractId}.1.1-A1`,
    [
      {
        type: 'ActionStarted',
        data: { actionId: `${contractId}.1.1-A1`, startedOn: '2025-01-06' },
        ...at('2025-01-06T00:00:00.000Z'),
      },
      {
        type: 'DeliverableProduced',
        data: {
          actionId: `${contractId}.1.1-A1`,
          deliverableId: 'L1',
          title: 'Cartographie',
          producedOn: '2025-03-14',
          planned: true,
        },
        ...at('2025-03-14T00:00:00.000Z'),
      },
      {
        type: 'DeliverableProduced',
        data: {
          actionId: `${contractId}.1.1-A1`,
          deliverableId: 'X1',
          title: 'Affiche',
          producedOn: '2025-04-01',
          planned: false,
        },
        ...at('2025-04-01T00:00:00.000Z'),
      },
      {
        type: 'ProgressReported',
        data: {
          actionId: `${contractId}.1.1-A1`,
          reportedOn: '2025-04-02',
          progress: 'delayed',
          percentComplete: 40,
        },
        ...at('2025-04-02T00:00:00.000Z'),
      },
    ],
    coordinator,
  );
}
