import { actionDecider } from './action/decider.js';
import type { CommandType } from './command-schemas.js';
import { type ActionPlanChange, isActionPlanChange } from './contract/commands.js';
import { type ContractState, contractDecider } from './contract/decider.js';
import { conventionDecider } from './convention/decider.js';
import type { Decider, DomainEvent } from './decider.js';
import { evaluationIdOf } from './evaluation/commands.js';
import { evaluationDecider } from './evaluation/decider.js';
import { meetingDecider } from './meeting/decider.js';
import { offerDecider } from './offer/decider.js';
import { organisationDecider } from './organisation/decider.js';
import { userDecider } from './user/decider.js';

type AnyCommand = { type: string } & Record<string, unknown>;
export type AnyDecider = Decider<AnyCommand, DomainEvent, unknown, unknown>;

/** The folded state of another stream (its decider's initial state while it has no event). */
export type StateOf = (stream: string) => unknown;

/**
 * How a command reaches its aggregate: the stream category, the decider, the
 * command field naming the aggregate, and what `decide` needs from other
 * streams. The command side (apps/api) and the audit's test replayer both route
 * commands with it, so they cannot disagree.
 */
export interface AggregateRoute {
  category: string;
  decider: AnyDecider;
  /** Field of the command naming the aggregate (the id part of its stream name). */
  idField: string;
  /** The aggregate's id when the command does not carry it (derived by the command side). */
  derivedId?(command: AnyCommand): string | undefined;
  /** The other streams `context` reads, for the caller to load and fold. */
  needs?(command: AnyCommand, state: unknown): string[];
  /** What `decide` needs besides the aggregate's own state. */
  context?(command: AnyCommand, state: unknown, stateOf: StateOf, today: string): unknown;
}

/** The contract an action, meeting or evaluation belongs to: named by its state once it exists, by the command before. */
const contractStream = (command: AnyCommand, state: unknown) => {
  const contractId = (state as { contractId?: string }).contractId || command.contractId;
  return typeof contractId === 'string' && contractId ? [`contract-${contractId}`] : [];
};

/** The contract's status, period, fiches and governance bodies, for the rules that depend on them. */
function contractContext(command: AnyCommand, state: unknown, stateOf: StateOf, today: string) {
  const [stream] = contractStream(command, state);
  const contract = stream ? (stateOf(stream) as ContractState | undefined) : undefined;
  if (!contract?.exists) return { today };
  const { status, period, fiches, governanceBodies } = contract;
  // The signed avenants' changes of actions: what lets an action of a signed contract change.
  const signedAmendments: Record<string, { signedOn: string; changes: ActionPlanChange[] }> = {};
  for (const [amendmentId, amendment] of Object.entries(contract.amendmentsById ?? {})) {
    if (amendment.status !== 'signed' || amendment.signedOn === undefined) continue;
    const changes = amendment.changes.filter(isActionPlanChange);
    if (changes.length > 0) signedAmendments[amendmentId] = { signedOn: amendment.signedOn, changes };
  }
  return { today, contract: { status, period, fiches, governanceBodies, signedAmendments } };
}

const route = (
  category: string,
  decider: unknown,
  idField: string,
  dependsOn?: Pick<AggregateRoute, 'needs' | 'context' | 'derivedId'>,
): AggregateRoute => ({ category, decider: decider as AnyDecider, idField, ...dependsOn });

const onContract = { needs: contractStream, context: contractContext };

const contract = route('contract', contractDecider, 'contractId');
const action = route('action', actionDecider, 'actionId', onContract);
const convention = route('convention', conventionDecider, 'conventionId');
const meeting = route('meeting', meetingDecider, 'meetingId', onContract);
const evaluation = route('evaluation', evaluationDecider, 'evaluationId', {
  ...onContract,
  derivedId: (command) =>
    command.type === 'OpenEvaluation'
      ? evaluationIdOf(String(command.contractId), Number(command.year))
      : undefined,
});
const user = route('user', userDecider, 'userId');
const organisation = route('organisation', organisationDecider, 'organisationId');
// An offer being linked to an action needs that action's contract.
const offer = route('offer', offerDecider, 'offerId', {
  needs: (command) => (command.type === 'LinkOfferToAction' ? [`action-${String(command.actionId)}`] : []),
  context: (command, _state, stateOf) => {
    if (command.type !== 'LinkOfferToAction') return undefined;
    const linked = stateOf(`action-${String(command.actionId)}`) as { exists?: boolean; contractId?: string };
    return linked?.exists && linked.contractId ? { action: { contractId: linked.contractId } } : {};
  },
});

/** The aggregate of each command type. */
export const AGGREGATE_OF_COMMAND: Record<CommandType, AggregateRoute> = {
  DraftContract: contract,
  UpdateContractDraft: contract,
  DefineAxis: contract,
  DefineFicheAction: contract,
  DefineGovernanceBody: contract,
  UpdateGovernanceBody: contract,
  SignContract: contract,
  AmendContract: contract,
  CloseContract: contract,
  RecordFact: contract,
  UpdateAxis: contract,
  WithdrawAxis: contract,
  UpdateFicheAction: contract,
  MoveFicheAction: contract,
  WithdrawFicheAction: contract,
  ReorderPlan: contract,
  ReportFicheProgress: contract,
  DraftAmendment: contract,
  EditAmendmentDraft: contract,
  WithdrawAmendmentDraft: contract,
  SignAmendment: contract,
  PlanAction: action,
  StartAction: action,
  ReportProgress: action,
  ProduceDeliverable: action,
  MeasureIndicator: action,
  CompleteAction: action,
  SuspendAction: action,
  AbandonAction: action,
  UpdateAction: action,
  MoveAction: action,
  WithdrawAction: action,
  DraftConvention: convention,
  SignConvention: convention,
  AmendConvention: convention,
  TerminateConvention: convention,
  ScheduleMeeting: meeting,
  HoldMeeting: meeting,
  CancelMeeting: meeting,
  RecordHeldMeeting: meeting,
  FollowUpDecision: meeting,
  OpenEvaluation: evaluation,
  ScoreResult: evaluation,
  PublishEvaluation: evaluation,
  RegisterOffer: offer,
  UpdateOffer: offer,
  CloseOffer: offer,
  VerifyOffer: offer,
  DeclareCoverage: offer,
  LinkOfferToAction: offer,
  RegisterOrganisation: organisation,
  UpdateOrganisation: organisation,
  InviteUser: user,
  GrantRole: user,
  RevokeRole: user,
  ErasePersonalData: user,
};

/** The stream a command is decided on: `<category>-<id>`, the id carried by the command or derived from it. */
export function streamOfCommand(command: { type: CommandType } & Record<string, unknown>): string {
  const route = AGGREGATE_OF_COMMAND[command.type];
  return `${route.category}-${route.derivedId?.(command) ?? String(command[route.idField])}`;
}

/** The decider of each stream category: to fold any stream of the log. */
export const DECIDER_OF_CATEGORY: ReadonlyMap<string, AnyDecider> = new Map(
  Object.values(AGGREGATE_OF_COMMAND).map((definition) => [definition.category, definition.decider]),
);
