import { type PlannedCommand, stableCommandId } from '@cls/demo';
import {
  type ActionState,
  actionDecider,
  type CommandType,
  type ContractState,
  contractDecider,
  conventionDecider,
  type Decider,
  DomainError,
  type DomainEvent,
  evaluationDecider,
  meetingDecider,
  offerDecider,
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
type AnyDecider = Decider<AnyCommand, DomainEvent, unknown, unknown>;

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

/** The folded state of a stream (undefined while it has no event), as the command side would load it. */
type StateOf = (stream: string) => unknown;

interface Aggregate {
  category: string;
  decider: AnyDecider;
  idField: string;
  context?: (command: AnyCommand, state: unknown, read: StateOf, today: string) => unknown;
}

const asDomain = (event: RecordedEvent): DomainEvent => ({
  type: event.type,
  data: event.data,
  occurredAt: event.metadata.occurredAt,
});

/** The contract of an action, meeting or evaluation, as `apps/api` loads it for the decider. */
function contractContext(command: AnyCommand, state: unknown, read: StateOf, today: string) {
  const contractId = ((state as { contractId?: string }).contractId || command.contractId) as
    | string
    | undefined;
  const contract = contractId ? (read(`contract-${contractId}`) as ContractState | undefined) : undefined;
  if (!contract?.exists) return { today };
  return { today, contract: { status: contract.status, period: contract.period, fiches: contract.fiches } };
}

/** An offer being linked to an action needs that action's contract. */
function offerContext(command: AnyCommand, _state: unknown, read: StateOf) {
  if (command.type !== 'LinkOfferToAction') return undefined;
  const action = read(`action-${String(command.actionId)}`) as ActionState | undefined;
  return action?.exists ? { action: { contractId: action.contractId } } : {};
}

const aggregate = (
  category: string,
  decider: unknown,
  idField: string,
  context?: Aggregate['context'],
): Aggregate => ({ category, decider: decider as AnyDecider, idField, ...(context ? { context } : {}) });

const contract = aggregate('contract', contractDecider, 'contractId');
const action = aggregate('action', actionDecider, 'actionId', contractContext);
const convention = aggregate('convention', conventionDecider, 'conventionId');
const meeting = aggregate('meeting', meetingDecider, 'meetingId', contractContext);
const evaluation = aggregate('evaluation', evaluationDecider, 'evaluationId', contractContext);
const offer = aggregate('offer', offerDecider, 'offerId', offerContext);

const DECIDERS: Record<string, AnyDecider> = Object.fromEntries(
  [contract, action, convention, meeting, evaluation, offer].map((definition) => [
    definition.category,
    definition.decider,
  ]),
);

const AGGREGATES: Partial<Record<CommandType, Aggregate>> = {
  DraftContract: contract,
  DefineAxis: contract,
  DefineFicheAction: contract,
  DefineGovernanceBody: contract,
  SignContract: contract,
  AmendContract: contract,
  CloseContract: contract,
  RecordFact: contract,
  PlanAction: action,
  StartAction: action,
  ReportProgress: action,
  ProduceDeliverable: action,
  MeasureIndicator: action,
  CompleteAction: action,
  SuspendAction: action,
  AbandonAction: action,
  DraftConvention: convention,
  SignConvention: convention,
  AmendConvention: convention,
  TerminateConvention: convention,
  ScheduleMeeting: meeting,
  HoldMeeting: meeting,
  CancelMeeting: meeting,
  OpenEvaluation: evaluation,
  ScoreResult: evaluation,
  PublishEvaluation: evaluation,
  RegisterOffer: offer,
  UpdateOffer: offer,
  CloseOffer: offer,
  VerifyOffer: offer,
  DeclareCoverage: offer,
  LinkOfferToAction: offer,
};

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
    const decider = DECIDERS[event.stream.slice(0, event.stream.indexOf('-'))];
    if (decider) {
      states.set(
        event.stream,
        decider.evolve(states.get(event.stream) ?? decider.initialState(), asDomain(event)),
      );
    }
  };
  const read: StateOf = (stream) => states.get(stream);
  for (const event of log) append(event);
  const actor = options.actor ?? DEFAULT_ACTOR;

  for (const planned of commands) {
    const { key, command } = planned;
    const recordedAt = ('recordedAt' in planned && planned.recordedAt) || options.recordedAt;
    const commandId = 'commandId' in planned ? planned.commandId : stableCommandId(`test:${key}`);
    const definition = AGGREGATES[command.type];
    if (!definition) throw new Error(`${key} : commande ${command.type} hors du replayer`);
    const stream = `${definition.category}-${String(command[definition.idField])}`;
    const state = states.get(stream) ?? definition.decider.initialState();
    const context = definition.context?.(command, state, read, recordedAt.slice(0, 10));
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
