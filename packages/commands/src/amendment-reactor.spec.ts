import { randomUUID } from 'node:crypto';
import type { Command } from '@cls/domain';
import { type EventStore, MemoryEventStore } from '@cls/event-store';
import { describe, expect, it } from 'vitest';
import { amendmentReactor } from './amendment-reactor.js';
import { handleCommand } from './handle-command.js';
import { ReactorRunner } from './reactor.js';
import { memoryCheckpoints, personalDataInClear, stoppedClock } from './testing.js';

const contractId = 'cls-lodevois';
const actionId = `${contractId}.1.1-A1`;
const coordinator = { id: 'coordinatrice', role: 'coordinator' };
const clock = stoppedClock('2026-03-14T12:00:00.000Z');
const parties = [{ organisation: 'ARS Occitanie' }, { organisation: 'Communauté de communes' }];

const setUp: Command[] = [
  {
    type: 'DraftContract',
    contractId,
    name: 'CLS du Lodévois et Larzac',
    territory: { name: 'Lodévois et Larzac', epci: [], communes: [] },
    period: { start: 2025, end: 2029 },
    parties,
  },
  { type: 'DefineAxis', contractId, code: '1', title: 'Accès aux soins' },
  { type: 'DefineAxis', contractId, code: '2', title: 'Santé mentale' },
  { type: 'DefineFicheAction', contractId, axisCode: '1', code: '1.1', title: 'Installer' },
  { type: 'DefineFicheAction', contractId, axisCode: '2', code: '2.1', title: 'Écouter' },
  {
    type: 'PlanAction',
    actionId,
    contractId,
    ficheCode: '1.1',
    code: '1.1-A1',
    title: 'Maison de santé',
    pilots: ['Communauté de communes'],
    plannedYears: { years: [2026], uncertain: false },
  },
  { type: 'SignContract', contractId, signedOn: '2025-03-10', signatories: parties },
  {
    type: 'DraftAmendment',
    contractId,
    amendmentId: 'avenant-1',
    title: 'Avenant n°1',
    changes: [{ type: 'MoveAction', actionId, toFicheCode: '2.1' }],
  },
  {
    type: 'SignAmendment',
    contractId,
    amendmentId: 'avenant-1',
    party: 'ARS Occitanie',
    signedOn: '2026-02-01',
  },
  {
    type: 'SignAmendment',
    contractId,
    amendmentId: 'avenant-1',
    party: 'Communauté de communes',
    signedOn: '2026-02-15',
  },
];

async function signedAvenant(): Promise<EventStore> {
  const store = new MemoryEventStore();
  for (const command of setUp)
    await handleCommand(
      store,
      command,
      { actor: coordinator, commandId: randomUUID() },
      {
        clock,
        sealer: personalDataInClear,
      },
    );
  return store;
}

const typesOf = async (store: EventStore, stream: string) =>
  (await store.readStream(stream)).map((event) => event.type);

