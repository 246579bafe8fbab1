import {
  type Clock,
  CONTRACT_EVENT_TYPES,
  contractDecider,
  DomainError,
  fold,
  isActionPlanChange,
  isEventOf,
} from '@cls/domain';
import type { EventStore, RecordedEvent } from '@cls/event-store';
import { handleCommand } from './handle-command.js';
import type { PersonalDataSealer } from './personal-data-sealer.js';
import type { Reactor } from './reactor.js';

/** Who carries out a signed avenant's changes on the actions' streams. */
export const AMENDMENT_ACTOR = { id: 'system:avenants', role: 'admin' };

/** The command id of an avenant's n-th change: the same on every run, so a retry appends nothing twice. */
export const amendmentCommandId = (contractId: string, amendmentId: string, index: number) =>
  `avenant:${contractId}:${amendmentId}:${index}`;

export interface AmendmentReactorOptions {
  clock: Clock;
  sealer: PersonalDataSealer;
  /** A change the action's decider refused (the action gone meanwhile…): reported, then passed. */
  onRefused?: (
    refusal: DomainError,
    change: { contractId: string; amendmentId: string; index: number },
  ) => void;
}

/**
 * Once every party signed an avenant (AmendmentSigned), its changes of actions
 * (plan, update, move, withdraw) are sent to the actions' streams, in the
 * avenant's order, each with the avenant's id: the action's decider accepts
 * them because that signed avenant holds them, and dates them on its signature.
 * The command ids derive from the avenant, so a reaction run again after a crash
 * is answered with the first results and appends nothing.
 */
export const amendmentReactor = (store: EventStore, options: AmendmentReactorOptions): Reactor => ({
  name: 'amendments',
  handles: ['AmendmentSigned'],
  async react(event: RecordedEvent) {
    if (!isEventOf(event, ['AmendmentSigned'])) return undefined;
    const { contractId, amendmentId } = event.data;
    // The avenant as it was signed: the contract's stream up to the signature.
    const events = await store.readStream(event.stream, { maxCount: event.revision + 1 });
    const contract = fold(
      contractDecider,
      events.filter((recorded) => isEventOf(recorded, CONTRACT_EVENT_TYPES)),
    );
    const amendment = contract.amendmentsById[amendmentId];
    if (!amendment) return undefined;
    let appended: number | undefined;
    for (const [index, change] of amendment.changes.entries()) {
      if (!isActionPlanChange(change)) continue;
      const command =
        change.type === 'PlanAction' ? { ...change, contractId, amendmentId } : { ...change, amendmentId };
      try {
        const { position } = await handleCommand(
          store,
          command,
          {
            actor: AMENDMENT_ACTOR,
            commandId: amendmentCommandId(contractId, amendmentId, index),
            correlationId: event.metadata.correlationId ?? undefined,
            causationId: event.id,
          },
          { clock: options.clock, sealer: options.sealer },
        );
        appended = Math.max(appended ?? 0, position);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        options.onRefused?.(error, { contractId, amendmentId, index });
      }
    }
    return appended;
  },
});
