// The port and what every adapter shares, none of which does I/O beyond memory:
// importing it loads neither `pg` nor the KurrentDB client. The adapters are at
// `@cls/event-store/postgres` and `@cls/event-store/kurrentdb`.
export {
  type AppendOutcome,
  AppendPlanner,
  categoryOf,
  type PreparedAppend,
  type PreparedEvent,
  prepareAppend,
  type StreamHead,
} from './append-plan.js';
export { AppendSignal } from './append-signal.js';
export { canonicalJson } from './canonical-json.js';
export {
  EventStoreError,
  InvalidEventPayload,
  MAX_EVENT_BYTES,
  WrongExpectedRevision,
} from './errors.js';
export { canSearch } from './event-search.js';
export { eventHash, GENESIS_HASH, globalEventHash, type VerifyOptions, verifyEvents } from './hash-chain.js';
export { MemoryEventStore, type MemoryEventStoreOptions } from './memory/memory-event-store.js';
export type * from './types.js';
export { type Upcaster, Upcasters } from './upcasting.js';
export { isUuid, uuidv7 } from './uuid.js';
