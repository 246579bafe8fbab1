import type { RecordedEvent } from '@cls/event-store';
import type { Projection, ProjectionTransaction } from '../projection.js';

const categoryOf = (stream: string) => stream.slice(0, Math.max(0, stream.indexOf('-')));

/**
 * The auditors' timeline: every event of the log with its metadata, and the
 * contract it belongs to (named by the event, or by the first event of its
 * stream: an action's start says only its action, its planning its contract),
 * for filters by contract, category, type, actor and business or record time.
 */
export const auditTimelineProjection: Projection = {
  name: 'audit_timeline',
  version: 1,
  handles: 'all',
  schemaSql: `
    CREATE TABLE {schema}.events (
      position bigint PRIMARY KEY,
      stream text NOT NULL,
      category text NOT NULL,
      revision integer NOT NULL,
      type text NOT NULL,
      contract_id text,
      actor_id text NOT NULL,
      actor_role text NOT NULL,
      command_id text,
      correlation_id text,
      causation_id text,
      occurred_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL,
      data jsonb NOT NULL,
      metadata jsonb NOT NULL
    );
    CREATE INDEX ON {schema}.events (contract_id, position);
    CREATE INDEX ON {schema}.events (actor_id, position);
    CREATE INDEX ON {schema}.events (type, position);
    CREATE INDEX ON {schema}.events (stream, revision);
    CREATE INDEX ON {schema}.events (correlation_id);
    CREATE INDEX ON {schema}.events (occurred_at);
    CREATE INDEX ON {schema}.events (recorded_at);
    CREATE TABLE {schema}.stream_contracts (stream text PRIMARY KEY, contract_id text NOT NULL);
  `,

  apply: (event, tx) => applyTimeline([event], tx),
  applyPage: applyTimeline,
};

const COLUMNS = [
  'position',
  'stream',
  'category',
  'revision',
  'type',
  'actor_id',
  'actor_role',
  'command_id',
  'correlation_id',
  'causation_id',
  'occurred_at',
  'recorded_at',
  'data',
  'metadata',
];

/**
 * A page in two statements: the streams that name their contract, then every
 * event, its contract named by the event or found through its stream.
 */
function applyTimeline(events: RecordedEvent[], tx: ProjectionTransaction): void {
  if (events.length === 0) return;
  const streams = new Map<string, string>();
  const rows = events.map((event) => {
    const named = (event.data as { contractId?: unknown }).contractId;
    const contractId =
      categoryOf(event.stream) === 'contract'
        ? event.stream.slice('contract-'.length)
        : typeof named === 'string'
          ? named
          : undefined;
    if (contractId && !streams.has(event.stream)) streams.set(event.stream, contractId);
    const { metadata } = event;
    return {
      position: event.position,
      stream: event.stream,
      category: categoryOf(event.stream),
      revision: event.revision,
      type: event.type,
      contract_id: contractId ?? null,
      actor_id: metadata.actor.id,
      actor_role: metadata.actor.role,
      command_id: metadata.commandId,
      correlation_id: metadata.correlationId,
      causation_id: metadata.causationId,
      occurred_at: metadata.occurredAt,
      recorded_at: metadata.recordedAt,
      data: event.data,
      metadata,
    };
  });
  if (streams.size > 0) {
    tx.execute(
      `INSERT INTO ${tx.schema}.stream_contracts (stream, contract_id)
       SELECT v.stream, v.contract_id FROM jsonb_populate_recordset(NULL::${tx.schema}.stream_contracts, $1::jsonb) AS v
       ON CONFLICT (stream) DO NOTHING`,
      [JSON.stringify([...streams].map(([stream, contract_id]) => ({ stream, contract_id })))],
    );
  }
  tx.execute(
    `INSERT INTO ${tx.schema}.events (${COLUMNS.join(', ')}, contract_id)
     SELECT ${COLUMNS.map((column) => `v.${column}`).join(', ')}, coalesce(v.contract_id, s.contract_id)
       FROM jsonb_populate_recordset(NULL::${tx.schema}.events, $1::jsonb) AS v
       LEFT JOIN ${tx.schema}.stream_contracts s ON s.stream = v.stream`,
    [JSON.stringify(rows)],
  );
}
