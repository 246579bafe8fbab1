import {
  CloseOfferSchema,
  DeclareCoverageSchema,
  LinkOfferToActionSchema,
  RegisterOfferSchema,
  UpdateOfferSchema,
  VerifyOfferSchema,
} from '@cls/domain';
import { requireContract, requireCoordination } from '../auth/permissions.js';
import { router } from '../trpc.js';
import { commandMutation } from './command-procedure.js';

const byCoordination = (what: string) => (ctx: { session: Parameters<typeof requireCoordination>[0] }) =>
  requireCoordination(ctx.session, what);

/** Coordinators keep the directory of offers: what FINESS lacks (CPTS, sages-femmes), corrections, checks. */
export const offerRouter = router({
  register: commandMutation('RegisterOffer', RegisterOfferSchema, byCoordination('enregistrer une offre')),
  update: commandMutation('UpdateOffer', UpdateOfferSchema, byCoordination('modifier une offre')),
  close: commandMutation('CloseOffer', CloseOfferSchema, byCoordination('fermer une offre')),
  verify: commandMutation('VerifyOffer', VerifyOfferSchema, byCoordination('vérifier une offre')),
  declareCoverage: commandMutation(
    'DeclareCoverage',
    DeclareCoverageSchema,
    byCoordination('déclarer les communes d’une CPTS'),
  ),
  /** Only the coordination of the action's contract says an offer is one of its deliverables. */
  linkToAction: commandMutation('LinkOfferToAction', LinkOfferToActionSchema, ({ session }, input) =>
    requireContract(session, input.contractId, 'rattacher une offre à une action'),
  ),
});
