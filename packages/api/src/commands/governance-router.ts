import {
  AmendConventionSchema,
  CancelMeetingSchema,
  DraftConventionSchema,
  HoldMeetingSchema,
  OpenEvaluationSchema,
  PublishEvaluationSchema,
  ScheduleMeetingSchema,
  ScoreResultSchema,
  SignConventionSchema,
  TerminateConventionSchema,
} from '@cls/domain';
import { requireAdmin, requireContract, requireContractOf } from '../auth/permissions.js';
import { router } from '../trpc.js';
import { commandMutation } from './command-procedure.js';

type Ctx = Parameters<typeof requireContractOf>[0];

/** A command on an existing aggregate attached to a contract: that contract's coordination. */
const byCoordinationOf = (category: string, idField: string, what: string) => (ctx: Ctx, input: object) =>
  requireContractOf(ctx, `${category}-${(input as Record<string, string>)[idField]}`, what);

export const conventionRouter = router({
  draft: commandMutation('DraftConvention', DraftConventionSchema, ({ session }, input) =>
    input.contractId
      ? requireContract(session, input.contractId, 'rédiger une convention')
      : requireAdmin(session, 'rédiger une convention hors contrat'),
  ),
  sign: commandMutation(
    'SignConvention',
    SignConventionSchema,
    byCoordinationOf('convention', 'conventionId', 'enregistrer une signature'),
  ),
  amend: commandMutation(
    'AmendConvention',
    AmendConventionSchema,
    byCoordinationOf('convention', 'conventionId', 'modifier la convention'),
  ),
  terminate: commandMutation(
    'TerminateConvention',
    TerminateConventionSchema,
    byCoordinationOf('convention', 'conventionId', 'résilier la convention'),
  ),
});

export const meetingRouter = router({
  schedule: commandMutation('ScheduleMeeting', ScheduleMeetingSchema, ({ session }, input) =>
    requireContract(session, input.contractId, 'programmer une réunion'),
  ),
  hold: commandMutation(
    'HoldMeeting',
    HoldMeetingSchema,
    byCoordinationOf('meeting', 'meetingId', 'compte rendu'),
  ),
  cancel: commandMutation(
    'CancelMeeting',
    CancelMeetingSchema,
    byCoordinationOf('meeting', 'meetingId', 'annuler la réunion'),
  ),
});

export const evaluationRouter = router({
  open: commandMutation('OpenEvaluation', OpenEvaluationSchema, ({ session }, input) =>
    requireContract(session, input.contractId, 'ouvrir l’évaluation annuelle'),
  ),
  score: commandMutation(
    'ScoreResult',
    ScoreResultSchema,
    byCoordinationOf('evaluation', 'evaluationId', 'coter un résultat'),
  ),
  publish: commandMutation(
    'PublishEvaluation',
    PublishEvaluationSchema,
    byCoordinationOf('evaluation', 'evaluationId', 'publier l’évaluation'),
  ),
});
