import { MEANS_EVENT_TYPES } from '@cls/domain';
import { defineProjection } from '../../projection.js';

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
    CREATE INDEX ON {schema}.means_events (contract_id);
    CREATE TABLE {schema}.actions (
      action_id text PRIMARY KEY, contract_id text NOT NULL, code text NOT NULL, title text NOT NULL
    );
  `,

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
