export { categoryOf } from './append-plan.js';
export { AppendSignal } from './append-signal.js';
export { canonicalJson } from './canonical-json.js';
export {
  EventStoreError,
  InvalidEventPayload,
  MAX_EVENT_BYTES,
  WrongExpectedRevision,
} from './errors.js';
export { eventHash, GENESIS_HASH, globalEventHash, type VerifyOptions, verifyEvents } from './hash-chain.js';
export { KurrentDBEventStore, type KurrentDBEventStoreOptions } from './kurrentdb/kurrentdb-event-store.js';
export { MemoryEventStore } from './memory/memory-event-store.js';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store.js';
export { eventStoreMigrations } from './postgres/schema.js';
export type * from './types.js';
export { type Upcaster, Upcasters } from './upcasting.js';
export { isUuid, uuidv7 } from './uuid.js';
