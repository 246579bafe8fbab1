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

/** Where a decision stands: its follow-up status (« à faire » until followed up). */
export const DECISION_STATUSES = ['todo', 'in_progress', 'done', 'abandoned'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export const DECISION_STATUS_LABELS: Record<DecisionStatus, string> = {
  todo: 'À faire',
  in_progress: 'En cours',
  done: 'Faite',
  abandoned: 'Abandonnée',
};

/**
 * A decision taken in a meeting: who carries it (an organisation, or a person
 * whose name is sealed with the key of `ownerPersonId`), by when, and the
 * actions it concerns. Its id is given by the decider when absent.
 */
export const MeetingDecisionSchema = z.object({
  decisionId: IdSchema.optional(),
  text: TextSchema.min(1, { error: 'décision vide' }),
  /** The organisation carrying the decision. */
  owner: NameSchema.optional(),
  /** Personal data: a person carrying it, sealed with the key of `ownerPersonId`. */
  ownerPerson: NameSchema.optional(),
  ownerPersonId: SubjectIdSchema.optional(),
  dueOn: DateSchema.optional(),
  actionIds: z.array(IdSchema).max(50, atMost(50)).optional(),
});

/** A decision as the text alone (as before decisions had an owner and a due date), or in full. */
const DecisionInputSchema = z.union([TextSchema.min(1, { error: 'décision vide' }), MeetingDecisionSchema]);

const attendeesSchema = z
  .array(MeetingAttendeeSchema, { error: 'participants requis' })
  .min(1, { error: 'au moins un·e participant·e' })
  .max(500, atMost(500));
const decisionsSchema = z.array(DecisionInputSchema).max(200, atMost(200)).default([]);

export const HoldMeetingSchema = z.object({
  meetingId: IdSchema,
  heldOn: DateSchema,
  attendees: attendeesSchema,
  decisions: decisionsSchema,
  /** Where the minutes are (web links only). */
  minutesLink: WebLinkSchema.optional(),
});

/**
 * A meeting that already happened, recorded in one step (nothing « programmé »
 * first): the meeting as `ScheduleMeeting` would give it, and its minutes.
 */
export const RecordHeldMeetingSchema = z.object({
  meetingId: IdSchema,
  contractId: IdSchema,
  body: NameSchema,
  title: TitleSchema,
  heldOn: DateSchema,
  place: NameSchema.optional(),
  attendees: attendeesSchema,
  decisions: decisionsSchema,
  minutesLink: WebLinkSchema.optional(),
});

/** Where a decision of a held meeting stands now, as of a date, with a comment. */
export const FollowUpDecisionSchema = z.object({
  meetingId: IdSchema,
  decisionId: IdSchema,
  status: z.enum(DECISION_STATUSES, { error: 'statut de suivi requis' }),
  on: DateSchema,
  comment: TextSchema.optional(),
});

export const CancelMeetingSchema = z.object({
  meetingId: IdSchema,
  reason: TextSchema.min(1, { error: 'motif d’annulation requis' }),
});

export type ScheduleMeeting = { type: 'ScheduleMeeting' } & z.infer<typeof ScheduleMeetingSchema>;
export type HoldMeeting = { type: 'HoldMeeting' } & z.infer<typeof HoldMeetingSchema>;
export type CancelMeeting = { type: 'CancelMeeting' } & z.infer<typeof CancelMeetingSchema>;
export type RecordHeldMeeting = { type: 'RecordHeldMeeting' } & z.infer<typeof RecordHeldMeetingSchema>;
export type FollowUpDecision = { type: 'FollowUpDecision' } & z.infer<typeof FollowUpDecisionSchema>;

export type MeetingCommand =
  | ScheduleMeeting
  | HoldMeeting
  | CancelMeeting
  | RecordHeldMeeting
  | FollowUpDecision;
