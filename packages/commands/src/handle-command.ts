import {
  AGGREGATE_OF_COMMAND,
  businessDay,
  type Clock,
  COMMAND_SCHEMAS,
  type CommandType,
  DECIDER_OF_CATEGORY,
  DomainError,
  type DomainEvent,
  isCommandType,
  type StreamSearch,
  streamOfCommand,
} from '@cls/domain';
import {
  type Actor,
  type AppendOptions,
  type EventStore,
  InvalidEventPayload,
  WrongExpectedRevision,
} from '@cls/event-store';
import { firstResultOf, scopedCommandId } from './command-id.js';
import { destroyErasedKeys, type PersonalDataSealer } from './personal-data-sealer.js';
import { foldStream, keepAppended, type StreamStates } from './stream-states.js';

/** Who sends a command, and the keys that tie it to a request and its retries. */
export interface CommandMetadata {
  actor: Actor;
  /** Idempotency key: the same command id from the same actor is executed once, its result replayed. */
  commandId: string;
  /**
   * False when the sender made the id up (the client sent none, so it cannot be a
   * retry): the lookup of an earlier result is skipped.
   */
  mayBeRetry?: boolean;
  correlationId?: string;
  causationId?: string;
  /** The client's name for the request (x-cls-correlation-id when it is not a batch of theirs). */
  label?: string;
  /**
   * Optimistic concurrency: the revision of the aggregate's stream the sender's form was
   * filled from. When the stream is elsewhere, the command is refused with the store's own
   * WrongExpectedRevision (409 with the current revision) and nothing is appended.
   */
  expectedRevision?: number;
}

export interface CommandResult {
  commandId: string;
  stream: string;
  /** Revision of the stream's last event after the command. */
  revision: number;
  /** Global position of the last event appended: queries can wait for projections to pass it. */
  position: number;
  /** Events the command appended (0 when it was a retry answered with its first result). */
  appended: number;
}

/** The result, and the types of the events appended (none for a retry): what reactors may follow. */
export interface CommandOutcome extends CommandResult {
  eventTypes: string[];
}

export interface HandleCommandOptions {
  /** Today's business day (Europe/Paris) for the rules about the future. */
  clock: Clock;
  sealer: PersonalDataSealer;
  /** Streams folded by earlier commands (see StreamStates); without it, every stream is folded from its start. */
  states?: StreamStates;
  /** Decisions tried before a concurrent change reaches the caller (409); 3 by default. */
  attempts?: number;
}

type CheckedCommand = { type: CommandType } & Record<string, unknown>;

