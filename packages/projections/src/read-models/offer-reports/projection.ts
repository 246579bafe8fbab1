import { OFFER_REPORT_EVENT_TYPES } from '@cls/domain';
import { defineProjection } from '../../projection.js';

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
    CREATE INDEX ON {schema}.offer_reports (offer_id) WHERE status = 'pending';
  `,

  apply(event, { execute, schema }) {
    switch (event.type) {
      case 'OfferErrorReported': {
        const { reportId, offerId, topic, message, contact, contactPersonId, reportedOn } = event.data;
        execute(
          `INSERT INTO ${schema}.offer_reports
             (report_id, offer_id, topic, message, contact, contact_person_id, reported_on, reported_at, status)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending')`,
          [
            reportId,
            offerId,
            topic,
            message,
            contact ?? null,
            contactPersonId ?? null,
            reportedOn,
            event.metadata.recordedAt,
          ],
        );
        return;
      }
      case 'OfferReportDismissed': {
        const { reportId, reason, dismissedOn } = event.data;
        execute(
          `UPDATE ${schema}.offer_reports SET status = 'dismissed', handled_on = $2, dismissed_reason = $3
            WHERE report_id = $1`,
          [reportId, dismissedOn, reason],
        );
        return;
      }
      case 'OfferReportResolved': {
        const { reportId, resolvedOn } = event.data;
        execute(
          `UPDATE ${schema}.offer_reports SET status = 'resolved', handled_on = $2 WHERE report_id = $1`,
          [reportId, resolvedOn],
        );
        return;
      }
    }
  },
});
