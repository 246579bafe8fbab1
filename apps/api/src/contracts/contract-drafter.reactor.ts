import type { CommandMetadata, Reactor } from '@cls/commands';
import { stableCommandId } from '@cls/demo';
import { DomainError, isEventOf } from '@cls/domain';
import { SYSTEM_ACTOR } from '../accounts/provision.js';

/** Sends a command through the host's command bus. */
export type SendCommand = (
  command: { type: string } & Record<string, unknown>,
  metadata: CommandMetadata,
) => Promise<{ position: number }>;

/**
 * A coordinator who drafts a contract coordinates it: an administrator invited
 * them as a coordinator (with or without a contract yet, see the domain's
 * `mayDraftContract`), and the contract they drafted becomes theirs, through a
 * GrantRole the users page and the audit show like any other. Administrators
 * (and the platform itself, the demo) command everything already: nothing is
 * granted to them. Idempotent: the command id derives from the event's.
 */
export const contractDrafterReactor = (send: SendCommand): Reactor => ({
  name: 'contract-drafter',
  handles: ['ContractDrafted'],
  async react(event) {
    if (!isEventOf(event, ['ContractDrafted'])) return undefined;
    const { actor } = event.metadata;
    if (actor.role !== 'coordinator') return undefined;
    try {
      const { position } = await send(
        { type: 'GrantRole', userId: actor.id, role: 'coordinator', contractId: event.data.contractId },
        {
          actor: SYSTEM_ACTOR,
          commandId: stableCommandId(`contract-drafter:${event.id}`),
          correlationId: event.metadata.correlationId ?? event.id,
          causationId: event.id,
        },
      );
      return position;
    } catch (error) {
      // Granted already (by an administrator in the meantime): nothing left to do.
      if (error instanceof DomainError && error.code === 'already_done') return undefined;
      throw error;
    }
  },
});
