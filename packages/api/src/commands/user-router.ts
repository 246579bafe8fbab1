import { requireAdmin } from '../auth/permissions.js';
import { SetPasswordSchema } from '../auth/session.js';
import { authedProcedure, router } from '../trpc.js';
import { type CommandContext, commandMutation } from './command-procedure.js';

const byAdmin =
  (what: string) =>
  ({ session }: CommandContext) =>
    requireAdmin(session, what);

export const userRouter = router({
  invite: commandMutation('InviteUser', byAdmin('inviter un utilisateur')),
  grantRole: commandMutation('GrantRole', byAdmin('attribuer un rôle')),
  revokeRole: commandMutation('RevokeRole', byAdmin('retirer un rôle')),
  /** The right to erasure: the person's name and email become unreadable everywhere (crypto-shredding). */
  erase: commandMutation('ErasePersonalData', byAdmin('effacer les données personnelles d’un utilisateur')),
  /**
   * Credentials are not events: the password is hashed into the accounts table.
   * One's own, or anyone's for an administrator; either way the caller confirms
   * it is still them with their own `currentPassword`, or a login of less than
   * 5 minutes. The login email is not an input: it is the user's, in their stream.
   */
  setPassword: authedProcedure.input(SetPasswordSchema).mutation(async ({ ctx, input }) => {
    if (input.userId !== ctx.session.userId) requireAdmin(ctx.session, 'changer le mot de passe d’un autre');
    await ctx.auth.setPassword(input.userId, input.password, input.currentPassword);
  }),
});
