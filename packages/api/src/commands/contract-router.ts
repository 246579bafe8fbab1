import { requireContract, requireDrafting } from '../auth/permissions.js';
import { router } from '../trpc.js';
import { type CommandContext, commandMutation } from './command-procedure.js';

const byCoordination =
  (what: string) =>
  ({ session }: CommandContext, input: { contractId: string }) =>
    requireContract(session, input.contractId, what);

export const contractRouter = router({
  /** Its drafter, unless an administrator, becomes its coordinator (the host's contract-drafter reactor). */
  draft: commandMutation('DraftContract', ({ session }) =>
    requireDrafting(session, 'rédiger un nouveau contrat'),
  ),
  defineAxis: commandMutation('DefineAxis', byCoordination('définir un axe')),
  defineFicheAction: commandMutation('DefineFicheAction', byCoordination('définir une fiche-action')),
  sign: commandMutation('SignContract', byCoordination('signer le contrat')),
  amend: commandMutation('AmendContract', byCoordination('enregistrer un avenant')),
  close: commandMutation('CloseContract', byCoordination('clore le contrat')),
  defineGovernanceBody: commandMutation(
    'DefineGovernanceBody',
    byCoordination('définir une instance de gouvernance'),
  ),
  updateGovernanceBody: commandMutation(
    'UpdateGovernanceBody',
    byCoordination('modifier une instance de gouvernance'),
  ),
});
