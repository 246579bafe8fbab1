import type { CommandType } from '@cls/domain';
import { TRPCError } from '@trpc/server';
import { pilotMay, requireAction, requireContract } from '../auth/permissions.js';
import { router } from '../trpc.js';
import { type CommandContext, commandMutation } from './command-procedure.js';

/**
 * Pilots run their own actions; planning and abandoning stay with the contract's
 * coordination (which commands a pilot may send: PILOT_ACTION_COMMANDS).
 */
const byPilotOrCoordination =
  (type: CommandType, what: string) => (ctx: CommandContext, input: { actionId: string }) =>
    requireAction(ctx, input.actionId, what, { pilotAllowed: pilotMay(type) });

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
  start: commandMutation('StartAction', byPilotOrCoordination('StartAction', 'démarrer l’action')),
  reportProgress: commandMutation(
    'ReportProgress',
    byPilotOrCoordination('ReportProgress', 'renseigner l’état d’avancement'),
  ),
  produceDeliverable: commandMutation(
    'ProduceDeliverable',
    byPilotOrCoordination('ProduceDeliverable', 'enregistrer un livrable'),
  ),
  measureIndicator: commandMutation(
    'MeasureIndicator',
    byPilotOrCoordination('MeasureIndicator', 'mesurer un indicateur'),
  ),
  complete: commandMutation('CompleteAction', byPilotOrCoordination('CompleteAction', 'achever l’action')),
  suspend: commandMutation('SuspendAction', byPilotOrCoordination('SuspendAction', 'suspendre l’action')),
  abandon: commandMutation('AbandonAction', byPilotOrCoordination('AbandonAction', 'abandonner l’action')),
});
