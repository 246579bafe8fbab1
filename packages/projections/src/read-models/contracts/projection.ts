import {
  ACTION_STATUS_EVENT_TYPES,
  actionStatusAfter,
  CONTRACT_EVENT_TYPES,
  isEventOf,
  PLAN_EVENT_TYPES,
} from '@cls/domain';
import { PageRows } from '../../page-rows.js';
import { defineProjection, type ProjectedEvent, type ProjectionTransaction } from '../../projection.js';

const HANDLES = [
  // Every event of a contract's stream, those it does not show too: the stream's revision.
  ...CONTRACT_EVENT_TYPES,
  'DeliverableProduced',
  ...ACTION_STATUS_EVENT_TYPES,
  'ActionUpdated',
  'ActionMoved',
  'ActionWithdrawn',
] as const;

/** A fiche's fields besides its code, axis and title, as the plan shows them (no person's name). */
const FICHE_DETAIL_FIELDS = [
  'objectives',
  'pilots',
  'partners',
  'publics',
  'context',
  'diagnostic',
  'operationalObjectives',
  'territory',
  'presentation',
  'prerequisites',
  'expectedResults',
  'means',
  'calendar',
  'coordinatorRole',
  'prsLinks',
  'indicators',
  'updatedOn',
  'updatedOnPrecision',
] as const;

const ficheDetailsOf = (data: Partial<Record<(typeof FICHE_DETAIL_FIELDS)[number], unknown>>) =>
  Object.fromEntries(
    FICHE_DETAIL_FIELDS.filter((field) => data[field] !== undefined).map((field) => [field, data[field]]),
  );

/**
 * Contracts overview: each contract with its axes and fiches-actions, and what
 * its actions have become, for progress by axis and fiche.
 */
export const contractsProjection = defineProjection({
  name: 'contracts',
  // 2: the live plan (withdrawn items, order, every fiche field, a fiche's own progress), avenants.
  // 3: the revision of each contract's stream (what an edit form was filled from: expectedRevision).
  // 4: what the contract sets up (porteur, territory, parties, commitments, previous contract,
  //    signatories, avenants recorded by summary) and its corrections before signature.
  version: 4,
  handles: HANDLES,
  schemaSql: `
    CREATE TABLE {schema}.contracts (
      contract_id text PRIMARY KEY,
      name text NOT NULL,
      territory_name text NOT NULL,
      period_start integer NOT NULL,
      period_end integer NOT NULL,
      status text NOT NULL,
      signed_on date,
      signed_on_precision text,
      facts integer NOT NULL DEFAULT 0,
      revision integer NOT NULL DEFAULT 0,
      porteur text,
      territory jsonb NOT NULL DEFAULT '{}',
      parties jsonb NOT NULL DEFAULT '[]',
      commitments jsonb NOT NULL DEFAULT '[]',
      previous_contract_id text,
      signatories jsonb NOT NULL DEFAULT '[]',
      signatories_unknown boolean NOT NULL DEFAULT false,
      amended integer NOT NULL DEFAULT 0
    );
    CREATE TABLE {schema}.axes (
      contract_id text NOT NULL, code text NOT NULL, title text NOT NULL, ordinal integer NOT NULL,
      objectives jsonb NOT NULL DEFAULT '[]', description text, withdrawn boolean NOT NULL DEFAULT false,
      PRIMARY KEY (contract_id, code)
    );
    CREATE TABLE {schema}.fiches (
      contract_id text NOT NULL, code text NOT NULL, axis_code text NOT NULL, title text NOT NULL, ordinal integer NOT NULL,
      details jsonb NOT NULL DEFAULT '{}', withdrawn boolean NOT NULL DEFAULT false,
      own_status text, own_percent integer, own_reported_on date, own_comment text,
      PRIMARY KEY (contract_id, code)
    );
    CREATE TABLE {schema}.amendments (
      contract_id text NOT NULL, amendment_id text NOT NULL, title text NOT NULL, summary text,
      status text NOT NULL, changes jsonb NOT NULL, signed_by jsonb NOT NULL DEFAULT '{}', signed_on date,
      PRIMARY KEY (contract_id, amendment_id)
    );
    CREATE TABLE {schema}.actions (
      action_id text PRIMARY KEY,
      contract_id text NOT NULL,
      fiche_code text NOT NULL,
      status text NOT NULL,
      planned_years integer[] NOT NULL,
      deliverables_planned integer NOT NULL,
      deliverables_produced integer NOT NULL DEFAULT 0,
      withdrawn boolean NOT NULL DEFAULT false,
      ordinal integer
    );
    CREATE INDEX ON {schema}.actions (contract_id, fiche_code);
  `,

  apply: (event, tx) => applyContractEvents([event], tx),
  applyPage: applyContractEvents,
});

