import {
  ACTION_STATUSES,
  type ActionStatus,
  type ActionsProgress,
  type AmendmentStatus,
  type Commitment,
  type ContractDrafted,
  type ContractStatus,
  type DatePrecision,
  type FicheDetails,
  type PlanChange,
  progressOfActions,
  progressOfAxis,
  progressOfFiche,
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
  /** Revision of the contract's stream shown (its plan, avenants, bodies): an edit form's `expectedRevision`. */
  revision: number;
  /** Its communes' INSEE codes, as drafted (none when the territory names its communes without codes). */
  communeCodes: string[];
}

/** A party or a signatory: `signer` is sealed with the key of `signerId`, the host opens it for readers. */
export interface ContractPartyRow {
  organisation: string;
  signer?: string;
  signerId?: string;
  inferred?: boolean;
}

/** What a contract sets up, as drafted (and corrected before signature) and signed. */
export interface ContractSetup {
  contractId: string;
  /** Null: not given (« non renseigné »). */
  porteur: string | null;
  territory: ContractDrafted['data']['territory'];
  parties: ContractPartyRow[];
  commitments: Commitment[];
  /** The contract this one follows; `name` null when the platform does not hold it. */
  previousContract: {
    contractId: string;
    name: string | null;
    periodStart: number | null;
    periodEnd: number | null;
  } | null;
  /** Empty before signature, and when the source names none (`signatoriesUnknown`). */
  signatories: ContractPartyRow[];
  signatoriesUnknown: boolean;
  /** Avenants signed (with plan changes, or recorded by their summary) and those being prepared or signed. */
  amendments: { signed: number; inProgress: number };
}

type CountByStatus = Partial<Record<ActionStatus, number>>;

/** What a fiche without actions reported of itself (ReportFicheProgress). */
export interface FicheOwnProgressRow {
  status: ActionStatus;
  /** Null: not given (« non renseigné »). */
  percentComplete: number | null;
  reportedOn: string;
  comment: string | null;
}

export interface FicheProgressRow extends ActionsProgress {
  axisCode: string;
  code: string;
  title: string;
  /** How many of its actions are in each status. */
  byStatus: CountByStatus;
  /** Its own status and percentage, for a fiche without actions; null when never reported. */
  own: FicheOwnProgressRow | null;
}

export interface AxisProgressRow extends ActionsProgress {
  code: string;
  title: string;
  byStatus: CountByStatus;
  fiches: FicheProgressRow[];
}

/** A fiche of the live plan with every field it carries, its progress, its own status. */
export interface PlanFicheRow extends FicheProgressRow, Omit<FicheDetails, 'updatedOnPrecision'> {
  objectives?: string[];
  pilots?: string[];
  partners?: string[];
  publics?: string[];
  updatedOnPrecision?: DatePrecision;
  /** Its live actions in order (`actions` counts them, as in the dashboard's progress). */
  actionRows: PlanActionRow[];
}

/** An action of the live plan, in its fiche's order. */
export interface PlanActionRow {
  actionId: string;
  code: string;
  title: string;
  status: ActionStatus;
  pilots: string[];
  plannedYears: number[];
  deliverablesPlanned: number;
  /** Revision of the action's stream: its edit forms' `expectedRevision`. */
  revision: number;
}

export interface PlanAxisRow extends Omit<AxisProgressRow, 'fiches'> {
  objectives: string[];
  description: string | null;
  fiches: PlanFicheRow[];
}

/** The live plan of a contract: axes → fiches → actions in their order, the withdrawn left out. */
export interface ContractPlan {
  contract: ContractRow;
  axes: PlanAxisRow[];
}

/** An avenant: its changes, who signed it and when. */
export interface AmendmentRow {
  amendmentId: string;
  title: string;
  summary: string | null;
  status: AmendmentStatus;
  changes: PlanChange[];
  /** Signature day by party. */
  signedBy: Record<string, string>;
  signedOn: string | null;
  /** Revision of the contract's stream this avenant was read at: its edit forms' `expectedRevision`. */
  revision: number;
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
    fiches: Array<{
      code: string;
      title: string;
      /** From 0 to 1; null when unknown (« non renseigné »). */
      progress: number | null;
      /** A fiche without actions: the status its coordination reported. */
      status: ActionStatus | null;
      actions: PublicActionRow[];
    }>;
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
                facts, revision, coalesce(territory->'communeCodes', '[]') AS "communeCodes"
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

