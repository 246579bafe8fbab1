import { type Decider, event, refuse } from '../decider.js';
import { startOfDay } from '../values.js';
import type { OfferReportCommand } from './commands.js';
import type { OfferReportEvent } from './events.js';

export type OfferReportStatus = 'pending' | 'dismissed' | 'resolved';

export interface OfferReportState {
  exists: boolean;
  offerId: string;
  status: OfferReportStatus;
  reportedOn?: string;
}

/** What deciding a new report needs from the offer's stream. */
export interface OfferReportContext {
  offer?: { exists: boolean; closedOn?: string };
}

export const offerReportDecider: Decider<
  OfferReportCommand,
  OfferReportEvent,
  OfferReportState,
  OfferReportContext | undefined
> = {
  initialState: () => ({ exists: false, offerId: '', status: 'pending' }),

  evolve(state, e) {
    switch (e.type) {
      case 'OfferErrorReported':
        return { exists: true, offerId: e.data.offerId, status: 'pending', reportedOn: e.data.reportedOn };
      case 'OfferReportDismissed':
        return { ...state, status: 'dismissed' };
      case 'OfferReportResolved':
        return { ...state, status: 'resolved' };
    }
  },

  decide(command, state, context) {
    if (command.type === 'ReportOfferError') {
      if (state.exists) return refuse('already_exists', `Le signalement ${command.reportId} existe déjà`);
      if (!context?.offer?.exists) return refuse('not_found', `Offre ${command.offerId} introuvable`);
      if (context.offer.closedOn)
        return refuse('not_found', `L’offre ${command.offerId} est fermée : elle n’est plus publiée`);
      const { type: _, contact, contactPersonId, ...data } = command;
      return [
        event(
          'OfferErrorReported',
          {
            ...data,
            ...(contact ? { contact } : {}),
            ...(contact && contactPersonId ? { contactPersonId } : {}),
          },
          startOfDay(command.reportedOn),
        ),
      ];
    }
    if (!state.exists) return refuse('not_found', `Signalement ${command.reportId} introuvable`);
    if (state.status !== 'pending')
      return refuse(
        'already_done',
        state.status === 'dismissed'
          ? 'Ce signalement a déjà été écarté'
          : 'Ce signalement a déjà été traité',
      );
    switch (command.type) {
      case 'DismissOfferReport':
        return [
          event(
            'OfferReportDismissed',
            {
              reportId: command.reportId,
              offerId: state.offerId,
              reason: command.reason,
              dismissedOn: command.dismissedOn,
            },
            startOfDay(command.dismissedOn),
          ),
        ];
      case 'ResolveOfferReport':
        return [
          event(
            'OfferReportResolved',
            { reportId: command.reportId, offerId: state.offerId, resolvedOn: command.resolvedOn },
            startOfDay(command.resolvedOn),
          ),
        ];
    }
  },
};
