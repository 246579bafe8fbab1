import { describe, expect, it } from 'vitest';
import { fold } from '../decider.js';
import { DeciderSpecification } from '../decider-specification.js';
import {
  CancelMeetingSchema,
  GOVERNANCE_BODIES,
  HoldMeetingSchema,
  ScheduleMeetingSchema,
} from './commands.js';
import { MEETING_STATUS_LABELS, type MeetingContext, meetingDecider } from './decider.js';
import type { MeetingEvent } from './events.js';

const spec = DeciderSpecification.for(meetingDecider);
const meetingId = 'copil-2025-06';
const contractId = 'cls-coeur-herault-2024';

const context: MeetingContext = {
  contract: { status: 'signed', period: { start: 2024, end: 2029 }, governanceBodies: ['COPIL'] },
  today: '2025-07-01',
};

const scheduled: MeetingEvent = {
  type: 'MeetingScheduled',
  data: {
    meetingId,
    contractId,
    body: 'COPIL',
    title: 'Comité de pilotage annuel du CLS',
    scheduledOn: '2025-06-24',
    place: 'Maison de Pays, Clermont-l’Hérault',
  },
};
const held: MeetingEvent = {
  type: 'MeetingHeld',
  data: {
    meetingId,
    heldOn: '2025-06-24',
    attendees: [
      { name: 'Claire Martin', organisation: 'ARS Occitanie' },
      { name: 'Coordination CLS', organisation: "Pays Cœur d'Hérault" },
    ],
    decisions: [
      { decisionId: 'd1', text: 'Valider le bilan 2024' },
      {
        decisionId: 'd2',
        text: 'Lancer le groupe de travail santé mentale',
        owner: 'CPTS Centre Hérault',
        dueOn: '2025-09-30',
        actionIds: ['cls-coeur-herault-2024.1.1-A1'],
      },
    ],
    minutesLink: 'https://example.org/copil-2025-06.pdf',
  },
  occurredAt: '2025-06-24T00:00:00.000Z',
};
const cancelled: MeetingEvent = {
  type: 'MeetingCancelled',
  data: { meetingId, reason: 'Quorum non atteint' },
};

