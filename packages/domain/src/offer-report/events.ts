import { type DomainEvent, everyTypeOf } from '../decider.js';
import type { OfferReportTopic } from './commands.js';

/** A resident said something on an offer's card is wrong (`contact`: personal data, sealed). */
export type OfferErrorReported = DomainEvent<
  'OfferErrorReported',
  {
    reportId: string;
    offerId: string;
    topic: OfferReportTopic;
    message: string;
    contact?: string;
    contactPersonId?: string;
    reportedOn: string;
  }
>;
/** A coordinator found nothing to change, and said why. */
export type OfferReportDismissed = DomainEvent<
  'OfferReportDismissed',
  { reportId: string; offerId: string; reason: string; dismissedOn: string }
>;
/** A coordinator's update of the offer answered the report. */
export type OfferReportResolved = DomainEvent<
  'OfferReportResolved',
  { reportId: string; offerId: string; resolvedOn: string }
>;

export type OfferReportEvent = OfferErrorReported | OfferReportDismissed | OfferReportResolved;

export const OFFER_REPORT_EVENT_TYPES = everyTypeOf<OfferReportEvent>()([
  'OfferErrorReported',
  'OfferReportDismissed',
  'OfferReportResolved',
]);