/**
 * Contracts, axes and fiches are written as they come (the definitions of axes and fiches
 * together until an event touches them: PlanRun); action rows are folded per page (PageRows).
 */
function applyContractEvents(events: ProjectedEvent<typeof HANDLES>[], tx: ProjectionTransaction): void {
  const { execute, schema } = tx;
  const actions = new PageRows(`${schema}.actions`, 'action_id');
  const run = new PlanRun(tx);
  // The last revision of each contract's stream in the page, written once per contract after its rows.
  const revisions = new Map<string, number>();
  for (const event of events) {
    if (isEventOf(event, CONTRACT_EVENT_TYPES)) revisions.set(event.data.contractId, event.revision);
    // An event whose statements read or change axes or fiches (a change of the plan, a fiche's
    // own progress) comes after the definitions before it.
    if (
      event.type === 'FicheProgressReported' ||
      (isEventOf(event, PLAN_EVENT_TYPES) &&
        event.type !== 'AxisDefined' &&
        event.type !== 'FicheActionDefined')
    )
      run.flush();
    switch (event.type) {
      case 'ContractDrafted': {
        const drafted = event.data;
        execute(
          `INSERT INTO ${schema}.contracts (contract_id, name, territory_name, period_start, period_end, status,
                  porteur, territory, parties, commitments, previous_contract_id)
           VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, $9, $10)`,
          [
            drafted.contractId,
            drafted.name,
            drafted.territory.name,
            drafted.period.start,
            drafted.period.end,
            drafted.porteur ?? null,
            JSON.stringify(drafted.territory),
            JSON.stringify(drafted.parties),
            JSON.stringify(drafted.commitments ?? []),
            drafted.previousContractId ?? null,
          ],
        );
        break;
      }
      case 'ContractDraftUpdated': {
        // Only the fields given changed; null removed the porteur or the previous contract.
        const { contractId, name, territory, period, parties, porteur, previousContractId, commitments } =
          event.data;
        const set: Array<[string, unknown]> = [
          ...(name === undefined ? [] : [['name', name] as [string, unknown]]),
          ...(territory === undefined
            ? []
            : [
                ['territory_name', territory.name] as [string, unknown],
                ['territory', JSON.stringify(territory)] as [string, unknown],
              ]),
          ...(period === undefined
            ? []
            : [
                ['period_start', period.start] as [string, unknown],
                ['period_end', period.end] as [string, unknown],
              ]),
          ...(parties === undefined ? [] : [['parties', JSON.stringify(parties)] as [string, unknown]]),
          ...(porteur === undefined ? [] : [['porteur', porteur] as [string, unknown]]),
          ...(previousContractId === undefined
            ? []
            : [['previous_contract_id', previousContractId] as [string, unknown]]),
          ...(commitments === undefined
            ? []
            : [['commitments', JSON.stringify(commitments)] as [string, unknown]]),
        ];
        if (set.length === 0) break;
        execute(
          `UPDATE ${schema}.contracts SET ${set.map(([column], index) => `${column} = $${index + 2}`).join(', ')}
            WHERE contract_id = $1`,
          [contractId, ...set.map(([, value]) => value)],
        );
        break;
      }
      case 'ContractAmended':
        execute(`UPDATE ${schema}.contracts SET amended = amended + 1 WHERE contract_id = $1`, [
          event.data.contractId,
        ]);
        break;
      case 'AxisDefined': {
        const axis = event.data;
        run.add('axes', axis.contractId, {
          code: axis.code,
          title: axis.title,
          objectives: axis.objectives,
          description: axis.description ?? null,
        });
        break;
      }
      case 'FicheActionDefined': {
        const fiche = event.data;
        run.add('fiches', fiche.contractId, {
          code: fiche.code,
          axis_code: fiche.axisCode,
          title: fiche.title,
          details: ficheDetailsOf(fiche),
        });
        break;
      }
      case 'AxisUpdated': {
        const axis = event.data;
        execute(
          `UPDATE ${schema}.axes SET title = coalesce($3, title), objectives = coalesce($4, objectives),
                  description = coalesce($5, description)
            WHERE contract_id = $1 AND code = $2`,
          [
            axis.contractId,
            axis.code,
            axis.title ?? null,
            axis.objectives ? JSON.stringify(axis.objectives) : null,
            axis.description ?? null,
          ],
        );
        break;
      }
      case 'AxisWithdrawn':
        execute(`UPDATE ${schema}.axes SET withdrawn = true WHERE contract_id = $1 AND code = $2`, [
          event.data.contractId,
          event.data.code,
        ]);
        break;
      case 'FicheActionUpdated': {
        const fiche = event.data;
        execute(
          `UPDATE ${schema}.fiches SET title = coalesce($3, title), details = details || $4::jsonb
            WHERE contract_id = $1 AND code = $2`,
          [fiche.contractId, fiche.code, fiche.title ?? null, JSON.stringify(ficheDetailsOf(fiche))],
        );
        break;
      }
      case 'FicheActionMoved':
        // Last of its new axis.
        execute(
          `UPDATE ${schema}.fiches SET axis_code = $3,
                  ordinal = (SELECT coalesce(max(ordinal) + 1, 0) FROM ${schema}.fiches WHERE contract_id = $1)
            WHERE contract_id = $1 AND code = $2`,
          [event.data.contractId, event.data.code, event.data.toAxisCode],
        );
        break;
      case 'FicheActionWithdrawn':
        execute(`UPDATE ${schema}.fiches SET withdrawn = true WHERE contract_id = $1 AND code = $2`, [
          event.data.contractId,
          event.data.code,
        ]);
        break;
      case 'PlanReordered': {
        const { contractId, level, parentCode, order } = event.data;
        if (level === 'actions') {
          for (const [index, actionId] of order.entries())
            actions.change(actionId, { set: { ordinal: index } });
        } else {
          execute(
            `UPDATE ${schema}.${level === 'axes' ? 'axes' : 'fiches'} SET ordinal = array_position($2::text[], code) - 1
              WHERE contract_id = $1 AND code = ANY ($2::text[])${level === 'fiches' ? ' AND axis_code = $3' : ''}`,
            level === 'fiches' ? [contractId, order, parentCode ?? ''] : [contractId, order],
          );
        }
        break;
      }
      case 'FicheProgressReported': {
        const reported = event.data;
        execute(
          `UPDATE ${schema}.fiches SET own_status = $3, own_percent = $4, own_reported_on = $5, own_comment = $6
            WHERE contract_id = $1 AND code = $2`,
          [
            reported.contractId,
            reported.code,
            reported.status,
            reported.percentComplete ?? null,
            reported.reportedOn,
            reported.comment ?? null,
          ],
        );
        break;
      }
      case 'AmendmentDrafted':
      case 'AmendmentDraftEdited': {
        const drafted = event.data;
        execute(
          `INSERT INTO ${schema}.amendments (contract_id, amendment_id, title, summary, status, changes)
           VALUES ($1, $2, $3, $4, 'draft', $5)
           ON CONFLICT (contract_id, amendment_id) DO UPDATE
             SET title = excluded.title, summary = excluded.summary, changes = excluded.changes`,
          [
            drafted.contractId,
            drafted.amendmentId,
            drafted.title,
            drafted.summary ?? null,
            JSON.stringify(drafted.changes),
          ],
        );
        break;
      }
      case 'AmendmentDraftWithdrawn':
        execute(
          `UPDATE ${schema}.amendments SET status = 'withdrawn' WHERE contract_id = $1 AND amendment_id = $2`,
          [event.data.contractId, event.data.amendmentId],
        );
        break;
      case 'AmendmentPartySigned':
        execute(
          `UPDATE ${schema}.amendments SET signed_by = signed_by || jsonb_build_object($3::text, $4::text)
            WHERE contract_id = $1 AND amendment_id = $2`,
          [event.data.contractId, event.data.amendmentId, event.data.party, event.data.signedOn],
        );
        break;
      case 'AmendmentSigned':
        execute(
          `UPDATE ${schema}.amendments SET status = 'signed', signed_on = $3
            WHERE contract_id = $1 AND amendment_id = $2`,
          [event.data.contractId, event.data.amendmentId, event.data.signedOn],
        );
        break;
      case 'ActionUpdated': {
        const { plannedYears, plannedDeliverables } = event.data;
        actions.change(event.data.actionId, {
          set: {
            ...(plannedYears ? { planned_years: plannedYears.years } : {}),
            ...(plannedDeliverables ? { deliverables_planned: plannedDeliverables.length } : {}),
          },
        });
        break;
      }
      case 'ActionMoved':
        actions.change(event.data.actionId, { set: { fiche_code: event.data.toFicheCode } });
        break;
      case 'ActionWithdrawn':
        actions.change(event.data.actionId, { set: { withdrawn: true } });
        break;
      case 'ContractSigned': {
        const signed = event.data;
        execute(
          `UPDATE ${schema}.contracts SET status = 'signed', signed_on = $2, signed_on_precision = $3,
                  signatories = $4, signatories_unknown = $5
            WHERE contract_id = $1`,
          [
            signed.contractId,
            signed.signedOn,
            signed.signedOnPrecision ?? 'day',
            JSON.stringify(signed.signatories),
            signed.signatoriesUnknown === true,
          ],
        );
        break;
      }
      case 'ContractClosed':
        execute(`UPDATE ${schema}.contracts SET status = 'closed' WHERE contract_id = $1`, [
          event.data.contractId,
        ]);
        break;
      case 'FactRecorded':
        execute(`UPDATE ${schema}.contracts SET facts = facts + 1 WHERE contract_id = $1`, [
          event.data.contractId,
        ]);
        break;
      case 'ActionPlanned': {
        const planned = event.data;
        actions.create({
          action_id: planned.actionId,
          contract_id: planned.contractId,
          fiche_code: planned.ficheCode,
          status: actionStatusAfter(event).status,
          planned_years: planned.plannedYears.years,
          deliverables_planned: planned.plannedDeliverables.length,
          deliverables_produced: 0,
          withdrawn: false,
          ordinal: null,
        });
        break;
      }
      case 'DeliverableProduced':
        actions.change(event.data.actionId, { add: { deliverables_produced: 1 } });
        break;
      default:
        // The contract's other events (governance bodies…) only move its revision.
        if (isEventOf(event, ACTION_STATUS_EVENT_TYPES))
          actions.change(event.data.actionId, { set: { status: actionStatusAfter(event).status } });
    }
  }
  run.flush();
  if (revisions.size > 0)
    execute(
      `UPDATE ${schema}.contracts AS c SET revision = v.revision
         FROM jsonb_to_recordset($1::jsonb) AS v(contract_id text, revision integer)
        WHERE c.contract_id = v.contract_id`,
      [JSON.stringify([...revisions].map(([contract_id, revision]) => ({ contract_id, revision })))],
    );
  actions.flush(tx, [
    'action_id',
    'contract_id',
    'fiche_code',
    'status',
    'planned_years',
    'deliverables_planned',
    'deliverables_produced',
    'withdrawn',
    'ordinal',
  ]);
}

