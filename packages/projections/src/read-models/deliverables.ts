import type { ActionPlanned, DeliverableProduced } from '@cls/domain';
import type { Projection } from '../projection.js';

/** Deliverables, planned and produced, with the year each was produced: planned vs produced per year. */
export const deliverablesProjection: Projection = {
  name: 'deliverables',
  version: 1,
  handles: ['ActionPlanned', 'DeliverableProduced'],
  schemaSql: `
    CREATE TABLE {schema}.deliverables (
      action_id text NOT NULL,
      deliverable_id text NOT NULL,
      contract_id text NOT NULL,
      fiche_code text NOT NULL,
      action_code text NOT NULL,
      title text NOT NULL,
      planned boolean NOT NULL,
      planned_years integer[] NOT NULL,
      years_uncertain boolean NOT NULL,
      produced_on date,
      link text,
      PRIMARY KEY (action_id, deliverable_id)
    );
    CREATE INDEX ON {schema}.deliverables (contract_id);
    CREATE TABLE {schema}.actions (
      action_id text PRIMARY KEY, contract_id text NOT NULL, fiche_code text NOT NULL, action_code text NOT NULL
    );
  `,

  apply(event, { execute, schema }) {
    if (event.type === 'ActionPlanned') {
      const action = event.data as ActionPlanned['data'];
      execute(
        `INSERT INTO ${schema}.actions (action_id, contract_id, fiche_code, action_code) VALUES ($1, $2, $3, $4)`,
        [action.actionId, action.contractId, action.ficheCode, action.code],
      );
      for (const deliverable of action.plannedDeliverables) {
        execute(
          `INSERT INTO ${schema}.deliverables (action_id, deliverable_id, contract_id, fiche_code, action_code, title,
             planned, planned_years, years_uncertain)
           VALUES ($1, $2, $3, $4, $5, $6, true, $7, $8)`,
          [
            action.actionId,
            deliverable.deliverableId,
            action.contractId,
            action.ficheCode,
            action.code,
            deliverable.title,
            action.plannedYears.years,
            action.plannedYears.uncertain,
          ],
        );
      }
      return;
    }
    const produced = event.data as DeliverableProduced['data'];
    // A deliverable that was not planned gets its row here.
    execute(
      `INSERT INTO ${schema}.deliverables (action_id, deliverable_id, contract_id, fiche_code, action_code, title,
         planned, planned_years, years_uncertain, produced_on, link)
       SELECT $1, $2, contract_id, fiche_code, action_code, $3, false, '{}', false, $4, $5
         FROM ${schema}.actions WHERE action_id = $1
       ON CONFLICT (action_id, deliverable_id) DO UPDATE SET produced_on = EXCLUDED.produced_on, link = EXCLUDED.link`,
      [produced.actionId, produced.deliverableId, produced.title, produced.producedOn, produced.link ?? null],
    );
  },
};
