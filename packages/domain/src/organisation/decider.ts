import { type Decider, event, refuse } from '../decider.js';
import type { OrganisationCommand, OrganisationDetails } from './commands.js';
import type { OrganisationEvent } from './events.js';

export interface OrganisationState {
  exists: boolean;
  details?: OrganisationDetails;
}

/** JSON with object keys sorted and undefined members left out: equal values, equal text. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, member: unknown) =>
    member && typeof member === 'object' && !Array.isArray(member)
      ? Object.fromEntries(Object.entries(member).sort(([a], [b]) => a.localeCompare(b)))
      : member,
  );

/** The organisations directory: names that pilots, partners, signatories and porteurs are picked from. */
export const organisationDecider: Decider<OrganisationCommand, OrganisationEvent, OrganisationState> = {
  initialState: () => ({ exists: false }),

  evolve(state, e) {
    switch (e.type) {
      case 'OrganisationRegistered': {
        const { organisationId: _, ...details } = e.data;
        return { exists: true, details };
      }
      case 'OrganisationUpdated': {
        const details: OrganisationDetails = { ...(state.details as OrganisationDetails), ...e.data.changes };
        for (const field of e.data.removed ?? []) delete details[field];
        return { ...state, details };
      }
    }
  },

  decide(command, state) {
    if (command.type === 'RegisterOrganisation') {
      if (state.exists) {
        return refuse('already_exists', `L’organisation ${command.organisationId} existe déjà`);
      }
      const { type: _, ...data } = command;
      return [event('OrganisationRegistered', data)];
    }
    if (!state.exists || !state.details) {
      return refuse('not_found', `Organisation ${command.organisationId} introuvable`);
    }
    const details = state.details;
    const changes: Partial<OrganisationDetails> = {};
    for (const [field, value] of Object.entries(command.changes) as Array<
      [keyof OrganisationDetails, OrganisationDetails[keyof OrganisationDetails]]
    >) {
      if (value !== undefined && canonical(details[field]) !== canonical(value)) {
        Object.assign(changes, { [field]: value });
      }
    }
    const removed = [...new Set(command.remove ?? [])].filter(
      (field) => details[field] !== undefined && !(field in changes),
    );
    if (Object.keys(changes).length === 0 && removed.length === 0) {
      return refuse('already_done', 'Aucune modification : l’organisation est déjà ainsi', 'changes');
    }
    return [
      event('OrganisationUpdated', {
        organisationId: command.organisationId,
        changes,
        ...(removed.length > 0 ? { removed } : {}),
      }),
    ];
  },
};
