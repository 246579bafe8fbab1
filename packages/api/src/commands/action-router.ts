import {
  AbandonActionSchema,
  CompleteActionSchema,
  MeasureIndicatorSchema,
  PlanActionSchema,
  ProduceDeliverableSchema,
  ReportProgressSchema,
  StartActionSchema,
  SuspendActionSchema,
} from '@cls/domain';
import { requireAction, requireContract } from '../auth/permissions.js';
import { router } from '../trpc.js';
import { commandMutation } from './command-procedure.js';

/** Pilots run their own actions; planning and abandoning stay with the contract's coordination. */
const byPilotOrCoordination =
  (what: string) => (ctx: Parameters<typeof requireAction>[0], input: { actionId: string }) =>
    requireAction(ctx, input.actionId, what, { pilotAllowed: true });

export const actionRouter = router({
  plan: commandMutation('PlanAction', PlanActionSchema, ({ session }, input) =>
    requireContract(session, input.contractId, 'planifier une action'),
  ),
  start: commandMutation('StartAction', StartActionSchema, byPilotOrCoordination('démarrer l’action')),
  reportProgress: commandMutation(
    'ReportProgress',
    ReportProgressSchema,
    byPilotOrCoordination('renseigner l’état d’avancement'),
  ),
  produceDeliverable: commandMutation(
    'ProduceDeliverable',
    ProduceDeliverableSchema,
    byPilotOrCoordination('enregistrer un livrable'),
  ),
  measureIndicator: commandMutation(
    'MeasureIndicator',
    MeasureIndicatorSchema,
    byPilotOrCoordination('mesurer un indicateur'),
  ),
  complete: commandMutation(
    'CompleteAction',
    CompleteActionSchema,
    byPilotOrCoordination('achever l’action'),
  ),
  suspend: commandMutation('SuspendAction', SuspendActionSchema, byPilotOrCoordination('suspendre l’action')),
  abandon: commandMutation('AbandonAction', AbandonActionSchema, (ctx, input) =>
    requireAction(ctx, input.actionId, 'abandonner l’action', { pilotAllowed: false }),
  ),
});
