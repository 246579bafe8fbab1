import {
  ACTION_EVENT_TYPES,
  ACTION_STATUS_EVENT_TYPES,
  actionEndedOn,
  actionStatusAfter,
  isEventOf,
} from '@cls/domain';
import { PageRows } from '../../page-rows.js';
import { defineProjection, type ProjectedEvent, type ProjectionTransaction } from '../../projection.js';
import type { TimelineRow } from './queries.js';

const HANDLES = ['FicheActionDefined', 'FicheActionMoved', ...ACTION_EVENT_TYPES] as const;
type ActionBoardEvent = ProjectedEvent<typeof HANDLES>;

/**
 * The action board: one row per action (filterable by contract, axis, fiche,
 * status, pilot, planned year; searchable in French), and each action's timeline.
 */
export const actionBoardProjection = defineProjection({
  name: 'action_board',
  // 2: the pilots who are persons (their names sealed). 3: a suspended action has not ended (ended_on).
  // 4: plan changes (an action updated, moved to another fiche, withdrawn; a fiche moved to another axis).
  // 5: the revision of each action's stream (what an edit form was filled from: expectedRevision).
  // 6: the search vector follows a retitled action (it kept the title of its planning when the
  //    update came in a later page: the rebuild depended on where pages ended).
  // 7: each action's timeline in one row (its events as a JSON array), not a row per event: the
  //    timeline copied every action event and was a quarter of a rebuild's time (issue 19).
  // 8: timelines kept whole in their row up to a page (toast_tuple_target): past 2 kB, PostgreSQL
  //    compressed each one as it was written (pglz), half of the timelines' cost in a rebuild.
  // 9: timelines as text: PostgreSQL parsed every JSON text it was sent only to check it, about
  //    half of what was left of the timelines' cost (issue 19); the query reads it as json.
  version: 9,
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
      withdrawn boolean NOT NULL DEFAULT false,
      last_event_at timestamptz NOT NULL,
      revision integer NOT NULL DEFAULT 0,
      search tsvector NOT NULL
    );
    CREATE INDEX ON {schema}.actions (contract_id, status);
    -- The action's events in the order of the log: [{ position, type, occurredAt, recordedAt, actorId, data }],
    -- the JSON text JSON.stringify wrote, a page's events appended to it, so the timeline reads the
    -- same whatever the pages. Text, not json: PostgreSQL would parse what JSON.stringify wrote only
    -- to check it, at every write; the query reads it as json. Stored as written up to a page's size:
    -- a timeline is rewritten whenever it grows, and compressing every one past 2 kB (the default)
    -- cost as much as the rest of its writing.
    CREATE TABLE {schema}.timelines (
      action_id text PRIMARY KEY,
      events text NOT NULL
    ) WITH (toast_tuple_target = 8160);
  `,
  queryIndexesSql: `
    CREATE INDEX ON {schema}.actions USING gin (search);
  `,

  apply: (event, tx) => applyActionEvents([event], tx),
  applyPage: applyActionEvents,
});

/** What an action is searched by (French): its code, title and pilots (columns of `row`, e.g. `v.`). */
const searchVector = (row = '') =>
  `to_tsvector('french', ${row}code || ' ' || ${row}title || ' ' || array_to_string(${row}pilots, ' '))`;

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
  'withdrawn',
  'last_event_at',
  'revision',
];

/** What an action event changes in its row: its status and end by the domain's rules, the last progress… */
function changeOf(event: ProjectedEvent<typeof ACTION_EVENT_TYPES>): Parameters<PageRows['change']>[1] {
  const set: Record<string, unknown> = { last_event_at: event.metadata.occurredAt, revision: event.revision };
  if (isEventOf(event, ACTION_STATUS_EVENT_TYPES)) {
    const change = actionStatusAfter(event);
    set.status = change.status;
    set.ended_on = actionEndedOn(change) ?? null;
  }
  // Set on the one object (this runs for every action event of a rebuild).
  switch (event.type) {
    case 'ActionStarted':
      // A restart keeps the first start date.
      return { set, setIfNull: { started_on: event.data.startedOn } };
    case 'ProgressReported':
      set.progress = event.data.progress;
      set.percent_complete = event.data.percentComplete ?? null;
      return { set };
    case 'DeliverableProduced':
      return { set, add: { deliverables_produced: 1 } };
    case 'ActionCompleted':
      set.percent_complete = 100;
      return { set };
    case 'ActionUpdated': {
      const { title, pilots, pilotPersons, partners, plannedYears, plannedDeliverables } = event.data;
      if (title !== undefined) set.title = title;
      if (pilots !== undefined) set.pilots = pilots;
      if (pilotPersons !== undefined) set.pilot_persons = pilotPersons;
      if (partners !== undefined) set.partners = partners;
      if (plannedYears !== undefined) {
        set.planned_years = plannedYears.years;
        set.years_uncertain = plannedYears.uncertain;
      }
      if (plannedDeliverables !== undefined) set.deliverables_planned = plannedDeliverables.length;
      return { set };
    }
    case 'ActionMoved':
      set.fiche_code = event.data.toFicheCode;
      return { set };
    case 'ActionWithdrawn':
      set.withdrawn = true;
      return { set };
    default:
      return { set };
  }
}

function applyActionEvents(events: ActionBoardEvent[], tx: ProjectionTransaction): void {
  const actions = new PageRows(`${tx.schema}.actions`, 'action_id');
  /** The page's events of each action, in order: added to the end of its timeline. */
  const timelines = new Map<string, TimelineRow[]>();
  /** Actions whose axis follows from their (new) fiche once the page's rows are written. */
  const moved: string[] = [];
  /** Actions changed in what they are searched by (title, pilots), planned in an earlier page. */
  const retitled = new Set<string>();
  const movedFiches: Array<{ contractId: string; code: string; axisCode: string }> = [];
  /**
   * The page's fiche definitions, written together before its actions (the last of a fiche's
   * wins, as upserts one by one would), moved here when they move in the same page.
   */
  const defined = new Map<string, { contract_id: string; code: string; axis_code: string; title: string }>();
  for (const event of events) {
    if (event.type === 'FicheActionDefined') {
      const { contractId, code, axisCode, title } = event.data;
      defined.delete(`${contractId}|${code}`);
      defined.set(`${contractId}|${code}`, { contract_id: contractId, code, axis_code: axisCode, title });
      continue;
    }
    if (event.type === 'FicheActionMoved') {
      const { contractId, code, toAxisCode } = event.data;
      const inPage = defined.get(`${contractId}|${code}`);
      if (inPage) inPage.axis_code = toAxisCode;
      else
        tx.execute(`UPDATE ${tx.schema}.fiches SET axis_code = $3 WHERE contract_id = $1 AND code = $2`, [
          contractId,
          code,
          toAxisCode,
        ]);
      movedFiches.push({ contractId, code, axisCode: toAxisCode });
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
        withdrawn: false,
        last_event_at: event.metadata.occurredAt,
        revision: event.revision,
      });
    } else {
      actions.change(actionId, changeOf(event));
      if (event.type === 'ActionMoved') moved.push(actionId);
      if (
        event.type === 'ActionUpdated' &&
        (event.data.title !== undefined || event.data.pilots !== undefined)
      )
        retitled.add(actionId);
    }
    const entry: TimelineRow = {
      position: event.position,
      type: event.type,
      occurredAt: event.metadata.occurredAt,
      recordedAt: event.metadata.recordedAt,
      actorId: event.metadata.actor.id,
      data: event.data,
    };
    const timeline = timelines.get(actionId);
    if (timeline) timeline.push(entry);
    else timelines.set(actionId, [entry]);
  }
  if (defined.size > 0) {
    tx.execute(
      `INSERT INTO ${tx.schema}.fiches (contract_id, code, axis_code, title)
       SELECT v.contract_id, v.code, v.axis_code, v.title
         FROM $1 AS v
       ON CONFLICT (contract_id, code) DO UPDATE SET axis_code = EXCLUDED.axis_code, title = EXCLUDED.title`,
      [tx.rows(`${tx.schema}.fiches`, [...defined.values()])],
    );
  }
  if (timelines.size > 0) {
    const rows = [...timelines];
    tx.execute(
      `INSERT INTO ${tx.schema}.timelines AS t (action_id, events)
       VALUES ${rows.map((_, at) => `($${2 * at + 1}, $${2 * at + 2})`).join(', ')}
       ON CONFLICT (action_id) DO UPDATE SET events = left(t.events, -1) || ',' || substr(EXCLUDED.events, 2)`,
      rows.flatMap(([actionId, entries]) => [actionId, JSON.stringify(entries)]),
    );
  }
  // Planned actions get their axis from their fiche, and their search vector (French).
  actions.flush(
    tx,
    ACTION_COLUMNS,
    (source) =>
      `INSERT INTO ${tx.schema}.actions (${ACTION_COLUMNS.join(', ')}, axis_code, search)
       SELECT ${ACTION_COLUMNS.map((column) => `v.${column}`).join(', ')},
         (SELECT axis_code FROM ${tx.schema}.fiches f WHERE f.contract_id = v.contract_id AND f.code = v.fiche_code),
         ${searchVector('v.')}
       FROM ${source}`,
  );
  if (retitled.size > 0) {
    tx.execute(
      `UPDATE ${tx.schema}.actions SET search = ${searchVector()} WHERE action_id = ANY ($1::text[])`,
      [[...retitled]],
    );
  }
  if (moved.length > 0) {
    tx.execute(
      `UPDATE ${tx.schema}.actions a SET axis_code = f.axis_code FROM ${tx.schema}.fiches f
        WHERE a.action_id = ANY ($1::text[]) AND f.contract_id = a.contract_id AND f.code = a.fiche_code`,
      [moved],
    );
  }
  for (const { contractId, code, axisCode } of movedFiches) {
    tx.execute(`UPDATE ${tx.schema}.actions SET axis_code = $3 WHERE contract_id = $1 AND fiche_code = $2`, [
      contractId,
      code,
      axisCode,
    ]);
  }
}
