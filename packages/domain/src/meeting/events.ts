import type { DomainEvent } from '../decider.js';

export interface MeetingAttendee {
  name: string;
  organisation?: string;
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
