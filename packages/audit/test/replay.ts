import { type PlannedCommand, stableCommandId } from '@cls/demo';
import {
  actionDecider,
  type CommandType,
  contractDecider,
  conventionDecider,
  type Decider,
  DomainError,
  type DomainEvent,
  evaluationDecider,
  fold,
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

interface Aggregate {
  category: string;
  decider: AnyDecider;
  idField: string;
  context?: (
    command: AnyCommand,
    state: unknown,
    read: (stream: string) => RecordedEvent[],
    today: string,
  ) => unknown;
}

const asDomain = (events: RecordedEvent[]): DomainEvent[] =>
  events.map((event) => ({ type: event.type, data: event.data, occurredAt: event.metadata.occurredAt }));

/** The contract of an action, meeting or evaluation, as `apps/api` loads it for the decider. */
function contractContext(
  command: AnyCommand,
  state: unknown,
  read: (stream: string) => RecordedEvent[],
  today: string,
) {
  const contractId = ((state as { contractId?: string }).contractId || command.contractId) as
    | string
    | undefined;
  const events = contractId ? read(`contract-${contractId}`) : [];
  if (events.length === 0) return { today };
  const contract = fold(contractDecider, asDomain(events) as never);
  return { today, contract: { status: contract.status, period: contract.period, fiches: contract.fiches } };
}

function offerContext(command: AnyCommand, _state: unknown, read: (stream: string) => RecordedEvent[]) {
  if (command.type !== 'LinkOfferToAction') return undefined;
  const [planned] = read(`action-${String(command.actionId)}`);
  const contractId = (planned?.data as { contractId?: unknown } | undefined)?.contractId;
  return typeof contractId === 'string' ? { action: { contractId } } : {};
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
  const streams = new Map<string, RecordedEvent[]>();
  const read = (stream: string) => streams.get(stream) ?? [];
  const append = (event: RecordedEvent) => {
    const stream = streams.get(event.stream);
    if (stream) stream.push(event);
    else streams.set(event.stream, [event]);
  };
  for (const event of log) append(event);
  const actor = options.actor ?? DEFAULT_ACTOR;

  for (const planned of commands) {
    const { key, command } = planned;
    const recordedAt = ('recordedAt' in planned && planned.recordedAt) || options.recordedAt;
    const commandId = 'commandId' in planned ? planned.commandId : stableCommandId(`test:${key}`);
    const definition = AGGREGATES[command.type];
    if (!definition) throw new Error(`${key} : commande ${command.type} hors du replayer`);
    const stream = `${definition.category}-${String(command[definition.idField])}`;
    const history = read(stream);
    const state = fold(definition.decider, asDomain(history));
    const context = definition.context?.(command, state, read, recordedAt.slice(0, 10));
    const decided = definition.decider.decide(command, state, context);
    if (decided instanceof DomainError) throw new Error(`${key} refusée : ${decided.message}`);
    decided.forEach((domainEvent, index) => {
      const previous = read(stream).at(-1);
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
