import {
  ACTION_STATUSES,
  type ActionStatus,
  type ActionsProgress,
  type ContractStatus,
  type DatePrecision,
  progressOfActions,
} from '@cls/domain';
import type { Pool } from '@cls/postgres';
import { LiveTables } from '../../live-tables.js';
import type { ActionBoardQueries } from '../action-board/queries.js';
import type { DeliverablesOfYear, DeliverablesQueries } from '../deliverables/queries.js';
import type { LinkedOffer, OffersQueries } from '../offers/queries.js';
import { contractsProjection } from './projection.js';

export interface ContractRow {
  contractId: string;
  name: string;
  territory: string;
  periodStart: number;
  periodEnd: number;
  status: ContractStatus;
  signedOn: string | null;
  signedOnPrecision: DatePrecision | null;
  facts: number;
}

type CountByStatus = Partial<Record<ActionStatus, number>>;

export interface FicheProgressRow extends ActionsProgress {
  axisCode: string;
  code: string;
  title: string;
  /** How many of its actions are in each status. */
  byStatus: CountByStatus;
}

export interface AxisProgressRow extends ActionsProgress {
  code: string;
  title: string;
  byStatus: CountByStatus;
  fiches: FicheProgressRow[];
}

/** A contract's dashboard. */
export interface ContractOverview {
  contract: ContractRow;
  axes: AxisProgressRow[];
  deliverablesByYear: DeliverablesOfYear[];
}

/** A contract as the portal lists it. */
export interface PublicContractSummary {
  contractId: string;
  name: string;
  territoryName: string;
  periodStart: number;
  periodEnd: number;
  status: ContractStatus;
}

/** An action on its contract's public page: no pilot, partner nor any other name of a person. */
export interface PublicActionRow {
  actionId: string;
  code: string;
  title: string;
  status: ActionStatus;
  plannedYears: number[];
  deliverablesPlanned: number;
  deliverablesProduced: Array<{ title: string; producedOn: string; link: string | null }>;
  offers: Array<Omit<LinkedOffer, 'actionId'>>;
}

/** A contract's public page (transparency), from the same read models as the admin app's. */
export interface PublicContractPage extends PublicContractSummary {
  signedOn: string | null;
  axes: Array<{
    code: string;
    title: string;
    fiches: Array<{ code: string; title: string; actions: PublicActionRow[] }>;
  }>;
}

/** What the contracts' pages read beside the contracts read model. */
export interface ContractsQueriesNeeds {
  actionBoard: ActionBoardQueries;
  deliverables: DeliverablesQueries;
  /** Built after the contracts' queries, which name the offers' links to actions. */
  offers: () => OffersQueries;
}

export class ContractsQueries {
  private readonly tables: LiveTables;

  constructor(
    pool: Pool,
    private readonly needs: ContractsQueriesNeeds,
  ) {
    this.tables = new LiveTables(pool, contractsProjection.name);
  }

  /** Contracts, all or only those given. */
  contracts(only?: string[]): Promise<ContractRow[]> {
    return this.tables.query<ContractRow>(
      (schema) =>
        `SELECT contract_id AS "contractId", name, territory_name AS "territory", period_start AS "periodStart",
                period_end AS "periodEnd", status, signed_on::text AS "signedOn", signed_on_precision AS "signedOnPrecision",
                facts
           FROM ${schema}.contracts
          WHERE $1::text[] IS NULL OR contract_id = ANY ($1)
          ORDER BY period_start DESC, name`,
      [only ?? null],
    );
  }

  /**
   * A contract's dashboard: progress by axis and fiche (weighted by the domain's
   * rule, `progressOfActions`), deliverables planned and produced per year.
   */
  async contractOverview(contractId: string): Promise<ContractOverview | undefined> {
    const [contract] = await this.contracts([contractId]);
    if (!contract) return undefined;
    const [axes, deliverablesByYear] = await Promise.all([
      this.progress(contractId),
      this.needs.deliverables.byYear(contractId),
    ]);
    return { contract, axes, deliverablesByYear };
  }

