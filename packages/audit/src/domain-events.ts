import type {
  ActionEvent,
  ContractEvent,
  ConventionEvent,
  EvaluationEvent,
  MeetingEvent,
  OfferEvent,
} from '@cls/domain';
import type { RecordedEvent } from '@cls/event-store';

/**
 * The event types each decider knows. A decider's `evolve` has no branch for a
 * type it does not know (a newer event, another context's), so only these are
 * folded; `satisfies` makes a new domain event type a compile error here.
 */
const types = <Type extends string>(known: Record<Type, true>) => new Set(Object.keys(known));

export const CONTRACT_EVENT_TYPES = types({
  ContractDrafted: true,
  AxisDefined: true,
  FicheActionDefined: true,
  ContractSigned: true,
  ContractAmended: true,
  ContractClosed: true,
  GovernanceBodyDefined: true,
  FactRecorded: true,
} satisfies Record<ContractEvent['type'], true>);

export const ACTION_EVENT_TYPES = types({
  ActionPlanned: true,
  ActionStarted: true,
  ProgressReported: true,
  DeliverableProduced: true,
  IndicatorMeasured: true,
  ActionCompleted: true,
  ActionSuspended: true,
  ActionAbandoned: true,
} satisfies Record<ActionEvent['type'], true>);

export const CONVENTION_EVENT_TYPES = types({
  ConventionDrafted: true,
  ConventionSigned: true,
  ConventionAmended: true,
  ConventionTerminated: true,
} satisfies Record<ConventionEvent['type'], true>);

export const MEETING_EVENT_TYPES = types({
  MeetingScheduled: true,
  MeetingHeld: true,
  MeetingCancelled: true,
} satisfies Record<MeetingEvent['type'], true>);

export const EVALUATION_EVENT_TYPES = types({
  EvaluationOpened: true,
  ResultScored: true,
  EvaluationPublished: true,
} satisfies Record<EvaluationEvent['type'], true>);

export const OFFER_EVENT_TYPES = types({
  OfferRegistered: true,
  OfferUpdated: true,
  OfferClosed: true,
  OfferVerified: true,
  CoverageDeclared: true,
  OfferLinkedToAction: true,
} satisfies Record<OfferEvent['type'], true>);

/** A stored event with its domain type: what a decider folds, and where it is in the log. */
export type Located<Event> = Event & { position: number };

/**
 * The domain events of one stream that `known` lists, typed as the decider reads
 * them, each with its global position for evidence. The stored events themselves,
 * not copies: `evolve` reads only `type` and `data`, which they carry, and a
 * snapshot of a large contract should not allocate an object per event.
 */
export function domainEvents<Event extends { type: string }>(
  stream: readonly RecordedEvent[],
  known: ReadonlySet<string>,
): Located<Event>[] {
  return stream.filter((event) => known.has(event.type)) as unknown as Located<Event>[];
}
