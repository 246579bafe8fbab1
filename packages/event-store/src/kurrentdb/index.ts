export { KurrentDBEventStore, type KurrentDBEventStoreOptions } from './kurrentdb-event-store.js';
