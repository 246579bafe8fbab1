import { z } from 'zod';
import { SubjectIdSchema } from '../personal-data.js';
import {
  atMost,
  DateSchema,
  IdSchema,
  NameSchema,
  TextSchema,
  TitleSchema,
  WebLinkSchema,
} from '../values.js';

/** Usual governance bodies of a CLS, to suggest: the body of a meeting is a free name. */
export const GOVERNANCE_BODIES = [
  'COPIL',
  'Comité technique',
  'Plénière CLSM',
  "Comité d'animation CLSM",
  'Groupe de travail',
] as const;

export const ScheduleMeetingSchema = z.object({
  meetingId: IdSchema,
  contractId: IdSchema,
  /** COPIL, comité technique, plénière CLSM… (see `GOVERNANCE_BODIES`). */
  body: NameSchema,
  title: TitleSchema,
  scheduledOn: DateSchema,
  place: NameSchema.optional(),
});

export const MeetingAttendeeSchema = z.object({
  /** Personal data: sealed with the key of `personId` (see PERSONAL_DATA_OF_EVENT). */
  name: NameSchema,
  organisation: NameSchema.optional(),
  personId: SubjectIdSchema.optional(),
});

export const HoldMeetingSchema = z.object({
  meetingId: IdSchema,
  heldOn: DateSchema,
  attendees: z
    .array(MeetingAttendeeSchema, { error: 'participants requis' })
    .min(1, { error: 'au moins un·e participant·e' })
    .max(500, atMost(500)),
  decisions: z
    .array(TextSchema.min(1, { error: 'décision vide' }))
    .max(200, atMost(200))
    .default([]),
  /** Where the minutes are (web links only). */
  minutesLink: WebLinkSchema.optional(),
});

export const CancelMeetingSchema = z.object({
  meetingId: IdSchema,
  reason: TextSchema.min(1, { error: 'motif d’annulation requis' }),
});

export type ScheduleMeeting = { type: 'ScheduleMeeting' } & z.infer<typeof ScheduleMeetingSchema>;
export type HoldMeeting = { type: 'HoldMeeting' } & z.infer<typeof HoldMeetingSchema>;
export type CancelMeeting = { type: 'CancelMeeting' } & z.infer<typeof CancelMeetingSchema>;

export type MeetingCommand = ScheduleMeeting | HoldMeeting | CancelMeeting;
