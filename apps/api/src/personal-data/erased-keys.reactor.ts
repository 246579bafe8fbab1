import type { Reactor } from '@cls/commands';
import { ERASURE_EVENT, erasedSubjectOf } from '@cls/domain';
import type { PersonalDataVault } from './vault.js';

/**
 * The command side destroys a subject's key before appending its erasure; this
 * reactor destroys it again after (idempotent), so that a key that survived (the
 * process died after the append, a keys table restored from an older backup than
 * the log) does not outlive the erasure the log records.
 */
export const erasedKeysReactor = (vault: PersonalDataVault): Reactor => ({
  name: 'erased-keys',
  handles: [ERASURE_EVENT],
  async react(event) {
    const erased = erasedSubjectOf(event);
    if (erased) await vault.erase(erased);
    return undefined;
  },
});
