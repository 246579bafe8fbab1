import { type DomainEvent, everyTypeOf } from '../decider.js';
import type { OrganisationDetails, RemovableOrganisationField } from './commands.js';

export type OrganisationRegistered = DomainEvent<
  'OrganisationRegistered',
  OrganisationDetails & { organisationId: string }
>;
/** Only the fields that changed, with their new values, and those the organisation no longer has. */
export type OrganisationUpdated = DomainEvent<
  'OrganisationUpdated',
  {
    organisationId: string;
    changes: Partial<OrganisationDetails>;
    removed?: RemovableOrganisationField[];
  }
>;

export type OrganisationEvent = OrganisationRegistered | OrganisationUpdated;

export const ORGANISATION_EVENT_TYPES = everyTypeOf<OrganisationEvent>()([
  'OrganisationRegistered',
  'OrganisationUpdated',
]);
