import type { RecordedEvent } from '../types.js';

export const EVENT_COLUMNS = `position, id, stream, revision, type, version, data, actor_id, actor_role,
  command_id, correlation_id, causation_id, label, occurred_at, recorded_at, prev_hash, hash, global_hash`;

export interface EventRow {
  position: string;
  id: string;
  stream: string;
  revision: number;
  type: string;
  version: number;
  data: unknown;
  actor_id: string;
  actor_role: string;
  command_id: string | null;
  correlation_id: string | null;
  causation_id: string | null;
  label: string | null;
  occurred_at: Date;
  recorded_at: Date;
  prev_hash: string;
  hash: string;
  global_hash: string;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    stream: row.stream,
    revision: row.revision,
    position: Number(row.position),
    type: row.type,
    version: row.version,
    data: row.data,
    metadata: {
      actor: { id: row.actor_id, role: row.actor_role },
      commandId: row.command_id,
      correlationId: row.correlation_id,
      causationId: row.causation_id,
      ...(row.label === null ? {} : { label: row.label }),
      occurredAt: row.occurred_at.toISOString(),
      recordedAt: row.recorded_at.toISOString(),
      prevHash: row.prev_hash,
      hash: row.hash,
      globalHash: row.global_hash,
    },
  };
}