  /** What the contract sets up: porteur, territory, parties and commitments, previous contract, signatories, avenants. */
  async contractSetup(contractId: string): Promise<ContractSetup | undefined> {
    const [row] = await this.tables.query<ContractSetup>(
      (schema) =>
        `SELECT c.contract_id AS "contractId", c.porteur, c.territory, c.parties, c.commitments,
                CASE WHEN c.previous_contract_id IS NULL THEN NULL
                     ELSE jsonb_build_object('contractId', c.previous_contract_id, 'name', p.name,
                                             'periodStart', p.period_start, 'periodEnd', p.period_end) END
                  AS "previousContract",
                c.signatories, c.signatories_unknown AS "signatoriesUnknown",
                jsonb_build_object(
                  'signed', c.amended + (SELECT count(*) FROM ${schema}.amendments a
                                          WHERE a.contract_id = c.contract_id AND a.status = 'signed'),
                  'inProgress', (SELECT count(*) FROM ${schema}.amendments a
                                  WHERE a.contract_id = c.contract_id AND a.status = 'draft')) AS amendments
           FROM ${schema}.contracts c
           LEFT JOIN ${schema}.contracts p ON p.contract_id = c.previous_contract_id
          WHERE c.contract_id = $1`,
      [contractId],
    );
    return row;
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
          progress: fiche.progress,
          status: fiche.own?.status ?? null,
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
                                   WHERE x.contract_id = f.contract_id AND x.fiche_code = f.code AND NOT x.withdrawn
                                   GROUP BY x.status) s), '{}') AS "byStatus",
                CASE WHEN f.own_status IS NULL THEN NULL
                     ELSE jsonb_build_object('status', f.own_status, 'percentComplete', f.own_percent,
                                             'reportedOn', f.own_reported_on::text, 'comment', f.own_comment) END AS own
           FROM ${schema}.axes a
           LEFT JOIN ${schema}.fiches f ON f.contract_id = a.contract_id AND f.axis_code = a.code AND NOT f.withdrawn
          WHERE a.contract_id = $1 AND NOT a.withdrawn
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
      const ofActions = progressOfActions(fiche.byStatus);
      axis.fiches.push({
        ...fiche,
        code,
        title,
        ...ofActions,
        progress: progressOfFiche(ofActions, fiche.own),
      });
      for (const status of ACTION_STATUSES) {
        const count = fiche.byStatus[status];
        if (count) axis.byStatus[status] = (axis.byStatus[status] ?? 0) + count;
      }
    }
    return [...axes.values()].map((axis) => {
      const ofActions = progressOfActions(axis.byStatus);
      return {
        ...axis,
        ...ofActions,
        progress: progressOfAxis(
          ofActions,
          axis.fiches.map((fiche) => fiche.progress),
        ),
      };
    });
  }

  /**
   * The live plan the editor and the portal show: axes → fiches (every field) →
   * actions, in their order, withdrawn items left out, with progress (unknown
   * stays null: « non renseigné »).
   */
  async plan(contractId: string): Promise<ContractPlan | undefined> {
    const [contract] = await this.contracts([contractId]);
    if (!contract) return undefined;
    const [progress, rows, board] = await Promise.all([
      this.progress(contractId),
      this.tables.query<{
        kind: 'axis' | 'fiche';
        code: string;
        objectives: string[] | null;
        description: string | null;
        details: Record<string, unknown> | null;
      }>(
        (schema) =>
          `SELECT 'axis' AS kind, code, objectives, description, NULL::jsonb AS details
             FROM ${schema}.axes WHERE contract_id = $1 AND NOT withdrawn
           UNION ALL
           SELECT 'fiche' AS kind, code, NULL::jsonb, NULL, details
             FROM ${schema}.fiches WHERE contract_id = $1 AND NOT withdrawn`,
        [contractId],
      ),
      this.tables.query<{ actionId: string; ficheCode: string; ordinal: number | null }>(
        (schema) =>
          `SELECT action_id AS "actionId", fiche_code AS "ficheCode", ordinal
             FROM ${schema}.actions WHERE contract_id = $1 AND NOT withdrawn`,
        [contractId],
      ),
    ]);
    const details = new Map(rows.map((row) => [`${row.kind}:${row.code}`, row]));
    const live = new Map(board.map((row) => [row.actionId, row]));
    const actions = (await this.needs.actionBoard.actions({ contractId }))
      .filter((action) => live.has(action.actionId))
      .map((action) => ({ ...action, ficheCode: live.get(action.actionId)?.ficheCode ?? action.ficheCode }))
      .sort(
        (a, b) =>
          (live.get(a.actionId)?.ordinal ?? Number.MAX_SAFE_INTEGER) -
            (live.get(b.actionId)?.ordinal ?? Number.MAX_SAFE_INTEGER) || a.code.localeCompare(b.code),
      );
    return {
      contract,
      axes: progress.map((axis) => {
        const row = details.get(`axis:${axis.code}`);
        return {
          ...axis,
          objectives: row?.objectives ?? [],
          description: row?.description ?? null,
          fiches: axis.fiches.map((fiche) => ({
            ...(details.get(`fiche:${fiche.code}`)?.details ?? {}),
            ...fiche,
            actionRows: actions
              .filter((action) => action.ficheCode === fiche.code)
              .map((action) => ({
                actionId: action.actionId,
                code: action.code,
                title: action.title,
                status: action.status,
                pilots: action.pilots,
                plannedYears: action.plannedYears,
                deliverablesPlanned: action.deliverablesPlanned,
                revision: action.revision,
              })),
          })),
        };
      }),
    };
  }

  /** A contract's avenants, the latest first; one when `amendmentId` is given. */
  amendments(contractId: string, amendmentId?: string): Promise<AmendmentRow[]> {
    return this.tables.query<AmendmentRow>(
      (schema) =>
        `SELECT amendment_id AS "amendmentId", title, summary, status, changes, signed_by AS "signedBy",
                signed_on::text AS "signedOn",
                (SELECT c.revision FROM ${schema}.contracts c WHERE c.contract_id = a.contract_id) AS revision
           FROM ${schema}.amendments a
          WHERE contract_id = $1 AND ($2::text IS NULL OR amendment_id = $2)
          ORDER BY amendment_id DESC`,
      [contractId, amendmentId ?? null],
    );
  }
}
