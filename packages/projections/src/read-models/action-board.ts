import type {
  ActionAbandoned,
  ActionCompleted,
  ActionPlanned,
  ActionStarted,
  ActionSuspended,
  FicheActionDefined,
  ProgressReported,
} from '@cls/domain';
import type { RecordedEvent } from '@cls/event-store';
import type { Projection, ProjectionTransaction } from '../projection.js';

const ACTION_EVENTS = [
  'ActionPlanned',
  'ActionStarted',
  'ProgressReported',
  'DeliverableProduced',
  'IndicatorMeasured',
  'ActionCompleted',
  'ActionSuspended',
  'ActionAbandoned',
] as const;

/**
 * The action board: one row per action (filterable by contract, axis, fiche,
 * status, pilot, planned year; searchable in French), and each action's timeline.
 */
export const actionBoardProjection: Projection = {
  name: 'action_board',
  version: 1,
  handles: ['FicheActionDefined', ...ACTION_EVENTS],
  schemaSql: `
    CREATE TABLE {schema}.fiches (
      contract_id text NOT NULL, code text NOT NULL, axis_code text NOT NULL, title text NOT NULL,
      PRIMARY KEY (contract_id, code)
    );
    CREATE TABLE {schema}.actions (
      action_id text PRIMARY KEY,
      contract_id text NOT NULL,
      axis_code text,
      fiche_code text NOT NULL,
      code text NOT NULL,
      title text NOT NULL,
      status text NOT NULL,
      pilots text[] NOT NULL,
      partners text[] NOT NULL,
      planned_years integer[] NOT NULL,
      years_uncertain boolean NOT NULL,
      deliverables_planned integer NOT NULL,
      deliverables_produced integer NOT NULL DEFAULT 0,
      progress text,
      percent_complete integer,
      started_on date,
      ended_on date,
      last_event_at timestamptz NOT NULL,
      search tsvector NOT NULL
    );
    CREATE INDEX ON {schema}.actions (contract_id, status);
    CREATE INDEX ON {schema}.actions USING gin (search);
    CREATE TABLE {schema}.timeline (
      action_id text NOT NULL,
      position bigint NOT NULL,
      type text NOT NULL,
      occurred_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL,
      actor_id text NOT NULL,
      data jsonb NOT NULL,
      PRIMARY KEY (action_id, position)
    );
  `,

  apply(event, tx) {
    if (event.type === 'FicheActionDefined') {
      const data = event.data as FicheActionDefined['data'];
      tx.execute(
        `INSERT INTO ${tx.schema}.fiches (contract_id, code, axis_code, title) VALUES ($1, $2, $3, $4)
         ON CONFLICT (contract_id, code) DO UPDATE SET axis_code = EXCLUDED.axis_code, title = EXCLUDED.title`,
        [data.contractId, data.code, data.axisCode, data.title],
      );
      return;
    }
    const actionId = (event.data as { actionId: string }).actionId;
    if (event.type === 'ActionPlanned') {
      const data = event.data as ActionPlanned['data'];
      tx.execute(
        `INSERT INTO ${tx.schema}.actions (action_id, contract_id, axis_code, fiche_code, code, title, status, pilots,
           partners, planned_years, years_uncertain, deliverables_planned, last_event_at, search)
         VALUES ($1, $2, (SELECT axis_code FROM ${tx.schema}.fiches WHERE contract_id = $2 AND code = $3), $3, $4, $5,
           'planned', $6, $7, $8, $9, $10, $11,
           to_tsvector('french', $4 || ' ' || $5 || ' ' || array_to_string($6::text[], ' ')))`,
        [
          actionId,
          data.contractId,
          data.ficheCode,
          data.code,
          data.title,
          data.pilots,
          data.partners,
          data.plannedYears.years,
          data.plannedYears.uncertain,
          data.plannedDeliverables.length,
          event.metadata.occurredAt,
        ],
      );
    } else {
      updateAction(event, tx, actionId);
    }
    tx.appendRow(`${tx.schema}.timeline`, {
      action_id: actionId,
      position: event.position,
      type: event.type,
      occurred_at: event.metadata.occurredAt,
      recorded_at: event.metadata.recordedAt,
      actor_id: event.metadata.actor.id,
      data: event.data,
    });
  },
};

/** The columns an action event changes. */
function changesOf(event: RecordedEvent): Record<string, unknown> {
  switch (event.type) {
    case 'ActionStarted':
      return { status: 'in_progress', started_on: (event.data as ActionStarted['data']).startedOn };
    case 'ProgressReported': {
      const data = event.data as ProgressReported['data'];
      return { progress: data.progress, percent_complete: data.percentComplete ?? null };
    }
    case 'ActionCompleted':
      return {
        status: 'completed',
        ended_on: (event.data as ActionCompleted['data']).completedOn,
        percent_complete: 100,
      };
    case 'ActionSuspended':
      return { status: 'suspended', ended_on: (event.data as ActionSuspended['data']).suspendedOn };
    case 'ActionAbandoned':
      return { status: 'abandoned', ended_on: (event.data as ActionAbandoned['data']).abandonedOn };
    default:
      return {};
  }
}

function updateAction(event: RecordedEvent, tx: ProjectionTransaction, actionId: string): void {
  const changes = changesOf(event);
  // A restart keeps the first start date; a resumed action is no longer ended.
  const assignments = Object.keys(changes).map((column, index) =>
    column === 'started_on'
      ? `started_on = coalesce(started_on, $${index + 3})`
      : `${column} = $${index + 3}`,
  );
  if (event.type === 'ActionStarted') assignments.push('ended_on = NULL');
  if (event.type === 'DeliverableProduced')
    assignments.push('deliverables_produced = deliverables_produced + 1');
  tx.execute(
    `UPDATE ${tx.schema}.actions SET ${[...assignments, 'last_event_at = $2'].join(', ')} WHERE action_id = $1`,
    [actionId, event.metadata.occurredAt, ...Object.values(changes)],
  );
}
