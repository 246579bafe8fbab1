import type { Pool } from '@cls/postgres';
import { LiveTables } from '../../live-tables.js';
import { auditStreamsProjection } from './projection.js';

/** What the audit asks the audit_streams read model. */
export class AuditStreams {
  private readonly tables: LiveTables;

  constructor(pool: Pool) {
    this.tables = new LiveTables(pool, auditStreamsProjection.name);
  }

  /** The streams of a contract, by name. */
  async ofContract(contractId: string): Promise<string[]> {
    const rows = await this.tables.query<{ stream: string }>(
      (schema) => `SELECT stream FROM ${schema}.streams WHERE contract_id = $1 ORDER BY stream`,
      [contractId],
    );
    return rows.map((row) => row.stream);
  }

  /** The contract of each of these streams that has one. */
  async contractsOf(streams: string[]): Promise<Map<string, string>> {
    if (streams.length === 0) return new Map();
    const rows = await this.tables.query<{ stream: string; contract_id: string }>(
      (schema) => `SELECT stream, contract_id FROM ${schema}.streams WHERE stream = ANY ($1::text[])`,
      [streams],
    );
    return new Map(rows.map((row) => [row.stream, row.contract_id]));
  }
}
