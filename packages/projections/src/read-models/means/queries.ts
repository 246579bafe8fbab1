import {
  type CallForProjects,
  emptyMeans,
  evolveMeans,
  type FundingLineState,
  type FundingTotal,
  fundingTotals,
  isEventOf,
  MEANS_EVENT_TYPES,
  type MeansEvent,
  type NamedOrganisation,
  type StaffTime,
  staffTimeKey,
  totalFte,
} from '@cls/domain';
import type { Pool } from '@cls/postgres';
import { LiveTables } from '../../live-tables.js';
import { meansProjection } from './projection.js';

/** An action a funding line or a call names, as the plan writes it. */
export interface MeansAction {
  actionId: string;
  code: string;
  title: string;
}

export interface FundingLineView extends FundingLineState {
  fundingLineId: string;
  /** The action it funds (absent: the coordination). */
  action?: MeansAction;
  /** The positions of the events that made it, for the audit. */
  positions: number[];
}

export interface CallForProjectsView extends CallForProjects {
  callForProjectsId: string;
  actions: MeansAction[];
  positions: number[];
}

export interface StaffTimeView extends StaffTime {
  /** The position of the event that recorded this figure. */
  position: number;
}

/** A year's FTE total, with the positions of the figures that make it. */
export interface StaffYear {
  year: number;
  fte: number;
  positions: number[];
}

export interface MeansView {
  /** Live lines first, by the funder's name; withdrawn ones kept (their history), flagged. */
  fundingLines: FundingLineView[];
  /** Per year, every live line: planned, committed and paid (each undefined where no line gives it). */
  totals: FundingTotal[];
  /** Per year, the coordination's lines only (annex 4, section 5). */
  coordinationTotals: FundingTotal[];
  /** Per funder, per year. */
  byFunder: Array<{ funder: NamedOrganisation; totals: FundingTotal[] }>;
  callsForProjects: CallForProjectsView[];
  /** Figures above 0, by year, organisation and role. */
  staffTime: StaffTimeView[];
  staffTotals: StaffYear[];
}

const byName = (a: string, b: string) => a.localeCompare(b, 'fr');

export class MeansQueries {
  private readonly tables: LiveTables;

  constructor(pool: Pool) {
    this.tables = new LiveTables(pool, meansProjection.name);
  }

  /** A contract's means, folded from its events by the domain's own rules (`evolveMeans`, `fundingTotals`). */
  async means(contractId: string): Promise<MeansView> {
    const [rows, actionRows] = await Promise.all([
      this.tables.query<{ position: string; type: string; data: unknown }>(
        (schema) =>
          `SELECT position::text AS position, type, data FROM ${schema}.means_events
             WHERE contract_id = $1 ORDER BY position`,
        [contractId],
      ),
      this.tables.query<MeansAction>(
        (schema) =>
          `SELECT action_id AS "actionId", code, title FROM ${schema}.actions WHERE contract_id = $1`,
        [contractId],
      ),
    ]);
    const actions = new Map(actionRows.map((action) => [action.actionId, action]));
    let state = emptyMeans();
    const linePositions = new Map<string, number[]>();
    const callPositions = new Map<string, number[]>();
    const staffPositions = new Map<string, number>();
    for (const row of rows) {
      if (!isEventOf(row, MEANS_EVENT_TYPES)) continue;
      const event: MeansEvent = row;
      const position = Number(row.position);
      state = evolveMeans(state, event);
      if ('fundingLineId' in event.data) {
        const id = event.data.fundingLineId;
        linePositions.set(id, [...(linePositions.get(id) ?? []), position]);
      } else if ('callForProjectsId' in event.data) {
        const id = event.data.callForProjectsId;
        callPositions.set(id, [...(callPositions.get(id) ?? []), position]);
      } else if (event.type === 'StaffTimeRecorded') {
        staffPositions.set(
          staffTimeKey({ ...event.data, organisationId: event.data.organisation.organisationId }),
          position,
        );
      }
    }
    const actionOf = (actionId: string): MeansAction =>
      actions.get(actionId) ?? { actionId, code: actionId, title: '' };
    const fundingLines = Object.entries(state.fundingLines)
      .map(
        ([fundingLineId, line]): FundingLineView => ({
          fundingLineId,
          ...line,
          ...(line.actionId !== undefined ? { action: actionOf(line.actionId) } : {}),
          positions: linePositions.get(fundingLineId) ?? [],
        }),
      )
      .sort(
        (a, b) =>
          Number(a.withdrawn ?? false) - Number(b.withdrawn ?? false) ||
          byName(a.funder.name, b.funder.name) ||
          byName(a.label, b.label),
      );
    const live = fundingLines.filter((line) => !line.withdrawn);
    const funders = new Map<string, { funder: NamedOrganisation; lines: FundingLineView[] }>();
    for (const line of live) {
      const entry = funders.get(line.funder.organisationId) ?? { funder: line.funder, lines: [] };
      entry.lines.push(line);
      funders.set(line.funder.organisationId, entry);
    }
    const staffTime = Object.entries(state.staffTime)
      .filter(([, time]) => time.fte > 0)
      .map(([key, time]): StaffTimeView => ({ ...time, position: staffPositions.get(key) ?? 0 }))
      .sort(
        (a, b) =>
          a.year - b.year || byName(a.organisation.name, b.organisation.name) || byName(a.role, b.role),
      );
    const staffYears = [...new Set(staffTime.map((time) => time.year))].sort((a, b) => a - b);
    return {
      fundingLines,
      totals: fundingTotals(live),
      coordinationTotals: fundingTotals(live.filter((line) => line.actionId === undefined)),
      byFunder: [...funders.values()]
        .sort((a, b) => byName(a.funder.name, b.funder.name))
        .map(({ funder, lines }) => ({ funder, totals: fundingTotals(lines) })),
      callsForProjects: Object.entries(state.callsForProjects)
        .map(([callForProjectsId, call]) => ({
          callForProjectsId,
          ...call,
          actions: call.actionIds.map(actionOf),
          positions: callPositions.get(callForProjectsId) ?? [],
        }))
        .sort((a, b) => (a.openedOn ?? '').localeCompare(b.openedOn ?? '') || byName(a.title, b.title)),
      staffTime,
      staffTotals: staffYears.map((year) => {
        const ofYear = staffTime.filter((time) => time.year === year);
        return { year, fte: totalFte(ofYear), positions: ofYear.map((time) => time.position) };
      }),
    };
  }
}
