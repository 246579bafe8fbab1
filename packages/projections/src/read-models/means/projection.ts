import { MEANS_EVENT_TYPES } from '@cls/domain';
import { PageRows } from '../../page-rows.js';
import { defineProjection, type ProjectedEvent, type ProjectionTransaction } from '../../projection.js';

const HANDLES = [...MEANS_EVENT_TYPES, 'ActionPlanned', 'ActionUpdated'] as const;

/**
 * The contract's means as their events say them: each means event of the
 * contract's stream kept with its position (the queries fold them with the
 * domain's own `evolveMeans`, so the read side and the decider cannot disagree,
 * and every figure keeps the positions of the events that make it), and the
 * actions' codes and titles the funding lines and calls name.
 */
export const meansProjection = defineProjection({
  name: 'means',
  version: 1,
  handles: HANDLES,
  schemaSql: `
    CREATE TABLE {schema}.means_events (
      position bigint PRIMARY KEY, contract_id text NOT NULL, type text NOT NULL, data jsonb NOT NULL,
      occurred_at timestamptz NOT NULL
    );
    CREATE TABLE {schema}.actions (
      action_id text PRIMARY KEY, contract_id text NOT NULL, code text NOT NULL, title text NOT NULL
    );
  `,
  queryIndexesSql: `
    CREATE INDEX ON {schema}.means_events (contract_id);
  `,

  applyPage: applyMeansPage,

  apply(event, { execute, schema }) {
    switch (event.type) {
      case 'ActionPlanned':
        execute(
          `INSERT INTO ${schema}.actions (action_id, contract_id, code, title) VALUES ($1, $2, $3, $4)`,
          [event.data.actionId, event.data.contractId, event.data.code, event.data.title],
        );
        return;
      case 'ActionUpdated':
        if (event.data.title === undefined) return;
        execute(`UPDATE ${schema}.actions SET title = $2 WHERE action_id = $1`, [
          event.data.actionId,
          event.data.title,
        ]);
        return;
      default:
        execute(
          `INSERT INTO ${schema}.means_events (position, contract_id, type, data, occurred_at) VALUES ($1, $2, $3, $4, $5)`,
          [
            event.position,
            event.data.contractId,
            event.type,
            JSON.stringify(event.data),
            event.metadata.occurredAt,
          ],
        );
    }
  },
});

/**
 * A page at once: its actions created and retitled folded in memory (PageRows),
 * its means events appended together (no statement of the page reads them).
 * Leaves the rows `apply` leaves event by event (the runner's specs compare both).
 */
function applyMeansPage(events: ProjectedEvent<typeof HANDLES>[], tx: ProjectionTransaction): void {
  const actions = new PageRows(`${tx.schema}.actions`, 'action_id');
  for (const event of events) {
    switch (event.type) {
      case 'ActionPlanned':
        actions.create({
          action_id: event.data.actionId,
          contract_id: event.data.contractId,
          code: event.data.code,
          title: event.data.title,
        });
        break;
      case 'ActionUpdated':
        if (event.data.title !== undefined)
          actions.change(event.data.actionId, { set: { title: event.data.title } });
        break;
      default:
        tx.appendRow(`${tx.schema}.means_events`, {
          position: event.position,
          contract_id: event.data.contractId,
          type: event.type,
          data: event.data,
          occurred_at: event.metadata.occurredAt,
        });
    }
  }
  actions.flush(tx, ['action_id', 'contract_id', 'code', 'title']);
}
