import { randomUUID } from 'node:crypto';
import { type Command, DECIDER_OF_CATEGORY, DomainError, type DomainErrorCode, fold } from '@cls/domain';
import {
  type AppendOptions,
  type EventStore,
  InvalidEventPayload,
  MemoryEventStore,
  type NewEvent,
  WrongExpectedRevision,
} from '@cls/event-store';
import { describe, expect, it } from 'vitest';
import { scopedCommandId } from './command-id.js';
import { type CommandMetadata, type HandleCommandOptions, handleCommand } from './handle-command.js';
import type { PersonalDataSealer } from './personal-data-sealer.js';
import { StreamStates } from './stream-states.js';
import { personalDataInClear, stoppedClock } from './testing.js';

const contractId = 'cls-test';
const actionId = `${contractId}.1.1-A1`;
const coordinator = { id: 'coordinatrice', role: 'coordinator' };

/** A contract and its plan, before signature: its plan changes directly (after, only through an avenant). */
const draftedContract: Command[] = [
  {
    type: 'DraftContract',
    contractId,
    name: 'CLS de test',
    territory: { name: 'Territoire', epci: [], communes: [] },
    period: { start: 2024, end: 2029 },
    parties: [{ organisation: 'ARS Occitanie' }],
  },
  { type: 'DefineAxis', contractId, code: '1', title: 'Accès aux soins' },
  { type: 'DefineFicheAction', contractId, axisCode: '1', code: '1.1', title: 'Installer' },
];
const signature: Command = {
  type: 'SignContract',
  contractId,
  signedOn: '2024-03-01',
  signatories: [{ organisation: 'ARS Occitanie' }],
};
/** The contract signed, with the actions planned before. */
const signedContract = (...planned: Command[]): Command[] => [...draftedContract, ...planned, signature];
const plannedAction = (id = actionId): Command => ({
  type: 'PlanAction',
  actionId: id,
  contractId,
  ficheCode: '1.1',
  code: id.slice(contractId.length + 1),
  title: 'Accueillir les internes',
  pilots: ['CPTS'],
  plannedYears: { years: [2026], uncertain: false },
});

/** The memory store, but for the methods given (a store that races, refuses, or records). */
const storeWith = (store: MemoryEventStore, methods: Partial<EventStore>): EventStore =>
  Object.assign(Object.create(store) as EventStore, methods);

/**
 * Given the commands already handled, when one more is sent (at `now`, by
 * `actor`), then what it appended, or its refusal.
 */
function commandSide(options: { now?: string; store?: EventStore } & Partial<HandleCommandOptions> = {}) {
  const store = options.store ?? new MemoryEventStore();
  const settings: HandleCommandOptions = {
    clock: options.clock ?? stoppedClock(options.now ?? '2026-03-14T12:00:00.000Z'),
    sealer: options.sealer ?? personalDataInClear,
    ...(options.states ? { states: options.states } : {}),
  };
  const send = (command: Command | { type: string }, metadata: Partial<CommandMetadata> = {}) =>
    handleCommand(store, command, { actor: coordinator, commandId: randomUUID(), ...metadata }, settings);
  return {
    store,
    send,
    async given(commands: Command[]) {
      for (const command of commands) await send(command);
      return this;
    },
    async thenAppends(command: Command, types: string[]) {
      const outcome = await send(command);
      expect(outcome.eventTypes).toEqual(types);
      const events = await store.readStream(outcome.stream);
      expect(events.slice(-types.length).map((event) => event.type)).toEqual(types);
      return outcome;
    },
    async thenRefuses(command: Command | { type: string }, code: DomainErrorCode, message?: RegExp) {
      const refusal = await send(command).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(DomainError);
      expect((refusal as DomainError).code).toBe(code);
      if (message) expect((refusal as DomainError).message).toMatch(message);
      return refusal as DomainError;
    },
  };
}

