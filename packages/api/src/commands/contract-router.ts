import {
  AmendContractSchema,
  CloseContractSchema,
  DefineAxisSchema,
  DefineFicheActionSchema,
  DraftContractSchema,
  SignContractSchema,
} from '@cls/domain';
import { requireAdmin, requireContract } from '../auth/permissions.js';
import { router } from '../trpc.js';
import { commandMutation } from './command-procedure.js';

const byCoordination =
  (what: string) =>
  ({ session }: { session: Parameters<typeof requireContract>[0] }, input: { contractId: string }) =>
    requireContract(session, input.contractId, what);

export const contractRouter = router({
  draft: commandMutation('DraftContract', DraftContractSchema, ({ session }) =>
    requireAdmin(session, 'rédiger un nouveau contrat'),
  ),
  defineAxis: commandMutation('DefineAxis', DefineAxisSchema, byCoordination('définir un axe')),
  defineFicheAction: commandMutation(
    'DefineFicheAction',
    DefineFicheActionSchema,
    byCoordination('définir une fiche-action'),
  ),
  sign: commandMutation('SignContract', SignContractSchema, byCoordination('signer le contrat')),
  amend: commandMutation('AmendContract', AmendContractSchema, byCoordination('enregistrer un avenant')),
  close: commandMutation('CloseContract', CloseContractSchema, byCoordination('clore le contrat')),
});
