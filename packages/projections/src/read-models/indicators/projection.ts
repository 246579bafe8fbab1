import { CONTRACT_EVENT_TYPES, isEventOf } from '@cls/domain';
import { defineProjection, type ProjectedEvent, type ProjectionTransaction } from '../../projection.js';

// Every event of a contract's stream: the revision an indicator's edit form was filled from.
const HANDLES = [...CONTRACT_EVENT_TYPES, 'ActionPlanned', 'IndicatorMeasured'] as const;

/**
 * The contract's indicator catalogue (each definition as the domain holds it)
 * and every measure, with its action's contract and code: those that name a
 * catalogue indicator are what `catalogue` aggregates per year against the
 * targets; those that name one by its free label only (recorded before the
 * catalogue) are what `uncatalogued` lists, action by action.
 */
export const indicatorsProjection = defineProjection({
  name: 'indicators',
  // 2: measures by free label too (with their action's code), which the governance read model kept;
  //    the revision of each contract's stream (the edit forms' `expectedRevision`).
  version: 2,
  handles: HANDLES,
  schemaSql: `
    CREATE TABLE {schema}.indicators (
      indicator_id text PRIMARY KEY, contract_id text NOT NULL, position bigint NOT NULL, definition jsonb NOT NULL
    );
    CREATE TABLE {schema}.action_contracts (action_id text PRIMARY KEY, contract_id text NOT NULL, code text NOT NULL);
    CREATE TABLE {schema}.measures (
      position bigint PRIMARY KEY, contract_id text NOT NULL, action_id text NOT NULL, action_code text NOT NULL,
      indicator_id text, label text NOT NULL, unit text,
      value double precision NOT NULL, year integer NOT NULL, measured_on date NOT NULL
    );
    CREATE TABLE {schema}.contract_revisions (contract_id text PRIMARY KEY, revision integer NOT NULL);
  `,
  queryIndexesSql: `
    CREATE INDEX ON {schema}.indicators (contract_id);
    CREATE INDEX ON {schema}.measures (contract_id);
  `,

  applyPage: applyIndicatorPage,

  apply(event, { execute, schema }) {
    if (isEventOf(event, CONTRACT_EVENT_TYPES))
      execute(
        `INSERT INTO ${schema}.contract_revisions (contract_id, revision) VALUES ($1, $2)
           ON CONFLICT (contract_id) DO UPDATE SET revision = excluded.revision`,
        [event.data.contractId, event.revision],
      );
    switch (event.type) {
      case 'IndicatorDefined':
      case 'IndicatorUpdated':
        writeDefinition(event, { execute, schema });
        return;
      case 'ActionPlanned':
        execute(`INSERT INTO ${schema}.action_contracts (action_id, contract_id, code) VALUES ($1, $2, $3)`, [
          event.data.actionId,
          event.data.contractId,
          event.data.code,
        ]);
        return;
      case 'IndicatorMeasured': {
        const measured = event.data;
        execute(
          `INSERT INTO ${schema}.measures
                  (position, contract_id, action_id, action_code, indicator_id, label, unit, value, year, measured_on)
             SELECT $1, contract_id, $2, code, $3, $4, $5, $6, $7, $8 FROM ${schema}.action_contracts WHERE action_id = $2`,
          [
            event.position,
            measured.actionId,
            measured.indicatorId ?? null,
            measured.indicator,
            measured.unit ?? null,
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

/**
 * A definition or its update in one statement: each event's, applied alone; by page, only an
 * update of a definition written in an earlier page (the page's own are folded, then inserted).
 */
function writeDefinition(
  event: ProjectedEvent<readonly ['IndicatorDefined', 'IndicatorUpdated']>,
  { execute, schema }: Pick<ProjectionTransaction, 'execute' | 'schema'>,
): void {
  if (event.type === 'IndicatorDefined') {
    const { contractId, indicatorId, ...definition } = event.data;
    execute(
      `INSERT INTO ${schema}.indicators (indicator_id, contract_id, position, definition) VALUES ($1, $2, $3, $4)`,
      [indicatorId, contractId, event.position, JSON.stringify(definition)],
    );
    return;
  }
  const { contractId: _, indicatorId, ...changed } = event.data;
  execute(`UPDATE ${schema}.indicators SET definition = definition || $2::jsonb WHERE indicator_id = $1`, [
    indicatorId,
    JSON.stringify(changed),
  ]);
}

/**
 * A page at once: each contract's last revision in one upsert, the page's planned
 * actions in one INSERT, its measures in one INSERT joined to their actions (those
 * of earlier pages and of this one), its definitions in one INSERT with the updates
 * that followed them in the page (an update of an earlier page's, in order).
 * Leaves the rows `apply` leaves event by event (the runner's specs compare both).
 */
function applyIndicatorPage(
  events: ProjectedEvent<typeof HANDLES>[],
  { execute, rows, schema }: ProjectionTransaction,
): void {
  const revisions = new Map<string, number>();
  const planned: Array<{ action_id: string; contract_id: string; code: string }> = [];
  const measures: Array<Record<string, unknown>> = [];
  /** The page's definitions, with the updates that followed them in the page. */
  const defined = new Map<
    string,
    { indicator_id: string; contract_id: string; position: number; definition: Record<string, unknown> }
  >();
  for (const event of events) {
    if (isEventOf(event, CONTRACT_EVENT_TYPES)) revisions.set(event.data.contractId, event.revision);
    switch (event.type) {
      case 'IndicatorDefined': {
        const { contractId, indicatorId, ...definition } = event.data;
        defined.set(indicatorId, {
          indicator_id: indicatorId,
          contract_id: contractId,
          position: event.position,
          definition,
        });
        break;
      }
      case 'IndicatorUpdated': {
        const inPage = defined.get(event.data.indicatorId);
        if (!inPage) {
          writeDefinition(event, { execute, schema });
          break;
        }
        // As `definition || changed` merges them: the keys given replace the defined ones.
        const { contractId: _, indicatorId: __, ...changed } = event.data;
        const definition = { ...inPage.definition };
        for (const [key, value] of Object.entries(changed)) if (value !== undefined) definition[key] = value;
        inPage.definition = definition;
        break;
      }
      case 'ActionPlanned':
        planned.push({
          action_id: event.data.actionId,
          contract_id: event.data.contractId,
          code: event.data.code,
        });
        break;
      case 'IndicatorMeasured': {
        const measured = event.data;
        measures.push({
          position: event.position,
          action_id: measured.actionId,
          indicator_id: measured.indicatorId ?? null,
          label: measured.indicator,
          unit: measured.unit ?? null,
          value: measured.value,
          year: measured.period.year,
          measured_on: measured.measuredOn,
        });
        break;
      }
    }
  }
  if (revisions.size > 0) {
    execute(
      `INSERT INTO ${schema}.contract_revisions (contract_id, revision)
       SELECT v.contract_id, v.revision FROM $1 AS v
       ON CONFLICT (contract_id) DO UPDATE SET revision = excluded.revision`,
      [
        rows(
          `${schema}.contract_revisions`,
          [...revisions].map(([contract_id, revision]) => ({ contract_id, revision })),
        ),
      ],
    );
  }
  if (defined.size > 0) {
    execute(
      `INSERT INTO ${schema}.indicators (indicator_id, contract_id, position, definition)
       SELECT v.indicator_id, v.contract_id, v.position, v.definition FROM $1 AS v`,
      [rows(`${schema}.indicators`, [...defined.values()])],
    );
  }
  if (planned.length > 0) {
    execute(
      `INSERT INTO ${schema}.action_contracts (action_id, contract_id, code)
       SELECT v.action_id, v.contract_id, v.code FROM $1 AS v`,
      [rows(`${schema}.action_contracts`, planned)],
    );
  }
  if (measures.length > 0) {
    // A measure of an action the log never planned is dropped, as `apply`'s INSERT … SELECT drops it.
    execute(
      `INSERT INTO ${schema}.measures
              (position, contract_id, action_id, action_code, indicator_id, label, unit, value, year, measured_on)
       SELECT v.position, a.contract_id, v.action_id, a.code, v.indicator_id, v.label, v.unit, v.value, v.year, v.measured_on
         FROM $1 AS v
         JOIN ${schema}.action_contracts a ON a.action_id = v.action_id`,
      [rows(`${schema}.measures`, measures)],
    );
  }
}