describe('handleCommand: the business day is France’s', () => {
  it('accepts at 00:30 in Paris (23:30 UTC the day before) a fact dated that day, refuses the next day as in the future', async () => {
    const side = await commandSide({ now: '2026-03-14T23:30:00.000Z' }).given(
      signedContract(plannedAction(), plannedAction(`${contractId}.1.1-A2`)),
    );
    await side.thenAppends({ type: 'StartAction', actionId, startedOn: '2026-03-15' }, ['ActionStarted']);
    await side.thenRefuses(
      { type: 'StartAction', actionId: `${contractId}.1.1-A2`, startedOn: '2026-03-16' },
      'invalid_value',
      /futur/,
    );
  });

  it('refuses at 23:30 in Paris (22:30 UTC) a fact dated tomorrow in Paris', async () => {
    const side = await commandSide({ now: '2026-03-14T22:30:00.000Z' }).given(
      signedContract(plannedAction()),
    );
    await side.thenRefuses({ type: 'StartAction', actionId, startedOn: '2026-03-15' }, 'invalid_value');
    await side.thenAppends({ type: 'StartAction', actionId, startedOn: '2026-03-14' }, ['ActionStarted']);
  });
});

describe('handleCommand: what reaches the decider', () => {
  it('refuses an unknown command, a field its schema refuses (naming the field), a NUL character, appending nothing', async () => {
    const side = await commandSide().given(draftedContract);
    const before = (await side.store.readAll()).length;
    await side.thenRefuses({ type: 'DropDatabase' }, 'invalid_value', /Commande inconnue/);
    const field = await side.thenRefuses(
      { type: 'DefineAxis', contractId, code: '2', title: '' },
      'invalid_value',
      /DefineAxis/,
    );
    expect(field.field).toBe('title');
    const nul = await side.thenRefuses(
      { type: 'DefineAxis', contractId, code: '2', title: 'Santé\u0000mentale' },
      'invalid_value',
      /caractère nul/,
    );
    expect(nul.field).toBe('title');
    expect(await side.store.readAll()).toHaveLength(before);
  });

  it('decides with the streams the decision reads: an action of a contract that does not exist is refused', async () => {
    const side = commandSide();
    await side.thenRefuses(plannedAction(), 'not_found');
  });

  it('records the actor, the command id scoped to its actor, the correlation and the label', async () => {
    const side = commandSide();
    const commandId = randomUUID();
    const [draft] = draftedContract as [Command];
    await side.send(draft, { commandId, correlationId: 'batch-1', label: 'Import du lundi' });
    const [event] = await side.store.readStream(`contract-${contractId}`);
    expect(event?.metadata).toMatchObject({
      actor: coordinator,
      commandId: scopedCommandId(coordinator.id, commandId),
      correlationId: 'batch-1',
      causationId: scopedCommandId(coordinator.id, commandId),
      label: 'Import du lundi',
    });
  });
});

describe('handleCommand: a command id is executed once per actor', () => {
  it('answers the same actor’s retry with the first result, appending nothing', async () => {
    const side = await commandSide().given(draftedContract);
    const commandId = randomUUID();
    const axis: Command = { type: 'DefineAxis', contractId, code: '2', title: 'Santé mentale' };
    const first = await side.send(axis, { commandId });
    const retry = await side.send(axis, { commandId });
    expect(first.appended).toBe(1);
    expect(retry).toEqual({ ...first, appended: 0, eventTypes: [] });
  });

  it('runs another actor’s command with the same id as its own', async () => {
    const side = await commandSide().given(draftedContract);
    const commandId = randomUUID();
    await side.send({ type: 'DefineAxis', contractId, code: '2', title: 'Santé mentale' }, { commandId });
    const other = await side.send(
      { type: 'DefineAxis', contractId, code: '3', title: 'Parcours' },
      { commandId, actor: { id: 'autre', role: 'admin' } },
    );
    expect(other.appended).toBe(1);
  });

  it('answers an id recorded before ids were scoped, for the actor who recorded it only', async () => {
    const side = await commandSide().given(draftedContract);
    const legacy = randomUUID();
    const appended = await side.store.append(
      `contract-${contractId}`,
      [{ type: 'AxisDefined', data: { contractId, code: '2', title: 'Santé mentale', objectives: [] } }],
      { actor: coordinator, commandId: legacy, expectedRevision: 'any' },
    );
    const axis: Command = { type: 'DefineAxis', contractId, code: '3', title: 'Parcours' };
    expect(await side.send(axis, { commandId: legacy })).toMatchObject({
      position: appended.position,
      appended: 0,
    });
    expect(await side.send(axis, { commandId: legacy, actor: { id: 'autre', role: 'admin' } })).toMatchObject(
      { appended: 1 },
    );
  });
});

