import { OFFER_REPORT_TOPICS, type OfferReportStatus, type OfferReportTopic } from '@cls/domain';
import type { Pool } from '@cls/postgres';
import { LiveTables } from '../../live-tables.js';
import { offerReportsProjection } from './projection.js';

/** A resident's report as the coordinators' queue shows it (the contact still sealed here). */
export interface OfferReportRow {
  reportId: string;
  offerId: string;
  topic: OfferReportTopic;
  message: string;
  contact: string | null;
  contactPersonId: string | null;
  reportedOn: string;
  status: OfferReportStatus;
  handledOn: string | null;
  dismissedReason: string | null;
}

const isTopic = (topic: string): topic is OfferReportTopic => OFFER_REPORT_TOPICS.some((t) => t === topic);
const isStatus = (status: string): status is OfferReportStatus =>
  status === 'pending' || status === 'dismissed' || status === 'resolved';

export class OfferReportsQueries {
  private readonly tables: LiveTables;

  constructor(pool: Pool) {
    this.tables = new LiveTables(pool, offerReportsProjection.name);
  }

  /** The reports of a status (pending by default), the oldest first; of some offers only when given. */
  reports(filter: { status?: OfferReportStatus; offerIds?: string[] } = {}): Promise<OfferReportRow[]> {
    return this.select('status = $1 AND ($2::text[] IS NULL OR offer_id = ANY($2))', [
      filter.status ?? 'pending',
      filter.offerIds ?? null,
    ]);
  }

  /** One report, whatever its status. */
  async report(reportId: string): Promise<OfferReportRow | undefined> {
    const [row] = await this.select('report_id = $1', [reportId]);
    return row;
  }

  /** The offers with a report awaiting verification: their cards say so. */
  async offersWithPendingReport(): Promise<Set<string>> {
    const rows = await this.tables.query<{ offerId: string }>(
      (schema) =>
        `SELECT DISTINCT offer_id AS "offerId" FROM ${schema}.offer_reports WHERE status = 'pending'`,
    );
    return new Set(rows.map((row) => row.offerId));
  }

  private async select(where: string, parameters: unknown[]): Promise<OfferReportRow[]> {
    const rows = await this.tables.query<
      Omit<OfferReportRow, 'topic' | 'status'> & { topic: string; status: string }
    >(
      (schema) =>
        `SELECT report_id AS "reportId", offer_id AS "offerId", topic, message, contact,
                contact_person_id AS "contactPersonId", reported_on::text AS "reportedOn", status,
                handled_on::text AS "handledOn", dismissed_reason AS "dismissedReason"
           FROM ${schema}.offer_reports WHERE ${where}
          ORDER BY reported_at, report_id`,
      parameters,
    );
    return rows.flatMap(({ topic, status, ...row }) =>
      isTopic(topic) && isStatus(status) ? [{ ...row, topic, status }] : [],
    );
  }
}
