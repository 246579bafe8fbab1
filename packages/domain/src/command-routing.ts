import { type ActionState, actionDecider } from './action/decider.js';
import type { CommandType } from './command-schemas.js';
import { type ActionPlanChange, isActionPlanChange } from './contract/commands.js';
import { type ContractContext, type ContractState, contractDecider } from './contract/decider.js';
import type { LiveActions } from './contract/plan.js';
import { conventionDecider } from './convention/decider.js';
import type { Decider, DomainEvent } from './decider.js';
import { evaluationIdOf } from './evaluation/commands.js';
import { evaluationDecider } from './evaluation/decider.js';
import { isEventOf } from './event-catalogue.js';
import { MEANS_COMMAND_TYPES } from './means/commands.js';
import { type MeansContext, meansStreams } from './means/rules.js';
import { meetingDecider } from './meeting/decider.js';
import { type OfferState, offerDecider } from './offer/decider.js';
import { offerReportDecider } from './offer-report/decider.js';
import { type OrganisationState, organisationDecider } from './organisation/decider.js';
import { userDecider } from './user/decider.js';

type AnyCommand = { type: string } & Record<string, unknown>;
export type AnyDecider = Decider<AnyCommand, DomainEvent, unknown, unknown>;

/** The folded state of another stream (its decider's initial state while it has no event). */
export type StateOf = (stream: string) => unknown;

/**
 * Streams a decision reads that neither the command nor the aggregate's state
 * names: those whose first event is of `eventType` in `category` and `matches`
 * (the actions of a contract, each on its own stream). The caller finds them in
 * the log (a filtered read of it) and folds them like the streams of `needs`.
 */
export interface StreamSearch {
  category: string;
  eventType: string;
  matches(event: { type: string; data: unknown }): boolean;
}

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
  /** The streams found in the log that `context` reads besides (see StreamSearch). */
  finds?(command: AnyCommand, state: unknown): StreamSearch | undefined;
  /** What `decide` needs besides the aggregate's own state; `found`: the streams `finds` found. */
  context?(command: AnyCommand, state: unknown, stateOf: StateOf, today: string, found: string[]): unknown;
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
  const indicators: Record<string, { ficheCode: string; actionId?: string }> = {};
  for (const [indicatorId, { ficheCode, actionId }] of Object.entries(contract.indicators ?? {}))
    indicators[indicatorId] = actionId === undefined ? { ficheCode } : { ficheCode, actionId };
  return { today, contract: { status, period, fiches, governanceBodies, signedAmendments, indicators } };
}

/**
 * Whether a contract command withdraws a fiche: directly, or among the changes
 * of an avenant it drafts, edits or signs (its last signature applies them).
 */
function withdrawsFiche(command: AnyCommand, state: ContractState): boolean {
  if (command.type === 'WithdrawFicheAction') return true;
  const withdrawing = (changes: unknown) =>
    Array.isArray(changes) &&
    changes.some(
      (change: unknown) =>
        typeof change === 'object' &&
        change !== null &&
        'type' in change &&
        change.type === 'WithdrawFicheAction',
    );
  const drafted =
    typeof command.amendmentId === 'string' ? state.amendmentsById[command.amendmentId] : undefined;
  switch (command.type) {
    case 'DraftAmendment':
      return withdrawing(command.changes);
    case 'EditAmendmentDraft':
      return withdrawing(command.changes ?? drafted?.changes);
    case 'SignAmendment':
      return withdrawing(drafted?.changes);
    default:
      return false;
  }
}

/**
 * The contract's live actions, for the commands that withdraw a fiche (a fiche
 * that still has live actions stays). The actions live on their own streams,
 * named by ids the contract's stream does not hold (an action planned before
 * signature is appended to its stream only), so the command side finds them as
 * the streams whose ActionPlanned names this contract, and folds each — the same
 * folding that gives an action's decider its contract. Only these rare commands
 * pay for that read of the log.
 */
