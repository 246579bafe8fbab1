import { OFFER_REPORT_EVENT_TYPES } from '@cls/domain';
import { PageRows } from '../../page-rows.js';
import { defineProjection, type ProjectedEvent, type ProjectionTransaction } from '../../projection.js';

/**
 * Residents' reports of errors on offers (« Signaler une erreur »): one row per
 * report, pending until a coordinator dismisses it (with a reason) or resolves it
 * by updating the offer. The contact, when given, stays sealed as the log holds it.
 */
export const offerReportsProjection = defineProjection({
  name: 'offer_reports',
  version: 1,
  handles: OFFER_REPORT_EVENT_TYPES,
  schemaSql: `
    CREATE TABLE {schema}.offer_reports (
      report_id text PRIMARY KEY,
      offer_id text NOT NULL,
      topic text NOT NULL,
      message text NOT NULL,
      contact text,
      contact_person_id text,
      reported_on date NOT NULL,
      reported_at timestamptz NOT NULL,
      status text NOT NULL,
      handled_on date,
      dismissed_reason text
    );
  `,
  queryIndexesSql: `
    CREATE INDEX ON {schema}.offer_reports (offer_id) WHERE status = 'pending';
  `,

  apply: (event, tx) => applyReportEvents([event], tx),
  applyPage: applyReportEvents,
});

const COLUMNS = [
  'report_id',
  'offer_id',
  'topic',
  'message',
  'contact',
  'contact_person_id',
  'reported_on',
  'reported_at',
  'status',
  'handled_on',
  'dismissed_reason',
];

/** A page's reports and what became of them, folded per report and written in a few statements (PageRows). */
function applyReportEvents(
  events: ProjectedEvent<typeof OFFER_REPORT_EVENT_TYPES>[],
  tx: ProjectionTransaction,
): void {
  const reports = new PageRows(`${tx.schema}.offer_reports`, 'report_id');
  for (const event of events) {
    switch (event.type) {
      case 'OfferErrorReported': {
        const { reportId, offerId, topic, message, contact, contactPersonId, reportedOn } = event.data;
        reports.create({
          report_id: reportId,
          offer_id: offerId,
          topic,
          message,
          contact: contact ?? null,
          contact_person_id: contactPersonId ?? null,
          reported_on: reportedOn,
          reported_at: event.metadata.recordedAt,
          status: 'pending',
          handled_on: null,
          dismissed_reason: null,
        });
        break;
      }
      case 'OfferReportDismissed': {
        const { reportId, reason, dismissedOn } = event.data;
        reports.change(reportId, {
          set: { status: 'dismissed', handled_on: dismissedOn, dismissed_reason: reason },
        });
        break;
      }
      case 'OfferReportResolved': {
        const { reportId, resolvedOn } = event.data;
        reports.change(reportId, { set: { status: 'resolved', handled_on: resolvedOn } });
        break;
      }
    }
  }
  reports.flush(tx, COLUMNS);
}