/** A store where another command appends to the stream between each read and the append, `races` times. */
function racingStore(races: number, concurrent: (store: MemoryEventStore, race: number) => Promise<void>) {
  const store = new MemoryEventStore();
  let raced = 0;
  let armed = false;
  const append = async (stream: string, events: NewEvent[], options: AppendOptions) => {
    if (armed && raced < races) {
      raced += 1;
      await concurrent(store, raced);
    }
    return store.append(stream, events, options);
  };
  return {
    store: storeWith(store, { append }),
    arm: () => {
      armed = true;
    },
    raced: () => raced,
  };
}

const axisDefined = (code: string) => ({
  type: 'AxisDefined',
  data: { contractId, code, title: `Axe ${code}`, objectives: [] },
});

describe('handleCommand: a concurrent append has the command decided again', () => {
  const appendConcurrently =
    (code: (race: number) => string) => async (store: MemoryEventStore, race: number) => {
      const revision = await store.streamRevision(`contract-${contractId}`);
      await store.append(`contract-${contractId}`, [axisDefined(code(race))], {
        actor: { id: 'autre', role: 'admin' },
        expectedRevision: revision ?? 'no_stream',
      });
    };

  it('appends after the concurrent event when the decision still holds', async () => {
    const race = racingStore(
      1,
      appendConcurrently(() => '7'),
    );
    const side = await commandSide({ store: race.store }).given(draftedContract);
    race.arm();
    const outcome = await side.send({ type: 'DefineAxis', contractId, code: '2', title: 'Santé mentale' });
    expect(race.raced()).toBe(1);
    const events = await side.store.readStream(`contract-${contractId}`);
    expect(events.map((event) => (event.data as { code?: string }).code).slice(-2)).toEqual(['7', '2']);
    expect(outcome.revision).toBe(events.length - 1);
  });

  it('refuses when the decision, taken again, no longer holds (the same axis defined meanwhile)', async () => {
    const race = racingStore(
      1,
      appendConcurrently(() => '2'),
    );
    const side = await commandSide({ store: race.store }).given(draftedContract);
    race.arm();
    await side.thenRefuses(
      { type: 'DefineAxis', contractId, code: '2', title: 'Santé mentale' },
      'already_exists',
    );
  });

  it('gives up after a few attempts: the conflict goes up with the current revision', async () => {
    const race = racingStore(
      10,
      appendConcurrently((n) => `${10 + n}`),
    );
    const side = await commandSide({ store: race.store }).given(draftedContract);
    race.arm();
    const error = await side
      .send({ type: 'DefineAxis', contractId, code: '2', title: 'Santé mentale' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WrongExpectedRevision);
    expect(race.raced()).toBe(3);
    expect((error as WrongExpectedRevision).actualRevision).toBe(
      await side.store.streamRevision(`contract-${contractId}`),
    );
  });

  it('decides again on the stream as it is when the states kept were ahead of it (a log restored)', async () => {
    const states = new StreamStates();
    const side = await commandSide({ states }).given(draftedContract);
    const kept = states.get(`contract-${contractId}`);
    if (!kept) throw new Error('état non gardé');
    states.set(`contract-${contractId}`, { revision: kept.revision + 5, state: kept.state });
    await side.thenAppends({ type: 'DefineAxis', contractId, code: '2', title: 'Santé mentale' }, [
      'AxisDefined',
    ]);
  });
});

describe('handleCommand: the revision the sender saw (expectedRevision)', () => {
  const stream = `contract-${contractId}`;
  const update = (title: string): Command => ({ type: 'UpdateFicheAction', contractId, code: '1.1', title });
  const drafted = draftedContract;

  it('appends when the stream is still at the revision the form was filled from', async () => {
    const side = await commandSide().given(drafted);
    const seen = await side.store.streamRevision(stream);
    const outcome = await side.send(update('Installer des médecins'), { expectedRevision: seen });
    expect(outcome.appended).toBe(1);
    expect(outcome.revision).toBe((seen ?? -1) + 1);
  });

  it('refuses a stale revision with the store’s conflict (current revision), appending nothing', async () => {
    const side = await commandSide().given(drafted);
    const seen = await side.store.streamRevision(stream);
    await side.send(update('Première version'), { expectedRevision: seen });
    const before = await side.store.readStream(stream);
    const error = await side
      .send(update('Seconde version'), { expectedRevision: seen })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WrongExpectedRevision);
    expect((error as WrongExpectedRevision).actualRevision).toBe(before.length - 1);
    expect(await side.store.readStream(stream)).toHaveLength(before.length);
  });

  it('refuses when another command reaches the stream between the read and the append, without deciding again', async () => {
    const race = racingStore(1, async (store) => {
      const revision = await store.streamRevision(stream);
      await store.append(stream, [axisDefined('7')], {
        actor: { id: 'autre', role: 'admin' },
        expectedRevision: revision ?? 'no_stream',
      });
    });
    const side = await commandSide({ store: race.store }).given(drafted);
    const seen = await side.store.streamRevision(stream);
    race.arm();
    const error = await side
      .send(update('Seconde version'), { expectedRevision: seen })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WrongExpectedRevision);
    const events = await side.store.readStream(stream);
    expect(events.at(-1)?.type).toBe('AxisDefined');
  });

  it('answers a retry of a command that went through with its first result, though the stream moved on', async () => {
    const side = await commandSide().given(drafted);
    const seen = await side.store.streamRevision(stream);
    const commandId = randomUUID();
    const first = await side.send(update('Première version'), { commandId, expectedRevision: seen });
    const retry = await side.send(update('Première version'), { commandId, expectedRevision: seen });
    expect(retry).toEqual({ ...first, appended: 0, eventTypes: [] });
  });

  it('refuses a revision given for a stream that does not exist yet', async () => {
    const side = commandSide();
    const error = await side
      .send(drafted[0] as Command, { expectedRevision: 0 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WrongExpectedRevision);
    expect((error as WrongExpectedRevision).actualRevision).toBeUndefined();
  });
});