/** Where a NUL character hides in a value (a dotted path), if it does. */
function pathOfNul(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'value' : undefined;
  if (value && typeof value === 'object') {
    for (const [key, member] of Object.entries(value)) {
      const found = pathOfNul(member, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Whoever sent it (tRPC, the demo loader, an import, a test), a command is
 * checked with the forms' schema: what the schema gives back (defaults filled,
 * values normalised) is what is decided and recorded.
 */
function check(command: { type: string }): CheckedCommand {
  if (!isCommandType(command.type)) {
    throw new DomainError('invalid_value', `Commande inconnue : ${command.type}`, 'type');
  }
  const parsed = COMMAND_SCHEMAS[command.type].safeParse(command);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DomainError('invalid_value', `${command.type} : ${issue?.message}`, issue?.path.join('.'));
  }
  const checked = { ...parsed.data, type: command.type };
  // PostgreSQL refuses a NUL character in text: such an event would stop every read model at it.
  const nul = pathOfNul(checked);
  if (nul) throw new DomainError('invalid_value', `${command.type} : caractère nul interdit`, nul);
  return checked;
}

/**
 * The streams a route's search finds: the log read by category and event type
 * (an index of the PostgreSQL log; a filtered read of KurrentDB's), page by
 * page, each stream once.
 */
async function streamsFound(store: EventStore, search: StreamSearch): Promise<string[]> {
  const found = new Set<string>();
  const limit = 500;
  for (let fromPosition = 0; ; ) {
    const page = await store.readAll({
      fromPosition,
      limit,
      filter: { categories: [search.category], eventTypes: [search.eventType] },
    });
    for (const event of page) if (search.matches(event)) found.add(event.stream);
    const last = page.at(-1);
    if (!last || page.length < limit) return [...found];
    fromPosition = last.position;
  }
}

/**
 * The aggregate's stream folded, the other streams its decision reads folded, and the
 * decision (or its refusal). `trustKept`: the aggregate's state kept in `states` is
 * decided on without reading its stream — safe because the append is made at the
 * revision it was kept at, which the store checks (another process's append is a
 * conflict, and the command is decided again on the log). The other streams are always
 * read up to their last event: nothing checks them at the append.
 */
async function decide(
  store: EventStore,
  command: CheckedCommand,
  today: string,
  states: StreamStates | undefined,
  trustKept: boolean,
) {
  const route = AGGREGATE_OF_COMMAND[command.type];
  const stream = streamOfCommand(command);
  const kept = trustKept ? states?.get(stream) : undefined;
  const { state, revision } = kept ?? (await foldStream(store, stream, route.decider, states));
  // The other streams the decision depends on (an action's contract…), and those it finds in the log.
  const search = route.finds?.(command, state);
  const found = search ? await streamsFound(store, search) : [];
  const others = new Map<string, unknown>();
  for (const other of [...(route.needs?.(command, state) ?? []), ...found]) {
    const decider = DECIDER_OF_CATEGORY.get(other.slice(0, other.indexOf('-')));
    if (decider) others.set(other, (await foldStream(store, other, decider, states)).state);
  }
  let decision: DomainEvent[] | DomainError;
  try {
    const context = route.context?.(command, state, (other) => others.get(other), today, found);
    decision = route.decider.decide(command, state, context);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    decision = error;
  }
  return { stream, route, state, revision, decision, fromKept: kept !== undefined };
}

/** The decision as the log stores it: personal data sealed with their subjects' keys. */
const sealed = (sealer: PersonalDataSealer, decision: DomainEvent[]) =>
  Promise.all(
    decision.map(async (event) => ({
      type: event.type,
      data: await sealer.sealEvent(event.type, event.data),
      occurredAt: event.occurredAt,
    })),
  );

/**
 * Every domain command, the same way: check it, answer a command id its actor
 * sent before with its first result, fold the aggregate's stream and the
 * streams its decision reads, decide (today being the business day of
 * `clock`), seal personal data, destroy the keys an erasure erases, and append
 * at the revision read, with the actor and the idempotency keys in the events'
 * metadata. A concurrent append to the stream (WrongExpectedRevision) has the
 * command decided again on the new state, a few times at most, then goes up as
 * a conflict: safe, because deciders are pure — unless the sender named the
 * revision it saw (`expectedRevision`): then any other revision is that same
 * conflict at once (an edit form's lost update), checked after the retry lookup
 * so that a retry of a command that went through still gets its first result.
 * Refusals are DomainErrors.
 */
export async function handleCommand(
  store: EventStore,
  command: { type: string },
  metadata: CommandMetadata,
  options: HandleCommandOptions,
): Promise<CommandOutcome> {
  const checked = check(command);

  // A retry of a command that went through is answered with its first result.
  const known =
    metadata.mayBeRetry === false
      ? undefined
      : await firstResultOf(store, metadata.actor.id, metadata.commandId);
  if (known)
    return {
      commandId: metadata.commandId,
      stream: known.stream,
      revision: known.nextExpectedRevision,
      position: known.position,
      appended: 0,
      eventTypes: [],
    };

  const commandId = scopedCommandId(metadata.actor.id, metadata.commandId);
  const recorded: AppendOptions = {
    actor: metadata.actor,
    commandId,
    correlationId: metadata.correlationId ?? commandId,
    causationId: metadata.causationId ?? commandId,
    ...(metadata.label === undefined ? {} : { label: metadata.label }),
  };
  // France's calendar, as the forms' default dates: 00:30 in Paris is already tomorrow.
  const today = businessDay(options.clock.now());
  const attempts = options.attempts ?? 3;
  const states = options.states;
  for (let attempt = 1; ; attempt += 1) {
    let decided = await decide(store, checked, today, states, attempt === 1);
    // A state kept by this process may be behind the log (another process appended since): a
    // refusal, or a revision other than the sender's, is decided again on the stream as it is.
    if (
      decided.fromKept &&
      (decided.decision instanceof DomainError ||
        (metadata.expectedRevision !== undefined && decided.revision !== metadata.expectedRevision))
    )
      decided = await decide(store, checked, today, states, false);
    const { stream, revision, decision } = decided;
    if (decision instanceof DomainError) throw decision;
    // The sender saw another state of the stream (someone changed it since): not decided on this one.
    // Checked on each attempt: a concurrent append met at the append is met here on the next one.
    if (metadata.expectedRevision !== undefined && revision !== metadata.expectedRevision)
      throw new WrongExpectedRevision(stream, metadata.expectedRevision, revision);
    const events = await sealed(options.sealer, decision);
    await destroyErasedKeys(options.sealer, decision);
    try {
      const result = await store.append(stream, events, {
        ...recorded,
        expectedRevision: revision ?? 'no_stream',
      });
      // The next command on this stream decides on this state without reading the stream.
      if (states)
        keepAppended(states, stream, decided.route.decider, decided, events, result.nextExpectedRevision);
      return {
        commandId: metadata.commandId,
        stream,
        revision: result.nextExpectedRevision,
        position: result.position,
        appended: decision.length,
        eventTypes: decision.map((event) => event.type),
      };
    } catch (error) {
      if (error instanceof WrongExpectedRevision && attempt < attempts) {
        // Another command got there first: decide again on what it left.
        states?.forget(stream);
        continue;
      }
      // An event the log refuses (too large): the command's fault, a 400 with the reason.
      if (error instanceof InvalidEventPayload)
        throw new DomainError('invalid_value', `${command.type} : ${error.problem}`);
      throw error;
    }
  }
}
