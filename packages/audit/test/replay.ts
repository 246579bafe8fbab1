import { type PlannedCommand, stableCommandId } from '@cls/demo';
import {
  AGGREGATE_OF_COMMAND,
  type CommandType,
  DECIDER_OF_CATEGORY,
  DomainError,
  type DomainEvent,
  type StateOf,
  streamOfCommand,
} from '@cls/domain';
import { type Actor, eventHash, GENESIS_HASH, type RecordedEvent } from '@cls/event-store';

/*
 * An in-memory replayer for pure tests: each command runs through its decider as
 * the API's command side runs it (fold the stream so far, build the context from
 * other streams, decide, append), and becomes RecordedEvents with positions,
 * revisions and a hash chain. Deterministic: event ids derive from the command id,
 * and the clock is whatever each command says.
 */

type AnyCommand = { type: CommandType } & Record<string, unknown>;

const asDomain = (event: RecordedEvent): DomainEvent => ({
  type: event.type,
  data: event.data,
  occurredAt: event.metadata.occurredAt,
});

/** A command of a test scenario, with when the log records it. */
export interface ScriptedCommand {
  key: string;
  command: AnyCommand;
  /** Store time (ISO 8601); the replay's default when omitted. */
  recordedAt?: string;
}

export interface ReplayOptions {
  /** Store time of the commands that do not say theirs. */
  recordedAt: string;
  actor?: Actor;
  /** Positions and revisions continue an existing log. */
  after?: RecordedEvent[];
}

const DEFAULT_ACTOR: Actor = { id: 'demo-loader', role: 'admin' };

/** Replays commands in order; throws on a refused command (a scenario that breaks a rule is a broken test). */
export function replay(
  commands: ReadonlyArray<PlannedCommand | ScriptedCommand>,
  options: ReplayOptions,
): RecordedEvent[] {
  const log: RecordedEvent[] = [...(options.after ?? [])];
  // Each stream's last event and folded state, kept up to date: replaying stays linear.
  const heads = new Map<string, RecordedEvent>();
  const states = new Map<string, unknown>();
  const append = (event: RecordedEvent) => {
    heads.set(event.stream, event);
    const decider = DECIDER_OF_CATEGORY.get(event.stream.slice(0, event.stream.indexOf('-')));
    if (decider) {
      states.set(
        event.stream,
        decider.evolve(states.get(event.stream) ?? decider.initialState(), asDomain(event)),
      );
    }
  };
  const stateOf: StateOf = (stream) => states.get(stream);
  for (const event of log) append(event);
  const actor = options.actor ?? DEFAULT_ACTOR;

  for (const planned of commands) {
    const { key, command } = planned;
    const recordedAt = ('recordedAt' in planned && planned.recordedAt) || options.recordedAt;
    const commandId = 'commandId' in planned ? planned.commandId : stableCommandId(`test:${key}`);
    const definition = AGGREGATE_OF_COMMAND[command.type];
    if (!definition) throw new Error(`${key} : commande ${command.type} hors du replayer`);
    const stream = streamOfCommand(command);
    const state = states.get(stream) ?? definition.decider.initialState();
    const context = definition.context?.(command, state, stateOf, recordedAt.slice(0, 10));
    const decided = definition.decider.decide(command, state, context);
    if (decided instanceof DomainError) throw new Error(`${key} refusée : ${decided.message}`);
    decided.forEach((domainEvent, index) => {
      const previous = heads.get(stream);
      const withoutHash = {
        id: stableCommandId(`event:${commandId}:${index}`),
        stream,
        revision: previous ? previous.revision + 1 : 0,
        type: domainEvent.type,
        version: 1,
        // As a store gives it back: JSON, without undefined members.
        data: JSON.parse(JSON.stringify(domainEvent.data)) as unknown,
        metadata: {
          actor,
          commandId,
          correlationId: commandId,
          causationId: null,
          occurredAt: domainEvent.occurredAt ?? recordedAt,
          recordedAt,
          prevHash: previous?.metadata.hash ?? GENESIS_HASH,
        },
      };
      const recorded: RecordedEvent = {
        ...withoutHash,
        position: (log.at(-1)?.position ?? 0) + 1,
        metadata: { ...withoutHash.metadata, hash: eventHash(withoutHash) },
      };
      log.push(recorded);
      append(recorded);
    });
  }
  return log;
}

/** The position of the (first) event a scripted command appended, found by its command id. */
export function positionOfCommand(log: readonly RecordedEvent[], key: string): number {
  const commandId = stableCommandId(`test:${key}`);
  const event = log.find((recorded) => recorded.metadata.commandId === commandId);
  if (!event) throw new Error(`aucun événement de la commande ${key}`);
  return event.position;
}
