import { randomUUID } from 'node:crypto';
import { amendmentReactor, handleCommand } from '@cls/commands';
import { personalDataInClear, stoppedClock } from '@cls/commands/testing';
import { readCsv } from '@cls/csv';
import { type Command, isEventOf } from '@cls/domain';
import { MemoryEventStore } from '@cls/event-store';
import { describe, expect, it } from 'vitest';
import {
  amendmentOf,
  commandsOf,
  type PlanSnapshot,
  planImport,
  planTable,
  tableToCsv,
} from './plan-table.js';

const contractId = 'cls-lodevois-larzac';
const coordinator = { id: 'coordinatrice', role: 'coordinator' };

/** The command side over a memory store, and the plan its log holds (every field the events carry). */
function platform() {
  const store = new MemoryEventStore();
  const settings = { clock: stoppedClock('2026-03-14T10:00:00.000Z'), sealer: personalDataInClear };
  const send = (command: Command | { type: string }) =>
    handleCommand(store, command, { actor: coordinator, commandId: randomUUID() }, settings);
  const events = () => store.readAll();
  async function plan(): Promise<PlanSnapshot> {
    const snapshot: PlanSnapshot = { axes: [], fiches: [], actions: [] };
    for (const event of await events()) {
      if (isEventOf(event, ['AxisDefined'])) {
        snapshot.axes.push({
          code: event.data.code,
          title: event.data.title,
          objectives: event.data.objectives,
        });
      } else if (isEventOf(event, ['FicheActionDefined'])) {
        const { axisCode, code, title, objectives, pilots, partners, publics } = event.data;
        snapshot.fiches.push({ axisCode, code, title, objectives, pilots, partners, publics });
      } else if (isEventOf(event, ['ActionUpdated'])) {
        const action = snapshot.actions.find((planned) => planned.actionId === event.data.actionId);
        if (action && event.data.title !== undefined) action.title = event.data.title;
      } else if (isEventOf(event, ['ActionPlanned'])) {
        const { actionId, ficheCode, code, title, pilots, partners, plannedYears, plannedDeliverables } =
          event.data;
        snapshot.actions.push({
          actionId,
          ficheCode,
          code,
          title,
          pilots,
          partners,
          plannedYears: plannedYears.years,
          yearsUncertain: plannedYears.uncertain,
          plannedDeliverables,
        });
      }
    }
    return snapshot;
  }
  /** Imports a file as « Appliquer » does: the preview's commands, in their order; returns how many events it appended. */
  async function importFile(text: string): Promise<number> {
    const before = (await events()).length;
    for (const { command } of commandsOf(planImport(readCsv(text), await plan(), contractId))) {
      await send({ ...command.input, type: command.type });
    }
    return (await events()).length - before;
  }
  /** Imports a file into a signed contract as « Appliquer » does: one draft avenant of its changes. */
  async function importAsAmendment(text: string, amendmentId: string) {
    const draft = amendmentOf(planImport(readCsv(text), await plan(), contractId), {
      contractId,
      amendmentId,
      file: 'plan.csv',
    });
    if (draft) await send({ ...draft, type: 'DraftAmendment' });
    return draft;
  }
  /** What the avenant reactor does once every party signed: the actions' changes, on their streams. */
  async function react() {
    const reactor = amendmentReactor(store, { clock: settings.clock, sealer: settings.sealer });
    for (const event of await events()) if (event.type === 'AmendmentSigned') await reactor.react(event);
  }
  return { send, plan, importFile, importAsAmendment, react };
}

