import {
  actionDecider,
  type CommandType,
  contractDecider,
  conventionDecider,
  type Decider,
  type DomainEvent,
  evaluationDecider,
  fold,
  meetingDecider,
  offerDecider,
  userDecider,
} from '@cls/domain';
import type { RecordedEvent } from '@cls/event-store';

type AnyCommand = { type: string } & Record<string, unknown>;
type AnyDecider = Decider<AnyCommand, DomainEvent, unknown, unknown>;
type ReadStream = (stream: string) => Promise<RecordedEvent[]>;

/** How the command side runs one aggregate's commands. */
export interface AggregateDefinition {
  category: string;
  decider: AnyDecider;
  /** Field of the command naming the aggregate (the id part of its stream name). */
  idField: string;
  /** What `decide` needs besides the aggregate's own state, read from other streams. */
  context?(command: AnyCommand, state: unknown, read: ReadStream): Promise<unknown>;
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The contract an action, meeting or evaluation belongs to (named by its state
 * once it exists, by the command that creates it before), folded from its
 * stream: status, period and fiches, for the rules that depend on them.
 */
async function contractContext(command: AnyCommand, state: unknown, read: ReadStream) {
  const contractId = ((state as { contractId?: string }).contractId || command.contractId) as
    | string
    | undefined;
  const events = contractId ? await read(`contract-${contractId}`) : [];
  if (events.length === 0) return { today: today() };
  const contract = fold(contractDecider, events as never);
  return {
    today: today(),
    contract: { status: contract.status, period: contract.period, fiches: contract.fiches },
  };
}

/** An offer being linked to an action needs that action's contract. */
async function offerContext(command: AnyCommand, _state: unknown, read: ReadStream) {
  if (command.type !== 'LinkOfferToAction') return undefined;
  const [planned] = await read(`action-${String(command.actionId)}`);
  const contractId = (planned?.data as { contractId?: unknown } | undefined)?.contractId;
  return typeof contractId === 'string' ? { action: { contractId } } : {};
}

const aggregate = (
  category: string,
  decider: unknown,
  idField: string,
  context?: AggregateDefinition['context'],
): AggregateDefinition => ({
  category,
  decider: decider as AnyDecider,
  idField,
  ...(context ? { context } : {}),
});

const contract = aggregate('contract', contractDecider, 'contractId');
const action = aggregate('action', actionDecider, 'actionId', contractContext);
const convention = aggregate('convention', conventionDecider, 'conventionId');
const meeting = aggregate('meeting', meetingDecider, 'meetingId', contractContext);
const evaluation = aggregate('evaluation', evaluationDecider, 'evaluationId', contractContext);
const user = aggregate('user', userDecider, 'userId');
const offer = aggregate('offer', offerDecider, 'offerId', offerContext);

/** Aggregate of each command type. */
export const AGGREGATE_OF_COMMAND: Record<CommandType, AggregateDefinition> = {
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
  InviteUser: user,
  GrantRole: user,
  RevokeRole: user,
};
