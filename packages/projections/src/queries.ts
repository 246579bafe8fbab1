import { ACTION_STATUSES, type ActionStatus, type ActionsProgress, progressOfActions } from '@cls/domain';
import type { Pool } from '@cls/postgres';
import { liveSchema } from './runner.js';

/**
 * What the admin app reads, from read models only. Each query finds the live
 * version of the projection it reads (a rebuild swaps versions underneath).
 */
export class ReadModelQueries {
  private readonly schemas = new Map<string, { schema: string; until: number }>();

  constructor(private readonly pool: Pool) {}

  private async schema(name: string): Promise<string> {
    const cached = this.schemas.get(name);
    if (cached && cached.until > Date.now()) return cached.schema;
    const schema = await liveSchema(this.pool, name);
    if (!schema) throw new Error(`lecture impossible : la projection ${name} n'est pas encore construite`);
    this.schemas.set(name, { schema, until: Date.now() + 1000 });
    return schema;
  }

  /** Contracts, all or only those given. */
  async contracts(only?: string[]) {
    const schema = await this.schema('contracts');
    const { rows } = await this.pool.query<ContractRow>(
      `SELECT contract_id AS "contractId", name, territory_name AS "territory", period_start AS "periodStart",
              period_end AS "periodEnd", status, signed_on::text AS "signedOn", signed_on_precision AS "signedOnPrecision",
              facts
         FROM ${schema}.contracts
        WHERE $1::text[] IS NULL OR contract_id = ANY ($1)
        ORDER BY period_start DESC, name`,
      [only ?? null],
    );
    return rows;
  }

  /**
   * A contract's dashboard: progress by axis and fiche (weighted by the
   * domain's rule, `progressOfActions`), deliverables planned and produced per year.
   */
  async contractOverview(contractId: string) {
    const [contract] = await this.contracts([contractId]);
    if (!contract) return undefined;
    const schema = await this.schema('contracts');
    const { rows: fiches } = await this.pool.query<{
      axisCode: string;
      axisTitle: string;
      code: string;
      title: string;
      byStatus: Partial<Record<ActionStatus, number>>;
    }>(
      `SELECT f.axis_code AS "axisCode", a.title AS "axisTitle", f.code, f.title,
              coalesce((SELECT jsonb_object_agg(s.status, s.n)
                          FROM (SELECT x.status, count(*)::int AS n FROM ${schema}.actions x
                                 WHERE x.contract_id = f.contract_id AND x.fiche_code = f.code
                                 GROUP BY x.status) s), '{}') AS "byStatus"
         FROM ${schema}.fiches f
         JOIN ${schema}.axes a ON a.contract_id = f.contract_id AND a.code = f.axis_code
        WHERE f.contract_id = $1
        ORDER BY a.ordinal, f.ordinal`,
      [contractId],
    );
    const axes = new Map<
      string,
      {
        code: string;
        title: string;
        byStatus: Partial<Record<ActionStatus, number>>;
        fiches: FicheProgressRow[];
      }
    >();
    for (const { axisTitle, ...fiche } of fiches) {
      const axis = axes.get(fiche.axisCode) ?? {
        code: fiche.axisCode,
        title: axisTitle,
        byStatus: {},
        fiches: [],
      };
      axis.fiches.push({ ...fiche, ...progressOfActions(fiche.byStatus) });
      for (const status of ACTION_STATUSES) {
        axis.byStatus[status] = (axis.byStatus[status] ?? 0) + (fiche.byStatus[status] ?? 0);
      }
      axes.set(fiche.axisCode, axis);
    }
    const deliverablesSchema = await this.schema('deliverables');
    const { rows: deliverables } = await this.pool.query<{
      year: number | null;
      planned: number;
      produced: number;
    }>(
      `WITH planned AS (
         SELECT CASE WHEN years_uncertain OR cardinality(planned_years) = 0 THEN NULL ELSE planned_years[cardinality(planned_years)] END AS year,
                count(*)::int AS n
           FROM ${deliverablesSchema}.deliverables WHERE contract_id = $1 AND planned GROUP BY 1),
       produced AS (
         SELECT extract(year FROM produced_on)::int AS year, count(*)::int AS n
           FROM ${deliverablesSchema}.deliverables WHERE contract_id = $1 AND produced_on IS NOT NULL GROUP BY 1)
       SELECT coalesce(p.year, d.year) AS year, coalesce(p.n, 0) AS planned, coalesce(d.n, 0) AS produced
         FROM planned p FULL JOIN produced d ON p.year = d.year
        ORDER BY 1 NULLS LAST`,
      [contractId],
    );
    return {
      contract,
      axes: [...axes.values()].map((axis) => ({ ...axis, ...progressOfActions(axis.byStatus) })),
      // Deliverables by year: year null = planned without a readable year.
      deliverablesByYear: deliverables,
    };
  }