describe('the plan’s round trip through the command side', () => {
  it('imports a plan, re-imports its export as nothing, and one added line as one event', async () => {
    const side = platform();
    await side.send({
      type: 'DraftContract',
      contractId,
      name: 'CLS du Lodévois et Larzac',
      territory: { name: 'Lodévois et Larzac', epci: [], communes: [] },
      period: { start: 2025, end: 2029 },
      parties: [{ organisation: 'ARS Occitanie' }],
    });
    const file = [
      'niveau;axe;fiche;code;intitulé;objectifs;pilotes;partenaires;publics;années prévues;calendrier incertain;livrables prévus',
      'axe;;;1;Accès aux soins;"Attirer des médecins\nGarder ceux qui sont là";;;;;;',
      'fiche;1;;1.1;Accueillir les professionnels;Faciliter l’installation;Coordination CLS;"CPTS\nCommunauté de communes";Internes;;;',
      'action;;1.1;1.1-A1;Accueillir les internes;;Coordination CLS;CPTS;;2025-2026;non;"Guide d’accueil\nSoirée d’accueil"',
    ].join('\r\n');
    expect(await side.importFile(file)).toBe(3);

    const exported = tableToCsv(planTable(await side.plan()));
    expect(await side.importFile(exported)).toBe(0);

    const added = `${exported}action;1;1.1;1.1-A2;Recenser les locaux disponibles;;Coordination CLS;;;2026;oui;;\r\n`;
    expect(await side.importFile(added)).toBe(1);
    expect(await side.importFile(added)).toBe(0);
    expect((await side.plan()).actions.map((action) => action.code)).toEqual(['1.1-A1', '1.1-A2']);

    // One cell edited in the export is one event, and the file imported again nothing more.
    const next = tableToCsv(planTable(await side.plan()));
    const edited = next.replace('Recenser les locaux disponibles', 'Recenser les locaux vacants');
    expect(edited).not.toBe(next);
    expect(await side.importFile(edited)).toBe(1);
    expect(await side.importFile(edited)).toBe(0);
    expect((await side.plan()).actions[1]?.title).toBe('Recenser les locaux vacants');
  });

  it('into a signed contract, an import adding an axis, a fiche and an action is one avenant, applied once signed', async () => {
    const side = platform();
    const parties = [{ organisation: 'ARS Occitanie' }, { organisation: 'Communauté de communes' }];
    await side.send({
      type: 'DraftContract',
      contractId,
      name: 'CLS du Lodévois et Larzac',
      territory: { name: 'Lodévois et Larzac', epci: [], communes: [] },
      period: { start: 2025, end: 2029 },
      parties,
    });
    const header =
      'niveau;axe;fiche;code;intitulé;objectifs;pilotes;partenaires;publics;années prévues;calendrier incertain;livrables prévus';
    const first = [
      header,
      'axe;;;1;Accès aux soins;;;;;;;',
      'fiche;1;;1.1;Accueillir les professionnels;;;;;;;',
    ];
    expect(await side.importFile(first.join('\r\n'))).toBe(2);
    await side.send({ type: 'SignContract', contractId, signedOn: '2025-03-10', signatories: parties });

    const additions = [
      ...first,
      'axe;;;2;Santé mentale;;;;;;;',
      'fiche;2;;2.1;Premiers secours en santé mentale;;;;;;;',
      'action;;2.1;2.1-A1;Former des secouristes;;Communauté de communes;;;2026;non;Sessions de formation',
    ].join('\r\n');
    // Sent directly, the additions are refused: the plan is signed.
    await expect(side.importFile(additions)).rejects.toMatchObject({ code: 'needs_amendment' });
    const draft = await side.importAsAmendment(additions, 'import-1');
    expect(draft?.changes.map((change) => change.type)).toEqual([
      'DefineAxis',
      'DefineFicheAction',
      'PlanAction',
    ]);
    expect((await side.plan()).axes.map((axis) => axis.code)).toEqual(['1']);

    for (const [party, signedOn] of [
      ['ARS Occitanie', '2026-02-01'],
      ['Communauté de communes', '2026-02-15'],
    ] as const)
      await side.send({ type: 'SignAmendment', contractId, amendmentId: 'import-1', party: party, signedOn });
    await side.react();
    const plan = await side.plan();
    expect(plan.axes.map((axis) => axis.code)).toEqual(['1', '2']);
    expect(plan.fiches.map((fiche) => fiche.code)).toEqual(['1.1', '2.1']);
    expect(plan.actions.map((action) => `${action.code}@${action.ficheCode}`)).toEqual(['2.1-A1@2.1']);
    // The signed plan's export, imported again, prepares nothing.
    expect(await side.importAsAmendment(tableToCsv(planTable(plan)), 'import-2')).toBeUndefined();
  });
});
