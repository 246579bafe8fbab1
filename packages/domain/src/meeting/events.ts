import { type DomainEvent, everyTypeOf } from '../decider.js';
import type { DecisionStatus } from './commands.js';

export interface MeetingAttendee {
  /** Sealed with the key of `personId` (see PERSONAL_DATA_OF_EVENT). */
  name: string;
  organisation?: string;
  personId?: string;
}

/** A decision of a held meeting, with its id in the meeting. */
export interface MeetingDecision {
  decisionId: string;
  text: string;
  /** The organisation carrying it. */
  owner?: string;
  /** A person carrying it: sealed with the key of `ownerPersonId` (see PERSONAL_DATA_OF_EVENT). */
  ownerPerson?: string;
  ownerPersonId?: string;
  dueOn?: string;
  actionIds?: string[];
}

/**
 * The decisions of a `MeetingHeld`, each with its id: events written before
 * decisions had an owner and a due date carry their text alone, and their
 * decisions take the ids the decider gives today (`d1`, `d2`… in their order).
 */
export const decisionsOf = (decisions: ReadonlyArray<string | MeetingDecision>): MeetingDecision[] =>
  decisions.map((decision, index) =>
    typeof decision === 'string' ? { decisionId: decisionIdAt(index), text: decision } : decision,
  );

/** The id of the decision at `index` in its meeting, when the command gives none. */
export const decisionIdAt = (index: number) => `d${index + 1}`;

export type MeetingScheduled = DomainEvent<
  'MeetingScheduled',
  { meetingId: string; contractId: string; body: string; title: string; scheduledOn: string; place?: string }
>;
export type MeetingHeld = DomainEvent<
  'MeetingHeld',
  {
    meetingId: string;
    heldOn: string;
    attendees: MeetingAttendee[];
    /** Texts alone in events written before decisions had ids (read them with `decisionsOf`). */
    decisions: Array<string | MeetingDecision>;
    minutesLink?: string;
  }
>;
export type MeetingCancelled = DomainEvent<'MeetingCancelled', { meetingId: string; reason: string }>;
export type DecisionFollowedUp = DomainEvent<
  'DecisionFollowedUp',
  { meetingId: string; decisionId: string; status: DecisionStatus; on: string; comment?: string }
>;

export type MeetingEvent = MeetingScheduled | MeetingHeld | MeetingCancelled | DecisionFollowedUp;

export const MEETING_EVENT_TYPES = everyTypeOf<MeetingEvent>()([
  'MeetingScheduled',
  'MeetingHeld',
  'MeetingCancelled',
  'DecisionFollowedUp',
]);