  /** Every contract, as the portal lists them. */
  async publicContracts(): Promise<PublicContractSummary[]> {
    return (await this.contracts()).map(
      ({ contractId, name, territory, periodStart, periodEnd, status }) => ({
        contractId,
        name,
        territoryName: territory,
        periodStart,
        periodEnd,
        status,
      }),
    );
  }

  /** A contract's public page: its axes, fiches and actions, the deliverables produced and the offers they opened. */
  async publicContract(contractId: string): Promise<PublicContractPage | undefined> {
    const [contract] = await this.contracts([contractId]);
    if (!contract) return undefined;
    const [axes, actions, deliverables, offers] = await Promise.all([
      this.progress(contractId),
      this.needs.actionBoard.actions({ contractId }),
      this.needs.deliverables.ofContract(contractId),
      this.needs.offers().linkedToContract(contractId),
    ]);
    const producedByAction = new Map<string, PublicActionRow['deliverablesProduced']>();
    for (const { actionCode, title, producedOn, link } of deliverables) {
      if (!producedOn) continue;
      producedByAction.set(actionCode, [
        ...(producedByAction.get(actionCode) ?? []),
        { title, producedOn, link },
      ]);
    }
    const offersByAction = new Map<string, PublicActionRow['offers']>();
    for (const { actionId, ...offer } of offers) {
      offersByAction.set(actionId, [...(offersByAction.get(actionId) ?? []), offer]);
    }
    const publicAction = (action: (typeof actions)[number]): PublicActionRow => ({
      actionId: action.actionId,
      code: action.code,
      title: action.title,
      status: action.status,
      plannedYears: action.plannedYears,
      deliverablesPlanned: action.deliverablesPlanned,
      deliverablesProduced: producedByAction.get(action.code) ?? [],
      offers: offersByAction.get(action.actionId) ?? [],
    });
    return {
      contractId,
      name: contract.name,
      territoryName: contract.territory,
      periodStart: contract.periodStart,
      periodEnd: contract.periodEnd,
      status: contract.status,
      signedOn: contract.signedOn,
      axes: axes.map((axis) => ({
        code: axis.code,
        title: axis.title,
        fiches: axis.fiches.map((fiche) => ({
          code: fiche.code,
          title: fiche.title,
          actions: actions.filter((action) => action.ficheCode === fiche.code).map(publicAction),
        })),
      })),
    };
  }

  /** The contract's axes and fiches in their order, each with how many of its actions are in each status. */
  private async progress(contractId: string): Promise<AxisProgressRow[]> {
    // Every axis, those without a fiche yet too (a plan being written shows its new axis at once).
    const fiches = await this.tables.query<
      Omit<FicheProgressRow, keyof ActionsProgress | 'code' | 'title'> & {
        axisTitle: string;
        code: string | null;
        title: string | null;
      }
    >(
      (schema) =>
        `SELECT a.code AS "axisCode", a.title AS "axisTitle", f.code, f.title,
                coalesce((SELECT jsonb_object_agg(s.status, s.n)
                            FROM (SELECT x.status, count(*)::int AS n FROM ${schema}.actions x
                                   WHERE x.contract_id = f.contract_id AND x.fiche_code = f.code
                                   GROUP BY x.status) s), '{}') AS "byStatus"
           FROM ${schema}.axes a
           LEFT JOIN ${schema}.fiches f ON f.contract_id = a.contract_id AND f.axis_code = a.code
          WHERE a.contract_id = $1
          ORDER BY a.ordinal, f.ordinal`,
      [contractId],
    );
    const axes = new Map<string, Omit<AxisProgressRow, keyof ActionsProgress>>();
    for (const { axisTitle, code, title, ...fiche } of fiches) {
      const axis = axes.get(fiche.axisCode) ?? {
        code: fiche.axisCode,
        title: axisTitle,
        byStatus: {},
        fiches: [],
      };
      axes.set(fiche.axisCode, axis);
      if (code === null || title === null) continue;
      axis.fiches.push({ ...fiche, code, title, ...progressOfActions(fiche.byStatus) });
      for (const status of ACTION_STATUSES) {
        const count = fiche.byStatus[status];
        if (count) axis.byStatus[status] = (axis.byStatus[status] ?? 0) + count;
      }
    }
    return [...axes.values()].map((axis) => ({ ...axis, ...progressOfActions(axis.byStatus) }));
  }
}
