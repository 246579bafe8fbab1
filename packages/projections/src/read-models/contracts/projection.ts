import { ACTION_STATUS_EVENT_TYPES, actionStatusAfter } from '@cls/domain';
import { PageRows } from '../../page-rows.js';
import { defineProjection, type ProjectedEvent, type ProjectionTransaction } from '../../projection.js';

const HANDLES = [
  'ContractDrafted',
  'AxisDefined',
  'FicheActionDefined',
  'ContractSigned',
  'ContractClosed',
  'FactRecorded',
  'DeliverableProduced',
  ...ACTION_STATUS_EVENT_TYPES,
] as const;

/**
 * Contracts overview: each contract with its axes and fiches-actions, and what
 * its actions have become, for progress by axis and fiche.
 */
export const contractsProjection = defineProjection({
  name: 'contracts',
  version: 1,
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
});

/** Contracts, axes and fiches are written as they come; action rows are folded per page (PageRows). */
function applyContractEvents(events: ProjectedEvent<typeof HANDLES>[], tx: ProjectionTransaction): void {
  const { execute, schema } = tx;
  const actions = new PageRows(`${schema}.actions`, 'action_id');
  for (const event of events) {
    switch (event.type) {
      case 'ContractDrafted': {
        const drafted = event.data;
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
        const axis = event.data;
        execute(
          `INSERT INTO ${schema}.axes (contract_id, code, title, ordinal)
           VALUES ($1, $2, $3, (SELECT count(*) FROM ${schema}.axes WHERE contract_id = $1))`,
          [axis.contractId, axis.code, axis.title],
        );
        break;
      }
      case 'FicheActionDefined': {
        const fiche = event.data;
        execute(
          `INSERT INTO ${schema}.fiches (contract_id, code, axis_code, title, ordinal)
           VALUES ($1, $2, $3, $4, (SELECT count(*) FROM ${schema}.fiches WHERE contract_id = $1))`,
          [fiche.contractId, fiche.code, fiche.axisCode, fiche.title],
        );
        break;
      }
      case 'ContractSigned': {
        const signed = event.data;
        execute(
          `UPDATE ${schema}.contracts SET status = 'signed', signed_on = $2, signed_on_precision = $3 WHERE contract_id = $1`,
          [signed.contractId, signed.signedOn, signed.signedOnPrecision ?? 'day'],
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
        });
        break;
      }
      case 'DeliverableProduced':
        actions.change(event.data.actionId, { add: { deliverables_produced: 1 } });
        break;
      default:
        actions.change(event.data.actionId, { set: { status: actionStatusAfter(event).status } });
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
