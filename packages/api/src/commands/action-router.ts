import { TRPCError } from '@trpc/server';
import { requireAction, requireContract } from '../auth/permissions.js';
import { router } from '../trpc.js';
import { type CommandContext, commandMutation } from './command-procedure.js';

/** Pilots run their own actions; planning and abandoning stay with the contract's coordination. */
const byPilotOrCoordination = (what: string) => (ctx: CommandContext, input: { actionId: string }) =>
  requireAction(ctx, input.actionId, what, { pilotAllowed: true });

/**
 * A plan change of the contract's coordination. `amendmentId` is the avenant
 * reactor's (it applies a signed avenant's changes to the actions), never a user's.
 */
const byCoordinationDirectly =
  (what: string) =>
  async (ctx: CommandContext, input: { actionId: string; amendmentId?: string | undefined }) => {
    if (input.amendmentId !== undefined)
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: 'Les changements d’un avenant s’appliquent d’eux-mêmes une fois l’avenant signé',
      });
    await requireAction(ctx, input.actionId, what, { pilotAllowed: false });
  };

export const actionRouter = router({
  plan: commandMutation('PlanAction', ({ session }, input) => {
    if (input.amendmentId !== undefined)
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: 'Les changements d’un avenant s’appliquent d’eux-mêmes une fois l’avenant signé',
      });
    requireContract(session, input.contractId, 'planifier une action');
  }),
  update: commandMutation('UpdateAction', byCoordinationDirectly('modifier l’action')),
  move: commandMutation('MoveAction', byCoordinationDirectly('déplacer l’action')),
  withdraw: commandMutation('WithdrawAction', byCoordinationDirectly('retirer l’action')),
  start: commandMutation('StartAction', byPilotOrCoordination('démarrer l’action')),
  reportProgress: commandMutation('ReportProgress', byPilotOrCoordination('renseigner l’état d’avancement')),
  produceDeliverable: commandMutation('ProduceDeliverable', byPilotOrCoordination('enregistrer un livrable')),
  measureIndicator: commandMutation('MeasureIndicator', byPilotOrCoordination('mesurer un indicateur')),
  complete: commandMutation('CompleteAction', byPilotOrCoordination('achever l’action')),
  suspend: commandMutation('SuspendAction', byPilotOrCoordination('suspendre l’action')),
  abandon: commandMutation('AbandonAction', (ctx, input) =>
    requireAction(ctx, input.actionId, 'abandonner l’action', { pilotAllowed: false }),
  ),
});
