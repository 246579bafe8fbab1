import type { ActionStatus, Progress } from '@cls/domain';
import type { Pool } from '@cls/postgres';
import { LiveTables } from '../../live-tables.js';
import type { DeliverableRow, DeliverablesQueries } from '../deliverables/queries.js';
import { actionBoardProjection } from './projection.js';

export interface ActionFilter {
  contractId: string;
  axisCode?: string | undefined;
  ficheCode?: string | undefined;
  status?: ActionStatus | undefined;
  pilot?: string | undefined;
  year?: number | undefined;
  search?: string | undefined;
}

export interface ActionRow {
  actionId: string;
  contractId: string;
  axisCode: string | null;
  ficheCode: string;
  code: string;
  title: string;
  status: ActionStatus;
  pilots: string[];
  /** Pilots who are persons: `name` sealed with the key of `personId`, opened by the host for readers. */
  pilotPersons: Array<{ name: string; personId?: string }>;
  plannedYears: number[];
  yearsUncertain: boolean;
  deliverablesPlanned: number;
  deliverablesProduced: number;
  progress: Progress | null;
  percentComplete: number | null;
  startedOn: string | null;
  /** Completed or abandoned on (see the domain's actionEndedOn). */
  endedOn: string | null;
  /** Revision of the action's stream this row shows: its edit forms' `expectedRevision`. */
  revision: number;
}

/** An event of an action's timeline: the action board keeps each action's in one row, in the order of the log. */
export interface TimelineRow {
  position: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actorId: string;
  data: unknown;
}

/** An action as its page shows it: its row, its history, its deliverables. */
export interface ActionView extends ActionRow {
  timeline: TimelineRow[];
  deliverables: DeliverableRow[];
}

const ACTION_COLUMNS = `action_id AS "actionId", contract_id AS "contractId", axis_code AS "axisCode",
  fiche_code AS "ficheCode", code, title, status, pilots, pilot_persons AS "pilotPersons", planned_years AS "plannedYears",
  years_uncertain AS "yearsUncertain", deliverables_planned AS "deliverablesPlanned",
  deliverables_produced AS "deliverablesProduced", progress, percent_complete AS "percentComplete",
  started_on::text AS "startedOn", ended_on::text AS "endedOn", revision`;

/**
 * Codes such as `1.1-A2` in their natural order (1.10 after 1.9); an empty part (`a.1.1` of
 * Grand Périgueux reads `.1.1`) is left out, as `''::int` fails the whole query.
 */
const BY_CODE = `array_remove(string_to_array(regexp_replace(code, '[^0-9.]', '', 'g'), '.'), '')::int[] NULLS LAST, code`;

export class ActionBoardQueries {
  private readonly tables: LiveTables;

  constructor(
    pool: Pool,
    private readonly deliverables: DeliverablesQueries,
  ) {
    this.tables = new LiveTables(pool, actionBoardProjection.name);
  }

  /** The action board, filtered; `search` is French full text over code, title and pilots. */
  actions(filter: ActionFilter): Promise<ActionRow[]> {
    // Withdrawn actions stay in history (their page, the audit) but leave the board.
    const conditions = ['contract_id = $1', 'NOT withdrawn'];
    const parameters: unknown[] = [filter.contractId];
    const add = (sql: string, value: unknown) => {
      parameters.push(value);
      conditions.push(sql.replaceAll('?', `$${parameters.length}`));
    };
    if (filter.axisCode) add('axis_code = ?', filter.axisCode);
    if (filter.ficheCode) add('fiche_code = ?', filter.ficheCode);
    if (filter.status) add('status = ?', filter.status);
    if (filter.pilot) add('? = ANY (pilots)', filter.pilot);
    if (filter.year) add('? = ANY (planned_years)', filter.year);
    if (filter.search) add(`search @@ websearch_to_tsquery('french', ?)`, filter.search);
    return this.tables.query<ActionRow>(
      (schema) =>
        `SELECT ${ACTION_COLUMNS} FROM ${schema}.actions WHERE ${conditions.join(' AND ')} ORDER BY ${BY_CODE}`,
      parameters,
    );
  }

  /** The code and title of each of these actions (those the board knows). */
  namesOf(actionIds: string[]): Promise<Array<{ actionId: string; code: string; title: string }>> {
    return this.tables.query(
      (schema) =>
        `SELECT action_id AS "actionId", code, title FROM ${schema}.actions WHERE action_id = ANY ($1)`,
      [actionIds],
    );
  }

  /** One action, its timeline, and its deliverables. */
  async action(actionId: string): Promise<ActionView | undefined> {
    const [action] = await this.tables.query<ActionRow>(
      (schema) => `SELECT ${ACTION_COLUMNS} FROM ${schema}.actions WHERE action_id = $1`,
      [actionId],
    );
    if (!action) return undefined;
    const [timelines, deliverables] = await Promise.all([
      this.tables.query<{ events: TimelineRow[] }>(
        (schema) => `SELECT events::json AS events FROM ${schema}.timelines WHERE action_id = $1`,
        [actionId],
      ),
      this.deliverables.ofAction(actionId),
    ]);
    return {
      ...action,
      // Instants as the API writes them (UTC, milliseconds), whatever form the event gave.
      timeline: (timelines[0]?.events ?? []).map((row) => ({
        ...row,
        occurredAt: new Date(row.occurredAt).toISOString(),
        recordedAt: new Date(row.recordedAt).toISOString(),
      })),
      deliverables,
    };
  }
}
