import type { Pool } from '@cls/postgres';
import { LiveTables } from '../../live-tables.js';
import { deliverablesProjection } from './projection.js';

export interface DeliverableRow {
  deliverableId: string;
  title: string;
  planned: boolean;
  producedOn: string | null;
  link: string | null;
}

export interface ContractDeliverableRow extends DeliverableRow {
  actionCode: string;
  ficheCode: string;
}

/** Deliverables planned and produced in a year; `year` null: planned without a readable year. */
export interface DeliverablesOfYear {
  year: number | null;
  planned: number;
  produced: number;
}

/** Codes such as `1.1-A2` in their natural order (1.10 after 1.9). */
const BY_ACTION_CODE = `array_remove(string_to_array(regexp_replace(action_code, '[^0-9.]', '', 'g'), '.'), '')::int[] NULLS LAST, action_code`;

export class DeliverablesQueries {
  private readonly tables: LiveTables;

  constructor(pool: Pool) {
    this.tables = new LiveTables(pool, deliverablesProjection.name);
  }

  /** Every deliverable of a contract, planned or not, with its action. */
  ofContract(contractId: string): Promise<ContractDeliverableRow[]> {
    return this.tables.query<ContractDeliverableRow>(
      (schema) =>
        `SELECT action_code AS "actionCode", fiche_code AS "ficheCode", deliverable_id AS "deliverableId", title, planned,
                produced_on::text AS "producedOn", link
           FROM ${schema}.deliverables WHERE contract_id = $1
          ORDER BY ${BY_ACTION_CODE}, deliverable_id`,
      [contractId],
    );
  }

  /** An action's deliverables: the planned ones first. */
  ofAction(actionId: string): Promise<DeliverableRow[]> {
    return this.tables.query<DeliverableRow>(
      (schema) =>
        `SELECT deliverable_id AS "deliverableId", title, planned, produced_on::text AS "producedOn", link
           FROM ${schema}.deliverables WHERE action_id = $1 ORDER BY planned DESC, deliverable_id`,
      [actionId],
    );
  }

  /**
   * Planned and produced per year: a planned deliverable counts in the last of
   * its action's planned years (unless they are uncertain), a produced one in the
   * year it was produced.
   */
  byYear(contractId: string): Promise<DeliverablesOfYear[]> {
    return this.tables.query<DeliverablesOfYear>(
      (schema) =>
        `WITH planned AS (
           SELECT CASE WHEN years_uncertain OR cardinality(planned_years) = 0 THEN NULL ELSE planned_years[cardinality(planned_years)] END AS year,
                  count(*)::int AS n
             FROM ${schema}.deliverables WHERE contract_id = $1 AND planned GROUP BY 1),
         produced AS (
           SELECT extract(year FROM produced_on)::int AS year, count(*)::int AS n
             FROM ${schema}.deliverables WHERE contract_id = $1 AND produced_on IS NOT NULL GROUP BY 1)
         SELECT coalesce(p.year, d.year) AS year, coalesce(p.n, 0) AS planned, coalesce(d.n, 0) AS produced
           FROM planned p FULL JOIN produced d ON p.year = d.year
          ORDER BY 1 NULLS LAST`,
      [contractId],
    );
  }
}