describe('The avenant reactor', () => {
  it('moves the action once every party signed, dated on the last signature, with the avenant’s id', async () => {
    const store = await signedAvenant();
    const reactor = amendmentReactor(store, { clock, sealer: personalDataInClear });
    const [signed] = (await store.readStream(`contract-${contractId}`)).filter(
      (event) => event.type === 'AmendmentSigned',
    );
    if (!signed) throw new Error('avenant non signé');
    await reactor.react(signed);
    const moved = (await store.readStream(`action-${actionId}`)).at(-1);
    expect(moved?.type).toBe('ActionMoved');
    expect(moved?.data).toEqual({
      actionId,
      fromFicheCode: '1.1',
      toFicheCode: '2.1',
      amendmentId: 'avenant-1',
    });
    expect(moved?.metadata.occurredAt).toBe('2026-02-15T00:00:00.000Z');

    // Run again (a crash before its checkpoint was written): nothing is appended twice.
    await reactor.react(signed);
    expect(await typesOf(store, `action-${actionId}`)).toEqual(['ActionPlanned', 'ActionMoved']);
  });

  it('runs from its checkpoint: a runner started after a crash applies the avenant once', async () => {
    const store = await signedAvenant();
    const checkpoints = memoryCheckpoints();
    const reactor = amendmentReactor(store, { clock, sealer: personalDataInClear });
    // The first run crashed after the move but before its checkpoint: the move is there, no checkpoint.
    const [signed] = (await store.readStream(`contract-${contractId}`)).filter(
      (event) => event.type === 'AmendmentSigned',
    );
    if (!signed) throw new Error('avenant non signé');
    await reactor.react(signed);
    const runner = new ReactorRunner(store, [reactor], checkpoints);
    await runner.start();
    await runner.stop();
    expect(await typesOf(store, `action-${actionId}`)).toEqual(['ActionPlanned', 'ActionMoved']);
    expect(checkpoints.positions.get('amendments')).toBeGreaterThan(0);
  });

  it('a direct move of an action of the signed contract is refused: it needs an avenant', async () => {
    const store = await signedAvenant();
    const move: Command = { type: 'MoveAction', actionId, toFicheCode: '1.1' };
    await expect(
      handleCommand(
        store,
        move,
        { actor: coordinator, commandId: randomUUID() },
        { clock, sealer: personalDataInClear },
      ),
    ).rejects.toMatchObject({ code: 'needs_amendment' });
  });

  it('adds to the signed plan only through an avenant: an axis, a fiche and an action, applied at the last signature', async () => {
    const store = await signedAvenant();
    const send = (command: Command) =>
      handleCommand(
        store,
        command,
        { actor: coordinator, commandId: randomUUID() },
        { clock, sealer: personalDataInClear },
      );
    const newAction = {
      actionId: `${contractId}.3.1-A1`,
      ficheCode: '3.1',
      code: '3.1-A1',
      title: 'Former aux premiers secours en santé mentale',
      pilots: ['Communauté de communes'],
      plannedYears: { years: [2027], uncertain: false },
    };
    await expect(
      send({ type: 'DefineAxis', contractId, code: '3', title: 'Prévention' }),
    ).rejects.toMatchObject({
      code: 'needs_amendment',
    });
    await expect(
      send({ type: 'PlanAction', contractId, ...newAction, ficheCode: '2.1' }),
    ).rejects.toMatchObject({ code: 'needs_amendment' });
    await send({
      type: 'DraftAmendment',
      contractId,
      amendmentId: 'avenant-2',
      title: 'Avenant n°2',
      changes: [
        { type: 'DefineAxis', code: '3', title: 'Prévention' },
        { type: 'DefineFicheAction', axisCode: '3', code: '3.1', title: 'Premiers secours en santé mentale' },
        { type: 'PlanAction', ...newAction },
      ],
    });
    for (const [party, signedOn] of [
      ['ARS Occitanie', '2026-03-01'],
      ['Communauté de communes', '2026-03-02'],
    ] as const)
      await send({ type: 'SignAmendment', contractId, amendmentId: 'avenant-2', party, signedOn });
    const contract = await typesOf(store, `contract-${contractId}`);
    expect(contract.slice(-2)).toEqual(['AxisDefined', 'FicheActionDefined']);
    const signed = (await store.readStream(`contract-${contractId}`)).findLast(
      (event) => event.type === 'AmendmentSigned',
    );
    if (!signed) throw new Error('avenant non signé');
    await amendmentReactor(store, { clock, sealer: personalDataInClear }).react(signed);
    const [planned] = await store.readStream(`action-${newAction.actionId}`);
    expect(planned?.type).toBe('ActionPlanned');
    expect(planned?.data).toMatchObject({ ficheCode: '3.1', amendmentId: 'avenant-2' });
    expect(planned?.metadata.occurredAt).toBe('2026-03-02T00:00:00.000Z');
  });
});