describe('handleCommand: streams folded once', () => {
  it('reads only the events appended since the states it keeps, and not the stream it appended to last', async () => {
    const store = new MemoryEventStore();
    const reads: Array<{ stream: string; fromRevision: number | undefined }> = [];
    const spying = storeWith(store, {
      readStream: (stream, options) => {
        reads.push({ stream, fromRevision: options?.fromRevision });
        return store.readStream(stream, options);
      },
    });
    const side = await commandSide({ store: spying, states: new StreamStates() }).given(draftedContract);
    reads.length = 0;
    await side.send(plannedAction());
    await side.send({ type: 'DefineAxis', contractId, code: '2', title: 'Santé mentale' });
    await side.send({ type: 'UpdateAction', actionId, title: 'Accueillir les internes en stage' });
    // The contract is kept as its own appends left it (its fiche defined, revision 2): the action's
    // decision reads only what came after; the contract is then decided on as kept (its axis,
    // revision 3), as the action is after its own append; the contract the action's decision reads
    // is read again from its last event on (nothing checks it at the action's append).
    expect(reads).toEqual([
      { stream: `action-${actionId}`, fromRevision: undefined },
      { stream: `contract-${contractId}`, fromRevision: 3 },
      { stream: `contract-${contractId}`, fromRevision: 4 },
    ]);
  });

  /** Two processes on one log: `ours` keeps its states, `theirs` (another API instance) appends meanwhile. */
  async function twoProcesses() {
    const store = new MemoryEventStore();
    const states = new StreamStates();
    const ours = await commandSide({ store, states }).given([...signedContract(plannedAction())]);
    const theirs = commandSide({ store });
    await ours.send({ type: 'StartAction', actionId, startedOn: '2026-03-01' });
    return { store, states, ours, theirs, stream: `action-${actionId}` };
  }
  const progress: Command = {
    type: 'ReportProgress',
    actionId,
    reportedOn: '2026-03-10',
    progress: 'on_track',
  };

  it('never appends on a kept state another process made stale: decided again on the log (refused here)', async () => {
    const { store, states, ours, theirs, stream } = await twoProcesses();
    const kept = states.get(stream);
    await theirs.send({ type: 'CompleteAction', actionId, completedOn: '2026-03-05' });
    // Kept as it was: this process knows nothing of the other's append.
    expect(states.get(stream)).toBe(kept);
    const before = await store.readStream(stream);
    await ours.thenRefuses(progress, 'invalid_status');
    expect(await store.readStream(stream)).toEqual(before);
  });

  it('decides again on the log when a kept state would refuse what the log accepts', async () => {
    const { ours, theirs } = await twoProcesses();
    await ours.send({ type: 'SuspendAction', actionId, suspendedOn: '2026-03-02', reason: 'Pause' });
    // Resumed by the other process: the state kept here still says suspended.
    await theirs.send({ type: 'StartAction', actionId, startedOn: '2026-03-03' });
    await ours.thenAppends(progress, ['ProgressReported']);
  });

  it('takes the revision the sender saw from the log when the kept state is behind it', async () => {
    const { store, ours, theirs, stream } = await twoProcesses();
    await theirs.send(progress);
    const seen = await store.streamRevision(stream);
    const outcome = await ours.send(progress, { expectedRevision: seen });
    expect(outcome.revision).toBe((seen ?? -1) + 1);
  });

  it('reads again the other streams a decision reads: once another process signed the contract, a change needs an avenant', async () => {
    const store = new MemoryEventStore();
    const ours = await commandSide({ store, states: new StreamStates() }).given([
      ...draftedContract,
      plannedAction(),
    ]);
    await commandSide({ store }).send(signature);
    await ours.thenRefuses({ type: 'UpdateAction', actionId, title: 'Autre titre' }, 'needs_amendment');
  });

  const withUndefinedMembers = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(withUndefinedMembers)
      : value && typeof value === 'object'
        ? Object.fromEntries([
            ...Object.entries(value).map(([key, member]) => [key, withUndefinedMembers(member)]),
            ['absent', undefined],
          ])
        : value;

  it('keeps after an append the state a fold of the log gives', async () => {
    const states = new StreamStates();
    const sealing: PersonalDataSealer = {
      ...personalDataInClear,
      // Data as a sealer may return them: an undefined member in every object, which the log leaves out.
      sealEvent: async (_type, data) => withUndefinedMembers(data),
    };
    const side = await commandSide({ states, sealer: sealing }).given(signedContract(plannedAction()));
    await side.send({ type: 'StartAction', actionId, startedOn: '2026-03-01' });
    await side.send(progress);
    await side.send({ type: 'DefineAxis', contractId, code: '2', title: 'Santé mentale' }).catch(() => {});
    for (const [stream, decider] of [
      [`action-${actionId}`, DECIDER_OF_CATEGORY.get('action')],
      [`contract-${contractId}`, DECIDER_OF_CATEGORY.get('contract')],
    ] as const) {
      if (!decider) throw new Error('décideur inconnu');
      const events = await side.store.readStream(stream);
      expect(states.get(stream)).toStrictEqual({ revision: events.length - 1, state: fold(decider, events) });
    }
  });
});

