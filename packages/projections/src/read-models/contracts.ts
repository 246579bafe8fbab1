import type {
  ActionPlanned,
  AxisDefined,
  ContractDrafted,
  ContractSigned,
  FactRecorded,
  FicheActionDefined,
} from '@cls/domain';
import type { RecordedEvent } from '@cls/event-store';
import { PageRows } from '../page-rows.js';
import type { Projection, ProjectionTransaction } from '../projection.js';

const STATUS_OF_ACTION_EVENT: Record<string, string> = {
  ActionStarted: 'in_progress',
  ActionCompleted: 'completed',
  ActionSuspended: 'suspended',
  ActionAbandoned: 'abandoned',
};

/**
 * Contracts overview: each contract with its axes and fiches-actions, and what
 * its actions have become, for progress by axis and fiche.
 */
export const contractsProjection: Projection = {
  name: 'contracts',
  version: 1,
  handles: [
    'ContractDrafted',
    'AxisDefined',
    'FicheActionDefined',
    'ContractSigned',
    'ContractClosed',
    'FactRecorded',
    'ActionPlanned',
    'DeliverableProduced',
    ...Object.keys(STATUS_OF_ACTION_EVENT),
  ],
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
      facts integer NOT NULL DEFAULT 0
    );
    CREATE TABLE {schema}.axes (
      contract_id text NOT NULL, code text NOT NULL, title text NOT NULL, ordinal integer NOT NULL,
      PRIMARY KEY (contract_id, code)
    );
    CREATE TABLE {schema}.fiches (
      contract_id text NOT NULL, code text NOT NULL, axis_code text NOT NULL, title text NOT NULL, ordinal integer NOT NULL,
      PRIMARY KEY (contract_id, code)
    );
    CREATE TABLE {schema}.actions (
      action_id text PRIMARY KEY,
      contract_id text NOT NULL,
      fiche_code text NOT NULL,
      status text NOT NULL,
      planned_years integer[] NOT NULL,
      deliverables_planned integer NOT NULL,
      deliverables_produced integer NOT NULL DEFAULT 0
    );
    CREATE INDEX ON {schema}.actions (contract_id, fiche_code);
  `,

  apply: (event, tx) => applyContractEvents([event], tx),
  applyPage: applyContractEvents,
};

/** Contracts, axes and fiches are written as they come; action rows are folded per page (PageRows). */
function applyContractEvents(events: RecordedEvent[], tx: ProjectionTransaction): void {
  const { execute, schema } = tx;
  const actions = new PageRows(`${schema}.actions`, 'action_id');
  for (const event of events) {
    const data = event.data as Record<string, unknown>;
    switch (event.type) {
      case 'ContractDrafted': {
        const drafted = data as ContractDrafted['data'];
        execute(
          `INSERT INTO ${schema}.contracts (contract_id, name, territory_name, period_start, period_end, status)
           VALUES ($1, $2, $3, $4, $5, 'draft')`,
          [
            drafted.contractId,
            drafted.name,
            drafted.territory.name,
            drafted.period.start,
            drafted.period.end,
          ],
        );
        break;
      }
      case 'AxisDefined': {
        const axis = data as AxisDefined['data'];
        execute(
          `INSERT INTO ${schema}.axes (contract_id, code, title, ordinal)
           VALUES ($1, $2, $3, (SELECT count(*) FROM ${schema}.axes WHERE contract_id = $1))`,
          [axis.contractId, axis.code, axis.title],
        );
        break;
      }
      case 'FicheActionDefined': {
        const fiche = data as FicheActionDefined['data'];
        execute(
          `INSERT INTO ${schema}.fiches (contract_id, code, axis_code, title, ordinal)
           VALUES ($1, $2, $3, $4, (SELECT count(*) FROM ${schema}.fiches WHERE contract_id = $1))`,
          [fiche.contractId, fiche.code, fiche.axisCode, fiche.title],
        );
        break;
      }
      case 'ContractSigned': {
        const signed = data as ContractSigned['data'];
        execute(
          `UPDATE ${schema}.contracts SET status = 'signed', signed_on = $2, signed_on_precision = $3 WHERE contract_id = $1`,
          [signed.contractId, signed.signedOn, signed.signedOnPrecision ?? 'day'],
        );
        break;
      }
      case 'ContractClosed':
        execute(`UPDATE ${schema}.contracts SET status = 'closed' WHERE contract_id = $1`, [data.contractId]);
        break;
      case 'FactRecorded':
        execute(`UPDATE ${schema}.contracts SET facts = facts + 1 WHERE contract_id = $1`, [
          (data as FactRecorded['data']).contractId,
        ]);
        break;
      case 'ActionPlanned': {
        const planned = data as ActionPlanned['data'];
        actions.create({
          action_id: planned.actionId,
          contract_id: planned.contractId,
          fiche_code: planned.ficheCode,
          status: 'planned',
          planned_years: planned.plannedYears.years,
          deliverables_planned: planned.plannedDeliverables.length,
          deliverables_produced: 0,
        });
        break;
      }
      case 'DeliverableProduced':
        actions.change(String(data.actionId), { add: { deliverables_produced: 1 } });
        break;
      default:
        actions.change(String(data.actionId), { set: { status: STATUS_OF_ACTION_EVENT[event.type] } });
    }
  }
  actions.flush(tx, [
    'action_id',
    'contract_id',
    'fiche_code',
    'status',
    'planned_years',
    'deliverables_planned',
    'deliverables_produced',
  ]);
}
