import type { RecordedEvent } from '@cls/event-store';
import type { Pool } from '@cls/postgres';
import type { Projection, ProjectionTransaction } from '../projection.js';
import { liveSchema } from '../runner.js';

/**
 * The contract each stream belongs to, for the audit: a contract's own stream,
 * and the actions, conventions, meetings, evaluations and offers whose events
 * name it. The audit's timeline searches the log itself and asks this map which
 * streams to search and whose each event is (a read model of every event would
 * double the cost of rebuilding the read models).
 */
export const auditStreamsProjection: Projection = {
  name: 'audit_streams',
  version: 1,
  handles: [
    'ContractDrafted',
    'ActionPlanned',
    'ConventionDrafted',
    'MeetingScheduled',
    'EvaluationOpened',
    'OfferLinkedToAction',
  ],
  schemaSql: `
    CREATE TABLE {schema}.streams (stream text PRIMARY KEY, contract_id text NOT NULL);
    CREATE INDEX ON {schema}.streams (contract_id);
  `,

  apply: (event, tx) => applyStreams([event], tx),
  applyPage: applyStreams,
};

/** One statement per page. The first event naming a contract decides (an offer linked to two contracts' actions stays with the first). */
function applyStreams(events: RecordedEvent[], { execute, schema }: ProjectionTransaction): void {
  const streams = new Map<string, string>();
  for (const event of events) {
    const contractId = (event.data as { contractId?: unknown }).contractId;
    if (typeof contractId === 'string' && !streams.has(event.stream)) streams.set(event.stream, contractId);
  }
  if (streams.size === 0) return;
  execute(
    `INSERT INTO ${schema}.streams (stream, contract_id)
     SELECT v.stream, v.contract_id FROM jsonb_populate_recordset(NULL::${schema}.streams, $1::jsonb) AS v
     ON CONFLICT (stream) DO NOTHING`,
    [JSON.stringify([...streams].map(([stream, contract_id]) => ({ stream, contract_id })))],
  );
}

/** What the audit asks the audit_streams read model. */
export class AuditStreams {
  constructor(private readonly pool: Pool) {}

  private async table(): Promise<string> {
    const schema = await liveSchema(this.pool, auditStreamsProjection.name);
    if (!schema) throw new Error('la table des flux par contrat n’est pas encore construite');
    return `${schema}.streams`;
  }

  /** The streams of a contract, by name. */
  async ofContract(contractId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ stream: string }>(
      `SELECT stream FROM ${await this.table()} WHERE contract_id = $1 ORDER BY stream`,
      [contractId],
    );
    return rows.map((row) => row.stream);
  }

  /** The contract of each of these streams that has one. */
  async contractsOf(streams: string[]): Promise<Map<string, string>> {
    if (streams.length === 0) return new Map();
    const { rows } = await this.pool.query<{ stream: string; contract_id: string }>(
      `SELECT stream, contract_id FROM ${await this.table()} WHERE stream = ANY ($1::text[])`,
      [streams],
    );
    return new Map(rows.map((row) => [row.stream, row.contract_id]));
  }
}
