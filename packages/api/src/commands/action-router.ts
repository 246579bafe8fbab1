import { requireAction, requireContract } from '../auth/permissions.js';
import { router } from '../trpc.js';
import { type CommandContext, commandMutation } from './command-procedure.js';

/** Pilots run their own actions; planning and abandoning stay with the contract's coordination. */
const byPilotOrCoordination = (what: string) => (ctx: CommandContext, input: { actionId: string }) =>
  requireAction(ctx, input.actionId, what, { pilotAllowed: true });

export const actionRouter = router({
  plan: commandMutation('PlanAction', ({ session }, input) =>
    requireContract(session, input.contractId, 'planifier une action'),
  ),
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