  /** The action board, filtered; `search` is French full text over code, title and pilots. */
  async actions(filter: ActionFilter) {
    const schema = await this.schema('action_board');
    const conditions = ['contract_id = $1'];
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
    if (filter.actionIds) add('action_id = ANY (?)', filter.actionIds);
    if (filter.search) add(`search @@ websearch_to_tsquery('french', ?)`, filter.search);
    const { rows } = await this.pool.query<ActionRow>(
      `SELECT ${ACTION_COLUMNS} FROM ${schema}.actions WHERE ${conditions.join(' AND ')}
        ORDER BY string_to_array(regexp_replace(code, '[^0-9.]', '', 'g'), '.')::int[] NULLS LAST, code`,
      parameters,
    );
    return rows;
  }

  /** Conventions of a contract, each party with who signed and when. */
  async conventions(contractId: string): Promise<ConventionView[]> {
    const schema = await this.schema('governance');
    const { rows } = await this.pool.query<ConventionView>(
      `SELECT c.convention_id AS "conventionId", c.title, c.kind, c.object, c.status, c.amendments,
              coalesce(json_agg(json_build_object('party', p.party, 'signer', p.signer, 'signerId', p.signer_id, 'signedOn', p.signed_on)
                ORDER BY p.ordinal) FILTER (WHERE p.party IS NOT NULL), '[]') AS parties
         FROM ${schema}.conventions c LEFT JOIN ${schema}.convention_parties p USING (convention_id)
        WHERE c.contract_id = $1 GROUP BY c.convention_id ORDER BY c.title`,
      [contractId],
    );
    return rows;
  }

  /** Governance meetings of a contract, by date. */
  async meetings(contractId: string): Promise<MeetingView[]> {
    const schema = await this.schema('governance');
    const { rows } = await this.pool.query<MeetingView>(
      `SELECT meeting_id AS "meetingId", body, title, scheduled_on::text AS "scheduledOn", place, status,
              held_on::text AS "heldOn", attendees, decisions
         FROM ${schema}.meetings WHERE contract_id = $1 ORDER BY scheduled_on, meeting_id`,
      [contractId],
    );
    return rows;
  }

  /** Every deliverable of a contract, planned or not, with its action. */
  async deliverables(contractId: string) {
    const schema = await this.schema('deliverables');
    const { rows } = await this.pool.query<DeliverableRow & { actionCode: string; ficheCode: string }>(
      `SELECT action_code AS "actionCode", fiche_code AS "ficheCode", deliverable_id AS "deliverableId", title, planned,
              produced_on::text AS "producedOn", link
         FROM ${schema}.deliverables WHERE contract_id = $1
        ORDER BY string_to_array(regexp_replace(action_code, '[^0-9.]', '', 'g'), '.')::int[] NULLS LAST, action_code, deliverable_id`,
      [contractId],
    );
    return rows;
  }

  /** Users and their current roles. */
  async users() {
    const schema = await this.schema('users');
    const { rows } = await this.pool.query<{
      userId: string;
      email: string;
      displayName: string;
      grants: Array<{ role: string; contractId: string; actionId: string }>;
    }>(
      `SELECT u.user_id AS "userId", u.email, u.display_name AS "displayName",
              coalesce(json_agg(json_build_object('role', g.role, 'contractId', g.contract_id, 'actionId', g.action_id)
                ORDER BY g.role, g.contract_id, g.action_id) FILTER (WHERE g.role IS NOT NULL), '[]') AS grants
         FROM ${schema}.users u LEFT JOIN ${schema}.grants g USING (user_id)
        GROUP BY u.user_id ORDER BY u.display_name`,
    );
    return rows;
  }

  /** Indicators measured by a contract's actions: one series per indicator, by year. */
  async indicators(contractId: string) {
    const schema = await this.schema('governance');
    const { rows } = await this.pool.query<{
      indicator: string;
      unit: string | null;
      points: Array<{ year: number; value: number; actions: number }>;
    }>(
      `SELECT indicator, max(unit) AS unit,
              json_agg(json_build_object('year', year, 'value', total, 'actions', actions) ORDER BY year) AS points
         FROM (SELECT indicator, unit, year, sum(value) AS total, count(DISTINCT action_id)::int AS actions
                 FROM (SELECT DISTINCT ON (action_id, indicator, year) action_id, indicator, unit, year, value
                         FROM ${schema}.indicators WHERE contract_id = $1
                        ORDER BY action_id, indicator, year, measured_on DESC, position DESC) latest
                GROUP BY indicator, unit, year) by_year
        GROUP BY indicator ORDER BY indicator`,
      [contractId],
    );
    return rows;
  }

