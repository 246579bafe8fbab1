import { randomUUID } from 'node:crypto';
import { handleCommand } from '@cls/commands';
import { personalDataInClear, stoppedClock } from '@cls/commands/testing';
import type { Command } from '@cls/domain';
import type { EventStore } from '@cls/event-store';

const coordinator = { id: 'coordinatrice', role: 'coordinator' };
/** The scenario's business day: after every fact it records. */
const clock = stoppedClock('2025-06-30T12:00:00.000Z');

/**
 * A small contract life, sent through the command side as a coordinator would:
 * drafted, structured, two actions planned, signed; one started and delivering.
 */
export async function appendScenario(store: EventStore, contractId = 'cls-test'): Promise<void> {
  const plan = (code: string, ficheCode: string, deliverables: string[]): Command => ({
    type: 'PlanAction',
    actionId: `${contractId}.${code}`,
    contractId,
    ficheCode,
    code,
    title: `Action ${code} : accès aux soins des habitants`,
    pilots: ['Coordination CLS'],
    plannedYears: { years: [2024, 2025], uncertain: false },
    plannedDeliverables: deliverables.map((title, index) => ({ deliverableId: `L${index + 1}`, title })),
  });
  const actionId = `${contractId}.1.1-A1`;
  const commands: Command[] = [
    {
      type: 'DraftContract',
      contractId,
      name: 'CLS de test',
      territory: { name: 'Territoire', epci: [], communes: [] },
      period: { start: 2024, end: 2029 },
      parties: [{ organisation: 'ARS' }],
    },
    { type: 'DefineAxis', contractId, code: '1', title: 'Soins primaires' },
    { type: 'DefineAxis', contractId, code: '2', title: 'Santé mentale' },
    { type: 'DefineFicheAction', contractId, axisCode: '1', code: '1.1', title: 'Installation' },
    { type: 'DefineFicheAction', contractId, axisCode: '2', code: '2.1', title: 'CLSM' },
    // Planned before signature: after it, the plan changes only through an avenant.
    plan('1.1-A1', '1.1', ['Cartographie', 'Enquête']),
    plan('2.1-A1', '2.1', ['Annuaire']),
    { type: 'SignContract', contractId, signedOn: '2024-03-15', signatories: [{ organisation: 'ARS' }] },
    { type: 'StartAction', actionId, startedOn: '2025-01-06' },
    {
      type: 'ProduceDeliverable',
      actionId,
      deliverableId: 'L1',
      title: 'Cartographie',
      producedOn: '2025-03-14',
    },
    { type: 'ProduceDeliverable', actionId, deliverableId: 'X1', title: 'Affiche', producedOn: '2025-04-01' },
    {
      type: 'ReportProgress',
      actionId,
      reportedOn: '2025-04-02',
      progress: 'delayed',
      percentComplete: 40,
    },
  ];
  for (const command of commands) {
    await handleCommand(
      store,
      command,
      { actor: coordinator, commandId: randomUUID() },
      { clock, sealer: personalDataInClear },
    );
  }
}
