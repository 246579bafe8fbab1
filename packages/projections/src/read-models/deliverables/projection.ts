import { defineProjection, type ProjectedEvent, type ProjectionTransaction } from '../../projection.js';

const HANDLES = ['ActionPlanned', 'DeliverableProduced'] as const;

/** Deliverables, planned and produced, with the year each was produced: planned vs produced per year. */
export const deliverablesProjection = defineProjection({
  name: 'deliverables',
  version: 1,
  handles: HANDLES,
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
    CREATE TABLE {schema}.actions (
      action_id text PRIMARY KEY, contract_id text NOT NULL, fiche_code text NOT NULL, action_code text NOT NULL
    );
  `,
  queryIndexesSql: `
    CREATE INDEX ON {schema}.deliverables (contract_id);
  `,

  apply: (event, tx) => applyDeliverableEvents([event], tx, { holdPlannedRows: false }),
  applyPage: (events, tx) => applyDeliverableEvents(events, tx, { holdPlannedRows: true }),
});

/**
 * With `holdPlannedRows`, the page's actions and their deliverables are kept in memory until it
 * ends, so that a deliverable produced in the same page is written once, already produced, and
 * the rows are inserted together; without, each event's rows are written at once (event by event).
 */
function applyDeliverableEvents(
  events: ProjectedEvent<typeof HANDLES>[],
  { execute, appendRow, schema }: ProjectionTransaction,
  { holdPlannedRows }: { holdPlannedRows: boolean },
): void {
  const writePlanned = (row: Record<string, unknown>) => {
    const columns = Object.keys(row);
    execute(
      `INSERT INTO ${schema}.deliverables (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
      Object.values(row),
    );
  };
  const planned = new Map<string, Record<string, unknown>>();
  /** The page's planned actions (when rows are held): what a deliverable produced in the page is filed under. */
  const actions = new Map<string, { contract_id: string; fiche_code: string; action_code: string }>();
  for (const event of events) {
    if (event.type === 'ActionPlanned') {
      const action = event.data;
      const row = { contract_id: action.contractId, fiche_code: action.ficheCode, action_code: action.code };
      if (holdPlannedRows) {
        actions.set(action.actionId, row);
        appendRow(`${schema}.actions`, { action_id: action.actionId, ...row });
      } else
        execute(
          `INSERT INTO ${schema}.actions (action_id, contract_id, fiche_code, action_code) VALUES ($1, $2, $3, $4)`,
          [action.actionId, action.contractId, action.ficheCode, action.code],
        );
      for (const deliverable of action.plannedDeliverables) {
        planned.set(`${action.actionId}|${deliverable.deliverableId}`, {
          action_id: action.actionId,
          deliverable_id: deliverable.deliverableId,
          contract_id: action.contractId,
          fiche_code: action.ficheCode,
          action_code: action.code,
          title: deliverable.title,
          planned: true,
          planned_years: action.plannedYears.years,
          years_uncertain: action.plannedYears.uncertain,
          produced_on: null,
          link: null,
        });
      }
      continue;
    }
    const produced = event.data;
    const inPage = planned.get(`${produced.actionId}|${produced.deliverableId}`);
    if (inPage) {
      inPage.produced_on = produced.producedOn;
      inPage.link = produced.link ?? null;
      continue;
    }
    // Not planned, by an action planned in this page (its row is not written yet): made here.
    const actionInPage = actions.get(produced.actionId);
    if (actionInPage) {
      planned.set(`${produced.actionId}|${produced.deliverableId}`, {
        action_id: produced.actionId,
        deliverable_id: produced.deliverableId,
        ...actionInPage,
        title: produced.title,
        planned: false,
        planned_years: [],
        years_uncertain: false,
        produced_on: produced.producedOn,
        link: produced.link ?? null,
      });
      continue;
    }
    // Planned in an earlier page, or not planned at all (its row is made here).
    execute(
      `INSERT INTO ${schema}.deliverables (action_id, deliverable_id, contract_id, fiche_code, action_code, title,
         planned, planned_years, years_uncertain, produced_on, link)
       SELECT $1, $2, contract_id, fiche_code, action_code, $3, false, '{}', false, $4, $5
         FROM ${schema}.actions WHERE action_id = $1
       ON CONFLICT (action_id, deliverable_id) DO UPDATE SET produced_on = EXCLUDED.produced_on, link = EXCLUDED.link`,
      [produced.actionId, produced.deliverableId, produced.title, produced.producedOn, produced.link ?? null],
    );
  }
  for (const row of planned.values()) {
    if (holdPlannedRows) appendRow(`${schema}.deliverables`, row);
    else writePlanned(row);
  }
}
