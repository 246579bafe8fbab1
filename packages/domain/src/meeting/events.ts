import { type DomainEvent, everyTypeOf } from '../decider.js';

export interface MeetingAttendee {
  /** Sealed with the key of `personId` (see PERSONAL_DATA_OF_EVENT). */
  name: string;
  organisation?: string;
  personId?: string;
}

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
    decisions: string[];
    minutesLink?: string;
  }
>;
export type MeetingCancelled = DomainEvent<'MeetingCancelled', { meetingId: string; reason: string }>;

export type MeetingEvent = MeetingScheduled | MeetingHeld | MeetingCancelled;

export const MEETING_EVENT_TYPES = everyTypeOf<MeetingEvent>()([
  'MeetingScheduled',
  'MeetingHeld',
  'MeetingCancelled',
]);
