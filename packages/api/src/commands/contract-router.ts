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
  // Its drafter coordinates it (or an administrator): the same people correct it before signature.
  updateDraft: commandMutation('UpdateContractDraft', byCoordination('corriger le contrat')),
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
  // The plan, directly while the contract is a draft (after signature: through an avenant).
  updateAxis: commandMutation('UpdateAxis', byCoordination('modifier un axe')),
  withdrawAxis: commandMutation('WithdrawAxis', byCoordination('retirer un axe')),
  updateFicheAction: commandMutation('UpdateFicheAction', byCoordination('modifier une fiche-action')),
  moveFicheAction: commandMutation('MoveFicheAction', byCoordination('déplacer une fiche-action')),
  withdrawFicheAction: commandMutation('WithdrawFicheAction', byCoordination('retirer une fiche-action')),
  reorderPlan: commandMutation('ReorderPlan', byCoordination('réordonner le plan')),
  reportFicheProgress: commandMutation(
    'ReportFicheProgress',
    byCoordination('renseigner l’avancement d’une fiche-action'),
  ),
  // The indicator catalogue: the contract's monitoring, kept by its coordination (no avenant needed).
  defineIndicator: commandMutation('DefineIndicator', byCoordination('définir un indicateur')),
  updateIndicator: commandMutation('UpdateIndicator', byCoordination('modifier un indicateur')),
  // Avenants: prepared by the coordination, which also records each party's signature.
  draftAmendment: commandMutation('DraftAmendment', byCoordination('préparer un avenant')),
  editAmendmentDraft: commandMutation('EditAmendmentDraft', byCoordination('modifier un projet d’avenant')),
  withdrawAmendmentDraft: commandMutation(
    'WithdrawAmendmentDraft',
    byCoordination('retirer un projet d’avenant'),
  ),
  signAmendment: commandMutation('SignAmendment', byCoordination('enregistrer la signature d’un avenant')),
});
