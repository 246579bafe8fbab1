import type { z } from 'zod';
import * as action from './action/commands.js';
import * as contract from './contract/commands.js';
import * as convention from './convention/commands.js';
import * as evaluation from './evaluation/commands.js';
import * as indicator from './indicator/commands.js';
import * as means from './means/commands.js';
import * as meeting from './meeting/commands.js';
import * as offer from './offer/commands.js';
import * as offerReport from './offer-report/commands.js';
import * as organisation from './organisation/commands.js';
import * as user from './user/commands.js';

/**
 * The zod schema of every command, by command type: the command side checks
 * whatever reaches it (from tRPC, from the demo loader, from an import) with the
 * same schemas the forms use.
 */
export const COMMAND_SCHEMAS = {
  DraftContract: contract.DraftContractSchema,
  UpdateContractDraft: contract.UpdateContractDraftSchema,
  DefineAxis: contract.DefineAxisSchema,
  DefineFicheAction: contract.DefineFicheActionSchema,
  DefineGovernanceBody: contract.DefineGovernanceBodySchema,
  UpdateGovernanceBody: contract.UpdateGovernanceBodySchema,
  SignContract: contract.SignContractSchema,
  AmendContract: contract.AmendContractSchema,
  CloseContract: contract.CloseContractSchema,
  RecordFact: contract.RecordFactSchema,
  UpdateAxis: contract.UpdateAxisSchema,
  WithdrawAxis: contract.WithdrawAxisSchema,
  UpdateFicheAction: contract.UpdateFicheActionSchema,
  MoveFicheAction: contract.MoveFicheActionSchema,
  WithdrawFicheAction: contract.WithdrawFicheActionSchema,
  ReorderPlan: contract.ReorderPlanSchema,
  ReportFicheProgress: contract.ReportFicheProgressSchema,
  DraftAmendment: contract.DraftAmendmentSchema,
  EditAmendmentDraft: contract.EditAmendmentDraftSchema,
  WithdrawAmendmentDraft: contract.WithdrawAmendmentDraftSchema,
  SignAmendment: contract.SignAmendmentSchema,
  DefineIndicator: indicator.DefineIndicatorSchema,
  UpdateIndicator: indicator.UpdateIndicatorSchema,
  PlanFundingLine: means.PlanFundingLineSchema,
  UpdateFundingLine: means.UpdateFundingLineSchema,
  RecordFundingAmounts: means.RecordFundingAmountsSchema,
  WithdrawFundingLine: means.WithdrawFundingLineSchema,
  RecordCallForProjects: means.RecordCallForProjectsSchema,
  UpdateCallForProjects: means.UpdateCallForProjectsSchema,
  RecordStaffTime: means.RecordStaffTimeSchema,
  PlanAction: action.PlanActionSchema,
  StartAction: action.StartActionSchema,
  ReportProgress: action.ReportProgressSchema,
  ProduceDeliverable: action.ProduceDeliverableSchema,
  MeasureIndicator: action.MeasureIndicatorSchema,
  CompleteAction: action.CompleteActionSchema,
  SuspendAction: action.SuspendActionSchema,
  AbandonAction: action.AbandonActionSchema,
  UpdateAction: action.UpdateActionSchema,
  MoveAction: action.MoveActionSchema,
  WithdrawAction: action.WithdrawActionSchema,
  DraftConvention: convention.DraftConventionSchema,
  SignConvention: convention.SignConventionSchema,
  AmendConvention: convention.AmendConventionSchema,
  TerminateConvention: convention.TerminateConventionSchema,
  ScheduleMeeting: meeting.ScheduleMeetingSchema,
  HoldMeeting: meeting.HoldMeetingSchema,
  CancelMeeting: meeting.CancelMeetingSchema,
  RecordHeldMeeting: meeting.RecordHeldMeetingSchema,
  FollowUpDecision: meeting.FollowUpDecisionSchema,
  OpenEvaluation: evaluation.OpenEvaluationSchema,
  ScoreResult: evaluation.ScoreResultSchema,
  AnswerEvaluationQuestion: evaluation.AnswerEvaluationQuestionSchema,
  // The host adds the seal; a client sends PublishEvaluationSchema's fields only (evaluation-router).
  PublishEvaluation: evaluation.SealedPublishEvaluationSchema,
  RegisterOffer: offer.RegisterOfferSchema,
  UpdateOffer: offer.UpdateOfferSchema,
  CloseOffer: offer.CloseOfferSchema,
  VerifyOffer: offer.VerifyOfferSchema,
  DeclareCoverage: offer.DeclareCoverageSchema,
  LinkOfferToAction: offer.LinkOfferToActionSchema,
  ReportOfferError: offerReport.ReportOfferErrorSchema,
  DismissOfferReport: offerReport.DismissOfferReportSchema,
  ResolveOfferReport: offerReport.ResolveOfferReportSchema,
  RegisterOrganisation: organisation.RegisterOrganisationSchema,
  UpdateOrganisation: organisation.UpdateOrganisationSchema,
  InviteUser: user.InviteUserSchema,
  GrantRole: user.GrantRoleSchema,
  RevokeRole: user.RevokeRoleSchema,
  ErasePersonalData: user.ErasePersonalDataSchema,
} satisfies Record<string, z.ZodType>;

export type CommandType = keyof typeof COMMAND_SCHEMAS;

/**
 * A command as its sender writes it, typed by its `type`: the fields its schema
 * accepts (those with defaults may be left out). The command side checks it again.
 */
export type Command<Type extends CommandType = CommandType> = {
  [T in Type]: { type: T } & z.input<(typeof COMMAND_SCHEMAS)[T]>;
}[Type];

export const isCommandType = (type: string): type is CommandType => Object.hasOwn(COMMAND_SCHEMAS, type);
