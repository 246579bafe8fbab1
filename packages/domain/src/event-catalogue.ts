import { ACTION_EVENT_TYPES, type ActionEvent } from './action/events.js';
import { CONTRACT_EVENT_TYPES, type ContractEvent } from './contract/events.js';
import { CONVENTION_EVENT_TYPES, type ConventionEvent } from './convention/events.js';
import { EVALUATION_EVENT_TYPES, type EvaluationEvent } from './evaluation/events.js';
import { MEETING_EVENT_TYPES, type MeetingEvent } from './meeting/events.js';
import { OFFER_EVENT_TYPES, type OfferEvent } from './offer/events.js';
import { OFFER_REPORT_EVENT_TYPES, type OfferReportEvent } from './offer-report/events.js';
import { ORGANISATION_EVENT_TYPES, type OrganisationEvent } from './organisation/events.js';
import { USER_EVENT_TYPES, type UserEvent } from './user/events.js';

/*
 * The catalogue of the domain's events: each aggregate's types as a list
 * (`ACTION_EVENT_TYPES`…, written beside its events), their union, and the one
 * checked place where an event read from the log becomes a typed domain event.
 * Read models, the audit and the apps narrow events through it rather than
 * casting their data.
 */

/** Every event the domain appends. */
export type AnyDomainEvent =
  | ContractEvent
  | ActionEvent
  | ConventionEvent
  | MeetingEvent
  | EvaluationEvent
  | OfferEvent
  | OfferReportEvent
  | OrganisationEvent
  | UserEvent;

export type EventType = AnyDomainEvent['type'];

/** The event of a type: `EventOfType<'ActionStarted'>` is `ActionStarted`. */
export type EventOfType<Type extends EventType> = Extract<AnyDomainEvent, { type: Type }>;

/** The payload of a type: `EventData<'ActionStarted'>` is `{ actionId; startedOn }`. */
export type EventData<Type extends EventType> = EventOfType<Type>['data'];

/** The events of a list of types, to narrow by `type`: `DomainEventOf<typeof ACTION_EVENT_TYPES>`. */
export type DomainEventOf<Types extends readonly EventType[]> = EventOfType<Types[number]>;

/** The event types of each stream category (`action-…` streams hold action events…). */
export const EVENT_TYPES_OF_CATEGORY = {
  contract: CONTRACT_EVENT_TYPES,
  action: ACTION_EVENT_TYPES,
  convention: CONVENTION_EVENT_TYPES,
  meeting: MEETING_EVENT_TYPES,
  evaluation: EVALUATION_EVENT_TYPES,
  offer: OFFER_EVENT_TYPES,
  offerReport: OFFER_REPORT_EVENT_TYPES,
  organisation: ORGANISATION_EVENT_TYPES,
  user: USER_EVENT_TYPES,
} as const;

export const ALL_EVENT_TYPES: readonly EventType[] = Object.values(EVENT_TYPES_OF_CATEGORY).flat();

/**
 * Whether an event read from the log (a `RecordedEvent`, an exported line…) has
 * one of `types`; if so it is typed as that domain event, its `data` with that
 * type's payload, and a `switch` on its `type` narrows it further.
 *
 * The trust boundary: only the type is checked here, not the payload's shape.
 * What the log holds under a type is what the domain appended under it — the
 * command's zod schema checked the input, the decider built the event, the
 * store keeps it unchanged (its hash chain says so) and upcasters bring older
 * versions to the current shape. A payload is therefore read as its type's
 * without checking it again, and only through this function.
 */
export function isEventOf<
  Envelope extends { type: string; data: unknown },
  const Types extends readonly EventType[],
>(event: Envelope, types: Types): event is Envelope & DomainEventOf<Types> {
  return types.some((type) => type === event.type);
}

/**
 * The events that name the contract their stream belongs to: every event of a
 * contract's own stream, the first event of an action, convention, meeting or
 * evaluation, and an offer's link to an action (that action's contract).
 */
export const CONTRACT_NAMING_EVENT_TYPES = [
  ...CONTRACT_EVENT_TYPES,
  'ActionPlanned',
  'ConventionDrafted',
  'MeetingScheduled',
  'EvaluationOpened',
  'OfferLinkedToAction',
] as const;

/** The contract an event names, if it names one (a convention may belong to none). */
export const contractNamedBy = (event: { type: string; data: unknown }): string | undefined =>
  isEventOf(event, CONTRACT_NAMING_EVENT_TYPES) ? event.data.contractId : undefined;
