import { handleCommand, StreamStates } from '@cls/commands';
import { personalDataInClear, stoppedClock } from '@cls/commands/testing';
import type { Command } from '@cls/domain';
import { MemoryEventStore, type RecordedEvent } from '@cls/event-store';

/*
 * A log of about `10 000 × scale` events for measuring: two contracts of the same
 * size (the one asked about, and another one the functions must skip), and
 * offers. Every command goes through the command side (@cls/commands over the
 * memory store), so the log is one the platform could hold.
 */

/** The four scores in turn. */
const scoreOf = (n: number) => (n % 4 === 0 ? '--' : n % 4 === 1 ? '-' : n % 4 === 2 ? '+' : '++');

/** A command of the log, with the key its command id derives from. */
interface ScriptedCommand {
  key: string;
  command: Command;
}

const day = (month: number, dayOfMonth: number) =>
  `2025-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;

function contractCommands(contractId: string, actions: number, facts: number): ScriptedCommand[] {
  const commands: ScriptedCommand[] = [];
  const add = (key: string, command: ScriptedCommand['command']) =>
    commands.push({ key: `${contractId}:${key}`, command });
  add('draft', {
    type: 'DraftContract',
    contractId,
    name: `Contrat ${contractId}`,
    territory: { name: 'Territoire', epci: [], communes: [] },
    period: { start: 2024, end: 2028 },
    parties: [{ organisation: 'ARS Occitanie' }],
  });
  for (let axis = 1; axis <= 4; axis += 1) {
    add(`axis-${axis}`, {
      type: 'DefineAxis',
      contractId,
      code: String(axis),
      title: `Axe ${axis}`,
      objectives: [],
    });
    for (let fiche = 1; fiche <= 5; fiche += 1) {
      add(`fiche-${axis}.${fiche}`, {
        type: 'DefineFicheAction',
        contractId,
        axisCode: String(axis),
        code: `${axis}.${fiche}`,
        title: `Fiche ${axis}.${fiche}`,
        objectives: [],
        pilots: [],
        partners: [`Partenaire ${fiche}`],
        publics: [],
      });
    }
  }
  // The plan before the signature: after it, the plan changes only through an avenant.
  for (let n = 1; n <= actions; n += 1) {
    const fiche = `${1 + (n % 4)}.${1 + (n % 5)}`;
    const actionId = `${contractId}.A${n}`;
    add(`plan-${n}`, {
      type: 'PlanAction',
      actionId,
      contractId,
      ficheCode: fiche,
      code: `${fiche}-A${n}`,
      title: `Action ${n}`,
      pilots: [],
      partners: [],
      plannedYears: { years: [2025], uncertain: false },
      plannedDeliverables: [1, 2, 3, 4].map((d) => ({ deliverableId: `L${d}`, title: `Livrable ${d}` })),
    });
  }
  add('sign', {
    type: 'SignContract',
    contractId,
    signedOn: '2024-01-15',
    signatories: [{ organisation: 'ARS Occitanie' }],
  });
  for (let n = 1; n <= facts; n += 1) {
    add(`fact-${n}`, {
      type: 'RecordFact',
      contractId,
      factId: `fait-${n}`,
      kind: n % 10 === 0 ? 'funding_granted' : 'event_held',
      subject: `Fait ${n}`,
      date: day(1 + (n % 12), 1 + (n % 28)),
      precision: 'day',
      figures: {},
      attributes: {},
      dateInferred: false,
      planned: false,
    });
  }
  for (let n = 1; n <= actions; n += 1) {
    const actionId = `${contractId}.A${n}`;
    add(`start-${n}`, { type: 'StartAction', actionId, startedOn: day(1, 2) });
    for (let month = 2; month <= 9; month += 1) {
      add(`progress-${n}-${month}`, {
        type: 'ReportProgress',
        actionId,
        reportedOn: day(month, 1),
        progress: month % 3 === 0 ? 'delayed' : 'on_track',
        percentComplete: month * 10,
      });
    }
    for (let d = 1; d <= 4; d += 1) {
      add(`deliverable-${n}-${d}`, {
        type: 'ProduceDeliverable',
        actionId,
        deliverableId: `L${d}`,
        title: `Livrable ${d}`,
        producedOn: day(2 + d, 15),
      });
      add(`indicator-${n}-${d}`, {
        type: 'MeasureIndicator',
        actionId,
        indicator: `Indicateur ${d}`,
        value: n * d,
        period: { year: 2025 },
        measuredOn: day(2 + d, 20),
      });
    }
    if (n % 2 === 0) add(`complete-${n}`, { type: 'CompleteAction', actionId, completedOn: day(10, 1) });
  }
  // A meeting belongs to one of the contract's bodies.
  for (const body of ['Comité de pilotage', 'Comité technique'])
    add(`body-${body}`, { type: 'DefineGovernanceBody', contractId, body });
  for (let n = 1; n <= actions / 2; n += 1) {
    const meetingId = `${contractId}.R${n}`;
    add(`schedule-${n}`, {
      type: 'ScheduleMeeting',
      meetingId,
      contractId,
      body: n % 3 === 0 ? 'Comité technique' : 'Comité de pilotage',
      title: `Réunion ${n}`,
      scheduledOn: day(1 + (n % 12), 10),
    });
    add(`hold-${n}`, {
      type: 'HoldMeeting',
      meetingId,
      heldOn: day(1 + (n % 12), 10),
      attendees: [{ name: 'Coordination' }],
      decisions: [`Décision ${n}`],
    });
  }
  add('evaluation', { type: 'OpenEvaluation', contractId, year: 2025 });
  for (let n = 1; n <= 20; n += 1) {
    add(`score-${n}`, {
      type: 'ScoreResult',
      evaluationId: `${contractId}.2025`,
      resultId: `r${n}`,
      question: 'Question',
      indicator: `Indicateur ${n}`,
      score: scoreOf(n),
      evidence: 'Justification',
    });
  }
  return commands;
}

function offerCommands(count: number, prefix: string): ScriptedCommand[] {
  return Array.from({ length: count }, (_, n) => ({
    key: `${prefix}-offer-${n}`,
    command: {
      type: 'RegisterOffer',
      offerId: `${prefix}-offre-${n}`,
      source: 'manual',
      kind: 'msp',
      name: `MSP ${n}`,
      address: { line: `${n} rue de la Santé`, communeName: 'Lodève' },
      position: { lon: 3.3, lat: 43.7 },
      verifiedOn: '2025-01-02',
    },
  }));
}

/** The contract the measures ask about (its twin, `cls-mesure-2`, is to be skipped). */
export const MEASURED_CONTRACT = 'cls-mesure-1';

/** About 10 000 × `scale` events: `200 × scale` actions and `100 × scale` facts in each contract. */
export async function largeLog(scale = 1): Promise<RecordedEvent[]> {
  const commands: ScriptedCommand[] = [];
  for (let copy = 1; copy <= 2; copy += 1) {
    commands.push(...contractCommands(`cls-mesure-${copy}`, 200 * scale, 100 * scale));
  }
  commands.push(...offerCommands(2000 * scale, 'mesure'));
  const clock = stoppedClock('2026-01-15T10:00:00.000Z');
  const store = new MemoryEventStore({ clock });
  const options = { clock, sealer: personalDataInClear, states: new StreamStates() };
  for (const { key, command } of commands) {
    await handleCommand(
      store,
      command,
      { actor: { id: 'bench', role: 'admin' }, commandId: key, mayBeRetry: false },
      options,
    );
  }
  return store.readAll({ limit: Number.MAX_SAFE_INTEGER });
}
