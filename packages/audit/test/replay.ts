import { handleCommand, StreamStates, scopedCommandId } from '@cls/commands';
import { personalDataInClear, stoppedClock } from '@cls/commands/testing';
import { type PlannedCommand, stableCommandId } from '@cls/demo';
import { type Command, DomainError } from '@cls/domain';
import { type Actor, MemoryEventStore, type RecordedEvent } from '@cls/event-store';

/*
 * The log of a test scenario, made as the platform makes it: each command goes
 * through the command side (handleCommand of @cls/commands) over a memory store.
 * Deterministic: the store's clock is the time each command is recorded at,
 * and event ids derive from the command id.
 */

/** A command of a test scenario, with when the log records it. */
export interface ScriptedCommand {
  key: string;
  command: Command;
  /** Store time (ISO 8601); the replay's default when omitted. */
  recordedAt?: string;
}

export interface ReplayOptions {
  /** Store time of the commands that do not say theirs. */
  recordedAt: string;
  actor?: Actor;
}

const DEFAULT_ACTOR: Actor = { id: 'demo-loader', role: 'admin' };

/** The command id of a scripted command, from its key. */
const commandIdOf = (key: string) => stableCommandId(`test:${key}`);

/** Replays commands in order; throws on a refused command (a scenario that breaks a rule is a broken test). */
export async function replay(
  commands: ReadonlyArray<PlannedCommand | ScriptedCommand>,
  options: ReplayOptions,
): Promise<RecordedEvent[]> {
  const clock = stoppedClock(options.recordedAt);
  const store = new MemoryEventStore({
    clock,
    eventId: (commandId, index) => stableCommandId(`event:${commandId}:${index}`),
  });
  // Each stream folded once over the replay: replaying stays linear.
  const states = new StreamStates();
  const actor = options.actor ?? DEFAULT_ACTOR;
  for (const planned of commands) {
    clock.set(('recordedAt' in planned && planned.recordedAt) || options.recordedAt);
    const commandId = 'commandId' in planned ? planned.commandId : commandIdOf(planned.key);
    await handleCommand(
      store,
      planned.command,
      { actor, commandId },
      { clock, sealer: personalDataInClear, states },
    ).catch((error: unknown) => {
      if (error instanceof DomainError) throw new Error(`${planned.key} refusée : ${error.message}`);
      throw error;
    });
  }
  return store.readAll();
}

/** The position of the (first) event a scripted command appended, found by its command id. */
export function positionOfCommand(log: readonly RecordedEvent[], key: string): number {
  const commandId = commandIdOf(key);
  const event = log.find(
    (recorded) => recorded.metadata.commandId === scopedCommandId(recorded.metadata.actor.id, commandId),
  );
  if (!event) throw new Error(`aucun événement de la commande ${key}`);
  return event.position;
}