  /** Annual evaluations of a contract, each with its grid of scored results. */
  async evaluations(contractId: string): Promise<EvaluationView[]> {
    const schema = await this.schema('governance');
    const { rows } = await this.pool.query<EvaluationView>(
      `SELECT e.evaluation_id AS "evaluationId", e.year, e.status, e.published_on::text AS "publishedOn",
              coalesce(json_agg(json_build_object('resultId', r.result_id, 'question', r.question, 'indicator', r.indicator,
                'score', r.score, 'evidence', r.evidence) ORDER BY r.result_id) FILTER (WHERE r.result_id IS NOT NULL), '[]') AS results
         FROM ${schema}.evaluations e LEFT JOIN ${schema}.evaluation_results r USING (evaluation_id)
        WHERE e.contract_id = $1 GROUP BY e.evaluation_id ORDER BY e.year DESC`,
      [contractId],
    );
    return rows;
  }

  /**
   * Every offer of the directory (closed ones too, with `closedOn`), each with
   * the CLS actions it is a deliverable of: what the host's spatial index is built from.
   */
  async offers(): Promise<OfferRow[]> {
    const schema = await this.schema('offers');
    const { rows } = await this.pool.query<OfferRow>(
      `SELECT offer_id AS "id", source, finess, kind, name, address_line AS "addressLine", postcode,
              commune_insee AS "communeInsee", commune_name AS "communeName", lon, lat, phone,
              category_code AS "categoryCode", category_label AS "categoryLabel", opened_on::text AS "openedOn",
              emergency, website, verified_on::text AS "verifiedOn", closed_on::text AS "closedOn",
              closed_reason AS "closedReason", coverage
         FROM ${schema}.offers ORDER BY offer_id`,
    );
    const links = await this.offerLinks();
    for (const row of rows) row.links = links.get(row.id) ?? [];
    return rows;
  }

  /** Position of the last offer event in the read model: it moves only when an offer changed. */
  async offersRevision(): Promise<number> {
    const schema = await this.schema('offers');
    const { rows } = await this.pool.query<{ position: string }>(`SELECT position FROM ${schema}.revision`);
    return Number(rows[0]?.position ?? 0);
  }

  /** The offers linked to an action (an MSP it opened…). */
  async offersOfAction(actionId: string): Promise<Array<{ id: string; name: string; kind: string }>> {
    const schema = await this.schema('offers');
    const { rows } = await this.pool.query<{ id: string; name: string; kind: string }>(
      `SELECT o.offer_id AS id, o.name, o.kind FROM ${schema}.offer_links l JOIN ${schema}.offers o USING (offer_id)
        WHERE l.action_id = $1 ORDER BY o.name`,
      [actionId],
    );
    return rows;
  }

  /** Links of offers to actions, with the contract's name and the action's code and title. */
  private async offerLinks(): Promise<Map<string, OfferLinkRow[]>> {
    const [offers, contracts, board] = await Promise.all([
      this.schema('offers'),
      this.schema('contracts'),
      this.schema('action_board'),
    ]);
    const { rows } = await this.pool.query<OfferLinkRow & { offerId: string }>(
      `SELECT l.offer_id AS "offerId", l.contract_id AS "contractId", coalesce(c.name, l.contract_id) AS "contractName",
              l.action_id AS "actionId", coalesce(a.code, '') AS "actionCode", coalesce(a.title, '') AS "actionTitle"
         FROM ${offers}.offer_links l
         LEFT JOIN ${contracts}.contracts c ON c.contract_id = l.contract_id
         LEFT JOIN ${board}.actions a ON a.action_id = l.action_id
        ORDER BY l.offer_id, l.linked_at`,
    );
    const byOffer = new Map<string, OfferLinkRow[]>();
    for (const { offerId, ...link } of rows) byOffer.set(offerId, [...(byOffer.get(offerId) ?? []), link]);
    return byOffer;
  }

