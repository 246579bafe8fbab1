import type { Reactor } from '@cls/commands';
import { ERASURE_EVENT, erasedSubjectOf } from '@cls/domain';
import type { AccountsService } from './accounts.service.js';

/**
 * Accounts follow the users' streams: an invited user gets an account (without
 * password: for the OpenID Connect provider, or a password set later), an erased
 * subject loses theirs. Both are idempotent.
 */
export const accountsReactor = (accounts: AccountsService): Reactor => ({
  name: 'accounts',
  handles: ['UserInvited', ERASURE_EVENT],
  async react(event) {
    // Accounts live outside the log: nothing appended.
    if (event.type === 'UserInvited') {
      await accounts.invited(event.stream.slice('user-'.length));
      return undefined;
    }
    const erased = erasedSubjectOf(event);
    if (erased) await accounts.forget(erased);
    return undefined;
  },
});
