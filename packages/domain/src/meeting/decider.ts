import { type Decider, event, refuse } from '../decider.js';
import { startOfDay } from '../values.js';
import type { MeetingCommand } from './commands.js';
import type { MeetingAttendee, MeetingEvent } from './events.js';

export type MeetingStatus = 'scheduled' | 'held' | 'cancelled';

export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  scheduled: 'Prévue',
  held: 'Tenue',
  cancelled: 'Annulée',
};

/** What the command side loads for the decider. */
export interface MeetingContext {
  /** The contract the meeting is (to be) about; absent when it does not exist. */
  contract?: { status: 'draft' | 'signed' | 'closed'; period: { start: number; end: number } };
  /** The current date, YYYY-MM-DD. */
  today: string;
}

export interface MeetingState {
  exists: boolean;
  status: MeetingStatus;
  contractId: string;
  body: string;
  title: string;
  scheduledOn: string;
  place?: string;
  heldOn?: string;
  attendees: MeetingAttendee[];
  decisions: string[];
  minutesLink?: string;
  cancellationReason?: string;
}

export const meetingDecider: Decider<MeetingCommand, MeetingEvent, MeetingState, MeetingContext> = {
  initialState: () => ({
    exists: false,
    status: 'scheduled',
    contractId: '',
    body: '',
    title: '',
    scheduledOn: '',
    attendees: [],
    decisions: [],
  }),

  evolve(state, e) {
    switch (e.type) {
      case 'MeetingScheduled': {
        const { contractId, body, title, scheduledOn, place } = e.data;
        return { ...state, exists: true, status: 'scheduled', contractId, body, title, scheduledOn, place };
      }
      case 'MeetingHeld': {
        const { heldOn, attendees, decisions, minutesLink } = e.data;
        return { ...state, status: 'held', heldOn, attendees, decisions, minutesLink };
      }
      case 'MeetingCancelled':
        return { ...state, status: 'cancelled', cancellationReason: e.data.reason };
    }
  },

  decide(command, state, context) {
    if (command.type === 'ScheduleMeeting') {
      if (state.exists) return refuse('already_exists', `La réunion ${command.meetingId} existe déjà`);
      const contract = context.contract;
      if (!contract) {
        return refuse('not_found', `Contrat ${command.contractId} introuvable`, 'contractId');
      }
      if (contract.status === 'closed') {
        return refuse('invalid_status', 'Le contrat est clos : aucune réunion ne peut plus y être prévue');
      }
      // Governance starts in the months before the contract's first year, as its signature does.
      const year = Number(command.scheduledOn.slice(0, 4));
      if (year < contract.period.start - 1 || year > contract.period.end) {
        return refuse(
          'invalid_value',
          `Date de la réunion hors de la période du contrat (${contract.period.start}-${contract.period.end})`,
          'scheduledOn',
        );
      }
      const { type: _, ...data } = command;
      return [event('MeetingScheduled', data)];
    }
    if (!state.exists) return refuse('not_found', `Réunion ${command.meetingId} introuvable`);

    switch (command.type) {
      case 'HoldMeeting': {
        if (state.status === 'cancelled') {
          return refuse('invalid_status', 'La réunion a été annulée : elle ne peut être tenue');
        }
        if (state.status === 'held')
          return refuse('already_done', 'La réunion est déjà enregistrée comme tenue');
        if (command.heldOn > context.today) {
          return refuse(
            'invalid_value',
            'Une réunion ne peut être enregistrée comme tenue à une date future',
            'heldOn',
          );
        }
        if (command.attendees.length === 0) {
          return refuse('invalid_value', 'Une réunion tenue compte au moins un·e participant·e', 'attendees');
        }
        const { type: _, ...data } = command;
        return [event('MeetingHeld', data, startOfDay(command.heldOn))];
      }
      case 'CancelMeeting': {
        if (state.status === 'held') {
          return refuse('invalid_status', 'La réunion a déjà été tenue : elle ne peut être annulée');
        }
        if (state.status === 'cancelled') return refuse('already_done', 'La réunion est déjà annulée');
        if (command.reason.trim() === '') {
          return refuse('invalid_value', 'Le motif de l’annulation est requis', 'reason');
        }
        const { type: _, ...data } = command;
        return [event('MeetingCancelled', data)];
      }
    }
  },
};
