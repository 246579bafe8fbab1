import { CONTRACT_NAMING_EVENT_TYPES } from '@cls/domain';
import { defineProjection, type ProjectedEvent, type ProjectionTransaction } from '../../projection.js';

/**
 * The contract each stream belongs to, for the audit: a contract's own stream,
 * and the actions, conventions, meetings, evaluations and offers whose events
 * name it. The audit's timeline searches the log itself and asks this map which
 * streams to search and whose each event is (a read model of every event would
 * double the cost of rebuilding the read models).
 */
export const auditStreamsProjection = defineProjection({
  name: 'audit_streams',
  version: 1,
  handles: CONTRACT_NAMING_EVENT_TYPES,
  schemaSql: `
    CREATE TABLE {schema}.streams (stream text PRIMARY KEY, contract_id text NOT NULL);
  `,
  queryIndexesSql: `
    CREATE INDEX ON {schema}.streams (contract_id);
  `,

  apply: (event, tx) => applyStreams([event], tx),
  applyPage: applyStreams,
});

/** One statement per page. The first event naming a contract decides (an offer linked to two contracts' actions stays with the first). */
function applyStreams(
  events: ProjectedEvent<typeof CONTRACT_NAMING_EVENT_TYPES>[],
  { execute, rows, schema }: ProjectionTransaction,
): void {
  const streams = new Map<string, string>();
  for (const event of events) {
    // A convention may belong to no contract.
    const { contractId } = event.data;
    if (contractId !== undefined && !streams.has(event.stream)) streams.set(event.stream, contractId);
  }
  if (streams.size === 0) return;
  execute(
    `INSERT INTO ${schema}.streams (stream, contract_id)
     SELECT v.stream, v.contract_id FROM $1 AS v
     ON CONFLICT (stream) DO NOTHING`,
    [
      rows(
        `${schema}.streams`,
        [...streams].map(([stream, contract_id]) => ({ stream, contract_id })),
      ),
    ],
  );
}