describe('Meeting decider', () => {
  describe('ScheduleMeeting', () => {
    const command = { type: 'ScheduleMeeting' as const, ...scheduled.data };
    it('schedules a meeting of a signed contract', () =>
      spec.given([]).when(command, context).thenEmits([scheduled]));
    it('schedules a meeting of a contract still in preparation, the year before its period', () => {
      const { type: _, ...data } = { ...command, scheduledOn: '2023-11-15' };
      spec
        .given([])
        .when(
          { ...command, scheduledOn: '2023-11-15' },
          {
            ...context,
            contract: { status: 'draft', period: { start: 2024, end: 2029 }, governanceBodies: ['COPIL'] },
          },
        )
        .thenEmits([{ type: 'MeetingScheduled', data }]);
    });
    it('schedules a meeting in the last year of the period', () => {
      const { type: _, ...data } = { ...command, scheduledOn: '2029-12-15' };
      spec
        .given([])
        .when({ ...command, scheduledOn: '2029-12-15' }, context)
        .thenEmits([{ type: 'MeetingScheduled', data }]);
    });
    it('refuses to schedule it twice', () =>
      spec
        .given([scheduled])
        .when(command, context)
        .thenRefuses('already_exists', /existe déjà/));
    it('refuses a contract that does not exist', () =>
      spec
        .given([])
        .when(command, { today: context.today })
        .thenRefuses('not_found', /Contrat cls-coeur-herault-2024 introuvable/));
    it('refuses a closed contract', () =>
      spec
        .given([])
        .when(command, {
          ...context,
          contract: { status: 'closed', period: { start: 2024, end: 2029 }, governanceBodies: ['COPIL'] },
        })
        .thenRefuses('invalid_status', /clos/));
    it('refuses a date more than a year before the period', () =>
      spec
        .given([])
        .when({ ...command, scheduledOn: '2022-12-31' }, context)
        .thenRefuses('invalid_value', /hors de la période du contrat \(2024-2029\)/));
    it('refuses a date after the period', () =>
      spec
        .given([])
        .when({ ...command, scheduledOn: '2030-01-01' }, context)
        .thenRefuses('invalid_value', /hors de la période/));
    it('refuses a body the contract does not define, naming the step to take first', () =>
      spec
        .given([])
        .when({ ...command, body: 'Comité technique' }, context)
        .thenRefuses('invalid_value', /Définissez d’abord l’instance « Comité technique »/, {
          nextStep: { step: 'define_body', contractId },
        }));
    it('refuses a body written otherwise than the contract writes it, naming how', () =>
      spec
        .given([])
        .when({ ...command, body: 'copil' }, context)
        .thenRefuses('invalid_value', /L’instance s’écrit « COPIL » dans ce contrat/));
  });

  describe('RecordHeldMeeting', () => {
    const { scheduledOn: _, ...meeting } = scheduled.data;
    const { meetingId: __, ...minutes } = held.data;
    const command = { type: 'RecordHeldMeeting' as const, ...meeting, ...minutes };
    it('records a meeting that already happened in one step, both at its date', () =>
      spec
        .given([])
        .when(command, context)
        .thenEmits([{ ...scheduled, occurredAt: held.occurredAt }, held]));
    it('refuses a meeting held in the future', () =>
      spec
        .given([])
        .when({ ...command, heldOn: '2025-07-02' }, context)
        .thenRefuses('invalid_value', /date future/));
    it('refuses a body the contract does not define', () =>
      spec
        .given([])
        .when({ ...command, body: 'Plénière CLSM' }, context)
        .thenRefuses('invalid_value', /Définissez d’abord/, {
          nextStep: { step: 'define_body', contractId },
        }));
    it('refuses a meeting that exists', () =>
      spec.given([scheduled]).when(command, context).thenRefuses('already_exists'));
  });

  describe('HoldMeeting', () => {
    const command = { type: 'HoldMeeting' as const, ...held.data };
    it('records a meeting held, at its date in business time', () =>
      spec.given([scheduled]).when(command, context).thenEmits([held]));
    it('records a meeting held today, on another day than scheduled, without minutes', () =>
      spec
        .given([scheduled])
        .when(
          {
            type: 'HoldMeeting',
            meetingId,
            heldOn: '2025-07-01',
            attendees: [{ name: 'Claire Martin' }],
            decisions: [],
          },
          context,
        )
        .thenEmits([
          {
            type: 'MeetingHeld',
            data: { meetingId, heldOn: '2025-07-01', attendees: [{ name: 'Claire Martin' }], decisions: [] },
            occurredAt: '2025-07-01T00:00:00.000Z',
          },
        ]));
    it('refuses a meeting not scheduled', () =>
      spec
        .given([])
        .when(command, context)
        .thenRefuses('not_found', /introuvable/));
    it('refuses to record it held twice', () =>
      spec.given([scheduled, held]).when(command, context).thenRefuses('already_done', /déjà/));
    it('refuses a cancelled meeting', () =>
      spec
        .given([scheduled, cancelled])
        .when(command, context)
        .thenRefuses('invalid_status', /annulée/));
    it('refuses a meeting held in the future', () =>
      spec
        .given([scheduled])
        .when({ ...command, heldOn: '2025-07-02' }, context)
        .thenRefuses('invalid_value', /date future/));
    it('refuses a meeting without attendees', () =>
      spec
        .given([scheduled])
        .when({ ...command, attendees: [] }, context)
        .thenRefuses('invalid_value', /participant/));
    it('gives each decision an id in the meeting, a decision written as its text alone too', () =>
      spec
        .given([scheduled])
        .when({ ...command, decisions: ['Valider le bilan 2024', { text: 'Relancer la CPAM' }] }, context)
        .thenEmits([
          {
            ...held,
            data: {
              ...held.data,
              decisions: [
                { decisionId: 'd1', text: 'Valider le bilan 2024' },
                { decisionId: 'd2', text: 'Relancer la CPAM' },
              ],
            },
          },
        ]));
    it('refuses a decision due before the meeting', () =>
      spec
        .given([scheduled])
        .when({ ...command, decisions: [{ text: 'Relancer la CPAM', dueOn: '2025-01-01' }] }, context)
        .thenRefuses('invalid_value', /précède la réunion/));
    it('refuses two decisions with one id', () =>
      spec
        .given([scheduled])
        .when(
          {
            ...command,
            decisions: [
              { decisionId: 'x', text: 'a' },
              { decisionId: 'x', text: 'b' },
            ],
          },
          context,
        )
        .thenRefuses('invalid_value', /identifiant x/));
  });

  describe('FollowUpDecision', () => {
    const command = {
      type: 'FollowUpDecision' as const,
      meetingId,
      decisionId: 'd2',
      status: 'in_progress' as const,
      on: '2025-06-30',
      comment: 'Première réunion du groupe fixée',
    };
    const followedUp: MeetingEvent = {
      type: 'DecisionFollowedUp',
      data: {
        meetingId,
        decisionId: 'd2',
        status: 'in_progress',
        on: '2025-06-30',
        comment: 'Première réunion du groupe fixée',
      },
      occurredAt: '2025-06-30T00:00:00.000Z',
    };
    it('records where a decision stands, at its date', () =>
      spec.given([scheduled, held]).when(command, context).thenEmits([followedUp]));
    it('keeps a comment on the same status', () =>
      spec
        .given([scheduled, held, followedUp])
        .when({ ...command, on: '2025-07-01', comment: 'Deux réunions tenues' }, context)
        .thenEmits([
          {
            type: 'DecisionFollowedUp',
            data: { ...followedUp.data, on: '2025-07-01', comment: 'Deux réunions tenues' },
            occurredAt: '2025-07-01T00:00:00.000Z',
          },
        ]));
    it('refuses the same status without a comment', () =>
      spec
        .given([scheduled, held, followedUp])
        .when({ ...command, on: '2025-07-01', comment: undefined }, context)
        .thenRefuses('already_done', /déjà ce statut/));
    it('refuses a decision of a meeting not held', () =>
      spec
        .given([scheduled])
        .when(command, context)
        .thenRefuses('invalid_status', /réunion tenue/));
    it('refuses an unknown decision', () =>
      spec
        .given([scheduled, held])
        .when({ ...command, decisionId: 'd9' }, context)
        .thenRefuses('not_found', /d9 introuvable/));
    it('refuses a follow-up before the meeting or in the future', () => {
      spec
        .given([scheduled, held])
        .when({ ...command, on: '2025-06-01' }, context)
        .thenRefuses('invalid_value', /précéder la réunion/);
      spec
        .given([scheduled, held])
        .when({ ...command, on: '2025-07-02' }, context)
        .thenRefuses('invalid_value', /futur/);
    });
    it('follows up a decision of a meeting recorded before decisions had ids', () => {
      const old: MeetingEvent = { ...held, data: { ...held.data, decisions: ['Valider le bilan 2024'] } };
      spec
        .given([scheduled, old])
        .when({ ...command, decisionId: 'd1', status: 'done', comment: undefined }, context)
        .thenEmits([
          {
            type: 'DecisionFollowedUp',
            data: { meetingId, decisionId: 'd1', status: 'done', on: '2025-06-30' },
            occurredAt: '2025-06-30T00:00:00.000Z',
          },
        ]);
    });
  });

  describe('CancelMeeting', () => {
    const command = { type: 'CancelMeeting' as const, ...cancelled.data };
    it('cancels a scheduled meeting', () =>
      spec.given([scheduled]).when(command, context).thenEmits([cancelled]));
    it('refuses a meeting not scheduled', () =>
      spec.given([]).when(command, context).thenRefuses('not_found'));
    it('refuses to cancel a meeting held', () =>
      spec.given([scheduled, held]).when(command, context).thenRefuses('invalid_status', /tenue/));
    it('refuses to cancel twice', () =>
      spec
        .given([scheduled, cancelled])
        .when(command, context)
        .thenRefuses('already_done', /déjà annulée/));
    it('refuses a cancellation without reason', () =>
      spec
        .given([scheduled])
        .when({ ...command, reason: '' }, context)
        .thenRefuses('invalid_value', /motif/));
  });

  describe('state', () => {
    it('keeps what was decided and who attended', () => {
      const state = fold(meetingDecider, [scheduled, held]);
      expect(state.status).toBe('held');
      expect(state.attendees).toHaveLength(2);
      expect(state.decisions.map((d) => [d.decisionId, d.status])).toEqual([
        ['d1', 'todo'],
        ['d2', 'todo'],
      ]);
      expect(MEETING_STATUS_LABELS[state.status]).toBe('Tenue');
    });
    it('keeps why it was cancelled', () => {
      const state = fold(meetingDecider, [scheduled, cancelled]);
      expect(state.status).toBe('cancelled');
      expect(state.cancellationReason).toBe('Quorum non atteint');
      expect(MEETING_STATUS_LABELS[state.status]).toBe('Annulée');
    });
    it('suggests the usual bodies', () => expect(GOVERNANCE_BODIES).toContain('COPIL'));
  });

  describe('schemas', () => {
    const hold = { meetingId, heldOn: '2025-06-24', attendees: [{ name: 'Claire Martin' }] };
    it('defaults decisions to none', () => expect(HoldMeetingSchema.parse(hold).decisions).toEqual([]));
    it('refuses a meeting held without attendees', () =>
      expect(HoldMeetingSchema.safeParse({ ...hold, attendees: [] }).success).toBe(false));
    it('accepts a web link to the minutes', () =>
      expect(
        HoldMeetingSchema.safeParse({ ...hold, minutesLink: 'https://example.org/cr.pdf' }).success,
      ).toBe(true));
    it('refuses minutes links that are not web links', () => {
      expect(HoldMeetingSchema.safeParse({ ...hold, minutesLink: 'compte rendu' }).success).toBe(false);
      expect(HoldMeetingSchema.safeParse({ ...hold, minutesLink: 'javascript:alert(1)' }).success).toBe(
        false,
      );
    });
    it('accepts a free body name', () =>
      expect(
        ScheduleMeetingSchema.safeParse({
          meetingId,
          contractId,
          body: 'Comité des usagers',
          title: 'Réunion',
          scheduledOn: '2025-06-24',
        }).success,
      ).toBe(true));
    it('requires a reason to cancel', () =>
      expect(CancelMeetingSchema.safeParse({ meetingId, reason: ' ' }).success).toBe(false));
  });
});