  /** One action, its timeline, and its deliverables. */
  async action(actionId: string) {
    const schema = await this.schema('action_board');
    const { rows } = await this.pool.query<ActionRow>(
      `SELECT ${ACTION_COLUMNS} FROM ${schema}.actions WHERE action_id = $1`,
      [actionId],
    );
    const action = rows[0];
    if (!action) return undefined;
    const { rows: timeline } = await this.pool.query<TimelineRow>(
      `SELECT position::int, type, occurred_at AS "occurredAt", recorded_at AS "recordedAt", actor_id AS "actorId", data
         FROM ${schema}.timeline WHERE action_id = $1 ORDER BY position`,
      [actionId],
    );
    const deliverablesSchema = await this.schema('deliverables');
    const { rows: deliverables } = await this.pool.query<DeliverableRow>(
      `SELECT deliverable_id AS "deliverableId", title, planned, produced_on::text AS "producedOn", link
         FROM ${deliverablesSchema}.deliverables WHERE action_id = $1 ORDER BY planned DESC, deliverable_id`,
      [actionId],
    );
    return {
      ...action,
      timeline: timeline.map((row) => ({
        ...row,
        occurredAt: new Date(row.occurredAt).toISOString(),
        recordedAt: new Date(row.recordedAt).toISOString(),
      })),
      deliverables,
    };
  }
}

export interface ConventionView {
  conventionId: string;
  title: string;
  kind: string;
  object: string;
  status: string;
  amendments: number;
  /** `signer` is sealed with the key of `signerId`: the host opens it for readers. */
  parties: Array<{ party: string; signer: string | null; signerId: string | null; signedOn: string | null }>;
}

export interface MeetingView {
  meetingId: string;
  body: string;
  title: string;
  scheduledOn: string;
  place: string | null;
  status: string;
  heldOn: string | null;
  /** `name` is sealed with the key of `personId`: the host opens it for readers. */
  attendees: Array<{ name: string; organisation?: string; personId?: string }>;
  decisions: string[];
}

export interface EvaluationView {
  evaluationId: string;
  year: number;
  status: string;
  publishedOn: string | null;
  results: Array<{ resultId: string; question: string; indicator: string; score: string; evidence: string }>;
}

const ACTION_COLUMNS = `action_id AS "actionId", contract_id AS "contractId", axis_code AS "axisCode",
  fiche_code AS "ficheCode", code, title, status, pilots, pilot_persons AS "pilotPersons", planned_years AS "plannedYears",
  years_uncertain AS "yearsUncertain", deliverables_planned AS "deliverablesPlanned",
  deliverables_produced AS "deliverablesProduced", progress, percent_complete AS "percentComplete",
  started_on::text AS "startedOn", ended_on::text AS "endedOn"`;

export interface ContractRow {
  contractId: string;
  name: string;
  territory: string;
  periodStart: number;
  periodEnd: number;
  status: string;
  signedOn: string | null;
  signedOnPrecision: string | null;
  facts: number;
}

export interface FicheProgressRow extends ActionsProgress {
  axisCode: string;
  code: string;
  title: string;
  /** How many of its actions are in each status. */
  byStatus: Partial<Record<ActionStatus, number>>;
}

export interface ActionFilter {
  contractId: string;
  axisCode?: string | undefined;
  ficheCode?: string | undefined;
  status?: ActionStatus | undefined;
  pilot?: string | undefined;
  year?: number | undefined;
  search?: string | undefined;
  actionIds?: string[] | undefined;
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
  progress: string | null;
  percentComplete: number | null;
  startedOn: string | null;
  endedOn: string | null;
}

export interface TimelineRow {
  position: number;
  type: string;
  occurredAt: Date | string;
  recordedAt: Date | string;
  actorId: string;
  data: unknown;
}

export interface DeliverableRow {
  deliverableId: string;
  title: string;
  planned: boolean;
  producedOn: string | null;
  link: string | null;
}

export interface OfferLinkRow {
  contractId: string;
  contractName: string;
  actionId: string;
  actionCode: string;
  actionTitle: string;
}

export interface OfferRow {
  id: string;
  source: 'finess' | 'manual';
  finess: string | null;
  kind: string;
  name: string;
  addressLine: string;
  postcode: string | null;
  communeInsee: string | null;
  communeName: string;
  lon: number;
  lat: number;
  phone: string | null;
  categoryCode: string | null;
  categoryLabel: string | null;
  openedOn: string | null;
  emergency: boolean | null;
  website: string | null;
  verifiedOn: string;
  closedOn: string | null;
  closedReason: string | null;
  coverage: string[];
  links: OfferLinkRow[];
}
