import { MemoryEventStore, type RecordedEvent } from '@cls/event-store';
import { afterEach, describe, expect, it } from 'vitest';
import { type Reactor, ReactorRunner } from './reactor.js';
import { memoryCheckpoints } from './testing.js';

const actor = { id: 'admin', role: 'admin' };

/** A reactor that records the events it reacted to (`userId` of their data), failing while `failing` says so. */
function recorder(name: string, handles: string[], failing: () => boolean = () => false) {
  const seen: string[] = [];
  const reactor: Reactor = {
    name,
    handles,
    async react(event: RecordedEvent) {
      if (failing()) throw new Error('panne');
      seen.push(`${event.type} ${(event.data as { userId: string }).userId}`);
      return undefined;
    },
  };
  return { reactor, seen };
}

const invite = (store: MemoryEventStore, userId: string) =>
  store.append(`user-${userId}`, [{ type: 'UserInvited', data: { userId } }], {
    actor,
    expectedRevision: 'no_stream',
  });
const erase = (store: MemoryEventStore, userId: string) =>
  store.append(`user-${userId}`, [{ type: 'PersonalDataErased', data: { userId } }], { actor });
const grant = (store: MemoryEventStore, userId: string) =>
  store.append(`user-${userId}`, [{ type: 'RoleGranted', data: { userId, role: 'auditor' } }], { actor });

describe('ReactorRunner', () => {
  const runners: ReactorRunner[] = [];
  const run = async (...args: ConstructorParameters<typeof ReactorRunner>) => {
    const runner = new ReactorRunner(...args);
    runners.push(runner);
    await runner.start();
    return runner;
  };
  afterEach(async () => {
    for (const runner of runners.splice(0)) await runner.stop();
  });

  it('catches up at start: each reactor reacts to the events it handles, in log order', async () => {
    const store = new MemoryEventStore();
    await invite(store, 'alice');
    await grant(store, 'alice');
    await invite(store, 'bruno');
    await erase(store, 'alice');
    const accounts = recorder('accounts', ['UserInvited', 'PersonalDataErased']);
    const keys = recorder('keys', ['PersonalDataErased']);
    const checkpoints = memoryCheckpoints();
    await run(store, [accounts.reactor, keys.reactor], checkpoints);
    expect(accounts.seen).toEqual(['UserInvited alice', 'UserInvited bruno', 'PersonalDataErased alice']);
    expect(keys.seen).toEqual(['PersonalDataErased alice']);
    expect(checkpoints.positions).toEqual(
      new Map([
        ['accounts', 4],
        ['keys', 4],
      ]),
    );
  });

  it('reacts to what is appended next, and answers waitFor once it has', async () => {
    const store = new MemoryEventStore();
    const accounts = recorder('accounts', ['UserInvited']);
    const runner = await run(store, [accounts.reactor], memoryCheckpoints(), { pollIntervalMs: 60_000 });
    const { position } = await invite(store, 'camille');
    expect(await runner.waitFor(position, 2000)).toBe(true);
    expect(accounts.seen).toEqual(['UserInvited camille']);
    expect(runner.follows(['RoleGranted'])).toBe(false);
    expect(runner.follows(['RoleGranted', 'UserInvited'])).toBe(true);
  });

  it('tells a command the position of what the reactions to it appended, so its reads include them', async () => {
    const store = new MemoryEventStore();
    // Grants the invited user a role, as a reaction: one more event in the log.
    const granting: Reactor = {
      name: 'granting',
      handles: ['UserInvited'],
      async react(event) {
        return (await grant(store, (event.data as { userId: string }).userId)).position;
      },
    };
    const runner = await run(store, [granting], memoryCheckpoints(), { pollIntervalMs: 60_000 });
    const { position } = await invite(store, 'emma');
    expect(await runner.waitFor(position, 2000)).toBe(true);
    const [granted] = await store.readAll({ fromPosition: position });
    expect(granted?.type).toBe('RoleGranted');
    expect(runner.reachedFrom(position)).toBe(granted?.position);
    expect(runner.reachedFrom(position + 10)).toBe(position + 10);
  });

  it('starts again from its checkpoint: nothing it reacted to is reacted to again', async () => {
    const store = new MemoryEventStore();
    const checkpoints = memoryCheckpoints();
    await invite(store, 'alice');
    const first = recorder('accounts', ['UserInvited']);
    await (await run(store, [first.reactor], checkpoints)).stop();
    await invite(store, 'bruno');
    const second = recorder('accounts', ['UserInvited']);
    await run(store, [second.reactor], checkpoints);
    expect(first.seen).toEqual(['UserInvited alice']);
    expect(second.seen).toEqual(['UserInvited bruno']);
  });

  it('tries a failed reaction again, without running the other reactors twice', async () => {
    const store = new MemoryEventStore();
    let failures = 2;
    const flaky = recorder('flaky', ['UserInvited'], () => failures-- > 0);
    const steady = recorder('steady', ['UserInvited']);
    const errors: unknown[] = [];
    const runner = new ReactorRunner(store, [steady.reactor, flaky.reactor], memoryCheckpoints(), {
      retryDelayMs: 10,
      onError: (error) => errors.push(error),
    });
    runners.push(runner);
    await invite(store, 'alice');
    await runner.start();
    const { position } = await invite(store, 'bruno');
    expect(await runner.waitFor(position, 2000)).toBe(true);
    expect(errors).toHaveLength(2);
    expect(flaky.seen).toEqual(['UserInvited alice', 'UserInvited bruno']);
    expect(steady.seen).toEqual(['UserInvited alice', 'UserInvited bruno']);
  });

  it('lets one process react while another, without the lease, follows its checkpoints', async () => {
    const store = new MemoryEventStore();
    const shared = memoryCheckpoints();
    const holder = recorder('accounts', ['UserInvited']);
    const other = recorder('accounts', ['UserInvited']);
    const following = await run(store, [other.reactor], { ...shared, lease: async () => false });
    await run(store, [holder.reactor], shared);
    const { position } = await invite(store, 'dora');
    expect(await following.waitFor(position, 3000)).toBe(true);
    expect(holder.seen).toEqual(['UserInvited dora']);
    expect(other.seen).toEqual([]);
  });
});
