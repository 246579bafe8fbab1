import { requireCoordination } from '../auth/permissions.js';
import { router } from '../trpc.js';
import { type CommandContext, commandMutation } from './command-procedure.js';

const byCoordination =
  (what: string) =>
  ({ session }: CommandContext) =>
    requireCoordination(session, what);

/**
 * The organisations directory (porteurs, parties, signatories, pilots, partners):
 * administrators and any contract's coordination keep it, as they name organisations.
 */
export const organisationRouter = router({
  register: commandMutation('RegisterOrganisation', byCoordination('ajouter une organisation au répertoire')),
  update: commandMutation('UpdateOrganisation', byCoordination('modifier une organisation du répertoire')),
});
