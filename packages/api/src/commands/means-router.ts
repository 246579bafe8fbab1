import { requireContract } from '../auth/permissions.js';
import { router } from '../trpc.js';
import { type CommandContext, commandMutation } from './command-procedure.js';

const byCoordination =
  (what: string) =>
  ({ session }: CommandContext, input: { contractId: string }) =>
    requireContract(session, input.contractId, what);

/**
 * The contract's means (funding lines, calls for projects, staff time): kept by
 * its coordination (and administrators), like the rest of its follow-up.
 */
export const meansRouter = router({
  planFundingLine: commandMutation('PlanFundingLine', byCoordination('ajouter une ligne de financement')),
  updateFundingLine: commandMutation(
    'UpdateFundingLine',
    byCoordination('corriger une ligne de financement'),
  ),
  recordFundingAmounts: commandMutation(
    'RecordFundingAmounts',
    byCoordination('renseigner les montants d’une ligne de financement'),
  ),
  withdrawFundingLine: commandMutation(
    'WithdrawFundingLine',
    byCoordination('retirer une ligne de financement'),
  ),
  recordCallForProjects: commandMutation(
    'RecordCallForProjects',
    byCoordination('enregistrer un appel à projets'),
  ),
  updateCallForProjects: commandMutation(
    'UpdateCallForProjects',
    byCoordination('modifier un appel à projets'),
  ),
  recordStaffTime: commandMutation('RecordStaffTime', byCoordination('renseigner le temps de travail (ETP)')),
});
