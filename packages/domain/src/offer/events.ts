import { type DomainEvent, everyTypeOf } from '../decider.js';
import type { NamedPerson } from '../personal-data.js';
import type { OfferDetails, OfferSource, RemovableOfferField } from './commands.js';

/** `practitioner`'s name is sealed (PERSONAL_DATA_OF_EVENT) with the key of `practitionerSubject(rpps)`. */
export type OfferRegistered = DomainEvent<
  'OfferRegistered',
  OfferDetails & {
    offerId: string;
    source: OfferSource;
    finess?: string;
    rpps?: string;
    practitioner?: NamedPerson;
    verifiedOn: string;
  }
>;
/**
 * Only the fields that changed, with their new values, and those the offer no longer has;
 * the practitioner's name (sealed) when it changed.
 */
export type OfferUpdated = DomainEvent<
  'OfferUpdated',
  {
    offerId: string;
    changes: Partial<OfferDetails>;
    removed?: RemovableOfferField[];
    practitioner?: NamedPerson;
    verifiedOn: string;
  }
>;
export type OfferClosed = DomainEvent<'OfferClosed', { offerId: string; closedOn: string; reason: string }>;
/** Someone checked the offer is still as described. */
export type OfferVerified = DomainEvent<'OfferVerified', { offerId: string; verifiedOn: string }>;
/** A CPTS's area: the communes it covers (replaces the previous declaration). */
export type CoverageDeclared = DomainEvent<
  'CoverageDeclared',
  { offerId: string; communes: string[]; declaredOn: string }
>;
export type OfferLinkedToAction = DomainEvent<
  'OfferLinkedToAction',
  { offerId: string; actionId: string; contractId: string; deliverableId?: string }
>;

export type OfferEvent =
  | OfferRegistered
  | OfferUpdated
  | OfferClosed
  | OfferVerified
  | CoverageDeclared
  | OfferLinkedToAction;

export const OFFER_EVENT_TYPES = everyTypeOf<OfferEvent>()([
  'OfferRegistered',
  'OfferUpdated',
  'OfferClosed',
  'OfferVerified',
  'CoverageDeclared',
  'OfferLinkedToAction',
]);
