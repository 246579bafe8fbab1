import {
  ACTION_EVENT_TYPES,
  ACTION_STATUS_EVENT_TYPES,
  actionEndedOn,
  actionStatusAfter,
  isEventOf,
} from '@cls/domain';
import { PageRows } from '../../page-rows.js';
import { defineProjection, type ProjectedEvent, type ProjectionTransaction } from '../../projection.js';

const HANDLES = ['FicheActionDefined', ...ACTION_EVENT_TYPES] as const;
type ActionBoardEvent = ProjectedEvent<typeof HANDLES>;

/**
 * The action board: one row per action (filterable by contract, axis, fiche,
 * status, pilot, planned year; searchable in French), and each action's timeline.
 */
export const actionBoardProjection = defineProjection({
  name: 'action_board',
  // 2: the pilots who are persons (their names sealed). 3: a suspended action has not ended (ended_on).
  version: 3,
  handles: HANDLES,
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
      pilot_persons jsonb NOT NULL,
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

  apply: (event, tx) => applyActionEvents([event], tx),
  applyPage: applyActionEvents,
});

const ACTION_COLUMNS = [
  'action_id',
  'contract_id',
  'fiche_code',
  'code',
  'title',
  'status',
  'pilots',
  'pilot_persons',
  'partners',
  'planned_years',
  'years_uncertain',
  'deliverables_planned',
  'deliverables_produced',
  'progress',
  'percent_complete',
  'started_on',
  'ended_on',
  'last_event_at',
];

/** What an action event changes in its row: its status and end by the domain's rules, the last progress… */
function changeOf(event: ProjectedEvent<typeof ACTION_EVENT_TYPES>): Parameters<PageRows['change']>[1] {
  const set: Record<string, unknown> = { last_event_at: event.metadata.occurredAt };
  if (isEventOf(event, ACTION_STATUS_EVENT_TYPES)) {
    const change = actionStatusAfter(event);
    set.status = change.status;
    set.ended_on = actionEndedOn(change) ?? null;
  }
  switch (event.type) {
    case 'ActionStarted':
      // A restart keeps the first start date.
      return { set, setIfNull: { started_on: event.data.startedOn } };
    case 'ProgressReported':
      return {
        set: { ...set, progress: event.data.progress, percent_complete: event.data.percentComplete ?? null },
      };
    case 'DeliverableProduced':
      return { set, add: { deliverables_produced: 1 } };
    case 'ActionCompleted':
      return { set: { ...set, percent_complete: 100 } };
    default:
      return { set };
  }
}

function applyActionEvents(events: ActionBoardEvent[], tx: ProjectionTransaction): void {
  const actions = new PageRows(`${tx.schema}.actions`, 'action_id');
  for (const event of events) {
    if (event.type === 'FicheActionDefined') {
      const { data } = event;
      tx.execute(
        `INSERT INTO ${tx.schema}.fiches (contract_id, code, axis_code, title) VALUES ($1, $2, $3, $4)
         ON CONFLICT (contract_id, code) DO UPDATE SET axis_code = EXCLUDED.axis_code, title = EXCLUDED.title`,
        [data.contractId, data.code, data.axisCode, data.title],
      );
      continue;
    }
    const { actionId } = event.data;
    if (event.type === 'ActionPlanned') {
      const { data } = event;
      actions.create({
        action_id: actionId,
        contract_id: data.contractId,
        fiche_code: data.ficheCode,
        code: data.code,
        title: data.title,
        status: 'planned',
        pilots: data.pilots,
        // Sealed names and their subjects: opened by the host for readers, never searched.
        pilot_persons: data.pilotPersons ?? [],
        partners: data.partners,
        planned_years: data.plannedYears.years,
        years_uncertain: data.plannedYears.uncertain,
        deliverables_planned: data.plannedDeliverables.length,
        deliverables_produced: 0,
        last_event_at: event.metadata.occurredAt,
      });
    } else {
      actions.change(actionId, changeOf(event));
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
  }
  // Planned actions get their axis from their fiche, and their search vector (French).
  actions.flush(
    tx,
    ACTION_COLUMNS,
    (source) =>
      `INSERT INTO ${tx.schema}.actions (${ACTION_COLUMNS.join(', ')}, axis_code, search)
       SELECT ${ACTION_COLUMNS.map((column) => `v.${column}`).join(', ')},
         (SELECT axis_code FROM ${tx.schema}.fiches f WHERE f.contract_id = v.contract_id AND f.code = v.fiche_code),
         to_tsvector('french', v.code || ' ' || v.title || ' ' || array_to_string(v.pilots, ' '))
       FROM ${source}`,
  );
}
