import type { RecordedEvent } from '@cls/event-store';
import { positionOfCommand, replay, type ScriptedCommand } from './replay.js';

/*
 * A contract small enough to read in full, for the tests that need no seeds:
 * two actions, one of whose deliverables is produced in March and recorded in
 * September, and one started in the past before it was even planned in the log
 * (through an avenant, the contract being signed).
 */

export const SMALL = 'cls-test';
export const A1 = `${SMALL}.A1`;
export const A2 = `${SMALL}.A2`;

const at = (day: string) => `${day}T10:00:00.000Z`;
const step = (key: string, recordedOn: string, command: ScriptedCommand['command']): ScriptedCommand => ({
  key,
  recordedAt: at(recordedOn),
  command,
});

/** Action A2, added to the signed plan by an avenant. */
const planA2 = {
  actionId: A2,
  ficheCode: '1.1',
  code: '1.1-A2',
  title: 'Accueil des internes',
  pilots: [],
  partners: [],
  plannedYears: { years: [], uncertain: true },
  plannedDeliverables: [],
};

export const smallContractCommands: ScriptedCommand[] = [
  step('draft', '2024-01-05', {
    type: 'DraftContract',
    contractId: SMALL,
    name: 'CLS de test',
    territory: { name: 'Territoire de test', epci: ['CC de test'], communes: ['Testville'] },
    period: { start: 2024, end: 2028 },
    parties: [{ organisation: 'ARS Occitanie' }, { organisation: 'Commune de Testville' }],
  }),
  step('axis-1', '2024-01-05', {
    type: 'DefineAxis',
    contractId: SMALL,
    code: '1',
    title: 'Accès aux soins',
    objectives: [],
  }),
  step('fiche-1.1', '2024-01-05', {
    type: 'DefineFicheAction',
    contractId: SMALL,
    axisCode: '1',
    code: '1.1',
    title: 'Installer des médecins',
    objectives: [],
    pilots: [],
    partners: [],
    publics: [],
  }),
  step('plan-A1', '2024-01-05', {
    type: 'PlanAction',
    actionId: A1,
    contractId: SMALL,
    ficheCode: '1.1',
    code: '1.1-A1',
    title: 'Enquête auprès des médecins',
    pilots: ['Coordination CLS'],
    partners: [],
    plannedYears: { years: [2025], uncertain: false },
    plannedDeliverables: [
      { deliverableId: 'L1', title: 'Rapport d’enquête' },
      { deliverableId: 'L2', title: 'Restitution publique' },
    ],
  }),
  step('sign', '2024-03-02', {
    type: 'SignContract',
    contractId: SMALL,
    signedOn: '2024-03-01',
    signatories: [{ organisation: 'ARS Occitanie' }, { organisation: 'Commune de Testville' }],
  }),
  step('start-A1', '2025-01-07', { type: 'StartAction', actionId: A1, startedOn: '2025-01-06' }),
  step('produce-L1', '2025-09-01', {
    type: 'ProduceDeliverable',
    actionId: A1,
    deliverableId: 'L1',
    title: 'Rapport d’enquête',
    producedOn: '2025-03-10',
  }),
  // The contract is signed: A2 joins its plan through an avenant both parties sign, then is
  // planned on its own stream with the avenant's id (as the avenant reactor sends it).
  step('amend-A2', '2025-10-01', {
    type: 'DraftAmendment',
    contractId: SMALL,
    amendmentId: 'avenant-A2',
    title: 'Avenant n°1 : accueil des internes',
    changes: [{ type: 'PlanAction', ...planA2 }],
  }),
  step('amend-A2-ars', '2025-10-01', {
    type: 'SignAmendment',
    contractId: SMALL,
    amendmentId: 'avenant-A2',
    party: 'ARS Occitanie',
    signedOn: '2025-10-01',
  }),
  step('amend-A2-commune', '2025-10-01', {
    type: 'SignAmendment',
    contractId: SMALL,
    amendmentId: 'avenant-A2',
    party: 'Commune de Testville',
    signedOn: '2025-10-01',
  }),
  step('plan-A2', '2025-10-01', {
    type: 'PlanAction',
    contractId: SMALL,
    ...planA2,
    amendmentId: 'avenant-A2',
  }),
  // Started in June, entered in October after the action itself: a definition recorded after the facts.
  step('start-A2', '2025-10-01', { type: 'StartAction', actionId: A2, startedOn: '2025-06-02' }),
];

export const smallContractLog = (): Promise<RecordedEvent[]> =>
  replay(smallContractCommands, { recordedAt: at('2024-01-05') });

/** The position of the event the scripted command `key` of the small contract appended. */
export function positionOf(log: RecordedEvent[], key: string): number {
  return positionOfCommand(log, key);
}
