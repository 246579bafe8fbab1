import { requireContract, requireCoordination } from '../auth/permissions.js';
import { router } from '../trpc.js';
import { type CommandContext, commandMutation } from './command-procedure.js';

const byCoordination =
  (what: string) =>
  ({ session }: CommandContext) =>
    requireCoordination(session, what);

/** Coordinators keep the directory of offers: what FINESS lacks (CPTS, sages-femmes), corrections, checks. */
export const offerRouter = router({
  register: commandMutation('RegisterOffer', byCoordination('enregistrer une offre')),
  update: commandMutation('UpdateOffer', byCoordination('modifier une offre')),
  close: commandMutation('CloseOffer', byCoordination('fermer une offre')),
  verify: commandMutation('VerifyOffer', byCoordination('vérifier une offre')),
  declareCoverage: commandMutation('DeclareCoverage', byCoordination('déclarer les communes d’une CPTS')),
  /** Only the coordination of the action's contract says an offer is one of its deliverables. */
  linkToAction: commandMutation('LinkOfferToAction', ({ session }, input) =>
    requireContract(session, input.contractId, 'rattacher une offre à une action'),
  ),
});
