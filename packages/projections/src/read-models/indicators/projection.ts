import { defineProjection } from '../../projection.js';

const HANDLES = ['IndicatorDefined', 'IndicatorUpdated', 'ActionPlanned', 'IndicatorMeasured'] as const;

/**
 * The contract's indicator catalogue (each definition as the domain holds it)
 * and the measures that name a catalogue indicator, with their action's
 * contract: what `indicatorCatalogue` aggregates per year against the targets.
 * Measures naming an indicator by its free label only stay in the governance
 * read model's series.
 */
export const indicatorsProjection = defineProjection({
  name: 'indicators',
  version: 1,
  handles: HANDLES,
  schemaSql: `
    CREATE TABLE {schema}.indicators (
      indicator_id text PRIMARY KEY, contract_id text NOT NULL, position bigint NOT NULL, definition jsonb NOT NULL
    );
    CREATE INDEX ON {schema}.indicators (contract_id);
    CREATE TABLE {schema}.action_contracts (action_id text PRIMARY KEY, contract_id text NOT NULL);
    CREATE TABLE {schema}.measures (
      position bigint PRIMARY KEY, contract_id text NOT NULL, action_id text NOT NULL, indicator_id text NOT NULL,
      value double precision NOT NULL, year integer NOT NULL, measured_on date NOT NULL
    );
    CREATE INDEX ON {schema}.measures (contract_id);
  `,

  apply(event, { execute, schema }) {
    switch (event.type) {
      case 'IndicatorDefined': {
        const { contractId, indicatorId, ...definition } = event.data;
        execute(
          `INSERT INTO ${schema}.indicators (indicator_id, contract_id, position, definition) VALUES ($1, $2, $3, $4)`,
          [indicatorId, contractId, event.position, JSON.stringify(definition)],
        );
        return;
      }
      case 'IndicatorUpdated': {
        const { contractId: _, indicatorId, ...changed } = event.data;
        execute(
          `UPDATE ${schema}.indicators SET definition = definition || $2::jsonb WHERE indicator_id = $1`,
          [indicatorId, JSON.stringify(changed)],
        );
        return;
      }
      case 'ActionPlanned':
        execute(`INSERT INTO ${schema}.action_contracts (action_id, contract_id) VALUES ($1, $2)`, [
          event.data.actionId,
          event.data.contractId,
        ]);
        return;
      case 'IndicatorMeasured': {
        const measured = event.data;
        if (measured.indicatorId === undefined) return;
        execute(
          `INSERT INTO ${schema}.measures (position, contract_id, action_id, indicator_id, value, year, measured_on)
             SELECT $1, contract_id, $2, $3, $4, $5, $6 FROM ${schema}.action_contracts WHERE action_id = $2`,
          [
            event.position,
            measured.actionId,
            measured.indicatorId,
            measured.value,
            measured.period.year,
            measured.measuredOn,
          ],
        );
        return;
      }
    }
  },
});
