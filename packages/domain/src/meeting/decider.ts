import { type Decider, DomainError, event, refuse } from '../decider.js';
import { sameNameIn, startOfDay } from '../values.js';
import type { DecisionStatus, MeetingCommand } from './commands.js';
import {
  decisionIdAt,
  decisionsOf,
  type MeetingAttendee,
  type MeetingDecision,
  type MeetingEvent,
} from './events.js';

export type MeetingStatus = 'scheduled' | 'held' | 'cancelled';

export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  scheduled: 'Prévue',
  held: 'Tenue',
  cancelled: 'Annulée',
};

/** What the command side loads for the decider. */
export interface MeetingContext {
  /** The contract the meeting is (to be) about; absent when it does not exist. */
  contract?: {
    status: 'draft' | 'signed' | 'closed';
    period: { start: number; end: number };
    /** The bodies the contract defines: a meeting is one of theirs. */
    governanceBodies: readonly string[];
  };
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
  decisions: FollowedDecision[];
  minutesLink?: string;
  cancellationReason?: string;
}

/** A decision with where its follow-up stands. */
export interface FollowedDecision extends MeetingDecision {
  status: DecisionStatus;
  /** The date of its last follow-up. */
  statusOn?: string;
}

type NewMeeting = { meetingId: string; contractId: string; body: string };

/** What a meeting to be scheduled, or recorded as held, must respect of its contract. */
function refusalOfNewMeeting(
  command: NewMeeting,
  date: { field: string; value: string },
  state: MeetingState,
  context: MeetingContext,
) {
  if (state.exists) return refuse('already_exists', `La réunion ${command.meetingId} existe déjà`);
  const contract = context.contract;
  if (!contract) return refuse('not_found', `Contrat ${command.contractId} introuvable`, 'contractId');
  if (contract.status === 'closed') {
    return refuse('invalid_status', 'Le contrat est clos : aucune réunion ne peut plus y être prévue');
  }
  if (!contract.governanceBodies.includes(command.body)) {
    const written = sameNameIn(contract.governanceBodies, command.body);
    if (written !== undefined)
      return refuse('invalid_value', `L’instance s’écrit « ${written} » dans ce contrat`, 'body');
    return refuse(
      'invalid_value',
      `Définissez d’abord l’instance « ${command.body} » dans les instances de gouvernance du contrat`,
      'body',
      { step: 'define_body', contractId: command.contractId },
    );
  }
  // Governance starts in the months before the contract's first year, as its signature does.
  const year = Number(date.value.slice(0, 4));
  if (year < contract.period.start - 1 || year > contract.period.end) {
    return refuse(
      'invalid_value',
      `Date de la réunion hors de la période du contrat (${contract.period.start}-${contract.period.end})`,
      date.field,
    );
  }
  return undefined;
}

/** What the minutes of a meeting held must respect, and its decisions with their ids. */
function heldDecisions(
  command: {
    heldOn: string;
    attendees: unknown[];
    decisions: ReadonlyArray<string | (Omit<MeetingDecision, 'decisionId'> & { decisionId?: string })>;
  },
  context: MeetingContext,
) {
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
  const decisions = command.decisions.map((decision, index): MeetingDecision => {
    if (typeof decision === 'string') return { decisionId: decisionIdAt(index), text: decision };
    const { decisionId, ...rest } = decision;
    return { decisionId: decisionId ?? decisionIdAt(index), ...rest };
  });
  for (const [index, decision] of decisions.entries()) {
    if (decisions.findIndex((other) => other.decisionId === decision.decisionId) !== index) {
      return refuse(
        'invalid_value',
        `Deux décisions portent l’identifiant ${decision.decisionId}`,
        'decisions',
      );
    }
    if (decision.dueOn !== undefined && decision.dueOn < command.heldOn) {
      return refuse(
        'invalid_value',
        `L’échéance de la décision « ${decision.text} » précède la réunion`,
        `decisions.${index}.dueOn`,
      );
    }
  }
  return decisions;
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
        const followed = decisionsOf(decisions).map(
          (decision): FollowedDecision => ({ ...decision, status: 'todo' }),
        );
        return { ...state, status: 'held', heldOn, attendees, decisions: followed, minutesLink };
      }
      case 'MeetingCancelled':
        return { ...state, status: 'cancelled', cancellationReason: e.data.reason };
      case 'DecisionFollowedUp': {
        const { decisionId, status, on } = e.data;
        return {
          ...state,
          decisions: state.decisions.map((decision) =>
            decision.decisionId === decisionId ? { ...decision, status, statusOn: on } : decision,
          ),
        };
      }
    }
  },

  decide(command, state, context) {
    if (command.type === 'ScheduleMeeting') {
      const refused = refusalOfNewMeeting(
        command,
        { field: 'scheduledOn', value: command.scheduledOn },
        state,
        context,
      );
      if (refused) return refused;
      const { type: _, ...data } = command;
      return [event('MeetingScheduled', data)];
    }
    if (command.type === 'RecordHeldMeeting') {
      const refused = refusalOfNewMeeting(
        command,
        { field: 'heldOn', value: command.heldOn },
        state,
        context,
      );
      if (refused) return refused;
      const decisions = heldDecisions(command, context);
      if (decisions instanceof DomainError) return decisions;
      const { meetingId, contractId, body, title, heldOn, place, attendees, minutesLink } = command;
      const at = startOfDay(heldOn);
      return [
        event(
          'MeetingScheduled',
          { meetingId, contractId, body, title, scheduledOn: heldOn, ...(place ? { place } : {}) },
          at,
        ),
        event(
          'MeetingHeld',
          { meetingId, heldOn, attendees, decisions, ...(minutesLink ? { minutesLink } : {}) },
          at,
        ),
      ];
    }
    if (!state.exists) return refuse('not_found', `Réunion ${command.meetingId} introuvable`);

    switch (command.type) {
      case 'HoldMeeting': {
        if (state.status === 'cancelled') {
          return refuse('invalid_status', 'La réunion a été annulée : elle ne peut être tenue');
        }
        if (state.status === 'held')
          return refuse('already_done', 'La réunion est déjà enregistrée comme tenue');
        const decisions = heldDecisions(command, context);
        if (decisions instanceof DomainError) return decisions;
        const { type: _, ...data } = command;
        return [event('MeetingHeld', { ...data, decisions }, startOfDay(command.heldOn))];
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
      case 'FollowUpDecision': {
        if (state.status !== 'held' || !state.heldOn) {
          return refuse('invalid_status', 'Seules les décisions d’une réunion tenue ont un suivi');
        }
        const decision = state.decisions.find((d) => d.decisionId === command.decisionId);
        if (!decision) {
          return refuse(
            'not_found',
            `Décision ${command.decisionId} introuvable dans cette réunion`,
            'decisionId',
          );
        }
        if (command.on < state.heldOn) {
          return refuse('invalid_value', 'Le suivi ne peut précéder la réunion', 'on');
        }
        if (command.on > context.today) {
          return refuse('invalid_value', 'Le suivi ne peut être daté dans le futur', 'on');
        }
        if (decision.statusOn !== undefined && command.on < decision.statusOn) {
          return refuse('invalid_value', 'Le suivi ne peut précéder le suivi précédent', 'on');
        }
        const comment = command.comment?.trim();
        if (command.status === decision.status && !comment) {
          return refuse(
            'already_done',
            'La décision a déjà ce statut : ajoutez un commentaire ou changez-le',
            'status',
          );
        }
        const { type: _, comment: __, ...data } = command;
        return [event('DecisionFollowedUp', comment ? { ...data, comment } : data, startOfDay(command.on))];
      }
    }
  },
};