const contractNeedsActions: Pick<AggregateRoute, 'finds' | 'context'> = {
  finds: (command, state) =>
    withdrawsFiche(command, state as ContractState)
      ? {
          category: 'action',
          eventType: 'ActionPlanned',
          matches: (event) =>
            isEventOf(event, ['ActionPlanned']) && event.data.contractId === command.contractId,
        }
      : undefined,
  context: (_command, _state, stateOf, _today, found): ContractContext | undefined => {
    if (found.length === 0) return undefined;
    const actions: Record<string, { code: string; ficheCode: string }> = {};
    for (const stream of found) {
      const action = stateOf(stream) as ActionState | undefined;
      if (action?.exists && !action.withdrawn)
        actions[stream.slice('action-'.length)] = { code: action.code, ficheCode: action.ficheCode };
    }
    return { actions: actions satisfies LiveActions };
  },
};

const route = (
  category: string,
  decider: unknown,
  idField: string,
  dependsOn?: Pick<AggregateRoute, 'needs' | 'context' | 'derivedId' | 'finds'>,
): AggregateRoute => ({ category, decider: decider as AnyDecider, idField, ...dependsOn });

const onContract = { needs: contractStream, context: contractContext };

const isMeansCommand = (command: AnyCommand) => MEANS_COMMAND_TYPES.some((type) => type === command.type);

/**
 * A means command names organisations of the directory (a funder, an employer)
 * and actions of the contract (the one a line funds, those that answered a
 * call): their streams are folded for the decision, which checks that each
 * exists (and is this contract's) and writes the organisation's name in the event.
 */
const contractNeedsMeans: Pick<AggregateRoute, 'needs' | 'context'> = {
  needs: (command) => (isMeansCommand(command) ? meansStreams(command) : []),
  context: (command, _state, stateOf): ContractContext | undefined => {
    if (!isMeansCommand(command)) return undefined;
    const means: MeansContext = { organisations: {}, actions: {} };
    for (const stream of meansStreams(command)) {
      const id = stream.slice(stream.indexOf('-') + 1);
      if (stream.startsWith('organisation-')) {
        const organisation = stateOf(stream) as OrganisationState | undefined;
        if (organisation?.exists && organisation.details) means.organisations[id] = organisation.details.name;
      } else {
        const action = stateOf(stream) as ActionState | undefined;
        if (action?.exists)
          means.actions[id] = {
            contractId: action.contractId,
            code: action.code,
            withdrawn: action.withdrawn,
          };
      }
    }
    return { means };
  },
};

const contract = route('contract', contractDecider, 'contractId', {
  ...contractNeedsActions,
  ...contractNeedsMeans,
  context: (command, state, stateOf, today, found) =>
    contractNeedsMeans.context?.(command, state, stateOf, today, found) ??
    contractNeedsActions.context?.(command, state, stateOf, today, found),
});
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

// A resident's report names an offer: it must exist and be open (the offer's stream says so).
const offerReport = route('offerReport', offerReportDecider, 'reportId', {
  needs: (command) => (command.type === 'ReportOfferError' ? [`offer-${String(command.offerId)}`] : []),
  context: (command, _state, stateOf) => {
    if (command.type !== 'ReportOfferError') return undefined;
    const reported = stateOf(`offer-${String(command.offerId)}`) as OfferState | undefined;
    return {
      offer: reported?.exists
        ? { exists: true, ...(reported.closedOn ? { closedOn: reported.closedOn } : {}) }
        : { exists: false },
    };
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
  DefineIndicator: contract,
  UpdateIndicator: contract,
  PlanFundingLine: contract,
  UpdateFundingLine: contract,
  RecordFundingAmounts: contract,
  WithdrawFundingLine: contract,
  RecordCallForProjects: contract,
  UpdateCallForProjects: contract,
  RecordStaffTime: contract,
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
  AnswerEvaluationQuestion: evaluation,
  PublishEvaluation: evaluation,
  RegisterOffer: offer,
  UpdateOffer: offer,
  CloseOffer: offer,
  VerifyOffer: offer,
  DeclareCoverage: offer,
  LinkOfferToAction: offer,
  ReportOfferError: offerReport,
  DismissOfferReport: offerReport,
  ResolveOfferReport: offerReport,
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