describe('handleCommand: personal data', () => {
  /** A sealer that marks what it seals and records each call, in order with the appends. */
  function recordingSealer(known: string[]) {
    const calls: string[] = [];
    const sealer: PersonalDataSealer = {
      sealEvent: async (type, data) => {
        calls.push(`seal ${type}`);
        return type === 'UserInvited'
          ? { ...(data as object), displayName: 'scellé', email: 'scellé' }
          : data;
      },
      knows: async (subject) => known.includes(subject),
      erase: async (subject) => {
        calls.push(`erase ${subject}`);
      },
    };
    return { sealer, calls };
  }
  function recordingStore(calls: string[]) {
    const store = new MemoryEventStore();
    return storeWith(store, {
      append: (stream, events, options) => {
        calls.push(`append ${events.map((event) => event.type).join(',')}`);
        return store.append(stream, events, options);
      },
    });
  }

  it('appends what the sealer sealed', async () => {
    const { sealer } = recordingSealer([]);
    const side = commandSide({ sealer });
    await side.send({
      type: 'InviteUser',
      userId: 'camille',
      email: 'camille@exemple.fr',
      displayName: 'Camille',
    });
    const [invited] = await side.store.readStream('user-camille');
    expect(invited?.data).toMatchObject({ email: 'scellé', displayName: 'scellé' });
  });

  it('destroys the erased subject’s key before the event that says so is appended', async () => {
    const { sealer, calls } = recordingSealer(['person-octave']);
    const side = commandSide({ sealer, store: recordingStore(calls) });
    await side.send({ type: 'ErasePersonalData', userId: 'person-octave', erasedOn: '2026-03-14' });
    expect(calls).toEqual(['seal PersonalDataErased', 'erase person-octave', 'append PersonalDataErased']);
    // A person nothing was ever sealed for: not found, no key destroyed, nothing appended.
    calls.length = 0;
    await side.thenRefuses(
      { type: 'ErasePersonalData', userId: 'person-inconnue', erasedOn: '2026-03-14' },
      'not_found',
    );
    expect(calls).toEqual(['seal PersonalDataErased']);
  });
});