type PlanLevel = 'axes' | 'fiches';

/**
 * The definitions of axes and of fiches, one INSERT per level (axes first) until an event
 * touches those rows, or the page ends: one statement per definition, then per run of them,
 * was most of this read model's statements. Each row is numbered as one statement per
 * definition would have numbered it: after those of its contract already written (the
 * statement reads them before its own rows), then in the order of the definitions.
 */
class PlanRun {
  #rows: Record<PlanLevel, Array<Record<string, unknown>>> = { axes: [], fiches: [] };
  /** Rows of each contract and level held so far. */
  #ranks: Record<PlanLevel, Map<string, number>> = { axes: new Map(), fiches: new Map() };

  constructor(private readonly tx: ProjectionTransaction) {}

  add(level: PlanLevel, contractId: string, row: Record<string, unknown>): void {
    const rank = this.#ranks[level].get(contractId) ?? 0;
    this.#ranks[level].set(contractId, rank + 1);
    this.#rows[level].push({ contract_id: contractId, rank, ...row });
  }

  flush(): void {
    this.#write('axes');
    this.#write('fiches');
  }

  #write(level: PlanLevel): void {
    const { schema, execute } = this.tx;
    const rows = this.#rows[level];
    if (rows.length > 0)
      execute(
        level === 'axes'
          ? `INSERT INTO ${schema}.axes (contract_id, code, title, ordinal, objectives, description)
             SELECT v.contract_id, v.code, v.title,
                    (SELECT count(*) FROM ${schema}.axes a WHERE a.contract_id = v.contract_id) + v.rank,
                    v.objectives, v.description
               FROM jsonb_to_recordset($1::jsonb)
                 AS v (contract_id text, rank integer, code text, title text, objectives jsonb, description text)`
          : `INSERT INTO ${schema}.fiches (contract_id, code, axis_code, title, ordinal, details)
             SELECT v.contract_id, v.code, v.axis_code, v.title,
                    coalesce((SELECT max(ordinal) + 1 FROM ${schema}.fiches f WHERE f.contract_id = v.contract_id), 0) + v.rank,
                    v.details
               FROM jsonb_to_recordset($1::jsonb)
                 AS v (contract_id text, rank integer, code text, axis_code text, title text, details jsonb)`,
        [JSON.stringify(rows)],
      );
    this.#rows[level] = [];
    this.#ranks[level].clear();
  }
}
