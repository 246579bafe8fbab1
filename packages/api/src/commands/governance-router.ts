import { PublishEvaluationSchema } from '@cls/domain';
import {
  requireAdmin,
  requireContract,
  requireContractOf,
  requireEvaluationWork,
} from '../auth/permissions.js';
import { router } from '../trpc.js';
import { type CommandContext, commandMutation, hostCompletedMutation } from './command-procedure.js';

/** A command on an existing aggregate attached to a contract: that contract's coordination. */
const byCoordinationOf =
  <IdField extends string>(category: string, idField: IdField, what: string) =>
  (ctx: CommandContext, input: Record<IdField, string>) =>
    requireContractOf(ctx, `${category}-${input[idField]}`, what);

export const conventionRouter = router({
  draft: commandMutation('DraftConvention', ({ session }, input) =>
    input.contractId
      ? requireContract(session, input.contractId, 'rédiger une convention')
      : requireAdmin(session, 'rédiger une convention hors contrat'),
  ),
  sign: commandMutation(
    'SignConvention',
    byCoordinationOf('convention', 'conventionId', 'enregistrer une signature'),
  ),
  amend: commandMutation(
    'AmendConvention',
    byCoordinationOf('convention', 'conventionId', 'modifier la convention'),
  ),
  terminate: commandMutation(
    'TerminateConvention',
    byCoordinationOf('convention', 'conventionId', 'résilier la convention'),
  ),
});

export const meetingRouter = router({
  schedule: commandMutation('ScheduleMeeting', ({ session }, input) =>
    requireContract(session, input.contractId, 'programmer une réunion'),
  ),
  hold: commandMutation('HoldMeeting', byCoordinationOf('meeting', 'meetingId', 'compte rendu')),
  cancel: commandMutation('CancelMeeting', byCoordinationOf('meeting', 'meetingId', 'annuler la réunion')),
  recordHeld: commandMutation('RecordHeldMeeting', ({ session }, input) =>
    requireContract(session, input.contractId, 'enregistrer une réunion tenue'),
  ),
  followUpDecision: commandMutation(
    'FollowUpDecision',
    byCoordinationOf('meeting', 'meetingId', 'suivre une décision'),
  ),
});

export const evaluationRouter = router({
  open: commandMutation('OpenEvaluation', ({ session }, input) =>
    requireContract(session, input.contractId, 'ouvrir l’évaluation annuelle'),
  ),
  /** A score proposed by an evaluator (or the coordination); the coordination publishes. */
  score: commandMutation('ScoreResult', (ctx, input) =>
    requireEvaluationWork(ctx, input.evaluationId, 'coter un résultat'),
  ),
  /** A written answer to a question of the referential (annex 4), by an evaluator or the coordination. */
  answer: commandMutation('AnswerEvaluationQuestion', (ctx, input) =>
    requireEvaluationWork(ctx, input.evaluationId, 'répondre à une question de l’évaluation'),
  ),
  /**
   * The coordination publishes; the host seals the publication (the report's hash from the
   * log, the position it covers, signed), after reading its own writes so the seal covers them.
   */
  publish: hostCompletedMutation(
    'PublishEvaluation',
    PublishEvaluationSchema,
    byCoordinationOf('evaluation', 'evaluationId', 'publier l’évaluation'),
    async (ctx, input) => {
      if (ctx.minPosition > 0) await ctx.readModels.waitFor(ctx.minPosition);
      const seal = await ctx.audit.sealPublication(input.evaluationId);
      return seal ? { seal } : {};
    },
  ),
});