describe('handleCommand: what the log refuses', () => {
  it('is a refusal of the command (400) with the log’s reason', async () => {
    const refusing = storeWith(new MemoryEventStore(), {
      append: async () => {
        throw new InvalidEventPayload('data.title', 'événement trop volumineux');
      },
    });
    const side = commandSide({ store: refusing });
    const [draft] = draftedContract as [Command];
    await side.thenRefuses(draft, 'invalid_value', /DraftContract : événement trop volumineux/);
  });
});

describe('handleCommand: streams a decision finds in the log', () => {
  it('gives the contract its live actions, folded from their streams: a fiche that still has some is not withdrawn', async () => {
    const other = 'cls-autre';
    const side = await commandSide().given([
      ...draftedContract,
      plannedAction(),
      plannedAction(`${contractId}.1.1-A2`),
      // Another contract's action in a fiche of the same code does not count.
      { ...(draftedContract[0] as Command), contractId: other } as Command,
      { type: 'DefineAxis', contractId: other, code: '1', title: 'Accès aux soins' },
      { type: 'DefineFicheAction', contractId: other, axisCode: '1', code: '1.1', title: 'Installer' },
      { ...plannedAction(`${other}.1.1-A1`), contractId: other } as Command,
    ]);
    const withdraw: Command = { type: 'WithdrawFicheAction', contractId, code: '1.1', reason: 'Fusionnée' };
    await side.thenRefuses(withdraw, 'invalid_status', /a encore les actions 1\.1-A1, 1\.1-A2 :/);
    await side.send({ type: 'WithdrawAction', actionId, reason: 'Doublon' });
    await side.thenRefuses(withdraw, 'invalid_status', /a encore l’action 1\.1-A2 :/);
    await side.send({ type: 'WithdrawAction', actionId: `${contractId}.1.1-A2`, reason: 'Doublon' });
    await side.thenAppends(withdraw, ['FicheActionWithdrawn']);
  });
});
